"""The `ipv6 mobile pmipv6-mag` block: the MAG instance, its LMA peers, roaming, hybrid access."""

from __future__ import annotations

from pmiptui.ios.config_tree import ConfigNode
from pmiptui.model.config import (
    DiscoverMnDetach,
    HybridAccessProfile,
    MagInstance,
    MagLmaPeer,
    RoamingInterface,
)
from pmiptui.parse.config_reader.lines import (
    BlockReader,
    Fields,
    append,
    flag,
    heartbeat,
    interface,
    replay,
    set_field,
    text,
)


class MagReader(BlockReader):
    """Reads a MAG block into a `MagInstance`."""

    def mag(self, block: ConfigNode) -> MagInstance:
        """One `ipv6 mobile pmipv6-mag ID domain NAME` block."""
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
                *self.fields(node, {"roaming interface": append("r", self.roaming)}).get("r", []),
            ]

        def hybrid(fields: Fields, node: ConfigNode) -> None:
            fields["hybrid_access"] = True
            profiles = self.fields(node, {"profile-definition": append("p", self.profile)})
            fields["hybrid_access_profiles"] = [
                *fields.get("hybrid_access_profiles", []),
                *profiles.get("p", []),
            ]

        fields = self.fields(
            block,
            {
                "address ipv4": self.own_address(where),
                "address ipv6": self.own_address(where),
                "role": set_field("role"),
                "apn": set_field("apn"),
                "sessionmgr": flag("sessionmgr"),
                "generate grekey": flag("generate_grekey"),
                "local-routing-mag": flag("local_routing_mag"),
                "discover-mn-detach poll interval": detach,
                "interface": append("interfaces", interface),
                "binding maximum": set_field("binding_maximum"),
                "binding lifetime": set_field("binding_lifetime_sec"),
                "binding refresh-time": set_field("binding_refresh_time_sec"),
                "binding init-retx-time": set_field("binding_init_retx_time_msec"),
                "binding max-retx-time": set_field("binding_max_retx_time_msec"),
                "replay-protection timestamp": lambda f, n: f.update(replay_protection=replay(n)),
                "bri delay min": set_field("bri_delay_min_msec"),
                "bri delay max": set_field("bri_delay_max_msec"),
                "bri retry": set_field("bri_retry"),
                "multipath": flag("multipath"),
                "heartbeat": lambda f, n: f.update(heartbeat=heartbeat(n)),
                "bce maximum": set_field("bce_maximum"),
                "mobile-map": set_field("mobile_map"),
                "tunnel mtu": set_field("tunnel_mtu"),
                "address dynamic": dynamic,
                "lma": append("lmas", lambda n: self.mag_lma(n, where)),
                "mobility-service hybrid-access": hybrid,
            },
        )
        return MagInstance(
            mag_id=str(block.values["mag-id"]), domain=str(block.values["domain-name"]), **fields
        )

    def roaming(self, node: ConfigNode) -> RoamingInterface:
        """An `address dynamic` block's `roaming interface …` line."""
        priority = node.values.get("interface-priority")
        return RoamingInterface(
            interface=interface(node),
            priority=None if priority is None else int(str(priority)),
            egress_att=text(node, "interface-attribute"),
            label=text(node, "label"),
        )

    def profile(self, block: ConfigNode) -> HybridAccessProfile:
        """A hybrid-access `profile-definition NAME` block."""
        fields = self.fields(
            block,
            {
                "jitter": set_field("jitter"),
                "rtt": set_field("rtt"),
                "packet-loss": set_field("packet_loss"),
            },
        )
        return HybridAccessProfile(name=str(block.values["profile-name"]), **fields)

    def mag_lma(self, block: ConfigNode, where: str) -> MagLmaPeer:
        """A MAG's `lma ID DOMAIN` block."""
        handlers = {**self.peer_lines(f"{where} lma"), "vrfid": set_field("vrfid")}
        fields = self.fields(block, handlers)
        return MagLmaPeer(
            id=str(block.values["lma-id"]), domain=str(block.values["domain-name"]), **fields
        )
