"""`show ipv6 mobile pmipv6 {mag|lma} tunnel` text, exactly as FORMATS.md models it."""

from __future__ import annotations

from dataclasses import dataclass

from pmiptui.lab.render_bindings import ENCAP_LABELS


@dataclass(frozen=True, slots=True, kw_only=True)
class TunnelView:
    """One tunnel as a router reports it."""

    name: str
    peer: str
    source: str
    destination: str
    encap: str
    bindings: int
    uptime: int
    vrf: str | None = None
    mtu: int | None = None


def tunnels_text(side: str, tunnels: list[TunnelView]) -> str:
    """The whole output; `side` is `MAG` or `LMA`."""
    lines = [f"Total {side} tunnels : {len(tunnels)}"]
    for t in tunnels:
        lines += [
            "",
            f"Tunnel            : {t.name}",
            f"  Peer            : {t.peer}",
            "  State           : up",
            f"  Source          : {t.source}",
            f"  Destination     : {t.destination}",
            f"  Encapsulation   : {ENCAP_LABELS[t.encap]}",
        ]
        if t.vrf is not None:
            lines.append(f"  VRF             : {t.vrf}")
        if t.mtu is not None:
            lines.append(f"  MTU             : {t.mtu} (bytes)")
        lines += [f"  Bindings        : {t.bindings}", f"  Uptime          : {t.uptime} (sec)"]
    return "\n".join(lines) + "\n"
