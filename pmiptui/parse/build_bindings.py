"""TTP results of the two `binding` templates to Binding records, checked for truncation."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pmiptui.model.bindings import BINDING_STATES, Binding
from pmiptui.parse.counted_blocks import build_counted
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import to_encap, to_int, to_ip, to_prefix

_NO_ADDRESS = {"none", "0.0.0.0", "0x0"}
_peer_ip = lru_cache(maxsize=4096)(to_ip)
"""Peer addresses repeat across thousands of bindings: normalise each once."""
_REQUIRED = {"state": "State", "peer_id": "peer", "lifetime": "Lifetime", "tunnel": "Tunnel"}


def _binding(block: dict[str, Any]) -> Binding:
    hoa = block.get("hoa")
    hnps = block.get("hnps")
    return Binding(
        nai=block.get("nai") or "?",
        domain=block["domain"],
        state=block.get("state"),
        interface=block.get("interface"),
        ipv4_home_address=None if hoa is None or hoa.lower() in _NO_ADDRESS else to_ip(hoa),
        att=to_int(block.get("att"), field="att"),
        att_name=block.get("att_name"),
        llid=block.get("llid"),
        peer_id=block.get("peer_id"),
        peer_address=_peer_ip(block.get("peer_address"), field="peer Address"),
        network=block.get("network"),
        lifetime_sec=to_int(block.get("lifetime"), field="Lifetime"),
        remaining_sec=to_int(block.get("remaining"), field="Remaining"),
        sequence=to_int(block.get("sequence"), field="Sequence"),
        tunnel=block.get("tunnel"),
        encap=to_encap(block.get("encap")),
        gre_key_up=to_int(block.get("gre_key_up"), field="GRE uplink key"),
        gre_key_down=to_int(block.get("gre_key_down"), field="GRE downlink key"),
        uptime_sec=to_int(block.get("uptime"), field="Uptime"),
        ipv6_hnps=[to_prefix(prefix, field="HNP") or prefix for prefix in hnps.split()]
        if hnps
        else [],
    )


def _state_check(block: dict[str, Any], nai: str) -> list[str]:
    state = block.get("state")
    if state is not None and state not in BINDING_STATES:
        return [f"binding {nai}: unknown state {state}"]
    return []


def _build(data: dict[str, Any], kind: str, role: str) -> Built:
    return build_counted(
        data,
        kind=kind,
        header=f"Total {role} bindings",
        blocks_key="bindings",
        noun="binding",
        name_key="nai",
        required=_REQUIRED,
        convert=_binding,
        check=_state_check,
    )


def build_mag(data: dict[str, Any]) -> Built:
    """MAG bindings (its binding update list), in the router's order."""
    return _build(data, "mag-bindings", "MAG")


def build_lma(data: dict[str, Any]) -> Built:
    """LMA bindings (its binding cache), in the router's order."""
    return _build(data, "lma-bindings", "LMA")
