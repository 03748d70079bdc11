"""`show ipv6 mobile pmipv6 {mag|lma} globals` text in the guide's format, from config records.

Values not configured take the defaults the guide's sample output shows.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from pmiptui.model.config import AuthOption, Domain, LmaInstance, MagInstance, ReplayProtection

_BRI_ENCAP = {"gre-ipv4": "GRE in IPV4"}
"""BRI EncapType label by encap keyword; anything else is IPV6_IN_IPV6."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The binding settings block shared by instances and peers."""

    max_hnps: int | None
    max_bindings: int
    auth: bool
    lifetime: int
    delete_create: bool
    delete_time: int
    bri_min: int
    bri_max: int
    bri_retries: int
    encap: str | None
    fixed_mac: str | None
    fixed_link_local: str | None
    refresh: int
    retx_init: int
    retx_max: int
    timestamp: bool
    window: int


def _flag(value: bool) -> str:
    return "enabled" if value else "disabled"


def _words(address: str | None) -> str:
    """`fe80::2` → `0xFE800000 0x0 0x0 0x2` (the four 32-bit words IOS prints)."""
    value = int(ipaddress.IPv6Address(address)) if address else 0
    return " ".join(f"0x{(value >> shift) & 0xFFFFFFFF:X}" for shift in (96, 64, 32, 0))


def settings_lines(s: Settings, indent: str) -> list[str]:
    """The settings lines, in the guide's order."""
    rows: list[tuple[str, str]] = []
    if s.max_hnps is not None:
        rows.append(("Max. HNPs", str(s.max_hnps)))
    rows += [
        ("Max Bindings", str(s.max_bindings)),
        ("AuthOption", _flag(s.auth)),
        ("RegistrationLifeTime", f"{s.lifetime} (sec)"),
    ]
    if s.delete_create:
        rows += [("DeleteTime", f"{s.delete_time} (msec)"), ("CreateTime", "1500 (msec)")]
    rows += [
        ("BRI InitDelayTime", f"{s.bri_min} (msec)"),
        ("BRI MaxDelayTime", f"{s.bri_max} (msec)"),
        ("BRI MaxRetries", str(s.bri_retries)),
        ("BRI EncapType", _BRI_ENCAP.get(s.encap or "", "IPV6_IN_IPV6")),
        ("Fixed Link address is", _flag(s.fixed_mac is not None)),
        ("Fixed Link address", s.fixed_mac or "0000.0000.0000"),
        ("Fixed Link Local address is", _flag(s.fixed_link_local is not None)),
        ("Fixed Link local address", _words(s.fixed_link_local)),
        ("RefreshTime", f"{s.refresh} (sec)"),
        ("Refresh RetxInit time", f"{s.retx_init} (msec)"),
        ("Refresh RetxMax time", f"{s.retx_max} (msec)"),
        ("Timestamp option", _flag(s.timestamp)),
        ("Validity Window", str(s.window)),
    ]
    return [f"{indent}{label:<28}: {value}" for label, value in rows]


def _replay(*options: ReplayProtection | None) -> ReplayProtection | None:
    return next((o for o in options if o is not None), None)


def _auth(*options: AuthOption | None) -> bool:
    return any(o is not None for o in options)


def mag_globals(mag: MagInstance, domain: Domain | None) -> str:
    """One MAG instance's block, then one block per LMA peer."""
    replay = _replay(mag.replay_protection, domain.replay_protection if domain else None)
    base = dict(
        max_hnps=None,
        max_bindings=mag.binding_maximum or 128000,
        lifetime=mag.binding_lifetime_sec or 3600,
        delete_create=False,
        delete_time=10000,
        bri_min=mag.bri_delay_min_msec or 1000,
        bri_max=mag.bri_delay_max_msec or 2000,
        bri_retries=mag.bri_retry or 1,
        fixed_mac=domain.fixed_link_layer_address if domain else None,
        fixed_link_local=domain.fixed_link_local_address if domain else None,
        refresh=mag.binding_refresh_time_sec or 300,
        retx_init=mag.binding_init_retx_time_msec or 1000,
        retx_max=mag.binding_max_retx_time_msec or 32000,
        timestamp=replay is not None,
        window=(replay.window_sec if replay else None) or 7,
    )
    domain_auth = domain.auth_option if domain else None
    domain_encap = domain.encap if domain else None
    local_routing = mag.local_routing_mag or bool(domain and domain.local_routing_mag)
    lines = [
        f"Domain : {mag.domain}",
        f"Mag Identifier : {mag.mag_id}",
        f"  MN's detach discover        : {_flag(mag.discover_mn_detach is not None)}",
        f"  Local routing               : {_flag(local_routing)}",
    ]
    lines += [f"  Mag is enabled on interface : {name}" for name in mag.interfaces]
    own = Settings(auth=_auth(domain_auth), encap=domain_encap, **base)  # type: ignore[arg-type]
    lines += settings_lines(own, "  ")
    for peer in mag.lmas:
        peer_settings = Settings(
            auth=_auth(peer.auth_option, domain_auth),
            encap=peer.encap or domain_encap,
            **base,  # type: ignore[arg-type]
        )
        lines += ["", f"Peer : {peer.id}", *settings_lines(peer_settings, "")]
    return "\n".join(lines) + "\n"


def lma_globals(lma: LmaInstance, domain: Domain | None) -> str:
    """One LMA instance's block (networks, settings), then one block per MAG peer."""
    replay = _replay(lma.replay_protection, domain.replay_protection if domain else None)
    base = dict(
        max_hnps=lma.hnp_maximum or 1,
        max_bindings=lma.bce_maximum or 128000,
        lifetime=lma.bce_lifetime_sec or 3600,
        delete_create=True,
        delete_time=lma.bce_delete_wait_time_msec or 10000,
        bri_min=lma.bri_delay_min_msec or 1000,
        bri_max=lma.bri_delay_max_msec or 2000,
        bri_retries=lma.bri_retries or 1,
        fixed_mac=domain.fixed_link_layer_address if domain else None,
        fixed_link_local=domain.fixed_link_local_address if domain else None,
        refresh=lma.bce_refresh_time_sec or 300,
        retx_init=1000,
        retx_max=32000,
        timestamp=replay is not None,
        window=(replay.window_sec if replay else None) or 7,
    )
    domain_auth = domain.auth_option if domain else None
    domain_encap = domain.encap if domain else None
    lines = [
        f"Domain : {lma.domain}",
        f"LMA Identifier : {lma.lma_id}",
        f"  AAA Accounting : {'Enabled' if lma.aaa_accounting else 'Disabled'}",
    ]
    if lma.default_profile:
        lines.append(f"  Default MN Profile : {lma.default_profile}")
    for network in lma.networks:
        lines.append(f"  Network : {network.name}")
        if network.ipv4_pool:
            lines.append(f"  IPv4 Pool Name : {network.ipv4_pool}")
            if network.ipv4_prefix_length is not None:
                lines.append(f"  Prefix Length : {network.ipv4_prefix_length}")
        if network.ipv6_pool:
            lines.append(f"  IPv6 Pool Name : {network.ipv6_pool}")
            if network.ipv6_prefix_length is not None:
                lines.append(f"  Prefix Length : {network.ipv6_prefix_length}")
    own = Settings(auth=_auth(domain_auth), encap=domain_encap, **base)  # type: ignore[arg-type]
    lines += settings_lines(own, "  ")
    for peer in lma.mags:
        peer_settings = Settings(
            auth=_auth(peer.auth_option, domain_auth),
            encap=peer.encap or domain_encap,
            **base,  # type: ignore[arg-type]
        )
        lines += ["", f"Peer : {peer.id}", *settings_lines(peer_settings, "")]
    return "\n".join(lines) + "\n"
