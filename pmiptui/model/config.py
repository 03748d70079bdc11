"""Records of the PMIPv6 configuration, as `show running-config | section ipv6 mobile` prints it.

Flags are bools (True when the command is present), numbers are ints named with their unit
where the guide states one, repeatable commands are lists. None means "not configured".
Addresses are normalised (IPv6 compressed lower case, MAC dotted lower case), interface names
joined (`GigabitEthernet0/0/0`). Key material is a `Secret`: it shows as `***`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pmiptui.redact import Secret


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthOption:
    """`auth-option spi {HEX | decimal N} key {ascii | hex} KEY`: a security association."""

    spi: int
    """Security parameter index as a number, whichever form it was entered in."""
    spi_form: str
    """`hex` (`spi 87E`) or `decimal` (`spi decimal 258`): how the SPI is written."""
    key_type: str
    """`ascii` or `hex`."""
    key: Secret
    """The shared key; shows as `***` in repr and JSON, `.reveal()` for the value."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplayProtection:
    """`replay-protection timestamp [window SECONDS]`."""

    window_sec: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Heartbeat:
    """`heartbeat [interval N retries N [label L] [natreboot]]` (label and natreboot: LMA only)."""

    interval: int | None = None
    retries: int | None = None
    label: str | None = None
    natreboot: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainLma:
    """An LMA known to the domain (`lma ID` in PMIPv6-domain mode)."""

    id: str
    ipv4_addresses: list[str] = field(default_factory=list)
    ipv6_addresses: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainMag:
    """A MAG known to the domain (`mag ID` in PMIPv6-domain mode)."""

    id: str
    ipv4_addresses: list[str] = field(default_factory=list)
    ipv6_addresses: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Nai:
    """A mobile node's profile in the domain (`nai [USER]@REALM`)."""

    nai: str
    lma: str | None = None
    service: str | None = None
    """`dual`, `ipv4` or `ipv6`."""
    int_att: str | None = None
    """Interface access type of `int att TYPE l2-addr MAC`."""
    l2_addr: str | None = None
    gre_encap_key: int | None = None
    """`gre-encap-key N` without a direction."""
    gre_encap_key_up: int | None = None
    gre_encap_key_down: int | None = None
    apn: str | None = None
    network: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MobileMap:
    """One sequence of a domain mobile map (`mobile-map NAME SEQ`): traffic to link preferences."""

    name: str
    sequence: int
    match_access_list: str | None = None
    link_types: list[str] = field(default_factory=list)
    """Link labels of `set link-type L1 [L2] [L3]`, in preference order."""
    link_null: bool = False
    """`set link-type … null`: drop the traffic when no listed link is up."""
    traffic_profile: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Domain:
    """A PMIPv6 domain (`ipv6 mobile pmipv6-domain NAME`, and/or `… NAME load-aaa`)."""

    name: str
    load_aaa: bool = False
    """`ipv6 mobile pmipv6-domain NAME load-aaa`: the domain is loaded from the AAA server."""
    encap: str | None = None
    """`gre-ipv4`, `ipv6-in-ipv6` or `udptunnel` (UDP encapsulation for multipath)."""
    auth_option: AuthOption | None = None
    replay_protection: ReplayProtection | None = None
    local_routing_mag: bool = False
    mn_profile_load_aaa: bool = False
    fixed_link_local_address: str | None = None
    fixed_link_layer_address: str | None = None
    lmas: list[DomainLma] = field(default_factory=list)
    mags: list[DomainMag] = field(default_factory=list)
    nais: list[Nai] = field(default_factory=list)
    mobile_maps: list[MobileMap] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscoverMnDetach:
    """`discover-mn-detach poll interval S timeout S retries N`."""

    interval_sec: int
    timeout_sec: int
    retries: int


@dataclass(frozen=True, slots=True, kw_only=True)
class MagLmaPeer:
    """An LMA peer of a MAG instance (`lma ID DOMAIN` in MAG mode)."""

    id: str
    domain: str
    auth_option: AuthOption | None = None
    vrfid: str | None = None
    encap: str | None = None
    ipv4_addresses: list[str] = field(default_factory=list)
    ipv6_addresses: list[str] = field(default_factory=list)
    """Not in the guide's MAG-LMA mode; read when present."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RoamingInterface:
    """`roaming interface IF [priority N egress-att ATT label LABEL]` under `address dynamic`."""

    interface: str
    priority: int | None = None
    egress_att: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class HybridAccessProfile:
    """`profile-definition NAME` under `mobility-service hybrid-access`: link quality limits."""

    name: str
    jitter: int | None = None
    rtt: int | None = None
    packet_loss: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MagInstance:
    """A MAG instance (`ipv6 mobile pmipv6-mag ID domain DOMAIN`)."""

    mag_id: str
    domain: str
    ipv4_address: str | None = None
    ipv6_address: str | None = None
    role: str | None = None
    """`3gpp`, `lte`, `wimax` or `wlan`."""
    apn: str | None = None
    sessionmgr: bool = False
    generate_grekey: bool = False
    local_routing_mag: bool = False
    discover_mn_detach: DiscoverMnDetach | None = None
    binding_maximum: int | None = None
    binding_lifetime_sec: int | None = None
    binding_refresh_time_sec: int | None = None
    binding_init_retx_time_msec: int | None = None
    binding_max_retx_time_msec: int | None = None
    replay_protection: ReplayProtection | None = None
    bri_delay_min_msec: int | None = None
    bri_delay_max_msec: int | None = None
    bri_retry: int | None = None
    address_dynamic: bool = False
    multipath: bool = False
    heartbeat: Heartbeat | None = None
    bce_maximum: int | None = None
    mobile_map: str | None = None
    tunnel_mtu: int | None = None
    hybrid_access: bool = False
    """`mobility-service hybrid-access` is configured."""
    interfaces: list[str] = field(default_factory=list)
    roaming_interfaces: list[RoamingInterface] = field(default_factory=list)
    lmas: list[MagLmaPeer] = field(default_factory=list)
    hybrid_access_profiles: list[HybridAccessProfile] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class MobileNetworkPool:
    """`mobile-network {pool | v6pool} ADDR pool-prefix N network-prefix N` of an LMA network."""

    family: str
    """`ipv4` (`mobile-network pool`) or `ipv6` (`mobile-network v6pool`)."""
    address: str
    pool_prefix: int
    network_prefix: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LmaNetwork:
    """An LMA network (`network NAME`) and the local pools it assigns home addresses from."""

    name: str
    ipv4_pool: str | None = None
    ipv4_prefix_length: int | None = None
    ipv6_pool: str | None = None
    ipv6_prefix_length: int | None = None
    mobile_network_pools: list[MobileNetworkPool] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class LmaMagPeer:
    """A MAG peer of an LMA instance (`mag ID DOMAIN` in LMA mode)."""

    id: str
    domain: str
    auth_option: AuthOption | None = None
    encap: str | None = None
    ipv4_addresses: list[str] = field(default_factory=list)
    ipv6_addresses: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class RatPriority:
    """`rat TYPE priority N` under `role 3gma`."""

    rat: str
    priority: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LmaRole:
    """`role 3gma`: the LMA acts as a 3G mobility anchor."""

    role: str = "3gma"
    interfaces: list[str] = field(default_factory=list)
    rat_priorities: list[RatPriority] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class MllTransport:
    """`transport [vrf NAME]` of a mobile-local-loop customer, with its transport address."""

    vrf: str | None = None
    ipv6_address: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MllCustomer:
    """`customer NAME vrf VRF` under `mobility-service mobile-local-loop` (VRF-aware LMA)."""

    name: str
    vrf: str
    auth_option: AuthOption | None = None
    heartbeat: Heartbeat | None = None
    network_unauthorized: bool = False
    transport: MllTransport | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LmaInstance:
    """An LMA instance (`ipv6 mobile pmipv6-lma ID domain DOMAIN`)."""

    lma_id: str
    domain: str
    ipv4_address: str | None = None
    ipv6_address: str | None = None
    default_profile: str | None = None
    aaa_accounting: bool = False
    """`enable aaa accounting`."""
    dynamic_mag_learning: bool = False
    bce_maximum: int | None = None
    bce_lifetime_sec: int | None = None
    bce_refresh_time_sec: int | None = None
    bce_delete_wait_time_msec: int | None = None
    """Milliseconds per the guide's show output (its syntax lines disagree: ERRATA E44)."""
    replay_protection: ReplayProtection | None = None
    bri_delay_min_msec: int | None = None
    bri_delay_max_msec: int | None = None
    bri_retries: int | None = None
    hnp_maximum: int | None = None
    heartbeat: Heartbeat | None = None
    dscp_control_plane: int | None = None
    multipath: bool = False
    mobile_map: str | None = None
    tunnel_mtu: int | None = None
    tunnel_acl: str | None = None
    role: LmaRole | None = None
    mobile_local_loop: bool = False
    """`mobility-service mobile-local-loop` is configured."""
    interfaces: list[str] = field(default_factory=list)
    networks: list[LmaNetwork] = field(default_factory=list)
    mags: list[LmaMagPeer] = field(default_factory=list)
    customers: list[MllCustomer] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class PmipConfig:
    """Everything `show running-config | section ipv6 mobile` shows: domains, MAGs and LMAs."""

    domains: list[Domain] = field(default_factory=list)
    mags: list[MagInstance] = field(default_factory=list)
    lmas: list[LmaInstance] = field(default_factory=list)
