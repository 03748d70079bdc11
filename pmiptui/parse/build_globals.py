"""TTP results of the two `globals` templates to MagGlobals / LmaGlobals records."""

from __future__ import annotations

from typing import Any

from pmiptui.errors import TruncatedOutput
from pmiptui.model.globals import LmaGlobals, LmaNetwork, MagGlobals, PeerGlobals
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import (
    listed,
    split_list,
    to_bool,
    to_duration,
    to_encap,
    to_int,
    words_to_ipv6,
)

_DURATIONS = {
    "registration_lifetime": "sec",
    "delete_time": "msec",
    "create_time": "msec",
    "bri_init_delay": "msec",
    "bri_max_delay": "msec",
    "refresh_time": "sec",
    "refresh_retx_init": "msec",
    "refresh_retx_max": "msec",
}
_LAST_SETTING = "validity_window"


def settings(raw: dict[str, Any]) -> dict[str, Any]:
    """The binding settings of one block, typed and named with their units."""
    out: dict[str, Any] = {
        "max_hnps": to_int(raw.get("max_hnps"), field="Max. HNPs"),
        "max_bindings": to_int(raw.get("max_bindings"), field="Max Bindings"),
        "auth_option": to_bool(raw.get("auth_option"), field="AuthOption"),
        "bri_max_retries": to_int(raw.get("bri_max_retries"), field="BRI MaxRetries"),
        "bri_encap_type": to_encap(raw.get("bri_encap_type")),
        "fixed_link_address_enabled": to_bool(raw.get("fixed_link_address_enabled")),
        "fixed_link_address": raw.get("fixed_link_address"),
        "fixed_link_local_address_enabled": to_bool(raw.get("fixed_link_local_address_enabled")),
        "fixed_link_local_address": words_to_ipv6(raw.get("fixed_link_local_address")),
        "timestamp_option": to_bool(raw.get("timestamp_option"), field="Timestamp option"),
        "validity_window": to_int(raw.get("validity_window"), field="Validity Window"),
    }
    for name, unit in _DURATIONS.items():
        out[f"{name}_{unit}"] = to_duration(
            raw.get(name), raw.get(f"{name}_unit"), want=unit, field=name
        )
    return out


def _peers(raw: dict[str, Any], owner: str, warnings: list[str]) -> list[PeerGlobals]:
    peers = []
    for block in listed(raw.get("peers")):
        incomplete = _LAST_SETTING not in block
        if incomplete:
            warnings.append(
                f"peer {block['name']} of {owner}: the block stops before its last setting; "
                "the output looks cut short"
            )
        peers.append(PeerGlobals(name=block["name"], incomplete=incomplete, **settings(block)))
    return peers


def _require(block: dict[str, Any], key: str, label: str, kind: str) -> str:
    value = block.get(key)
    if value is None:
        raise TruncatedOutput(f"{kind}: domain {block.get('domain')} has no {label} line")
    return str(value)


def _warn_instance(block: dict[str, Any], owner: str, warnings: list[str]) -> None:
    if _LAST_SETTING not in block and not block.get("peers"):
        warnings.append(f"{owner}: its settings stop early; the output looks cut short")


def build_mag(data: dict[str, Any]) -> Built:
    """MAG globals: one record per MAG instance, peers (LMAs) in order."""
    records: list[Any] = []
    warnings: list[str] = []
    for block in listed(data.get("instances")):
        mag_id = _require(block, "mag_id", "Mag Identifier", "mag-globals")
        _warn_instance(block, f"MAG {mag_id}", warnings)
        records.append(
            MagGlobals(
                domain=block["domain"],
                mag_id=mag_id,
                mn_detach_discover=to_bool(block.get("mn_detach_discover")),
                local_routing=to_bool(block.get("local_routing")),
                interfaces=split_list(block.get("interfaces")),
                peers=_peers(block, f"MAG {mag_id}", warnings),
                **settings(block),
            )
        )
    return Built(records=records, warnings=warnings)


def _network(block: dict[str, Any]) -> LmaNetwork:
    v4, v6 = block.get("ipv4") or {}, block.get("ipv6") or {}
    return LmaNetwork(
        name=block["name"],
        ipv4_pool=v4.get("pool"),
        ipv4_prefix_length=to_int(v4.get("prefix_length")),
        ipv6_pool=v6.get("pool"),
        ipv6_prefix_length=to_int(v6.get("prefix_length")),
    )


def build_lma(data: dict[str, Any]) -> Built:
    """LMA globals: one record per LMA instance, with its networks and peers (MAGs)."""
    records: list[Any] = []
    warnings: list[str] = []
    for block in listed(data.get("instances")):
        lma_id = _require(block, "lma_id", "LMA Identifier", "lma-globals")
        _warn_instance(block, f"LMA {lma_id}", warnings)
        records.append(
            LmaGlobals(
                domain=block["domain"],
                lma_id=lma_id,
                aaa_accounting=to_bool(block.get("aaa_accounting")),
                default_mn_profile=block.get("default_mn_profile"),
                networks=[_network(n) for n in listed(block.get("networks"))],
                peers=_peers(block, f"LMA {lma_id}", warnings),
                **settings(block),
            )
        )
    return Built(records=records, warnings=warnings)
