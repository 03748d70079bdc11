"""Parameter validators: accepted forms, normalisation, and the rule named on refusal."""

from __future__ import annotations

import pytest

from pmiptui.ios.interfaces import canonical_interface, canonical_interface_type
from pmiptui.ios.params import Kind, Param, ParamError, param


def check(kind: Kind, text: str, **bounds: int) -> object:
    return param("p", kind, **bounds).check(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        (Kind.WORD, "lma1", "lma1"),
        (Kind.INTEGER, "255", 255),
        (Kind.HEX, "BDF", "BDF"),
        (Kind.SPI, "87E", "87E"),
        (Kind.IPV4, "10.1.1.1", "10.1.1.1"),
        (Kind.IPV4_WILDCARD, "0.0.0.255", "0.0.0.255"),
        (Kind.IPV6, "2001:0DB8:2:3::1", "2001:DB8:2:3::1"),
        (Kind.IPV6, "fe80::ce00:bff:fefc:0", "FE80::CE00:BFF:FEFC:0"),
        (Kind.IPV6_PREFIX, "2001:0db8::/32", "2001:DB8::/32"),
        (Kind.MAC, "AAAA.bbbb.CCCC", "aaaa.bbbb.cccc"),
        (Kind.NAI, "user1@example.com", "user1@example.com"),
        (Kind.NAI, "@example.com", "@example.com"),
        (Kind.INTERFACE_TYPE, "GigabitETHERNET", "GigabitEthernet"),
        (Kind.INTERFACE_TYPE, "gi", "GigabitEthernet"),
        (Kind.INTERFACE_TYPE, "Ethernet", "Ethernet"),
        (Kind.INTERFACE_NUMBER, "0/0/0.100", "0/0/0.100"),
        (Kind.URL, "flash:archive", "flash:archive"),
        (Kind.URL, "startup-config", "startup-config"),
    ],
)
def test_accepted_values_are_normalised(kind: Kind, text: str, value: object) -> None:
    assert check(kind, text) == value


@pytest.mark.parametrize(
    ("kind", "text", "rule"),
    [
        (Kind.INTEGER, "12a", "whole number"),
        (Kind.IPV4, "10.1.1", "IPv4 address"),
        (Kind.IPV6, "2001:::1", "IPv6 address"),
        (Kind.IPV6, "2001:db8::1/64", "without prefix length"),
        (Kind.IPV6_PREFIX, "2001:db8::/200", "IPv6 prefix"),
        (Kind.MAC, "aaaa.bbbb", "xxxx.xxxx.xxxx"),
        (Kind.MAC, "aa:bb:cc:dd:ee:ff", "xxxx.xxxx.xxxx"),
        (Kind.NAI, "example.com", "[user]@realm"),
        (Kind.INTERFACE_TYPE, "t", "interface type"),  # Tunnel, TenGigabitEthernet, ...
        (Kind.INTERFACE_NUMBER, "0/x", "interface number"),
        (Kind.HEX, "XYZ", "hexadecimal"),
        (Kind.SPI, "1FFFFFFFF", "32-bit"),
    ],
)
def test_refusals_name_the_rule(kind: Kind, text: str, rule: str) -> None:
    result = check(kind, text)
    assert isinstance(result, ParamError)
    assert rule in result.message
    assert result.message.startswith("p: ")


def test_integer_range() -> None:
    seq = Param(name="sequence-number", kind=Kind.INTEGER, low=1, high=255)
    assert seq.check("1") == 1
    refused = seq.check("256")
    assert isinstance(refused, ParamError)
    assert refused.message == "sequence-number: '256' must be in the range 1-255"
    assert seq.range_text == "<1-255>"


def test_interface_names() -> None:
    assert canonical_interface("gi0/0/0") == "GigabitEthernet0/0/0"
    assert canonical_interface("Te0/1/0") == "TenGigabitEthernet0/1/0"
    assert canonical_interface("Tu1") == "Tunnel1"
    assert canonical_interface("Lo0") == "Loopback0"
    assert canonical_interface("xyz0") is None
    assert canonical_interface_type("port") == "Port-channel"
