"""Secrets never show in reprs, strings or exports; IOS secrets are masked in CLI text."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from pmiptui.model.serialize import to_data
from pmiptui.redact import MASK, Secret, mask_secrets, remember_secret


def test_secret_displays_as_mask_everywhere() -> None:
    key = Secret("key1")
    assert repr(key) == MASK
    assert str(key) == MASK
    assert f"{key}" == MASK
    assert f"{key!r}" == MASK
    assert "%s" % key == MASK  # noqa: UP031
    assert repr([key]) == f"[{MASK}]"


def test_secret_keeps_its_value_for_the_one_place_that_sends_it() -> None:
    key = Secret("key1")
    assert key.reveal() == "key1"
    assert type(key.reveal()) is str
    assert key == "key1"
    assert isinstance(key, str)


def test_record_repr_and_data_hide_a_secret() -> None:
    @dataclass(frozen=True)
    class Holder:
        key: Secret

    holder = Holder(key=Secret("topsecret"))
    assert "topsecret" not in repr(holder)
    assert to_data(holder) == {"key": MASK}
    assert "topsecret" not in json.dumps(to_data([holder]))


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("auth-option spi 67 key ascii key1", "auth-option spi 67 key ascii ***"),
        ("  auth-option spi decimal 258 key hex BDF", "  auth-option spi decimal 258 key hex ***"),
        ("auth-option spi 87E key ascii two words", "auth-option spi 87E key ascii ***"),
        ("enable secret 5 $1$mERr$abc", "enable secret 5 ***"),
        ("username admin secret 9 $9$xyz", "username admin secret 9 ***"),
        ("username admin password 0 cisco", "username admin password 0 ***"),
        ("enable password cisco", "enable password ***"),
        ("tacacs-server key 7 0822455D0A16", "tacacs-server key 7 ***"),
        ("radius-server key shared", "radius-server key ***"),
        (" key-string 7 06070A", " key-string 7 ***"),
    ],
)
def test_mask_secrets_masks_ios_secrets(text: str, masked: str) -> None:
    assert mask_secrets(text) == masked
    assert mask_secrets(masked) == masked


@pytest.mark.parametrize(
    "text",
    [
        "service password-encryption",
        "password encryption aes",
        "  gre-encap-key up 1234",
        "key chain K1",
        "crypto key generate rsa modulus 2048",
        " encap gre-ipv4",
        "ipv6 mobile pmipv6-domain D1",
    ],
)
def test_mask_secrets_leaves_other_lines_alone(text: str) -> None:
    assert mask_secrets(text) == text


def test_mask_secrets_works_line_by_line_with_crlf() -> None:
    text = (
        "ipv6 mobile pmipv6-domain D1\r\n auth-option spi 1 key ascii k1  \r\n encap gre-ipv4\r\n"
    )
    assert mask_secrets(text) == (
        "ipv6 mobile pmipv6-domain D1\r\n auth-option spi 1 key ascii ***  \r\n encap gre-ipv4\r\n"
    )


@pytest.mark.parametrize("lead", ["chain", "hex", "ascii", "generate", "config-key"])
@pytest.mark.parametrize("joint", ["-", ".", "_", ""])
def test_a_key_that_starts_like_a_keyword_is_masked(lead: str, joint: str) -> None:
    key = f"{lead}{joint}ZZsecret42"
    for line in (f"auth-option spi 67 key ascii {key}", f"auth-option spi 67 key hex {key}"):
        masked = mask_secrets(line)
        assert "ZZsecret42" not in masked, masked
        assert masked.endswith(MASK)


def test_a_remembered_secret_is_masked_wherever_it_appears() -> None:
    remember_secret("Xq9-remembered")
    text = "% Invalid input detected near 'Xq9-remembered' on line 3\nkey=Xq9-remembered;"
    masked = mask_secrets(text)
    assert "Xq9-remembered" not in masked
    assert masked.count(MASK) == 2


def test_a_short_secret_is_masked_only_where_ios_puts_it() -> None:
    remember_secret("hi")
    assert mask_secrets("this is fine") == "this is fine"
    assert mask_secrets("auth-option spi 100 key ascii hi") == "auth-option spi 100 key ascii ***"


def test_a_secret_object_remembers_itself() -> None:
    Secret("Zp-self-registered")
    assert mask_secrets("logged Zp-self-registered.") == f"logged {MASK}."


def test_secrets_of_a_config_are_found_by_the_command_model() -> None:
    from pmiptui.ios.secrets import config_secrets

    running = (
        "ipv6 mobile pmipv6-domain D1\n"
        " auth-option spi 67 key ascii chain-Only-The-Model-Knows\n"
        " encap gre-ipv4\n"
    )
    assert config_secrets(running) == {"chain-Only-The-Model-Knows"}
