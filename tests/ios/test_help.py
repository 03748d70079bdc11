"""`?` help and Tab completion over the command model: every command, at every depth."""

from __future__ import annotations

import pytest

from pmiptui.ios.cli_error import CliError, ErrorKind
from pmiptui.ios.commands import ALL_COMMANDS
from pmiptui.ios.help import (
    CR,
    HelpItem,
    Listing,
    complete,
    context_help,
    glued_label,
    param_label,
)
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, USER_EXEC
from pmiptui.ios.params import Kind, Param
from pmiptui.ios.spec import ANY_CONFIG, CommandSpec, Effect
from pmiptui.ios.syntax import Arg, Elem, Glued, Keyword

_SAMPLES: dict[Kind, str] = {
    Kind.WORD: "x1",
    Kind.STRING: "x1",
    Kind.HEX: "ABCD",
    Kind.IPV4: "10.0.0.1",
    Kind.IPV4_WILDCARD: "0.0.0.255",
    Kind.IPV6: "2001:DB8::1",
    Kind.IPV6_PREFIX: "2001:DB8::/64",
    Kind.MAC: "0000.1111.2222",
    Kind.NAI: "user@realm",
    Kind.INTERFACE_TYPE: "GigabitEthernet",
    Kind.INTERFACE_NUMBER: "0/0/0",
    Kind.SPI: "100",
    Kind.URL: "flash:x",
    Kind.LINE: "some text",
}
"""A value each kind accepts, to type a whole command."""


def _sample(p: Param) -> str:
    if p.kind is Kind.INTEGER:
        return str(p.low if p.low is not None else 1)
    return _SAMPLES[p.kind]


def _token(elem: Elem) -> str:
    if isinstance(elem, Keyword):
        return elem.word
    if isinstance(elem, Arg):
        return _sample(elem.param)
    return "".join(
        part.literal if part.param is None else _sample(part.param) for part in elem.parts
    )


def _expected(elem: Elem) -> str:
    """The word a listing shows for an element."""
    if isinstance(elem, Keyword):
        return elem.word
    if isinstance(elem, Arg):
        if elem.param.kind is Kind.INTERFACE_TYPE:
            return "GigabitEthernet"
        return param_label(elem.param)
    assert isinstance(elem, Glued)
    return glued_label(elem)


def _mode(spec: CommandSpec) -> str:
    return CONFIG if spec.mode == ANY_CONFIG else spec.mode


def _listing(mode: str, line: str) -> Listing:
    found = context_help(mode, line)
    assert isinstance(found, Listing), f"{mode}: {line!r} gave {found}"
    return found


_CASES = [
    pytest.param(spec, path, id=f"{spec.mode}|{' '.join(_token(e) for e in path)}")
    for spec in ALL_COMMANDS
    if spec.effect not in (Effect.COMMENT, Effect.DO)
    for path in spec.grammar.paths
]


@pytest.mark.parametrize(("spec", "path"), _CASES)
def test_every_command_has_help_at_every_depth(spec: CommandSpec, path: tuple[Elem, ...]) -> None:
    mode = _mode(spec)
    typed = ""
    for depth, elem in enumerate(path):
        listing = _listing(mode, typed)
        assert not listing.partial
        words = {item.word: item for item in listing.items}
        wanted = _expected(elem)
        assert wanted in words, f"{typed!r}? lacks {wanted!r}: {sorted(words)}"
        assert all(item.help for item in listing.items if item.word != CR), listing.items
        if isinstance(elem, Keyword):
            partial = _listing(mode, typed + elem.word[: 1 + depth % 2])
            assert partial.partial and elem.word in {i.word for i in partial.items}
            assert complete(mode, typed + elem.word) == typed + elem.word + " "
        if isinstance(elem, Arg) and elem.param.kind is Kind.LINE:
            return
        typed += _token(elem) + " "
    assert CR in {item.word for item in _listing(mode, typed).items}


def test_prompt_lists_the_mode_commands_sorted_with_help() -> None:
    listing = _listing(PRIV_EXEC, "")
    words = [item.word for item in listing.items]
    assert words == sorted(words)
    assert {"show", "configure", "enable", "ping"} <= set(words)
    assert CR not in words


def test_user_exec_lists_only_user_exec_commands() -> None:
    words = {item.word for item in _listing(USER_EXEC, "").items}
    assert "show" in words and "configure" not in words


def test_show_lists_keywords_and_pipe_commands_offer_output_modifiers() -> None:
    words = {item.word for item in _listing(PRIV_EXEC, "show ").items}
    assert {"version", "ipv6", "running-config", "history"} <= words
    after = [item.word for item in _listing(PRIV_EXEC, "show version ").items]
    assert after == ["|", CR]
    pipes = {item.word for item in _listing(PRIV_EXEC, "show version | ").items}
    assert pipes == {"begin", "count", "exclude", "include", "section"}
    regex = _listing(PRIV_EXEC, "show version | include ").items
    assert [item.word for item in regex] == ["LINE"]


def test_parameters_before_keywords_and_cr_last() -> None:
    items = _listing(PRIV_EXEC, "show ipv6 mobile pmipv6 mag ").items
    assert items[0] == HelpItem(word="WORD", help="MAG identifier", keyword=False)
    assert {"globals", "binding", "stats", "tunnel"} <= {item.word for item in items}
    integer = _listing(PRIV_EXEC, "terminal length ").items
    assert [item.word for item in integer] == ["<0-512>"]


def test_partial_word_lists_completions_on_abbreviated_lines() -> None:
    listing = _listing(PRIV_EXEC, "sh ipv6 mob")
    assert listing.partial and [item.word for item in listing.items] == ["mobile"]
    words = [item.word for item in _listing(PRIV_EXEC, "c").items]
    assert words == ["clear", "configure", "copy"]
    values = _listing(PRIV_EXEC, "terminal length 2").items
    assert [item.word for item in values] == ["<0-512>"]


def test_unknown_partial_word_is_unrecognized_and_bad_word_is_invalid() -> None:
    assert _listing(PRIV_EXEC, "show foo") == Listing(items=(), partial=True)
    bad = context_help(PRIV_EXEC, "show foo ")
    assert isinstance(bad, CliError) and bad.kind is ErrorKind.INVALID and bad.column == 5
    ambiguous = context_help(USER_EXEC, "s ")
    assert isinstance(ambiguous, CliError) and ambiguous.kind is ErrorKind.AMBIGUOUS


def test_config_modes_offer_no_do_and_submode_commands() -> None:
    words = {item.word for item in _listing(CONFIG, "").items}
    assert {"no", "do", "end", "exit", "ipv6", "interface"} <= words
    mobile = {item.word for item in _listing(CONFIG, "ipv6 mobile ").items}
    assert mobile == {"pmipv6-domain", "pmipv6-mag", "pmipv6-lma"}
    lma = {item.word for item in _listing("config-ipv6-pmipv6-lma", "").items}
    assert {"bce", "network", "mag", "exit"} <= lma
    negated = {item.word for item in _listing(CONFIG, "no ").items}
    assert "ipv6" in negated and "no" not in negated
    assert "show" in {item.word for item in _listing(CONFIG, "do ").items}
    assert "show" in {item.word for item in _listing(CONFIG, "do sh").items}


def test_tab_completes_unique_prefixes_only() -> None:
    assert complete(PRIV_EXEC, "sh ipv6 mob") == "sh ipv6 mobile "
    assert complete(PRIV_EXEC, "conf t") == "conf terminal "
    assert complete(PRIV_EXEC, "show ipv6 mobile pmipv6 mag bind") == (
        "show ipv6 mobile pmipv6 mag binding "
    )
    assert complete(PRIV_EXEC, "c") is None
    assert complete(PRIV_EXEC, "show foo") is None
    assert complete(PRIV_EXEC, "show ") is None
    assert complete(PRIV_EXEC, "") is None


def test_interface_types_are_listed_as_keywords() -> None:
    items = _listing(CONFIG, "interface ").items
    assert "GigabitEthernet" in {item.word for item in items}
    assert complete(CONFIG, "interface Gig") == "interface GigabitEthernet "
