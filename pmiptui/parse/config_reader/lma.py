"""The `ipv6 mobile pmipv6-lma` block: the LMA instance, its networks, MAG peers, 3GMA role and
mobile local loop customers."""

from __future__ import annotations

from pmiptui.ios.config_tree import ConfigNode
from pmiptui.ios.grammar_domain import DOMAIN
from pmiptui.ios.matcher import CommandMatch, parse_line
from pmiptui.model.config import (
    LmaInstance,
    LmaMagPeer,
    LmaNetwork,
    LmaRole,
    MllCustomer,
    MllTransport,
    MobileNetworkPool,
    RatPriority,
)
from pmiptui.parse.config_reader.lines import (
    BlockReader,
    Fields,
    Handler,
    append,
    auth,
    flag,
    heartbeat,
    interface,
    replay,
    set_field,
    text,
)


class LmaReader(BlockReader):
    """Reads an LMA block into an `LmaInstance`."""

    def lma(self, block: ConfigNode) -> LmaInstance:
        """One `ipv6 mobile pmipv6-lma ID domain NAME` block."""
        where = f"LMA {block.values['lma-id']}"

        def mll(fields: Fields, node: ConfigNode) -> None:
            fields["mobile_local_loop"] = True
            customers = self.fields(
                node, {"customer": append("c", lambda n: self.customer(n, where))}
            )
            fields["customers"] = [*fields.get("customers", []), *customers.get("c", [])]

        fields = self.fields(
            block,
            {
                "address ipv4": self.own_address(where),
                "address ipv6": self.own_address(where),
                "default profile": set_field("default_profile"),
                "enable aaa accounting": flag("aaa_accounting"),
                "dynamic mag learning": flag("dynamic_mag_learning"),
                "bce maximum": set_field("bce_maximum"),
                "bce lifetime": set_field("bce_lifetime_sec"),
                "bce refresh-time": set_field("bce_refresh_time_sec"),
                "bce delete-wait-time": set_field("bce_delete_wait_time_msec"),
                "replay-protection timestamp": lambda f, n: f.update(replay_protection=replay(n)),
                "bri delay min": set_field("bri_delay_min_msec"),
                "bri delay max": set_field("bri_delay_max_msec"),
                "bri retries": set_field("bri_retries"),
                "hnp maximum": set_field("hnp_maximum"),
                "heartbeat": lambda f, n: f.update(heartbeat=heartbeat(n)),
                "dscp control-plane": set_field("dscp_control_plane"),
                "multipath": flag("multipath"),
                "mobile-map": set_field("mobile_map"),
                "interface": append("interfaces", interface),
                "tunnel mtu": set_field("tunnel_mtu"),
                "tunnel acl": set_field("tunnel_acl"),
                "network": append("networks", lambda n: self.network(n, where)),
                "mag": append("mags", lambda n: self.lma_mag(n, where)),
                "role 3gma": lambda f, n: f.update(role=self.role(n)),
                "mobility-service mobile-local-loop": mll,
            },
        )
        return LmaInstance(
            lma_id=str(block.values["lma-id"]), domain=str(block.values["domain-name"]), **fields
        )

    def network(self, block: ConfigNode, where: str) -> LmaNetwork:
        """An LMA's `network NAME` block: its pools."""

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
        """An LMA's `mag ID DOMAIN` block."""
        fields = self.fields(block, self.peer_lines(f"{where} mag"))
        return LmaMagPeer(
            id=str(block.values["mag-id"]), domain=str(block.values["domain-name"]), **fields
        )

    def role(self, block: ConfigNode) -> LmaRole:
        """An LMA's `role 3gma` block."""

        def rat(fields: Fields, node: ConfigNode) -> None:
            fields.setdefault("rat_priorities", []).append(
                RatPriority(
                    rat=str(node.values["rat-type"]),
                    priority=int(str(node.values["priority-number"])),
                )
            )

        handlers = {"interface": append("interfaces", interface), "rat": rat}
        return LmaRole(role="3gma", **self.fields(block, handlers))

    def customer(self, block: ConfigNode, where: str) -> MllCustomer:
        """A mobile local loop `customer NAME vrf VRF` block."""

        def transport(fields: Fields, node: ConfigNode) -> None:
            address = self.fields(node, {"address ipv6": self.own_address(where)})
            fields["transport"] = MllTransport(
                vrf=text(node, "vrf-name"),
                ipv6_address=address.get("ipv6_address"),
            )

        handlers: dict[str, Handler] = {
            "auth-option spi": lambda f, n: f.update(auth_option=auth(n)),
            "heartbeat interval": lambda f, n: f.update(heartbeat=heartbeat(n)),
            "network unauthorized": flag("network_unauthorized"),
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
