"""TTP result of the running-config template to one PmipConfig record.

The template has already checked each value's shape (numbers, addresses, keywords), so typing
here does not fail; an address that has the shape but not the value (`300.1.1.1`) is kept as
printed, with a warning.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from pmiptui.model.config import (
    AuthOption,
    DiscoverMnDetach,
    Domain,
    DomainLma,
    DomainMag,
    Heartbeat,
    HybridAccessProfile,
    LmaInstance,
    LmaMagPeer,
    LmaNetwork,
    LmaRole,
    MagInstance,
    MagLmaPeer,
    MllCustomer,
    MllTransport,
    MobileMap,
    MobileNetworkPool,
    Nai,
    PmipConfig,
    RatPriority,
    ReplayProtection,
    RoamingInterface,
)
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import listed
from pmiptui.redact import Secret

Block = dict[str, Any]
_INTERFACE_GAP = re.compile(r"^([A-Za-z][A-Za-z-]*)\s+(?=\d)")


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _ints(block: Block, *names: str) -> dict[str, Any]:
    """Numeric settings whose template variable is named like the record field."""
    return {name: _int(block.get(name)) for name in names}


def _flags(block: Block, *names: str) -> dict[str, Any]:
    """Present/absent commands (`set(True)` in the template) as bools."""
    return {name: bool(block.get(name)) for name in names}


def _texts(block: Block, *names: str) -> dict[str, Any]:
    """Word values kept as printed (names, labels, keywords)."""
    return {name: block.get(name) for name in names}


def _words(value: Any, sep: str = " ") -> list[str]:
    """A TTP joinmatches result back to a list."""
    if value is None:
        return []
    return [item for item in str(value).split(sep) if item]


class _Reader:
    """Typed values out of TTP blocks, collecting warnings about values kept as printed."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def address(self, text: Any, where: str) -> str | None:
        """An IPv4 or IPv6 address in its canonical text form (IPv6 compressed, lower case)."""
        if text is None:
            return None
        try:
            return str(ipaddress.ip_address(str(text)))
        except ValueError:
            self.warnings.append(f"{where}: {text} is not a valid address; kept as printed")
            return str(text)

    def addresses(self, text: Any, where: str) -> list[str]:
        return [str(self.address(word, where)) for word in _words(text)]


def _mac(text: Any) -> str | None:
    """A MAC address in IOS's dotted lower-case form (`02c7.f800.0422`)."""
    if text is None:
        return None
    digits = re.sub(r"[^0-9a-fA-F]", "", str(text)).lower()
    return ".".join(digits[i : i + 4] for i in range(0, 12, 4))


def _interface(text: str) -> str:
    """`Ethernet 0/2` and `Ethernet0/2` both as `Ethernet0/2`, the form running-config prints."""
    return _INTERFACE_GAP.sub(r"\1", text.strip())


def _interfaces(value: Any) -> list[str]:
    return [_interface(name) for name in _words(value, ",")]


def _auth(block: Block) -> AuthOption | None:
    if "key_type" not in block:
        return None
    decimal = block.get("spi_decimal")
    return AuthOption(
        spi=int(decimal) if decimal is not None else int(block["spi"], 16),
        spi_form="decimal" if decimal is not None else "hex",
        key_type=block["key_type"],
        key=Secret(block.get("key", "")),
    )


def _replay(block: Block) -> ReplayProtection | None:
    if "replay_window" in block:
        return ReplayProtection(window_sec=int(block["replay_window"]))
    return ReplayProtection() if block.get("replay_protection") else None


def _heartbeat(block: Block) -> Heartbeat | None:
    if "heartbeat_interval" not in block and not block.get("heartbeat"):
        return None
    return Heartbeat(
        interval=_int(block.get("heartbeat_interval")),
        retries=_int(block.get("heartbeat_retries")),
        label=block.get("heartbeat_label"),
        natreboot=bool(block.get("heartbeat_natreboot")),
    )


def _flag(block: Block, name: str) -> bool:
    return bool(block.get(name))


def _domain(block: Block, load_aaa: bool, read: _Reader) -> Domain:
    name = block["name"]

    def peers(kind: type[DomainLma] | type[DomainMag], key: str) -> list[Any]:
        return [
            kind(
                id=peer["id"],
                ipv4_addresses=read.addresses(peer.get("ipv4_addresses"), f"domain {name} {key}"),
                ipv6_addresses=read.addresses(peer.get("ipv6_addresses"), f"domain {name} {key}"),
            )
            for peer in listed(block.get(key))
        ]

    return Domain(
        name=name,
        load_aaa=load_aaa,
        encap=block.get("encap"),
        auth_option=_auth(block),
        replay_protection=_replay(block),
        local_routing_mag=_flag(block, "local_routing_mag"),
        mn_profile_load_aaa=_flag(block, "mn_profile_load_aaa"),
        fixed_link_local_address=read.address(block.get("fixed_link_local_address"), name),
        fixed_link_layer_address=_mac(block.get("fixed_link_layer_address")),
        lmas=peers(DomainLma, "lmas"),
        mags=peers(DomainMag, "mags"),
        nais=[_nai(nai) for nai in listed(block.get("nais"))],
        mobile_maps=[_mobile_map(entry) for entry in listed(block.get("mobile_maps"))],
    )


def _nai(block: Block) -> Nai:
    return Nai(
        nai=block["nai"],
        lma=block.get("lma"),
        service=block.get("service"),
        int_att=block.get("int_att"),
        l2_addr=_mac(block.get("l2_addr")),
        gre_encap_key=_int(block.get("gre_encap_key")),
        gre_encap_key_up=_int(block.get("gre_encap_key_up")),
        gre_encap_key_down=_int(block.get("gre_encap_key_down")),
        apn=block.get("apn"),
        network=block.get("network"),
    )


def _mobile_map(block: Block) -> MobileMap:
    links = _words(block.get("link_types"))
    null = bool(links) and links[-1] == "null"
    return MobileMap(
        name=block["name"],
        sequence=int(block["sequence"]),
        match_access_list=block.get("match_access_list"),
        link_types=links[:-1] if null else links,
        link_null=null,
        traffic_profile=block.get("traffic_profile"),
    )


def _mag(block: Block, read: _Reader) -> MagInstance:
    where = f"MAG {block['mag_id']}"
    dynamic = block.get("address_dynamic") or {}
    hybrid = block.get("hybrid_access") or {}
    detach = None
    if "dmd_interval" in block:
        detach = DiscoverMnDetach(
            interval_sec=int(block["dmd_interval"]),
            timeout_sec=int(block["dmd_timeout"]),
            retries=int(block["dmd_retries"]),
        )
    return MagInstance(
        mag_id=block["mag_id"],
        domain=block["domain"],
        ipv4_address=read.address(block.get("ipv4_address"), where),
        ipv6_address=read.address(block.get("ipv6_address"), where),
        discover_mn_detach=detach,
        replay_protection=_replay(block),
        address_dynamic=_flag(dynamic, "enabled"),
        heartbeat=_heartbeat(block),
        hybrid_access=_flag(hybrid, "enabled"),
        **_texts(block, "role", "apn", "mobile_map"),
        **_flags(block, "sessionmgr", "generate_grekey", "local_routing_mag", "multipath"),
        **_ints(
            block,
            "binding_maximum",
            "binding_lifetime_sec",
            "binding_refresh_time_sec",
            "binding_init_retx_time_msec",
            "binding_max_retx_time_msec",
            "bri_delay_min_msec",
            "bri_delay_max_msec",
            "bri_retry",
            "bce_maximum",
            "tunnel_mtu",
        ),
        interfaces=_interfaces(block.get("interfaces")),
        roaming_interfaces=[
            RoamingInterface(
                interface=_interface(entry["interface"]),
                priority=_int(entry.get("priority")),
                egress_att=entry.get("egress_att"),
                label=entry.get("label"),
            )
            for entry in listed(dynamic.get("roaming"))
        ],
        lmas=[
            MagLmaPeer(
                id=peer["id"],
                domain=peer["domain"],
                auth_option=_auth(peer),
                vrfid=peer.get("vrfid"),
                encap=peer.get("encap"),
                ipv4_addresses=read.addresses(peer.get("ipv4_addresses"), f"{where} lma"),
                ipv6_addresses=read.addresses(peer.get("ipv6_addresses"), f"{where} lma"),
            )
            for peer in listed(block.get("lmas"))
        ],
        hybrid_access_profiles=[
            HybridAccessProfile(
                name=profile["name"],
                jitter=_int(profile.get("jitter")),
                rtt=_int(profile.get("rtt")),
                packet_loss=_int(profile.get("packet_loss")),
            )
            for profile in listed(hybrid.get("profiles"))
        ],
    )


def _network(block: Block, where: str, read: _Reader) -> LmaNetwork:
    pools = [
        MobileNetworkPool(
            family="ipv4" if "ipv4" in pool else "ipv6",
            address=str(read.address(pool.get("ipv4", pool.get("ipv6")), where)),
            pool_prefix=int(pool["pool_prefix"]),
            network_prefix=int(pool["network_prefix"]),
        )
        for pool in listed(block.get("mobile_network_pools"))
    ]
    return LmaNetwork(
        name=block["name"],
        ipv4_pool=block.get("ipv4_pool"),
        ipv4_prefix_length=_int(block.get("ipv4_prefix_length")),
        ipv6_pool=block.get("ipv6_pool"),
        ipv6_prefix_length=_int(block.get("ipv6_prefix_length")),
        mobile_network_pools=pools,
    )


def _customer(block: Block, where: str, read: _Reader) -> MllCustomer:
    transport = block.get("transport")
    return MllCustomer(
        name=block["name"],
        vrf=block["vrf"],
        auth_option=_auth(block),
        heartbeat=_heartbeat(block),
        network_unauthorized=_flag(block, "network_unauthorized"),
        transport=None
        if transport is None
        else MllTransport(
            vrf=transport.get("vrf"),
            ipv6_address=read.address(transport.get("ipv6_address"), where),
        ),
    )


def _lma(block: Block, read: _Reader) -> LmaInstance:
    where = f"LMA {block['lma_id']}"
    role = block.get("role")
    mll = block.get("mobile_local_loop") or {}
    return LmaInstance(
        lma_id=block["lma_id"],
        domain=block["domain"],
        ipv4_address=read.address(block.get("ipv4_address"), where),
        ipv6_address=read.address(block.get("ipv6_address"), where),
        replay_protection=_replay(block),
        heartbeat=_heartbeat(block),
        **_texts(block, "default_profile", "mobile_map", "tunnel_acl"),
        **_flags(block, "aaa_accounting", "dynamic_mag_learning", "multipath"),
        **_ints(
            block,
            "bce_maximum",
            "bce_lifetime_sec",
            "bce_refresh_time_sec",
            "bce_delete_wait_time_msec",
            "bri_delay_min_msec",
            "bri_delay_max_msec",
            "bri_retries",
            "hnp_maximum",
            "dscp_control_plane",
            "tunnel_mtu",
        ),
        role=None
        if role is None
        else LmaRole(
            role=role["role"],
            interfaces=_interfaces(role.get("interfaces")),
            rat_priorities=[
                RatPriority(rat=rat["rat"], priority=int(rat["priority"]))
                for rat in listed(role.get("rats"))
            ],
        ),
        mobile_local_loop=_flag(mll, "enabled"),
        interfaces=_interfaces(block.get("interfaces")),
        networks=[_network(net, where, read) for net in listed(block.get("networks"))],
        mags=[
            LmaMagPeer(
                id=peer["id"],
                domain=peer["domain"],
                auth_option=_auth(peer),
                encap=peer.get("encap"),
                ipv4_addresses=read.addresses(peer.get("ipv4_addresses"), f"{where} mag"),
                ipv6_addresses=read.addresses(peer.get("ipv6_addresses"), f"{where} mag"),
            )
            for peer in listed(block.get("mags"))
        ],
        customers=[_customer(c, where, read) for c in listed(mll.get("customers"))],
    )


def build(data: dict[str, Any]) -> Built:
    """The whole PMIPv6 configuration as one record; a `load-aaa` line marks its domain."""
    read = _Reader()
    aaa = [block["name"] for block in listed(data.get("load_aaa"))]
    blocks = listed(data.get("domains"))
    domains: list[Domain] = []
    for name in dict.fromkeys([*aaa, *(block["name"] for block in blocks)]):
        own = [block for block in blocks if block["name"] == name]
        domains += [_domain(block, name in aaa, read) for block in own] or [
            Domain(name=name, load_aaa=True)
        ]
    config = PmipConfig(
        domains=domains,
        mags=[_mag(block, read) for block in listed(data.get("mags"))],
        lmas=[_lma(block, read) for block in listed(data.get("lmas"))],
    )
    return Built(records=[config], warnings=read.warnings)
