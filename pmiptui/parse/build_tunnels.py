"""TTP results of the two `tunnel` templates to Tunnel records, checked for truncation."""

from __future__ import annotations

from typing import Any

from pmiptui.model.tunnels import Tunnel
from pmiptui.parse.counted_blocks import build_counted
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import to_bool, to_encap, to_int, to_ip

_REQUIRED = {"peer_id": "Peer", "state": "State", "encap": "Encapsulation", "bindings": "Bindings"}


def _tunnel(block: dict[str, Any]) -> Tunnel:
    return Tunnel(
        name=block["name"],
        peer_id=block.get("peer_id"),
        up=to_bool(block.get("state"), field="State"),
        source=to_ip(block.get("source"), field="Source"),
        destination=to_ip(block.get("destination"), field="Destination"),
        encap=to_encap(block.get("encap")),
        vrf=block.get("vrf"),
        mtu_bytes=to_int(block.get("mtu"), field="MTU"),
        bindings=to_int(block.get("bindings"), field="Bindings"),
        uptime_sec=to_int(block.get("uptime"), field="Uptime"),
    )


def _build(data: dict[str, Any], kind: str, role: str) -> Built:
    return build_counted(
        data,
        kind=kind,
        header=f"Total {role} tunnels",
        blocks_key="tunnels",
        noun="tunnel",
        name_key="name",
        required=_REQUIRED,
        convert=_tunnel,
    )


def build_mag(data: dict[str, Any]) -> Built:
    """MAG tunnels (one per LMA), in the router's order."""
    return _build(data, "mag-tunnel", "MAG")


def build_lma(data: dict[str, Any]) -> Built:
    """LMA tunnels (one per MAG), in the router's order."""
    return _build(data, "lma-tunnel", "LMA")
