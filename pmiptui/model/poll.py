"""Records of the fleet and of one poll of one router."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pmiptui.model.bindings import Binding
from pmiptui.model.globals import LmaGlobals, MagGlobals
from pmiptui.model.stats import PmipStats
from pmiptui.model.tunnels import Tunnel

POLL_KINDS = ("globals", "bindings", "stats", "tunnels", "config")
"""What a poll can fetch, one show command each."""


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
    globals: MagGlobals | LmaGlobals | None = None
    bindings: Sequence[Binding] | None = None
    """A list, or a `BindingColumns` for large outputs (see `pmiptui.model.binding_columns`)."""
    stats: PmipStats | None = None
    tunnels: list[Tunnel] | None = None
    config: str | None = None
    """The PMIPv6 section of the running config."""
    raw: dict[str, str] = field(default_factory=dict)
    """Raw output per kind (bindings raw text backs the binding detail view)."""
    unparsed: int = 0
    """Lines the parsers did not understand, over all outputs of this poll."""
    commands: list[CommandRun] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the poll brought data back without error."""
        return self.error is None

    @property
    def latency_ms(self) -> int:
        """Wall time of the poll."""
        return int((self.finished - self.started) * 1000)
