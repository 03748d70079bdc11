"""running-config specifics the fixtures alone do not pin: secrets, keyword collisions, junk."""

from __future__ import annotations

import json

import pytest

from pmiptui.errors import EmptyOutput, ForeignOutput, RouterError
from pmiptui.model.config import PmipConfig
from pmiptui.parse import parse
from pmiptui.present.export import to_csv, to_json
from tests.parse.fixtures import FIXTURES, observed

SECRETS = FIXTURES / "running-config" / "secrets.txt"
KEYS = ("domainkey99", "DEADBEEF01", "badspikey77", "lmapeerkey42", "customerkey55")


def test_auth_keys_never_leave_the_parser_in_clear() -> None:
    raw = SECRETS.read_text()
    result = parse("running-config", raw)
    shown = "\n".join(
        [
            json.dumps(observed("running-config", raw)),
            repr(result),
            to_json(result.record),
            to_csv(result.record),
        ]
    )
    for key in KEYS:
        assert key in raw
        assert key not in shown


def test_auth_keys_are_kept_for_revealing() -> None:
    config: PmipConfig = parse("running-config", SECRETS.read_text()).record
    domain_auth = config.domains[0].auth_option
    assert domain_auth is not None and domain_auth.key.reveal() == "domainkey99"
    peer_auth = config.mags[0].lmas[0].auth_option
    assert peer_auth is not None
    assert (peer_auth.spi, peer_auth.spi_form, peer_auth.key_type) == (258, "decimal", "hex")
    assert peer_auth.key.reveal() == "DEADBEEF01"
    customer_auth = config.lmas[0].customers[0].auth_option
    assert customer_auth is not None and customer_auth.spi == 0x87E


def test_ipv4_and_ipv6_keywords_do_not_collide() -> None:
    raw = "\n".join(
        [
            "ipv6 mobile pmipv6-domain D1",
            " lma lma1",
            "  ipv4-address 10.1.1.1",
            "  ipv6-address 2001:DB8::1",
            "ipv6 mobile pmipv6-lma lma1 domain D1",
            " address ipv4 10.2.2.2",
            " address ipv6 2001:DB8::2",
            " network n1",
            "  pool ipv4 p4 pfxlen 24",
            "  pool ipv6 p6 pfxlen 48",
        ]
    )
    config: PmipConfig = parse("running-config", raw).record
    peer = config.domains[0].lmas[0]
    assert (peer.ipv4_addresses, peer.ipv6_addresses) == (["10.1.1.1"], ["2001:db8::1"])
    lma = config.lmas[0]
    assert (lma.ipv4_address, lma.ipv6_address) == ("10.2.2.2", "2001:db8::2")
    network = lma.networks[0]
    assert (network.ipv4_pool, network.ipv4_prefix_length) == ("p4", 24)
    assert (network.ipv6_pool, network.ipv6_prefix_length) == ("p6", 48)


def test_a_line_outside_its_submode_is_not_given_to_another_block() -> None:
    # IOS never prints a child line without its parent; if one appears it is not misfiled,
    # and the unparsed report, which reads lines in their block's mode, lists it.
    raw = "ipv6 mobile pmipv6-mag mag1 domain D1\n  encap gre-ipv4\n tunnel mtu 1400\n"
    result = parse("running-config", raw)
    mag = result.record.mags[0]
    assert mag.tunnel_mtu == 1400
    assert mag.lmas == []
    assert [(line.number, line.text) for line in result.unparsed] == [(2, "  encap gre-ipv4")]


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("r1#show running-config | section ipv6 mobile\nr1#\n", EmptyOutput),
        ("hostname r1\ninterface Ethernet0/0\n", ForeignOutput),
        ("Total MAG bindings : 3\n", ForeignOutput),
        ("!\nend\n", ForeignOutput),
        ("% Invalid input detected at '^' marker.\n", RouterError),
    ],
)
def test_junk_is_refused_as_before_the_reader(raw: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse("running-config", raw)


def test_a_full_running_config_gives_its_pmipv6_section() -> None:
    raw = "hostname r1\n!\nipv6 mobile pmipv6-domain D1\n encap gre-ipv4\n!\nend\n"
    result = parse("running-config", raw)
    assert result.record.domains[0].encap == "gre-ipv4"
    assert [line.text for line in result.unparsed] == ["hostname r1"]
