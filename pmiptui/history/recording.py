"""A Poller that records every result in the history database, then passes it on."""

from __future__ import annotations

from collections.abc import Iterable

from pmiptui.history.results import result_text
from pmiptui.history.store import History
from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ports import Poller


def summary_of(result: PollResult, previous: dict[str, object] | None = None) -> dict[str, object]:
    """The fleet-row and map figures of one poll, small enough to keep for every poll.

    A figure whose command did not run in this poll (its cadence was not due) is taken
    from `previous`, the router's last summary, so every recorded poll has them all.
    """
    stats = result.stats
    globals_ = result.globals
    tunnels = result.tunnels
    fresh: dict[str, object] = {
        "domain": getattr(globals_, "domain", None),
        "bindings": result.binding_total,
        "max_bindings": getattr(globals_, "max_bindings", None),
        "tunnels_up": None if tunnels is None else sum(1 for t in tunnels if t.up),
        "tunnels": None if tunnels is None else len(tunnels),
        "pba_accepted": getattr(stats, "pba_accepted", None),
        "pba_rejected": getattr(stats, "pba_rejected", None),
    }
    if previous:
        fresh = {k: previous.get(k) if v is None else v for k, v in fresh.items()}
    return {**fresh, "unparsed": result.unparsed}


class RecordingPoller:
    """Wraps a Poller; each poll's parsed result goes to the history as a side effect."""

    def __init__(self, inner: Poller, history: History, *, poller_id: str | None = None) -> None:
        self._inner = inner
        self._history = history
        self._poller_id = poller_id
        """The headless poller recording (its heartbeat's id), or None for a console."""
        self._summaries: dict[str, dict[str, object]] = {}
        """Per router: the last recorded summary (a poll thread touches only its router's)."""

    @property
    def last_error(self) -> str | None:
        """Why history is not recording now, or None while it is (see `History.last_error`);
        the live view goes on regardless. A plain attribute read: no IO, no lock."""
        return self._history.last_error

    def routers(self) -> list[RouterInfo]:
        """The inner poller's routers."""
        return self._inner.routers()

    def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
        """Poll through the inner poller and queue the result for recording (never fails)."""
        result = self._inner.poll(router, kinds)
        summary = summary_of(result, self._summaries.get(router))
        if result.ok:
            self._summaries[router] = summary
        try:
            self._history.record(
                router,
                at=result.finished,
                ok=result.ok,
                error=result.error,
                latency_ms=result.latency_ms,
                summary=summary,
                bindings=result.bindings,
                tunnels=result.tunnels,
                result=result_text(result),
                poller=self._poller_id,
            )
        except Exception as error:  # history is best effort; the live view goes on
            self._history.note_failure(f"not queued: {error}")
        return result

    def close(self) -> None:
        """Close the inner poller and the history."""
        self._inner.close()
        self._history.close()
