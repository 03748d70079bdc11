"""What the routers' configs allow: which MAG-LMA paths work and which mobile nodes may use them.

Every decision is read from the `PmipConfig` records the project's own parser builds from each
router's running config, plus the `ip local pool` / `ipv6 local pool` lines (outside
`section ipv6 mobile`). A mobile node gets a binding only where the MAG's and the LMA's configs
agree; otherwise the reason is a PBA status code, or one of the two MAG-side outcomes below.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from pmiptui.model.config import (
    Domain,
    DomainLma,
    DomainMag,
    LmaInstance,
    MagInstance,
    Nai,
    PmipConfig,
)

SILENT = 0
"""The MAG has no reason to signal for this MN (no MAG instance, NAI or LMA peer): nothing sent."""
UNREACHABLE = 1
"""The MAG sends PBUs to an address no LMA answers on: they time out and are resent."""

DEFAULT_LIFETIME = 3600
DEFAULT_REFRESH = 300
DEFAULT_MAXIMUM = 128000
LMA_INTERFACE = "GigabitEthernet0/0/0"

_V4_POOL = re.compile(r"^ip local pool (\S+) (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)", re.M)
_V6_POOL = re.compile(r"^ipv6 local pool (\S+) (\S+)/(\d+) (\d+)", re.M)
_MN_USER = re.compile(r"^mn(\d+)$")


@dataclass(frozen=True, slots=True)
class V4Pool:
    """An `ip local pool`: one or more address ranges, used in order."""

    ranges: tuple[tuple[int, int], ...]
    size: int
    """How many addresses the pool holds."""

    @classmethod
    def of(cls, ranges: list[tuple[int, int]]) -> V4Pool:
        """A pool from its (first, last) address ranges."""
        return cls(tuple(ranges), sum(end - start + 1 for start, end in ranges))

    def address(self, slot: int) -> str:
        """The slot-th address of the pool, dotted quad."""
        for start, end in self.ranges:
            if slot <= end - start:
                a = start + slot
                return f"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}"
            slot -= end - start + 1
        raise IndexError(slot)


@dataclass(frozen=True, slots=True)
class V6Pool:
    """An `ipv6 local pool` cut into prefixes of `length` bits."""

    base: int
    length: int
    size: int

    def prefix(self, slot: int) -> str:
        """The slot-th delegated prefix, as IOS prints it (upper case, compressed)."""
        value = self.base + (slot << (128 - self.length))
        if self.length > 64 or value & 0xFFFF_FFFF_FFFF_FFFF:
            return f"{ipaddress.IPv6Address(value).compressed.upper()}/{self.length}"
        top = [(value >> shift) & 0xFFFF for shift in (112, 96, 80, 64)]
        while top and not top[-1]:
            top.pop()
        return ":".join(f"{h:X}" for h in top) + f"::/{self.length}"


def local_pools(text: str) -> tuple[dict[str, V4Pool], dict[str, tuple[int, int, int]]]:
    """`ip local pool` ranges and `ipv6 local pool` (base, prefix length, assign length) by name."""
    v4: dict[str, list[tuple[int, int]]] = {}
    for name, start, end in _V4_POOL.findall(text):
        first, last = int(ipaddress.IPv4Address(start)), int(ipaddress.IPv4Address(end))
        if last >= first:
            v4.setdefault(name, []).append((first, last))
    v6: dict[str, tuple[int, int, int]] = {}
    for name, prefix, plen, assign in _V6_POOL.findall(text):
        try:
            net = ipaddress.IPv6Network(f"{prefix}/{plen}", strict=False)
        except ValueError:
            continue
        v6.setdefault(name, (int(net.network_address), int(plen), int(assign)))
    return {k: V4Pool.of(r) for k, r in v4.items()}, v6


@dataclass(frozen=True, slots=True)
class RouterConfig:
    """One router's PMIPv6 config and local pools, as read from its running config."""

    name: str
    role: str
    ident: str
    config: PmipConfig
    v4_pools: dict[str, V4Pool]
    v6_pools: dict[str, tuple[int, int, int]]

    def mag(self) -> MagInstance | None:
        """The MAG instance for this router's identifier (None on a role mismatch)."""
        return next((m for m in self.config.mags if m.mag_id == self.ident), None)

    def lma(self) -> LmaInstance | None:
        """The LMA instance for this router's identifier (None on a role mismatch)."""
        return next((m for m in self.config.lmas if m.lma_id == self.ident), None)

    def domain(self, name: str) -> Domain | None:
        """The domain block of that name, if configured here."""
        return next((d for d in self.config.domains if d.name == name), None)


@dataclass(frozen=True, slots=True)
class Path:
    """A working MAG-LMA path: both ends, the tunnel between them, as each side names it."""

    mag: int
    lma: int
    mag_id: str
    lma_id: str
    domain: str
    encap: str
    mag_address: str
    lma_address: str
    mag_tunnel: str
    lma_tunnel: str
    lma_interface: str
    mag_mtu: int | None
    lma_mtu: int | None
    vrf: str | None
    lifetime: int


@dataclass(frozen=True, slots=True)
class Route:
    """What one class of mobile nodes gets on a path: network, home addresses, GRE keys."""

    path: Path
    network: str
    v4: V4Pool | None
    v6: V6Pool | None
    gre_up: int | None = None
    gre_down: int | None = None
    llid: str | None = None

    def fits(self, slot: int) -> bool:
        """Whether the pools still have the slot-th address/prefix."""
        return (self.v4 is None or slot < self.v4.size) and (self.v6 is None or slot < self.v6.size)


@dataclass(frozen=True, slots=True)
class Reject:
    """The LMA answers the MN's PBU with this status code (128 and up)."""

    code: int
    lma: int


Outcome = Route | Reject | int
"""A Route, a Reject, or SILENT / UNREACHABLE (nothing reaches an LMA)."""


def mn_index(nai: str, realm: str) -> int | None:
    """`mn00042@realm` → 41, the lab's MN numbering; None for any other NAI."""
    user, _, at_realm = nai.partition("@")
    found = _MN_USER.match(user)
    if at_realm != realm or found is None or int(found.group(1)) < 1:
        return None
    return int(found.group(1)) - 1


def _display(address: str) -> str:
    return address.upper() if ":" in address else address


def _pick(encap: str, v4: list[str], v6: list[str]) -> str:
    """The transport address for an encapsulation: IPv6 for IPv6-in-IPv6, IPv4 otherwise."""
    first, second = (v6, v4) if encap == "ipv6-in-ipv6" else (v4, v6)
    return _display((first or second or ["0.0.0.0"])[0])


def _listed(domain: Domain | None, kind: str, ident: str) -> tuple[list[str], list[str]]:
    """IPv4 and IPv6 addresses the domain lists for an LMA (`kind` lmas) or MAG (`mags`)."""
    entries: list[DomainLma] | list[DomainMag] = getattr(domain, kind, [])
    entry = next((e for e in entries if e.id == ident), None)
    return (entry.ipv4_addresses, entry.ipv6_addresses) if entry else ([], [])


def _addresses(v4: str | None, v6: str | None) -> tuple[list[str], list[str]]:
    return [a for a in (v4,) if a], [a for a in (v6,) if a]


class Admission:
    """Routes for every MAG and mobile node, computed once per config change."""

    def __init__(self, routers: list[RouterConfig], realm: str, mobile_nodes: int) -> None:
        self.realm = realm
        self.mobile_nodes = mobile_nodes
        self.mags = [r for r in routers if r.role == "mag"]
        self.lmas = [r for r in routers if r.role == "lma"]
        self.paths: dict[tuple[int, int], Path | int] = {}
        """(mag, lma) → Path, or the reason the pair does not work."""
        self._default: list[Outcome] = []
        self._exact: list[dict[int, Outcome]] = []
        special = self._exact_indices()
        for m in range(len(self.mags)):
            self._default.append(self._route(m, None))
            self._exact.append({i: self._route(m, i) for i in special})

    def route(self, mag: int, mn: int) -> Outcome:
        """What the MN gets when it attaches to that MAG."""
        exact = self._exact[mag]
        return exact[mn] if exact and mn in exact else self._default[mag]

    def _exact_indices(self) -> set[int]:
        found: set[int] = set()
        for router in self.mags + self.lmas:
            for domain in router.config.domains:
                for nai in domain.nais:
                    index = mn_index(nai.nai, self.realm)
                    if index is not None and index < self.mobile_nodes:
                        found.add(index)
        return found

    def _nai(self, domain: Domain | None, mn: int | None) -> Nai | None:
        """The domain's NAI entry covering the MN: its exact `user@realm`, else `@realm`."""
        if domain is None:
            return None
        realm_wide = None
        for nai in domain.nais:
            if nai.nai == f"@{self.realm}":
                realm_wide = nai
            elif mn is not None and mn_index(nai.nai, self.realm) == mn:
                return nai
        return realm_wide

    def path(self, m: int, lma_id: str) -> Path | Reject | int:
        """The path from MAG m to the LMA with that identifier, or why there is none."""
        mag_router = self.mags[m]
        mag = mag_router.mag()
        if mag is None:
            return SILENT
        peer = next((p for p in mag.lmas if p.id == lma_id and p.domain == mag.domain), None)
        if peer is None:
            return SILENT
        index = next(
            (k for k, r in enumerate(self.lmas) if (i := r.lma()) and i.lma_id == lma_id), None
        )
        if index is None:
            return UNREACHABLE
        key = (m, index)
        if key not in self.paths:
            self.paths[key] = self._path(m, index)
        found = self.paths[key]
        return Reject(found, index) if isinstance(found, int) and found >= 128 else found

    def _path(self, m: int, index: int) -> Path | int:
        mag_router, lma_router = self.mags[m], self.lmas[index]
        mag, lma = mag_router.mag(), lma_router.lma()
        assert mag is not None and lma is not None
        if lma.domain != mag.domain:
            return UNREACHABLE
        peer_index, peer = next(
            (k, p) for k, p in enumerate(mag.lmas) if p.id == lma.lma_id and p.domain == mag.domain
        )
        mag_domain = mag_router.domain(mag.domain)
        lma_domain = lma_router.domain(lma.domain)
        wanted = set(peer.ipv4_addresses + peer.ipv6_addresses)
        if not wanted:
            listed_v4, listed_v6 = _listed(mag_domain, "lmas", lma.lma_id)
            wanted = set(listed_v4 + listed_v6)
        lma_v4, lma_v6 = _addresses(lma.ipv4_address, lma.ipv6_address)
        if not (lma_v4 or lma_v6):
            lma_v4, lma_v6 = _listed(lma_domain, "lmas", lma.lma_id)
        if not wanted & set(lma_v4 + lma_v6):
            return UNREACHABLE
        mag_v4, mag_v6 = _addresses(mag.ipv4_address, mag.ipv6_address)
        if not (mag_v4 or mag_v6):
            mag_v4, mag_v6 = _listed(mag_domain, "mags", mag.mag_id)
        known = [p for p in lma.mags if p.id == mag.mag_id and p.domain == lma.domain]
        if known:
            listed = set(known[0].ipv4_addresses + known[0].ipv6_addresses)
            if listed and not listed & set(mag_v4 + mag_v6):
                return 154
            lma_tunnel = f"Tunnel{lma.mags.index(known[0])}"
        elif lma.dynamic_mag_learning:
            lma_tunnel = f"Tunnel{len(lma.mags) + m}"
        else:
            return 154
        encap = peer.encap or (mag_domain.encap if mag_domain else None) or "ipv6-in-ipv6"
        lma_encap = (known[0].encap if known else None) or (
            lma_domain.encap if lma_domain else None
        )
        if lma_encap == "gre-ipv4" and encap != "gre-ipv4":
            return 163
        lifetime = min(
            mag.binding_lifetime_sec or DEFAULT_LIFETIME, lma.bce_lifetime_sec or DEFAULT_LIFETIME
        )
        return Path(
            mag=m,
            lma=index,
            mag_id=mag.mag_id,
            lma_id=lma.lma_id,
            domain=mag.domain,
            encap=encap,
            mag_address=_pick(encap, mag_v4, mag_v6),
            lma_address=_pick(encap, lma_v4, lma_v6),
            mag_tunnel=f"Tunnel{peer_index}",
            lma_tunnel=lma_tunnel,
            lma_interface=lma.interfaces[0] if lma.interfaces else LMA_INTERFACE,
            mag_mtu=mag.tunnel_mtu,
            lma_mtu=lma.tunnel_mtu,
            vrf=peer.vrfid,
            lifetime=lifetime,
        )

    def _route(self, m: int, mn: int | None) -> Outcome:
        mag_router = self.mags[m]
        mag = mag_router.mag()
        if mag is None or not mag.interfaces:
            return SILENT
        mag_nai = self._nai(mag_router.domain(mag.domain), mn)
        if mag_nai is None:
            return SILENT
        lma_id = mag_nai.lma or (mag.lmas[0].id if mag.lmas else None)
        if lma_id is None:
            return SILENT
        path = self.path(m, lma_id)
        if not isinstance(path, Path):
            return path
        lma_router = self.lmas[path.lma]
        lma = lma_router.lma()
        assert lma is not None
        lma_nai = self._nai(lma_router.domain(lma.domain), mn)
        if lma_nai is None or (lma_nai.lma is not None and lma_nai.lma != lma.lma_id):
            return Reject(153, path.lma)
        wanted = lma_nai.network or mag_nai.network
        network = next((n for n in lma.networks if n.name == wanted), None)
        if network is None and wanted is None and lma.networks:
            network = lma.networks[0]
        if network is None:
            return Reject(155, path.lma)
        v4 = lma_router.v4_pools.get(network.ipv4_pool or "")
        v6 = None
        if network.ipv6_pool in lma_router.v6_pools:
            base, plen, assign = lma_router.v6_pools[network.ipv6_pool]
            length = network.ipv6_prefix_length or assign
            length = min(max(length, plen), 128)
            v6 = V6Pool(base, length, 1 << min(length - plen, 62))
        service = lma_nai.service or mag_nai.service or "dual"
        if service == "ipv4":
            if v4 is None:
                return Reject(170, path.lma)
            v6 = None
        elif service == "ipv6":
            if v6 is None:
                return Reject(172, path.lma)
            v4 = None
        elif v4 is None and v6 is None:
            return Reject(155, path.lma)
        exact = [n for n in (lma_nai, mag_nai) if mn_index(n.nai, self.realm) is not None]
        profile = exact[0] if exact else lma_nai
        gre_up = gre_down = None
        if path.encap == "gre-ipv4":
            gre_up = profile.gre_encap_key_up or profile.gre_encap_key
            gre_down = profile.gre_encap_key_down or profile.gre_encap_key
        llid = exact[0].l2_addr if exact else None
        return Route(path, network.name, v4, v6, gre_up, gre_down, llid)
