"""Invalid values: every error names its field path and the rule, all reported together."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmiptui.configgen import rules
from pmiptui.configgen.catalogue import CATALOGUE
from pmiptui.configgen.plan import InvalidValues, build_plan
from pmiptui.model.config import Domain, DomainLma, PmipConfig

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "procedures"


def example(procedure_id: str) -> dict[str, Any]:
    """A deep copy of the procedure's golden values, to break."""
    path = FIXTURES / f"{procedure_id}.yaml"
    if not path.exists():
        path = FIXTURES / f"{procedure_id}-1.yaml"
    return copy.deepcopy(yaml.safe_load(path.read_text(encoding="utf-8")))


def errors(
    procedure_id: str, values: dict[str, Any], current: PmipConfig | None = None
) -> list[tuple[str, str]]:
    """The (field, rule) pairs build_plan reports; fails when it reports none."""
    with pytest.raises(InvalidValues) as raised:
        build_plan(CATALOGUE[procedure_id], values, current)
    assert raised.value.exit_code == 2
    return [(e.field, e.rule) for e in raised.value.errors]


def one(procedure_id: str, values: dict[str, Any], **kw: Any) -> tuple[str, str]:
    found = errors(procedure_id, values, **kw)
    assert len(found) == 1, found
    return found[0]


def d1(encap: str | None, lmas: tuple[str, ...] = ("LMA1",)) -> PmipConfig:
    """A router configuration holding domain D1 with the given encapsulation and LMAs."""
    return PmipConfig(
        domains=[Domain(name="D1", encap=encap, lmas=[DomainLma(id=i) for i in lmas])]
    )


# -- parameter types (the IOS model's validators)


def test_invalid_ipv4_address() -> None:
    values = example("mag-domain-minimum")
    values["lmas"][0]["ipv4-address"] = "10.1.1.300"
    field, rule = one("mag-domain-minimum", values)
    assert field == "lmas[1].ipv4-address"
    assert "IPv4 address" in rule


def test_invalid_ipv6_address() -> None:
    values = example("mag-domain-minimum")
    values["lmas"][1]["ipv6-address"] = "2001:DB8::G"
    assert one("mag-domain-minimum", values) == (
        "lmas[2].ipv6-address",
        "an IPv6 address (X:X:X:X::X)",
    )


def test_invalid_ipv6_pool_prefix() -> None:
    values = example("lma-detailed")
    values["ipv6-local-pools"][0]["prefix"] = "2001:DB8::/29"
    values["ipv6-local-pools"][0]["prefix-length"] = 129
    found = dict(errors("lma-detailed", values))
    assert "without prefix length" in found["ipv6-local-pools[1].prefix"]
    assert found["ipv6-local-pools[1].prefix-length"] == "in the range 0-128"


def test_short_mac_address() -> None:
    values = example("domain-detailed")
    values["hardware-address"] = "aaaa.bbbb"
    assert one("domain-detailed", values) == (
        "hardware-address",
        "a MAC address in the form xxxx.xxxx.xxxx",
    )


def test_nai_parts_hold_no_extra_at_and_need_a_realm() -> None:
    values = example("mag-domain-minimum")
    values["nais"][0]["user"] = "example1@example.com"
    del values["nais"][1]["realm"]
    found = errors("mag-domain-minimum", values)
    assert ("nais[1].user", "must not contain @ (the NAI is written user@realm)") in found
    assert ("nais[2].realm", "is required") in found


def test_mobile_map_sequence_out_of_range() -> None:
    values = example("domain-mobile-maps")
    values["mobile-maps"][1]["sequence-number"] = 256
    assert one("domain-mobile-maps", values) == (
        "mobile-maps[2].sequence-number",
        "in the range 1-255",
    )


@pytest.mark.parametrize(
    ("key", "text", "rule"),
    [
        ("spi-hex-value", "XYZ", "a hexadecimal SPI (0-9, A-F)"),
        ("spi-hex-value", "1FFFFFFFF", "a 32-bit SPI (at most FFFFFFFF)"),
        ("spi-decimal-value", "12a", "a whole number in the range 0-4294967295"),
        ("hex-string", "BDFG", "hexadecimal digits (0-9, A-F)"),
        ("ascii-string", "two words", "a single word without spaces"),
    ],
)
def test_auth_option_spi_and_key_are_typed(key: str, text: str, rule: str) -> None:
    values = example("mag-detailed")
    peer = values["lmas"][0]
    for name in ("spi-hex-value", "spi-decimal-value", "ascii-string", "hex-string"):
        peer.pop(name, None)
    peer.update({"spi-decimal-value": 258, "hex-string": "BDF"})
    if key.startswith("spi"):
        peer.pop("spi-decimal-value")
    else:
        peer.pop("hex-string")
    peer[key] = text
    assert one("mag-detailed", values) == (f"lmas[1].{key}", rule)


def test_auth_option_takes_one_spi_form_and_one_key_form() -> None:
    values = example("domain-detailed")
    values["spi-decimal-value"] = 67
    values["hex-string"] = "ABC"
    assert errors("domain-detailed", values) == [
        ("spi-decimal-value", "give either spi-hex-value or spi-decimal-value, not both"),
        ("hex-string", "give either ascii-string or hex-string, not both"),
    ]


def test_customer_spi_is_hexadecimal() -> None:
    values = example("lma-vrf-aware")
    values["customers"][0]["hex-value"] = "87G"
    assert one("lma-vrf-aware", values) == (
        "customers[1].hex-value",
        "a hexadecimal SPI (0-9, A-F)",
    )


def test_keys_are_masked_in_what_may_be_shown() -> None:
    plan = build_plan(CATALOGUE["mag-detailed"], example("mag-detailed"))
    line = next(line for line in plan if line.text.startswith("auth-option"))
    assert line.text == "auth-option spi decimal 258 key hex BDF"
    assert line.shown == "auth-option spi decimal 258 key hex *****"


# -- choices, presence and group sizes


def test_bad_keyword_choice() -> None:
    values = example("mag-domain-detailed")
    values["encap"] = "gre"
    values["nais"][0]["service"] = "both"
    assert errors("mag-domain-detailed", values) == [
        ("encap", "must be one of: gre-ipv4, ipv6-in-ipv6, udptunnel"),
        ("nais[1].service", "must be one of: dual, ipv4, ipv6"),
    ]


def test_missing_required_value_is_not_taken_from_an_outer_scope() -> None:
    values = example("mag-minimum")
    del values["domain"]["lmas"][0]["ipv6-address"]
    assert "ipv6-address" in values  # the MAG's own address must not fill the gap
    assert one("mag-minimum", values) == ("domain[1].lmas[1].ipv6-address", "is required")


def test_missing_required_generic_value_is_named_by_its_key() -> None:
    values = example("lma-vrf-aware")
    del values["bce-maximum"]
    assert one("lma-vrf-aware", values) == ("bce-maximum", "is required")


def test_too_few_group_entries() -> None:
    values = example("mag-domain-minimum")
    values["nais"] = []
    assert one("mag-domain-minimum", values) == ("nais", "needs at least 1 mobile node")


def test_group_must_be_a_list_of_mappings() -> None:
    values = example("domain-minimum")
    values["mags"] = "mag1"
    values["nais"] = ["example@example.com"]
    assert errors("domain-minimum", values) == [
        ("mags", "must be a list of MAG entries"),
        ("nais[1]", "must be a mapping of values"),
    ]


def test_several_errors_are_reported_together() -> None:
    values = example("lma-detailed")
    values["ipv4-address"] = "192.0.2"
    values["bce-maximum"] = -1
    values["mags"][0]["encap"] = "udptunnel"
    values["networks"][0]["pool-ipv4"] = "nopool"
    values["networks"].append({"network-name": "network1"})
    with pytest.raises(InvalidValues) as raised:
        build_plan(CATALOGUE["lma-detailed"], values)
    fields = [e.field for e in raised.value.errors]
    assert fields == [
        "networks[2].pool-ipv4",
        "networks[2].pool-ipv6",
        "ipv4-address",
        "bce-maximum",
        "mags[1].encap",
        "networks[1].pool-ipv4",
        "networks[2].network-name",
    ]
    assert str(raised.value).startswith("lma-detailed: networks[2].pool-ipv4: is required;")
    assert str(raised.value).endswith("(+2 more)")


# -- cross-field rules


def test_role_3gpp_needs_an_apn() -> None:
    values = example("mag-minimum")
    del values["apn-name"]
    assert one("mag-minimum", values) == ("apn-name", "is required when role is 3gpp")
    values["role"] = "wlan"
    build_plan(CATALOGUE["mag-minimum"], values)


def test_role_3gpp_needs_an_apn_inside_a_group() -> None:
    values = example("mag-domain-minimum")
    del values["mag"]["apn-name"]
    assert one("mag-domain-minimum", values) == ("mag[1].apn-name", "is required when role is 3gpp")


def test_3gma_role_needs_an_interface() -> None:
    values = example("lma-3gma")
    del values["type"], values["number"]
    assert one("lma-3gma", values) == (
        "type",
        "the 3GMA role needs at least one interface (type and number)",
    )


def test_multipath_needs_udptunnel_when_the_procedure_sets_the_encap() -> None:
    values = example("multipath-lma")
    values["encap"] = "gre-ipv4"
    assert one("multipath-lma", values) == (
        "encap",
        "multipath needs the domain's encap to be udptunnel",
    )
    values["encap"] = "udptunnel"
    plan = build_plan(CATALOGUE["multipath-lma"], values, d1("gre-ipv4"))
    assert plan[1].text == "encap udptunnel"


@pytest.mark.parametrize("procedure_id", ["multipath-lma", "multipath-mag", "multipath-lma-mag"])
def test_multipath_otherwise_checks_the_router_configuration(procedure_id: str) -> None:
    values = example(procedure_id)
    build_plan(CATALOGUE[procedure_id], values)  # nothing known: left to the apply stage
    build_plan(CATALOGUE[procedure_id], values, d1("udptunnel"))
    field, rule = one(procedure_id, values, current=d1("gre-ipv4"))
    # the field to fix: the procedure's own encap step when it has one
    assert field == ("domain-name" if procedure_id == "multipath-lma-mag" else "encap")
    assert rule.endswith("(the router's domain D1 has encap gre-ipv4)")
    field, rule = one(procedure_id, values, current=PmipConfig())
    assert rule.endswith("(the router's domain D1 has no encap)")


def test_multipath_rule_skips_a_procedure_without_multipath() -> None:
    values = {"domain-name": "D1", "mag": {"mag-id": "MAG1"}}
    build_plan(CATALOGUE["multipath-lma-mag"], values, d1("udptunnel"))
    assert errors("multipath-lma-mag", {"domain-name": "D1"}) == [
        ("lma", "configure the LMA, the MAG or both")
    ]


def test_mobile_node_lma_must_be_a_domain_lma() -> None:
    values = example("mag-domain-minimum")
    values["nais"][1]["lma-id"] = "lma9"
    assert one("mag-domain-minimum", values) == (
        "nais[2].lma-id",
        "must name one of the domain's LMAs: lma1, lma2",
    )


def test_mobile_node_lma_is_checked_against_the_router_when_not_defined() -> None:
    values = example("domain-detailed")
    values["domain-name"] = "D1"
    build_plan(CATALOGUE["domain-detailed"], values)
    assert one("domain-detailed", values, current=d1("gre-ipv4", ("LMA1", "LMA2"))) == (
        "nais[1].lma-id",
        "must name one of the domain's LMAs: LMA1, LMA2",
    )


def test_mag_lma_peer_must_be_a_domain_lma() -> None:
    values = example("multipath-mag")
    values["lmas"].append({"lma-id": "LMA2"})
    current = d1("udptunnel")
    assert one("multipath-mag", values, current=current) == (
        "lmas[2].lma-id",
        "must name one of the domain's LMAs: LMA1",
    )
    # when the values define the domain's LMAs, those decide
    rule = rules.domain_lma("mag.lmas[].lma-id", ("lmas[].lma-id",))
    defined = {"lmas": [{"lma-id": "lma1"}], "mag": {"lmas": [{"lma-id": "lma2"}]}}
    assert rule(defined, current) == [
        ("mag.lmas[1].lma-id", "must name one of the domain's LMAs: lma1")
    ]


def test_network_pools_must_be_defined_pools() -> None:
    values = example("lma-3gma")
    values["networks"][0]["pool-ipv4"] = "v4"
    values["networks"][0]["pool-ipv6"] = "v6"
    assert errors("lma-3gma", values) == [
        ("networks[1].pool-ipv4", "must name one of the IPv4 local pools: v4pool"),
        ("networks[1].pool-ipv6", "must name one of the IPv6 local pools: v6pool"),
    ]


def test_network_pools_unchecked_when_the_procedure_defines_none() -> None:
    values = example("lma-minimum")
    values["networks"][0]["pool-ipv4"] = "pool-on-the-router"
    build_plan(CATALOGUE["lma-minimum"], values)


def test_references_to_acls_maps_and_profiles() -> None:
    acl = example("lma-tunnel-acl")
    acl["acl-list-name"] = "acl2"
    assert one("lma-tunnel-acl", acl) == (
        "acl-list-name",
        "must name one of the access lists defined here: acl1",
    )
    mag = example("multipath-mag")
    mag["map-name"] = "MAP2"
    mag["mobile-maps"][0]["profile-name"] = "voice"
    assert errors("multipath-mag", mag) == [
        ("map-name", "must name one of the domain's mobile maps: MAP1"),
        (
            "mobile-maps[1].profile-name",
            "must name one of the traffic profiles defined here: haccess-voice",
        ),
    ]


@pytest.mark.parametrize(
    ("procedure_id", "group", "entry", "field", "rule"),
    [
        ("mag-domain-minimum", "lmas", 0, "lmas[3].lma-id", "LMA lma1 is already lmas[1]"),
        ("domain-detailed", "mags", 1, "mags[3].mag-id", "MAG mag2 is already mags[2]"),
        (
            "mag-domain-minimum",
            "nais",
            0,
            "nais[3].realm",
            "NAI example1@example.com is already nais[1]",
        ),
        (
            "domain-mobile-maps",
            "mobile-maps",
            1,
            "mobile-maps[3].map-name",
            "mobile map entry mobilemap1 20 is already mobile-maps[2]",
        ),
        (
            "multipath-lma",
            "networks",
            2,
            "networks[4].network-name",
            "LMA network net3 is already networks[3]",
        ),
    ],
)
def test_duplicate_ids_in_a_repeat_group(
    procedure_id: str, group: str, entry: int, field: str, rule: str
) -> None:
    values = example(procedure_id)
    values[group].append(copy.deepcopy(values[group][entry]))
    assert one(procedure_id, values) == (field, rule)


def test_mobile_nodes_needed_unless_profiles_come_from_aaa() -> None:
    values = example("domain-detailed")
    del values["nais"]
    build_plan(CATALOGUE["domain-detailed"], values)
    del values["mn-profile-load-aaa"]
    assert one("domain-detailed", values) == (
        "nais",
        "needs a mobile node unless mn-profile-load-aaa is on",
    )


def test_networks_need_a_pool() -> None:
    values = example("lma-mobile-network-pools")
    del values["networks"][0]["mobile-network-pools"]
    assert one("lma-mobile-network-pools", values) == (
        "networks[1].mobile-network-pools",
        "needs at least one IPv4 or IPv6 mobile network pool",
    )
