"""The PMIPv6 signalling counters one lab MAG or LMA keeps (what `show … stats` prints)."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUS_NAMES: dict[int, str] = {
    128: "REASON_UNSPECIFIED",
    129: "ADMINISTRATIVELY_PROHIBITED",
    130: "INSUFFICIENT_RESOURCES",
    152: "PROXY_REG_NOT_ENABLED",
    153: "NOT_LMA_FOR_THIS_MOBILE_NODE",
    154: "MAG_NOT_AUTHORIZED_FOR_PROXY_REG",
    155: "NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX",
    156: "TIMESTAMP_MISMATCH",
    157: "TIMESTAMP_LOWER_THAN_PREV_ACCEPTED",
    158: "MISSING_HOME_NETWORK_PREFIX_OPTION",
    159: "BCE_PBU_PREFIX_SET_DO_NOT_MATCH",
    160: "MISSING_MN_IDENTIFIER_OPTION",
    161: "MISSING_HANDOFF_INDICATOR_OPTION",
    162: "MISSING_ACCESS_TECH_TYPE_OPTION",
    163: "GRE_KEY_OPTION_REQUIRED",
    170: "NOT_AUTHORIZED_FOR_IPV4_MOBILITY_SERVICE",
    171: "NOT_AUTHORIZED_FOR_IPV4_HOME_ADDRESS",
    172: "NOT_AUTHORIZED_FOR_IPV6_MOBILITY_SERVICE",
    173: "MULTIPLE_IPV4_HOME_ADDRESS_ASSIGNMENT_NOT_SUPPORTED",
}
"""PBA status codes (RFC 6275 / 5213 / 5845 / 5844) in the order `stats` prints them."""


@dataclass(slots=True)
class Counters:
    """Counters of one MAG or LMA function; they only grow until `clear`."""

    since: int
    """Lab tick the counters started from (instance start or the last clear)."""
    bindings_max: int = 0
    bindings_created: int = 0
    bindings_deleted: int = 0
    pbu_sent: int = 0
    pbu_resent: int = 0
    pbu_received: int = 0
    pbu_dropped: int = 0
    pba_sent: int = 0
    pba_received: int = 0
    pba_accepted: int = 0
    bri_sent: int = 0
    bri_received: int = 0
    bra_sent: int = 0
    bra_received: int = 0
    hb_requests_sent: int = 0
    hb_requests_received: int = 0
    hb_responses_sent: int = 0
    hb_responses_received: int = 0
    hb_failures: int = 0
    status: dict[int, int] = field(default_factory=lambda: dict.fromkeys(STATUS_NAMES, 0))
    """PBAs per rejecting status code."""

    @property
    def pba_rejected(self) -> int:
        """Sum of the rejecting status counts."""
        return sum(self.status.values())

    def reject(self, code: int) -> None:
        """Count one PBA carrying a rejecting status."""
        self.status[code] = self.status.get(code, 0) + 1
