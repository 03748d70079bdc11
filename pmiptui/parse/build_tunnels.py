"""TTP results of the two `tunnel` templates to Tunnel records, checked for truncation."""

from __future__ import annotations

from typing import Any

from pmiptui.errors import ParseError, TruncatedOutput
from pmiptui.model.tunnels import Tunnel
from pmiptui.parse.build_bindings import check_count
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import listed, to_bool, to_encap, to_int, to_ip

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
    summary = data.get("summary")
    total = summary.get("total") if isinstance(summary, dict) else None
    if total is None:
        raise TruncatedOutput(f"{kind}: the `Total {role} tunnels` header line is missing")
    announced = to_int(total, field=f"Total {role} tunnels") or 0
    blocks = listed(data.get("tunnels"))
    records: list[Tunnel] = []
    warnings: list[str] = []
    for block in blocks:
        name = block.get("name") or "?"
        if "uptime" not in block:
            raise TruncatedOutput(
                f"{kind}: tunnel {name} stops before its Uptime line; the output looks cut short"
            )
        missing = [label for key, label in _REQUIRED.items() if key not in block]
        if missing:
            warnings.append(f"tunnel {name}: no {', '.join(missing)} line")
        try:
            records.append(_tunnel({**block, "name": name}))
        except ParseError as error:
            raise ParseError(f"{kind}: tunnel {name}: {error.message}") from None
    check_count(kind, "tunnels", announced, len(blocks))
    return Built(records=records, warnings=warnings)


def build_mag(data: dict[str, Any]) -> Built:
    """MAG tunnels (one per LMA), in the router's order."""
    return _build(data, "mag-tunnel", "MAG")


def build_lma(data: dict[str, Any]) -> Built:
    """LMA tunnels (one per MAG), in the router's order."""
    return _build(data, "lma-tunnel", "LMA")
