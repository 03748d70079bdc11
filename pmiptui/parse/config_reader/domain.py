"""The `ipv6 mobile pmipv6-domain` block: its options, peers, NAIs and mobile maps."""

from __future__ import annotations

from pmiptui.ios.config_tree import ConfigNode
from pmiptui.model.config import Domain, DomainLma, DomainMag, MobileMap, Nai
from pmiptui.parse.config_reader.lines import (
    BlockReader,
    Fields,
    append,
    auth,
    flag,
    mac,
    only,
    replay,
    set_field,
)


class DomainReader(BlockReader):
    """Reads a domain block into a `Domain`."""

    def domain(self, block: ConfigNode, load_aaa: bool) -> Domain:
        """One `ipv6 mobile pmipv6-domain NAME` block; `load_aaa` when the domain is also
        loaded from AAA."""
        name = str(block.values["domain-name"])
        fields = self.fields(
            block,
            {
                "replay-protection timestamp": lambda f, n: f.update(replay_protection=replay(n)),
                "auth-option spi": lambda f, n: f.update(auth_option=auth(n)),
                "encap": set_field("encap"),
                "local-routing-mag": flag("local_routing_mag"),
                "mn-profile-load-aaa": flag("mn_profile_load_aaa"),
                "fixed-link-local-address": lambda f, n: f.update(
                    fixed_link_local_address=self.address(only(n), name)
                ),
                "fixed-link-layer-address": lambda f, n: f.update(
                    fixed_link_layer_address=mac(only(n))
                ),
                "lma": append("lmas", lambda n: DomainLma(**self.peer(n, f"domain {name} lmas"))),
                "mag": append("mags", lambda n: DomainMag(**self.peer(n, f"domain {name} mags"))),
                "nai": append("nais", self.nai),
                "mobile-map": append("mobile_maps", self.mobile_map),
            },
        )
        return Domain(name=name, load_aaa=load_aaa, **fields)

    def peer(self, block: ConfigNode, where: str) -> Fields:
        """A domain's `lma ID` / `mag ID`: its addresses."""
        handlers = {"ipv4-address": self.addresses(where), "ipv6-address": self.addresses(where)}
        return {"id": str(only(block)), **self.fields(block, handlers)}

    def nai(self, block: ConfigNode) -> Nai:
        """A domain's `nai [USER]@REALM` block."""

        def gre_key(fields: Fields, node: ConfigNode) -> None:
            direction = node.values.get("gre-encap-key")
            name = "gre_encap_key" if direction is None else f"gre_encap_key_{direction}"
            fields[name] = node.values["key-value"]

        def int_att(fields: Fields, node: ConfigNode) -> None:
            fields["int_att"] = node.values["interface-access-type"]
            fields["l2_addr"] = mac(node.values["mac-address"])

        fields = self.fields(
            block,
            {
                "lma": set_field("lma"),
                "service": set_field("service"),
                "int att": int_att,
                "gre-encap-key": gre_key,
                "apn": set_field("apn"),
                "network": set_field("network"),
            },
        )
        user = block.values.get("user")
        return Nai(nai=f"{user or ''}@{block.values['realm']}", **fields)

    def mobile_map(self, block: ConfigNode) -> MobileMap:
        """A domain's `mobile-map NAME SEQ` block."""

        def link_type(fields: Fields, node: ConfigNode) -> None:
            names = ("link-name1", "link-name2", "link-name3")
            fields["link_types"] = [str(node.values[n]) for n in names if n in node.values]
            fields["link_null"] = bool(node.values.get("null"))

        fields = self.fields(
            block,
            {
                "match access-list": set_field("match_access_list"),
                "set link-type": link_type,
                "traffic-profile": set_field("traffic_profile"),
            },
        )
        return MobileMap(
            name=str(block.values["map-name"]),
            sequence=int(str(block.values["sequence-number"])),
            **fields,
        )
