"""Records for `show ipv6 mobile pmipv6 {mag|lma} binding`."""

from __future__ import annotations

from dataclasses import dataclass, field

BINDING_STATES = ("BCE_PENDING", "BCE_ACTIVE", "BCE_REFRESH", "BCE_DELETE")
"""The states a binding can be in, in lifecycle order (see ttp_templates/FORMATS.md)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Binding:
    """One mobile node's binding: a MAG's binding update list entry or an LMA's cache entry."""

    nai: str
    """The mobile node identifier (NAI), e.g. `user1@example.com`."""
    domain: str
    state: str | None = None
    """`BCE_PENDING`, `BCE_ACTIVE`, `BCE_REFRESH` or `BCE_DELETE`."""
    interface: str | None = None
    """MAG: the access interface the MN is attached to. LMA: the interface facing the MAG."""
    ipv4_home_address: str | None = None
    """None for an IPv6-only mobile node."""
    att: int | None = None
    """Access technology type number (IANA, RFC 5213): 3 Ethernet, 4 WLAN, 8 E-UTRAN, ..."""
    att_name: str | None = None
    llid: str | None = None
    """The MN's link-layer identifier (MAC address, `aaaa.bbbb.cccc`)."""
    peer_id: str | None = None
    """MAG: the LMA serving the binding. LMA: the MAG the MN is attached to."""
    peer_address: str | None = None
    """The peer's transport address (the LMA address, or the MAG's proxy care-of address)."""
    network: str | None = None
    """LMA only: the LMA network whose pools the home address and prefixes came from."""
    lifetime_sec: int | None = None
    remaining_sec: int | None = None
    sequence: int | None = None
    """Sequence number of the last proxy binding update sent (MAG) or accepted (LMA)."""
    tunnel: str | None = None
    encap: str | None = None
    """Tunnel encapsulation as the config keyword: `ipv6-in-ipv6`, `gre-ipv4`, `udptunnel`."""
    gre_key_up: int | None = None
    """Uplink GRE key (MAG to LMA); None when the tunnel is not GRE."""
    gre_key_down: int | None = None
    """Downlink GRE key (LMA to MAG); None when the tunnel is not GRE."""
    uptime_sec: int | None = None
    ipv6_hnps: list[str] = field(default_factory=list)
    """Home network prefixes, in the router's order; empty for an IPv4-only mobile node."""
