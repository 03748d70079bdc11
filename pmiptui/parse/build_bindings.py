"""TTP results of the two `binding` templates to Binding records, checked for truncation.

The same templates also read `... binding | include ^Total`: the header line alone, whose
count the `*-binding-total` kinds return without building a single Binding.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pmiptui.model.bindings import BINDING_STATES, Binding
from pmiptui.parse.counted_blocks import announced_total, build_counted
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import to_encap, to_int, to_ip, to_prefix

_NO_ADDRESS = {"none", "0.0.0.0", "0x0"}


@lru_cache(maxsize=4096)
def _peer_ip(text: str | None, field: str) -> str | None:
    """Peer addresses repeat across thousands of bindings: normalise each once."""
    return to_ip(text, field=field)


_encap = lru_cache(maxsize=256)(to_encap)
"""A handful of encapsulation labels, printed once per binding."""
_REQUIRED = {"state": "State", "peer_id": "peer", "lifetime": "Lifetime", "tunnel": "Tunnel"}


def _int(value: Any, field: str) -> int | None:
    """`to_int`, with the common case (digits) first: bindings have seven numbers each."""
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return to_int(value, field=field)


def _binding(block: dict[str, Any]) -> Binding:
    get = block.get
    hoa = get("hoa")
    hnps = get("hnps")
    encap = get("encap")
    return Binding(
        nai=get("nai") or "?",
        domain=block["domain"],
        state=get("state"),
        interface=get("interface"),
        ipv4_home_address=None if hoa is None or hoa.lower() in _NO_ADDRESS else to_ip(hoa),
        att=_int(get("att"), "att"),
        att_name=get("att_name"),
        llid=get("llid"),
        peer_id=get("peer_id"),
        peer_address=_peer_ip(get("peer_address"), "peer Address"),
        network=get("network"),
        lifetime_sec=_int(get("lifetime"), "Lifetime"),
        remaining_sec=_int(get("remaining"), "Remaining"),
        sequence=_int(get("sequence"), "Sequence"),
        tunnel=get("tunnel"),
        encap=None if encap is None else _encap(encap),
        gre_key_up=_int(get("gre_key_up"), "GRE uplink key"),
        gre_key_down=_int(get("gre_key_down"), "GRE downlink key"),
        uptime_sec=_int(get("uptime"), "Uptime"),
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


def _total(data: dict[str, Any], kind: str, role: str) -> Built:
    """The count the header announces; any blocks (full output fed in) are not looked at."""
    return Built(records=[announced_total(data, kind, f"Total {role} bindings")], warnings=[])


def build_mag_total(data: dict[str, Any]) -> Built:
    """The MAG's binding count, from `show ipv6 mobile pmipv6 mag binding | include ^Total`."""
    return _total(data, "mag-binding-total", "MAG")


def build_lma_total(data: dict[str, Any]) -> Built:
    """The LMA's binding count, from `show ipv6 mobile pmipv6 lma binding | include ^Total`."""
    return _total(data, "lma-binding-total", "LMA")
