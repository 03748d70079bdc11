"""Records for `show ipv6 mobile pmipv6 {mag|lma} globals`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, kw_only=True)
class BindingSettings:
    """Per-instance or per-peer binding parameters. None means the router did not print it."""

    max_hnps: int | None = None
    max_bindings: int | None = None
    auth_option: bool | None = None
    registration_lifetime_sec: int | None = None
    delete_time_msec: int | None = None
    create_time_msec: int | None = None
    bri_init_delay_msec: int | None = None
    bri_max_delay_msec: int | None = None
    bri_max_retries: int | None = None
    bri_encap_type: str | None = None
    """Tunnel encapsulation as the config keyword: `ipv6-in-ipv6`, `gre-ipv4`, `udptunnel`."""
    fixed_link_address_enabled: bool | None = None
    fixed_link_address: str | None = None
    fixed_link_local_address_enabled: bool | None = None
    fixed_link_local_address: str | None = None
    """IPv6 text form of the four 32-bit words IOS prints (`0xFE800000 0x0 0x0 0x2` is fe80::2)."""
    refresh_time_sec: int | None = None
    refresh_retx_init_msec: int | None = None
    refresh_retx_max_msec: int | None = None
    timestamp_option: bool | None = None
    validity_window: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PeerGlobals(BindingSettings):
    """Settings the MAG holds for one LMA peer, or the LMA for one MAG peer."""

    name: str
    incomplete: bool = False
    """True when the block stops before its last setting: the output was probably cut short."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MagGlobals(BindingSettings):
    """One MAG instance as `show ipv6 mobile pmipv6 mag globals` reports it."""

    domain: str
    mag_id: str
    mn_detach_discover: bool | None = None
    local_routing: bool | None = None
    interfaces: list[str] = field(default_factory=list)
    peers: list[PeerGlobals] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class LmaNetwork:
    """A network an LMA assigns home addresses from, with its IPv4 and IPv6 pools."""

    name: str
    ipv4_pool: str | None = None
    ipv4_prefix_length: int | None = None
    ipv6_pool: str | None = None
    ipv6_prefix_length: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LmaGlobals(BindingSettings):
    """One LMA instance as `show ipv6 mobile pmipv6 lma globals` reports it."""

    domain: str
    lma_id: str
    aaa_accounting: bool | None = None
    default_mn_profile: str | None = None
    networks: list[LmaNetwork] = field(default_factory=list)
    peers: list[PeerGlobals] = field(default_factory=list)
