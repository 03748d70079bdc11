"""Records for `show ipv6 mobile pmipv6 {mag|lma} stats`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusCount:
    """How many PBAs carried one rejecting status code (RFC 5213 / 5844 / 5845 / 6275)."""

    code: int
    name: str
    """The RFC's status name, e.g. `NOT_LMA_FOR_THIS_MOBILE_NODE`."""
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PmipStats:
    """The PMIPv6 signalling counters of a MAG or an LMA (all instances of the router).

    On a MAG, PBA accepted/rejected count the PBAs it received; on an LMA, those it sent.
    None means the router did not print that counter.
    """

    bindings_current: int | None = None
    bindings_max: int | None = None
    """The highest number of bindings held at once since the counters started."""
    bindings_created: int | None = None
    bindings_deleted: int | None = None
    pbu_sent: int | None = None
    pbu_resent: int | None = None
    pbu_received: int | None = None
    pbu_dropped: int | None = None
    """PBUs received and discarded without a PBA (malformed, failed authentication)."""
    pba_sent: int | None = None
    pba_received: int | None = None
    pba_accepted: int | None = None
    pba_rejected: int | None = None
    bri_sent: int | None = None
    bri_received: int | None = None
    bra_sent: int | None = None
    bra_received: int | None = None
    heartbeat_requests_sent: int | None = None
    heartbeat_requests_received: int | None = None
    heartbeat_responses_sent: int | None = None
    heartbeat_responses_received: int | None = None
    heartbeat_failures: int | None = None
    """Times a peer missed the configured number of heartbeat responses."""
    counters_age_sec: int | None = None
    """Seconds since the counters started (instance start or the last clear)."""
    pba_rejected_by_status: list[StatusCount] = field(default_factory=list)
    """One entry per rejecting status code the router prints, ascending by code."""
