"""Records of the fleet and of one poll of one router."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from pmiptui.model.bindings import Binding
from pmiptui.model.cadence import Cadence
from pmiptui.model.drift import Drift
from pmiptui.model.globals import LmaGlobals, MagGlobals
from pmiptui.model.stats import PmipStats
from pmiptui.model.tunnels import Tunnel
from pmiptui.model.version import DeviceVersion
from pmiptui.show_commands import POLL_KINDS

__all__ = ["POLL_KINDS", "CommandRun", "PollResult", "RouterInfo", "carry_forward"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RouterInfo:
    """A router of the inventory, without its credentials."""

    name: str
    host: str
    port: int = 22
    role: str
    """`mag` or `lma`."""
    pmipv6_id: str | None = None
    """Its MAG or LMA identifier (defaults to the name)."""
    domain: str | None = None
    group: str | None = None
    poll_interval_sec: float = 5.0
    cadence: Cadence = field(default_factory=Cadence)
    """How often each kind is fetched (config.yaml, overridden by the inventory entry)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandRun:
    """One command sent during a poll, for the router's log."""

    command: str
    started: float
    """Epoch seconds."""
    duration_ms: int
    result: str
    """`ok`, or a one-line error."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PollResult:
    """What one poll of one router brought back; failures are data, not exceptions."""

    router: str
    started: float
    finished: float
    error: str | None = None
    """One-line message when the poll failed (unreachable, auth, timeout, parse)."""
    error_title: str | None = None
    retry_at: float | None = None
    """When the poller will try this router again (epoch seconds) while it backs off after
    a failure; None when it will try at the next poll."""
    globals: MagGlobals | LmaGlobals | None = None
    bindings: Sequence[Binding] | None = None
    """A list, or a `BindingColumns` for large outputs (see `pmiptui.model.binding_columns`)."""
    binding_total: int | None = None
    """The router's binding count: the table's length, or the `Total` line alone."""
    stats: PmipStats | None = None
    tunnels: list[Tunnel] | None = None
    config: str | None = None
    """The PMIPv6 section of the running config."""
    version: DeviceVersion | None = None
    """The IOS XE release and platform (`show version`, read on connect)."""
    raw: dict[str, str] = field(default_factory=dict)
    """Raw output per kind (bindings raw text backs the binding detail view)."""
    fetched: dict[str, float] = field(default_factory=dict)
    """When each kind's data was fetched (epoch seconds); kinds not fetched are absent."""
    unparsed: int = 0
    """Lines the parsers did not understand, over all outputs of this poll."""
    drift: list[Drift] = field(default_factory=list)
    """What the parsers did not understand, per command with drift: the lines (capped,
    `DRIFT_KEPT`) and the warnings. Carried with its kind's data (`carry_forward`)."""
    commands: list[CommandRun] = field(default_factory=list)
    stale: str | None = None
    """Why this poll, read back from a shared store, is no longer current (no live poller
    polls the router any more); None for a poll that is."""
    again: bool = False
    """True when this is a poll the console was given before, read again from a store:
    only its staleness (and, when first asked for, its binding table) is new."""

    @property
    def ok(self) -> bool:
        """True when the poll brought data back without error."""
        return self.error is None

    @property
    def latency_ms(self) -> int:
        """Wall time of the poll."""
        return int((self.finished - self.started) * 1000)


def carry_forward(previous: PollResult | None, result: PollResult) -> PollResult:
    """`result`, with the kinds it did not fetch taken from `previous` (with their times).

    Polls fetch each kind at its own cadence; what the console shows is the newest value of
    every kind. A failed poll or one without a predecessor is returned as it is.
    """
    if previous is None or not result.ok:
        return result
    kept = {
        kind: getattr(previous, kind)
        for kind in POLL_KINDS
        if kind not in result.fetched and kind in previous.fetched
    }
    if not kept:
        return result
    return replace(
        result,
        **kept,
        raw={**previous.raw, **result.raw},
        fetched={**{k: previous.fetched[k] for k in kept}, **result.fetched},
        drift=_drift_forward(previous.drift, result.drift, kept),
    )


def _drift_forward(
    previous: Sequence[Drift], drift: Sequence[Drift], kept: Iterable[str]
) -> list[Drift]:
    """The drift of each kind from the poll whose data of that kind is shown: a kind's
    drift lasts until the kind is fetched again, and a clean fetch clears it."""
    carried = set(kept)
    merged = [d for d in drift if d.kind not in carried]
    merged += [d for d in previous if d.kind in carried]
    return sorted(merged, key=lambda d: POLL_KINDS.index(d.kind) if d.kind in POLL_KINDS else 99)
