"""The running-config read into one `PmipConfig`, on the IOS command model's config tree.

`pmiptui.ios.config_tree` parses the lines by indentation and matches each one in its block's
mode with the same grammar the wizards and the lab type commands with; this module turns the
matched lines into records. A line is taken by the record of the block it sits in: a line the
grammar does not know, or one in the wrong block, is reported by its index (`ConfigRead.unknown`).
Values are typed by the grammar; addresses are normalised here (IPv6 compressed lower case,
MAC dotted lower case), interface names joined (`Ethernet0/2`).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pmiptui.ios.config_tree import ConfigNode, parse_running_config, walk
from pmiptui.ios.grammar_domain import DOMAIN
from pmiptui.ios.matcher import CommandMatch, parse_line
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
from pmiptui.parse.clean import clean_lines
from pmiptui.parse.kinds import Built
from pmiptui.redact import Secret

_SYNTAX_WORD = re.compile(r"[a-z0-9][a-z0-9-]*")
_SKIPPED = ("!", "Building configuration", "Current configuration")


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfigRead:
    """What the reader made of the lines: the record, warnings, and the lines it did not take."""

    config: PmipConfig
    warnings: list[str]
    unknown: list[int]
    """Indexes (0-based, into the lines given) of lines no record took."""


def pmip_config(text: str) -> PmipConfig:
    """The PMIPv6 configuration in running-config `text`, as Netmiko or the lab returns it
    (cleaned first: echo, prompts, pager noise); other lines are ignored.

    Raises RouterError when the text is an IOS error message instead.
    """
    return read_lines([line.text for line in clean_lines(text, keep_indent=True)]).config


def read_lines(lines: Sequence[str]) -> ConfigRead:
    """Read running-config lines (indentation kept) into one `PmipConfig`."""
    tree = parse_running_config("\n".join(lines))
    kept: list[int] = []
    for i, line in enumerate(lines):
        if line.rstrip() == "end":  # the tree stops at a top-level `end`
            break
        if _kept(line):
            kept.append(i)
    nodes = [node for _depth, node in walk(tree)]
    reader = _Reader({id(node): index for node, index in zip(nodes, kept, strict=True)})
    config = reader.config(tree)
    return ConfigRead(config=config, warnings=reader.warnings, unknown=sorted(reader.unknown))


def read_kind(texts: list[str]) -> Built:
    """The `running-config` parse kind's reader: one record, its warnings, the lines not taken."""
    read = read_lines(texts)
    return Built(records=[read.config], warnings=read.warnings, unknown=read.unknown)


def _kept(line: str) -> bool:
    """True for the lines `parse_running_config` makes a node of (it stops at `end`)."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(_SKIPPED)


def _head(node: ConfigNode) -> str:
    """The command's leading keywords (`bce maximum`, `auth-option spi`); "" for unknown lines."""
    if node.command is None:
        return ""
    words: list[str] = []
    for word in node.command.syntax.split():
        if not _SYNTAX_WORD.fullmatch(word):
            break
        words.append(word)
    return " ".join(words)


def _only(node: ConfigNode) -> Any:
    """The single value of a one-parameter line."""
    return next(iter(node.values.values()), None)


def _text(node: ConfigNode, name: str) -> str | None:
    """An optional word value as text."""
    value = node.values.get(name)
    return None if value is None else str(value)


def _interface(node: ConfigNode) -> str:
    return f"{node.values['type']}{node.values['number']}"


def _mac(text: Any) -> str:
    digits = re.sub(r"[^0-9a-fA-F]", "", str(text)).lower()
    return ".".join(digits[i : i + 4] for i in range(0, 12, 4))


def _auth(node: ConfigNode) -> AuthOption:
    values = node.values
    decimal = values.get("spi-decimal-value")
    hex_spi = values.get("spi-hex-value", values.get("hex-value"))
    key_type = "hex" if "hex-string" in values else "ascii"
    return AuthOption(
        spi=int(str(decimal)) if decimal is not None else int(str(hex_spi), 16),
        spi_form="decimal" if decimal is not None else "hex",
        key_type=key_type,
        key=Secret(str(values.get(f"{key_type}-string", ""))),
    )


def _heartbeat(node: ConfigNode) -> Heartbeat:
    values = node.values
    interval = values.get("interval", values.get("interval-value"))
    retries = values.get("retries", values.get("retries-value"))
    label = values.get("label")
    return Heartbeat(
        interval=None if interval is None else int(str(interval)),
        retries=None if retries is None else int(str(retries)),
        label=None if label is None else str(label),
        natreboot=bool(values.get("natreboot")),
    )


def _replay(node: ConfigNode) -> ReplayProtection:
    window = node.values.get("seconds")
    return ReplayProtection(window_sec=None if window is None else int(str(window)))


Fields = dict[str, Any]
Handler = Callable[[Fields, ConfigNode], None]


def _set(name: str) -> Handler:
    """A one-value line stored as the record field `name`."""

    def handle(fields: Fields, node: ConfigNode) -> None:
        fields[name] = _only(node)

    return handle


def _flag(name: str) -> Handler:
    def handle(fields: Fields, node: ConfigNode) -> None:
        fields[name] = True

    return handle


def _append(name: str, value: Callable[[ConfigNode], Any]) -> Handler:
    def handle(fields: Fields, node: ConfigNode) -> None:
        fields.setdefault(name, []).append(value(node))

    return handle


class _Reader:
    """Walks the tree block by block, collecting warnings and the lines no record takes."""

    def __init__(self, index: dict[int, int]) -> None:
        self.index = index
        self.warnings: list[str] = []
        self.unknown: set[int] = set()

    def skip(self, node: ConfigNode) -> None:
        """`node` and its whole block are not taken by any record."""
        for _depth, kid in [(0, node), *walk(node)]:
            if id(kid) in self.index:
                self.unknown.add(self.index[id(kid)])

    def address(self, text: Any, where: str) -> str:
        """An IPv4 or IPv6 address in its canonical text form (IPv6 compressed, lower case)."""
        try:
            return str(ipaddress.ip_address(str(text)))
        except ValueError:
            self.warnings.append(f"{where}: {text} is not a valid address; kept as printed")
            return str(text)

    def fields(
        self,
        block: ConfigNode,
        handlers: dict[str, Handler],
        fix: Callable[[ConfigNode], ConfigNode] | None = None,
    ) -> Fields:
        """The record fields of `block`'s lines; lines without a handler are reported.

        `fix` may re-read a line first (it must not change a line no handler takes).
        """
        fields: Fields = {}
        for kid in block.children:
            if fix is not None and _head(fixed := fix(kid)) in handlers:
                kid = fixed
            handler = handlers.get(_head(kid))
            if handler is None:
                self.skip(kid)
                continue
            handler(fields, kid)
            if kid.command is not None and kid.command.enters is None:
                for grandchild in kid.children:
                    self.skip(grandchild)
        return fields

    def addresses(self, where: str) -> Handler:
        """`ipv4-address A` / `ipv6-address A` of a peer, repeatable."""

        def handle(fields: Fields, node: ConfigNode) -> None:
            name = "ipv4_addresses" if "ipv4-address" in node.values else "ipv6_addresses"
            fields.setdefault(name, []).append(self.address(_only(node), where))

        return handle

    def own_address(self, where: str) -> Handler:
        """`address ipv4 A` / `address ipv6 A` of an instance."""

        def handle(fields: Fields, node: ConfigNode) -> None:
            name = "ipv4_address" if "ipv4-address" in node.values else "ipv6_address"
            fields[name] = self.address(_only(node), where)

        return handle

    # the whole config ---------------------------------------------------------------------

    def config(self, tree: ConfigNode) -> PmipConfig:
        aaa: list[str] = []
        blocks: list[ConfigNode] = []
        mags: list[MagInstance] = []
        lmas: list[LmaInstance] = []
        for node in tree.children:
            head = _head(node)
            if head == "ipv6 mobile pmipv6-domain" and node.command is not None:
                if node.command.syntax.endswith("load-aaa"):
                    aaa.append(str(node.values["domain-name"]))
                else:
                    blocks.append(node)
            elif head == "ipv6 mobile pmipv6-mag":
                mags.append(self.mag(node))
            elif head == "ipv6 mobile pmipv6-lma":
                lmas.append(self.lma(node))
            else:
                self.skip(node)
        domains: list[Domain] = []
        for name in dict.fromkeys([*aaa, *(str(b.values["domain-name"]) for b in blocks)]):
            own = [b for b in blocks if b.values["domain-name"] == name]
            domains += [self.domain(b, name in aaa) for b in own] or [
                Domain(name=name, load_aaa=True)
            ]
        return PmipConfig(domains=domains, mags=mags, lmas=lmas)

    # domain -------------------------------------------------------------------------------

    def domain(self, block: ConfigNode, load_aaa: bool) -> Domain:
        name = str(block.values["domain-name"])
        fields = self.fields(
            block,
            {
                "replay-protection timestamp": lambda f, n: f.update(replay_protection=_replay(n)),
                "auth-option spi": lambda f, n: f.update(auth_option=_auth(n)),
                "encap": _set("encap"),
                "local-routing-mag": _flag("local_routing_mag"),
                "mn-profile-load-aaa": _flag("mn_profile_load_aaa"),
                "fixed-link-local-address": lambda f, n: f.update(
                    fixed_link_local_address=self.address(_only(n), name)
                ),
                "fixed-link-layer-address": lambda f, n: f.update(
                    fixed_link_layer_address=_mac(_only(n))
                ),
                "lma": _append("lmas", lambda n: DomainLma(**self.peer(n, f"domain {name} lmas"))),
                "mag": _append("mags", lambda n: DomainMag(**self.peer(n, f"domain {name} mags"))),
                "nai": _append("nais", self.nai),
                "mobile-map": _append("mobile_maps", self.mobile_map),
            },
        )
        return Domain(name=name, load_aaa=load_aaa, **fields)

    def peer(self, block: ConfigNode, where: str) -> Fields:
        """A domain's `lma ID` / `mag ID`: its addresses."""
        handlers = {"ipv4-address": self.addresses(where), "ipv6-address": self.addresses(where)}
        return {"id": str(_only(block)), **self.fields(block, handlers)}

    def nai(self, block: ConfigNode) -> Nai:
        def gre_key(fields: Fields, node: ConfigNode) -> None:
            direction = node.values.get("gre-encap-key")
            name = "gre_encap_key" if direction is None else f"gre_encap_key_{direction}"
            fields[name] = node.values["key-value"]

        def int_att(fields: Fields, node: ConfigNode) -> None:
            fields["int_att"] = node.values["interface-access-type"]
            fields["l2_addr"] = _mac(node.values["mac-address"])

        fields = self.fields(
            block,
            {
                "lma": _set("lma"),
                "service": _set("service"),
                "int att": int_att,
                "gre-encap-key": gre_key,
                "apn": _set("apn"),
                "network": _set("network"),
            },
        )
        user = block.values.get("user")
        return Nai(nai=f"{user or ''}@{block.values['realm']}", **fields)

    def mobile_map(self, block: ConfigNode) -> MobileMap:
        def link_type(fields: Fields, node: ConfigNode) -> None:
            names = ("link-name1", "link-name2", "link-name3")
            fields["link_types"] = [str(node.values[n]) for n in names if n in node.values]
            fields["link_null"] = bool(node.values.get("null"))

        fields = self.fields(
            block,
            {
                "match access-list": _set("match_access_list"),
                "set link-type": link_type,
                "traffic-profile": _set("traffic_profile"),
            },
        )
        return MobileMap(
            name=str(block.values["map-name"]),
            sequence=int(str(block.values["sequence-number"])),
            **fields,
        )

    # MAG ----------------------------------------------------------------------------------

    def mag(self, block: ConfigNode) -> MagInstance:
        where = f"MAG {block.values['mag-id']}"

        def detach(fields: Fields, node: ConfigNode) -> None:
            values = node.values
            fields["discover_mn_detach"] = DiscoverMnDetach(
                interval_sec=int(str(values["interval-seconds"])),
                timeout_sec=int(str(values["timeout-seconds"])),
                retries=int(str(values["retry-count"])),
            )

        def dynamic(fields: Fields, node: ConfigNode) -> None:
            fields["address_dynamic"] = True
            fields["roaming_interfaces"] = [
                *fields.get("roaming_interfaces", []),
                *self.fields(node, {"roaming interface": _append("r", self.roaming)}).get("r", []),
            ]

        def hybrid(fields: Fields, node: ConfigNode) -> None:
            fields["hybrid_access"] = True
            profiles = self.fields(node, {"profile-definition": _append("p", self.profile)})
            fields["hybrid_access_profiles"] = [
                *fields.get("hybrid_access_profiles", []),
                *profiles.get("p", []),
            ]

        fields = self.fields(
            block,
            {
                "address ipv4": self.own_address(where),
                "address ipv6": self.own_address(where),
                "role": _set("role"),
                "apn": _set("apn"),
                "sessionmgr": _flag("sessionmgr"),
                "generate grekey": _flag("generate_grekey"),
                "local-routing-mag": _flag("local_routing_mag"),
                "discover-mn-detach poll interval": detach,
                "interface": _append("interfaces", _interface),
                "binding maximum": _set("binding_maximum"),
                "binding lifetime": _set("binding_lifetime_sec"),
                "binding refresh-time": _set("binding_refresh_time_sec"),
                "binding init-retx-time": _set("binding_init_retx_time_msec"),
                "binding max-retx-time": _set("binding_max_retx_time_msec"),
                "replay-protection timestamp": lambda f, n: f.update(replay_protection=_replay(n)),
                "bri delay min": _set("bri_delay_min_msec"),
                "bri delay max": _set("bri_delay_max_msec"),
                "bri retry": _set("bri_retry"),
                "multipath": _flag("multipath"),
                "heartbeat": lambda f, n: f.update(heartbeat=_heartbeat(n)),
                "bce maximum": _set("bce_maximum"),
                "mobile-map": _set("mobile_map"),
                "tunnel mtu": _set("tunnel_mtu"),
                "address dynamic": dynamic,
                "lma": _append("lmas", lambda n: self.mag_lma(n, where)),
                "mobility-service hybrid-access": hybrid,
            },
        )
        return MagInstance(
            mag_id=str(block.values["mag-id"]), domain=str(block.values["domain-name"]), **fields
        )

    def roaming(self, node: ConfigNode) -> RoamingInterface:
        priority = node.values.get("interface-priority")
        return RoamingInterface(
            interface=_interface(node),
            priority=None if priority is None else int(str(priority)),
            egress_att=_text(node, "interface-attribute"),
            label=_text(node, "label"),
        )

    def profile(self, block: ConfigNode) -> HybridAccessProfile:
        fields = self.fields(
            block,
            {"jitter": _set("jitter"), "rtt": _set("rtt"), "packet-loss": _set("packet_loss")},
        )
        return HybridAccessProfile(name=str(block.values["profile-name"]), **fields)

    def peer_lines(self, where: str) -> dict[str, Handler]:
        """The lines a MAG's LMA block and an LMA's MAG block share."""
        return {
            "auth-option spi": lambda f, n: f.update(auth_option=_auth(n)),
            "ipv4-address": self.addresses(where),
            "ipv6-address": self.addresses(where),
            "encap": _set("encap"),
        }

    def mag_lma(self, block: ConfigNode, where: str) -> MagLmaPeer:
        handlers = {**self.peer_lines(f"{where} lma"), "vrfid": _set("vrfid")}
        fields = self.fields(block, handlers)
        return MagLmaPeer(
            id=str(block.values["lma-id"]), domain=str(block.values["domain-name"]), **fields
        )

    # LMA ----------------------------------------------------------------------------------

    def lma(self, block: ConfigNode) -> LmaInstance:
        where = f"LMA {block.values['lma-id']}"

        def mll(fields: Fields, node: ConfigNode) -> None:
            fields["mobile_local_loop"] = True
            customers = self.fields(
                node, {"customer": _append("c", lambda n: self.customer(n, where))}
            )
            fields["customers"] = [*fields.get("customers", []), *customers.get("c", [])]

        fields = self.fields(
            block,
            {
                "address ipv4": self.own_address(where),
                "address ipv6": self.own_address(where),
                "default profile": _set("default_profile"),
                "enable aaa accounting": _flag("aaa_accounting"),
                "dynamic mag learning": _flag("dynamic_mag_learning"),
                "bce maximum": _set("bce_maximum"),
                "bce lifetime": _set("bce_lifetime_sec"),
                "bce refresh-time": _set("bce_refresh_time_sec"),
                "bce delete-wait-time": _set("bce_delete_wait_time_msec"),
                "replay-protection timestamp": lambda f, n: f.update(replay_protection=_replay(n)),
                "bri delay min": _set("bri_delay_min_msec"),
                "bri delay max": _set("bri_delay_max_msec"),
                "bri retries": _set("bri_retries"),
                "hnp maximum": _set("hnp_maximum"),
                "heartbeat": lambda f, n: f.update(heartbeat=_heartbeat(n)),
                "dscp control-plane": _set("dscp_control_plane"),
                "multipath": _flag("multipath"),
                "mobile-map": _set("mobile_map"),
                "interface": _append("interfaces", _interface),
                "tunnel mtu": _set("tunnel_mtu"),
                "tunnel acl": _set("tunnel_acl"),
                "network": _append("networks", lambda n: self.network(n, where)),
                "mag": _append("mags", lambda n: self.lma_mag(n, where)),
                "role 3gma": lambda f, n: f.update(role=self.role(n)),
                "mobility-service mobile-local-loop": mll,
            },
        )
        return LmaInstance(
            lma_id=str(block.values["lma-id"]), domain=str(block.values["domain-name"]), **fields
        )

    def network(self, block: ConfigNode, where: str) -> LmaNetwork:
        def pool(fields: Fields, node: ConfigNode) -> None:
            family = "ipv4" if node.line.startswith("pool ipv4") else "ipv6"
            fields[f"{family}_pool"] = node.values["pool-name"]
            fields[f"{family}_prefix_length"] = node.values["number"]

        def mobile_network(fields: Fields, node: ConfigNode) -> None:
            fields.setdefault("mobile_network_pools", []).append(
                MobileNetworkPool(
                    family="ipv4" if node.line.startswith("mobile-network pool ") else "ipv6",
                    address=self.address(node.values["address"], where),
                    pool_prefix=int(str(node.values["pool-prefix"])),
                    network_prefix=int(str(node.values["network-prefix"])),
                )
            )

        handlers: dict[str, Handler] = {"pool ipv4": pool, "pool ipv6": pool}
        handlers |= {"mobile-network pool": mobile_network, "mobile-network v6pool": mobile_network}
        return LmaNetwork(name=str(block.values["network-name"]), **self.fields(block, handlers))

    def lma_mag(self, block: ConfigNode, where: str) -> LmaMagPeer:
        fields = self.fields(block, self.peer_lines(f"{where} mag"))
        return LmaMagPeer(
            id=str(block.values["mag-id"]), domain=str(block.values["domain-name"]), **fields
        )

    def role(self, block: ConfigNode) -> LmaRole:
        def rat(fields: Fields, node: ConfigNode) -> None:
            fields.setdefault("rat_priorities", []).append(
                RatPriority(
                    rat=str(node.values["rat-type"]),
                    priority=int(str(node.values["priority-number"])),
                )
            )

        handlers = {"interface": _append("interfaces", _interface), "rat": rat}
        return LmaRole(role="3gma", **self.fields(block, handlers))

    def customer(self, block: ConfigNode, where: str) -> MllCustomer:
        def transport(fields: Fields, node: ConfigNode) -> None:
            address = self.fields(node, {"address ipv6": self.own_address(where)})
            fields["transport"] = MllTransport(
                vrf=_text(node, "vrf-name"),
                ipv6_address=address.get("ipv6_address"),
            )

        handlers: dict[str, Handler] = {
            "auth-option spi": lambda f, n: f.update(auth_option=_auth(n)),
            "heartbeat interval": lambda f, n: f.update(heartbeat=_heartbeat(n)),
            "network unauthorized": _flag("network_unauthorized"),
            "transport": transport,
        }
        fields = self.fields(block, handlers, fix=_domain_auth)
        return MllCustomer(
            name=str(block.values["customer-name"]), vrf=str(block.values["vrf-name"]), **fields
        )


def _domain_auth(node: ConfigNode) -> ConfigNode:
    """A customer's `auth-option` in the domain's fuller form (`spi decimal N`, `key hex K`).

    The guide's customer mode only has `auth-option spi HEX key ascii KEY`; the other forms
    are read when present, as the domain mode's command.
    """
    if node.command is not None or not node.line.startswith("auth-option "):
        return node
    found = parse_line(DOMAIN, node.line)
    if not isinstance(found, CommandMatch) or found.negated:
        return node
    return ConfigNode(line=found.line, command=found.command, values=found.values)
