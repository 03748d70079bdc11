"""Records for `show ipv6 mobile pmipv6 {mag|lma} tunnel`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Tunnel:
    """One dynamic PMIPv6 tunnel between a MAG and an LMA."""

    name: str
    """The tunnel interface, e.g. `Tunnel0`."""
    peer_id: str | None = None
    """MAG: the LMA at the far end. LMA: the MAG at the far end."""
    up: bool | None = None
    source: str | None = None
    destination: str | None = None
    encap: str | None = None
    """Encapsulation as the config keyword: `gre-ipv4`, `ipv6-in-ipv6`, `udptunnel`."""
    vrf: str | None = None
    """None when the tunnel is in the global routing table."""
    mtu_bytes: int | None = None
    bindings: int | None = None
    """How many bindings the tunnel carries."""
    uptime_sec: int | None = None
