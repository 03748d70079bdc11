"""A Poller that records every result in the history database, then passes it on."""

from __future__ import annotations

from collections.abc import Iterable

from pmiptui.history.store import History
from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ports import Poller


def summary_of(result: PollResult) -> dict[str, object]:
    """The fleet-row and map figures of one poll, small enough to keep for every poll."""
    stats = result.stats
    globals_ = result.globals
    return {
        "domain": getattr(globals_, "domain", None),
        "bindings": len(result.bindings) if result.bindings is not None else None,
        "max_bindings": getattr(globals_, "max_bindings", None),
        "tunnels_up": sum(1 for t in result.tunnels or [] if t.up),
        "pba_accepted": getattr(stats, "pba_accepted", None),
        "pba_rejected": getattr(stats, "pba_rejected", None),
        "unparsed": result.unparsed,
    }


class RecordingPoller:
    """Wraps a Poller; each poll's parsed result goes to the history as a side effect."""

    def __init__(self, inner: Poller, history: History) -> None:
        self._inner = inner
        self._history = history

    @property
    def last_error(self) -> str | None:
        """Why the last recording failed, if one did (the live view goes on regardless)."""
        return self._history.last_error

    def routers(self) -> list[RouterInfo]:
        """The inner poller's routers."""
        return self._inner.routers()

    def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
        """Poll through the inner poller and queue the result for recording (never fails)."""
        result = self._inner.poll(router, kinds)
        try:
            self._history.record(
                router,
                at=result.finished,
                ok=result.ok,
                error=result.error,
                latency_ms=result.latency_ms,
                summary=summary_of(result),
                bindings=result.bindings,
                tunnels=result.tunnels,
            )
        except Exception as error:  # history is best effort; the live view goes on
            self._history.last_error = f"history not recorded: {error}"
        return result

    def close(self) -> None:
        """Close the inner poller and the history."""
        self._inner.close()
        self._history.close()
