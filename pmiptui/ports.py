"""The interfaces the console depends on; real ones talk SSH, test ones are fakes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from pmiptui.model.change import ApplyOutcome, ApplyProgress
from pmiptui.model.poll import PollResult, RouterInfo

if TYPE_CHECKING:
    from pmiptui.configgen.plan import PlanLine


class Poller(Protocol):
    """Fetches and parses PMIPv6 state. Blocking: call it from a worker thread only."""

    def routers(self) -> list[RouterInfo]:
        """The routers of the fleet, in inventory order."""
        ...

    def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
        """One poll of one router; never raises for router trouble (it is in the result)."""
        ...

    def close(self) -> None:
        """Close every session."""
        ...


@runtime_checkable
class RecordingPollerState(Protocol):
    """A Poller that also records its polls (`history.recording.RecordingPoller`)."""

    @property
    def last_error(self) -> str | None:
        """Why history is not recording now, or None while it is; a plain attribute
        read (no IO), which the poll worker makes after each poll."""
        ...


class Configurator(Protocol):
    """Reads and changes routers' configuration. Blocking: call it from a worker thread only."""

    def running_config(self, router: str) -> str:
        """The router's `show running-config`, normalised, key material masked."""
        ...

    def apply(
        self,
        router: str,
        procedure_id: str,
        lines: Sequence[PlanLine],
        *,
        ticket: str | None = None,
        on_line: Callable[[ApplyProgress], None] | None = None,
    ) -> ApplyOutcome:
        """Apply `lines` all-or-nothing, verify and audit; failures after connecting are data.

        Raises a PmipError only when nothing was changed (cannot connect, no snapshot).
        """
        ...

    def save(self, router: str) -> str:
        """`write memory`; the router's answer (PmipError when it did not say `[OK]`)."""
        ...


class RecordedPoll(Protocol):
    """One recorded poll of a router: when, whether it worked, and its fleet-row figures."""

    router: str
    at: float
    ok: bool
    error: str | None
    latency_ms: int | None
    summary: Mapping[str, Any]


class RecordedTunnel(Protocol):
    """One tunnel of a recorded poll: its far end, whether it was up, the bindings it carried."""

    @property
    def peer_id(self) -> str | None:
        """The MAG or LMA identifier at the far end."""
        ...

    @property
    def up(self) -> bool | None:
        """Up, down, or None when the router did not say."""
        ...

    @property
    def bindings(self) -> int | None:
        """How many bindings the tunnel carried."""
        ...


class HistoryReader(Protocol):
    """Recorded polls, read back for replay. Blocking: call it from a worker thread only."""

    def times(self, router: str | None = None) -> tuple[float, float] | None:
        """First and last recorded poll of `router` (of any router when None), or None."""
        ...

    def neighbour(self, at: float, *, forward: bool) -> float | None:
        """The recorded poll time (any router) just after (or before) `at`, or None."""
        ...

    def fleet_at(self, at: float) -> Mapping[str, RecordedPoll]:
        """Each router's last recorded poll at or before `at`."""
        ...

    def tunnels_at(self, at: float) -> Mapping[str, Sequence[RecordedTunnel]]:
        """Each router's tunnels from its last poll at or before `at` that brought them back.

        A router is absent when no such poll is recorded (its tunnels are unknown).
        """
        ...

    def bindings_at(self, router: str, at: float) -> list[dict[str, Any]] | None:
        """The router's bindings (as dicts of Binding fields) at `at`, or None before any."""
        ...

    def polls_between(
        self, router: str | None, since: float, until: float
    ) -> Sequence[RecordedPoll]:
        """The recorded polls of `router` (every router when None) in a time range, oldest
        first; the trends are drawn from their summaries."""
        ...
