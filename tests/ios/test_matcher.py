"""Matcher behaviour: abbreviations, negation, errors and their IOS texts, fallback, do, pipes."""

from __future__ import annotations

import pytest

from pmiptui.ios import CliError, CommandMatch, ErrorKind, parse_line, prompt, resolve
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, USER_EXEC, Frame
from pmiptui.ios.spec import Effect

DOMAIN = "config-ipv6-pmipv6-domain"
LMA = "config-ipv6-pmipv6-lma"


def ok(mode: str, line: str) -> CommandMatch:
    found = parse_line(mode, line)
    assert isinstance(found, CommandMatch), f"{line!r}: {found}"
    return found


def err(mode: str, line: str) -> CliError:
    found = parse_line(mode, line)
    assert isinstance(found, CliError), f"{line!r} matched {found}"
    return found


@pytest.mark.parametrize(
    ("mode", "typed", "canonical"),
    [
        (PRIV_EXEC, "conf t", "configure terminal"),
        (PRIV_EXEC, "sh run | sec ipv6 mob", "show running-config | section ipv6 mob"),
        (PRIV_EXEC, "sh ipv6 mob pmipv6 lma glob", "show ipv6 mobile pmipv6 lma globals"),
        (PRIV_EXEC, "sh ipv6 mob pmipv6 mag mag1 glob", "show ipv6 mobile pmipv6 mag mag1 globals"),
        (PRIV_EXEC, "sh ipv6 mob pmipv6 mag bind", "show ipv6 mobile pmipv6 mag binding"),
        (PRIV_EXEC, "show ipv6 mobile pmipv6 mag bindings", "show ipv6 mobile pmipv6 mag bindings"),
        (PRIV_EXEC, "term len 0", "terminal length 0"),
        (PRIV_EXEC, "conf t revert timer 5", "configure terminal revert timer 5"),
        (PRIV_EXEC, "conf rep flash:base force", "configure replace flash:base force"),
        (PRIV_EXEC, "wr mem", "write memory"),
        (USER_EXEC, "en", "enable"),
        (CONFIG, "int Gi0/0/0", "interface GigabitEthernet0/0/0"),
        (CONFIG, "interface gigabitethernet 0/0/0", "interface GigabitEthernet0/0/0"),
        (CONFIG, "ipv6 mob pmipv6-lma lma1 dom D1", "ipv6 mobile pmipv6-lma lma1 domain D1"),
        (DOMAIN, "enc gre", "encap gre-ipv4"),
        (DOMAIN, "auth spi dec 258 key hex BDF", "auth-option spi decimal 258 key hex BDF"),
        (DOMAIN, "auth-option spi DE key ascii k", "auth-option spi DE key ascii k"),
        (LMA, "heartbeat", "heartbeat"),
        (LMA, "int e0/2", "interface Ethernet0/2"),
        ("config-ipv6-pmipv6-domain-mn", "gre-encap-key 7", "gre-encap-key 7"),
        (
            "config-ipv6-pmipv6-domain-mn",
            "int att GigabitETHERNET l2-addr 02C7.F800.0422",
            "int att GigabitEthernet l2-addr 02c7.f800.0422",
        ),
        ("config-ipv6-pmipv6-domain-mobile-map", "set link-type a null", "set link-type a null"),
    ],
)
def test_abbreviations_expand_to_canonical_text(mode: str, typed: str, canonical: str) -> None:
    assert ok(mode, typed).line == canonical


def test_values_are_typed_and_keyed_by_placeholder() -> None:
    found = ok(DOMAIN, "mobile-map MAP1 12")
    assert found.values == {"map-name": "MAP1", "sequence-number": 12}
    nai = ok(DOMAIN, "nai @example.com")
    assert nai.values == {"realm": "example.com"}
    assert nai.line == "nai @example.com"
    assert ok(DOMAIN, "encap udptunnel").values == {"encap": "udptunnel"}
    hb = ok(LMA, "heartbeat interval 300 retries 2 label l1 natreboot")
    assert hb.values == {"interval": 300, "retries": 2, "label": "l1", "natreboot": True}


def test_keyword_beats_parameter_when_both_complete() -> None:
    found = ok("config-ipv6-pmipv6-domain-mobile-map", "set link-type a b null")
    assert found.values == {"link-name1": "a", "link-name2": "b", "null": True}


@pytest.mark.parametrize(
    ("mode", "typed", "canonical"),
    [
        (DOMAIN, "no lma lma1", "no lma lma1"),
        ("config-ipv6-pmipv6-domain-lma", "no ipv4-address 10.1.1.1", "no ipv4-address 10.1.1.1"),
        ("config-ipv6-pmipv6-domain-lma", "no ipv4-address", "no ipv4-address"),
        (DOMAIN, "no encap", "no encap"),
        (DOMAIN, "no auth-option", "no auth-option"),
        (LMA, "no heartbeat interval 3", "no heartbeat interval 3"),
        (LMA, "no bce max", "no bce maximum"),
        (CONFIG, "no ip local pool v4pool", "no ip local pool v4pool"),
    ],
)
def test_no_form_may_omit_trailing_values(mode: str, typed: str, canonical: str) -> None:
    found = ok(mode, typed)
    assert found.negated
    assert found.line == canonical


@pytest.mark.parametrize(
    ("mode", "typed"),
    [
        (DOMAIN, "no lma"),  # the block must be named
        (LMA, "no bce"),  # which bce setting?
        ("config-ipv6-pmipv6mag-lma", "no ipv4-address"),  # repeatable: the line must be named
        (DOMAIN, "no"),
    ],
)
def test_no_form_still_needs_identifying_values(mode: str, typed: str) -> None:
    assert err(mode, typed).kind is ErrorKind.INCOMPLETE


@pytest.mark.parametrize(
    ("mode", "typed", "column", "param"),
    [
        (DOMAIN, "mobile-map m 256", 13, "sequence-number"),
        (DOMAIN, "mobile-map m 0", 13, "sequence-number"),
        (DOMAIN, "fixed-link-layer-address aaaa.bbbb", 25, "hardware-address"),
        ("config-ipv6-pmipv6-domain-lma", "ipv6-address 2001:::1", 13, "ipv6-address"),
        ("config-ipv6-pmipv6-domain-lma", "ipv4-address 10.1.1.256", 13, "ipv4-address"),
        (CONFIG, "ipv6 local pool p 2001:DB8::/129 64", 18, "prefix-length"),
        (LMA, "dscp control-plane 64", 19, "dscp-value"),
        (PRIV_EXEC, "terminal length 513", 16, "lines"),
    ],
)
def test_bad_values_are_invalid_at_the_value(
    mode: str, typed: str, column: int, param: str
) -> None:
    found = err(mode, typed)
    assert found.kind is ErrorKind.INVALID
    assert found.column == column
    assert found.detail.startswith(param + ":")


def test_invalid_render_puts_the_caret_under_the_token() -> None:
    text = prompt("lma1", DOMAIN)
    found = err(DOMAIN, "mobile-map m 256")
    rendered = found.render(len(text))
    caret, message = rendered.split("\n")
    assert message == "% Invalid input detected at '^' marker."
    assert caret == " " * (len(text) + 13) + "^"
    assert (text + "mobile-map m 256")[caret.index("^") :] == "256"


def test_unknown_keyword_caret_and_extra_token() -> None:
    assert err(PRIV_EXEC, "show foo").column == 5
    assert err(PRIV_EXEC, "  show   foo").column == 9
    assert err(CONFIG, "ipv6 unicast-routing now").column == 21


def test_incomplete_and_ambiguous_texts() -> None:
    incomplete = err(DOMAIN, "lma")
    assert incomplete.kind is ErrorKind.INCOMPLETE
    assert incomplete.render(10) == "% Incomplete command."
    ambiguous = err(PRIV_EXEC, "s")
    assert ambiguous.kind is ErrorKind.AMBIGUOUS
    assert ambiguous.render(10) == '% Ambiguous command:  "s"'
    assert err(PRIV_EXEC, "c").kind is ErrorKind.AMBIGUOUS  # configure, copy, clear
    assert err(USER_EXEC, "configure terminal").kind is ErrorKind.INVALID
    assert err(DOMAIN, "encap").kind is ErrorKind.INCOMPLETE


def test_pipes_are_parsed_apart_and_only_on_show() -> None:
    found = ok(PRIV_EXEC, "sh run | i ipv6 mobile|lma")
    assert found.pipe is not None
    assert (found.pipe.kind, found.pipe.regex) == ("include", "ipv6 mobile|lma")
    assert err(PRIV_EXEC, "conf t | i x").column == 7
    assert err(PRIV_EXEC, "sh run | sec").kind is ErrorKind.INCOMPLETE
    assert err(PRIV_EXEC, "sh run | foo x").column == 9


def test_do_parses_the_exec_line() -> None:
    found = ok(LMA, "do sh ipv6 mob pmipv6 lma glob")
    assert found.command.effect is Effect.DO
    assert found.inner is not None
    assert found.inner.line == "show ipv6 mobile pmipv6 lma globals"
    bad = err(LMA, "do sh foo")
    assert bad.column == 6


def test_glued_refusal_names_the_form() -> None:
    found = err(DOMAIN, "nai example.com")
    assert found.column == 4
    assert "[<user>]@<realm>" in found.detail


def test_comments_and_blank_lines_are_no_ops() -> None:
    assert ok(DOMAIN, "!").command.effect is Effect.COMMENT
    assert ok(PRIV_EXEC, "   ").command.effect is Effect.COMMENT


def test_secret_values_are_masked_in_repr() -> None:
    found = ok(DOMAIN, "auth-option spi 67 key ascii topsecret")
    assert "topsecret" not in repr(found)
    assert found.values["ascii-string"] == "topsecret"


def test_resolve_falls_back_to_enclosing_modes() -> None:
    stack = (
        Frame(mode=PRIV_EXEC),
        Frame(mode=CONFIG),
        Frame(mode=DOMAIN, path=(("x",),)),
        Frame(mode="config-ipv6-pmipv6-domain-mobile-map", path=(("x",), ("y",))),
    )
    found = resolve(stack, "ipv6 mobile pmipv6-lma LMA1 domain D1")
    assert isinstance(found, CommandMatch)
    assert found.mode == CONFIG
    assert resolve(stack, "mobile-map MAP2 3").mode == DOMAIN  # type: ignore[union-attr]
    refused = resolve(stack, "bogus")
    assert isinstance(refused, CliError)
    assert refused.kind is ErrorKind.INVALID
    deeper = resolve(stack, "ipv6 mobile")
    assert isinstance(deeper, CliError)
    assert deeper.kind is ErrorKind.INCOMPLETE
