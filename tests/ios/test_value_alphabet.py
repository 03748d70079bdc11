"""Every parameter kind takes values as IOS takes them when typed: printable ASCII, no `?`.

`?` is the IOS help key (IOS acts on it the moment it arrives), control characters edit or
abort the line, and anything outside ASCII is not what the router stores. Refusals name the
field, say what is wrong in words, and are themselves safe to print.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmiptui.ios.params import (
    MAX_SECRET_LENGTH,
    MAX_TEXT_LENGTH,
    MAX_WORD_LENGTH,
    Kind,
    Param,
    ParamError,
)
from pmiptui.ios.spec import COMMON
from pmiptui.terminal_text import printable

VALID: dict[Kind, str] = {
    Kind.WORD: "mag1",
    Kind.STRING: "key1",
    Kind.INTEGER: "255",
    Kind.HEX: "BDF",
    Kind.IPV4: "10.1.1.1",
    Kind.IPV4_WILDCARD: "0.0.0.255",
    Kind.IPV6: "2001:db8::1",
    Kind.IPV6_PREFIX: "2001:db8::/32",
    Kind.MAC: "aaaa.bbbb.cccc",
    Kind.NAI: "mn1@example.com",
    Kind.INTERFACE_TYPE: "GigabitEthernet",
    Kind.INTERFACE_NUMBER: "0/0/0",
    Kind.SPI: "87E",
    Kind.URL: "bootflash:archive",
    Kind.LINE: "permit any",
}
"""One value each kind accepts; the hostile variants below are built around it."""

PARAMS = [
    *(Param(name=f"field-{kind.value}", kind=kind) for kind in Kind),
    Param(name="ascii-string", kind=Kind.STRING, secret=True),
    Param(name="hex-string", kind=Kind.HEX, secret=True),
]
"""One parameter per kind, plus the two secret forms of `auth-option`."""

HOSTILE = [
    "a?b",
    "?",
    "naïve",
    "a\x1ab",
    "\x03",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\u202e",
    "\u200b",
    "a\tb",
    "a\nb",
    "a\rb",
    "a\u00a0b",
    "\x9b",
    "x" * 10_000,
]
"""Values no kind may accept (the review's list)."""


def _refused(param: Param, text: str) -> ParamError:
    checked = param.check(text)
    assert isinstance(checked, ParamError), f"{param.name} accepted {text!r}"
    return checked


def _safe(message: str) -> None:
    assert printable(message) == message
    assert "\n" not in message
    assert len(message) < 200, message


@pytest.mark.parametrize("param", PARAMS, ids=lambda p: p.name)
@pytest.mark.parametrize("text", HOSTILE, ids=repr)
def test_every_kind_refuses_hostile_values(param: Param, text: str) -> None:
    refused = _refused(param, text)
    assert refused.message.startswith(f"{param.name}: ")
    _safe(refused.message)
    _safe(refused.rule)


def _around(valid: str, bad: str) -> list[str]:
    """`bad` before, inside and after an otherwise valid value."""
    middle = len(valid) // 2
    return [bad + valid, valid[:middle] + bad + valid[middle:], valid + bad]


WRONG = [
    ("?", "'?'"),
    ("\x1a", "control character (U+001A, Ctrl-Z)"),
    ("\x03", "control character (U+0003, Ctrl-C)"),
    ("\x00", "control character (U+0000, NUL)"),
    ("\x1b[31m", "control character (U+001B, ESC)"),
    ("\t", "control character (U+0009, TAB)"),
    ("\x7f", "control character (U+007F, DEL)"),
    ("\x85", "control character (U+0085)"),
    ("ï", "non-ASCII character ('ï', U+00EF)"),
    ("\u00a0", "non-ASCII space (U+00A0)"),
    ("\u202e", "invisible formatting character (U+202E)"),
    ("\u200b", "invisible formatting character (U+200B)"),
]
"""A bad character, and the words the refusal must use for it."""


@pytest.mark.parametrize("param", PARAMS, ids=lambda p: p.name)
@pytest.mark.parametrize(("bad", "words"), WRONG, ids=[repr(b) for b, _ in WRONG])
def test_refusal_says_what_is_wrong(param: Param, bad: str, words: str) -> None:
    if param.secret:  # key material: the character's class only, never which one
        words = words.split(" (")[0]
    for text in _around(VALID[param.kind], bad):
        refused = _refused(param, text)
        assert words in refused.message, refused.message
        assert words in refused.rule
        _safe(refused.message)
        if param.secret:
            assert "U+" not in refused.message


@pytest.mark.parametrize("param", PARAMS, ids=lambda p: p.name)
def test_ten_thousand_characters_give_a_short_message(param: Param) -> None:
    valid = VALID[param.kind]
    text = (valid * (10_000 // len(valid) + 1))[:10_000]
    refused = _refused(param, text)
    assert "at most" in refused.message and "10000" in refused.message
    _safe(refused.message)


def test_words_refuse_spaces_but_lines_take_them() -> None:
    for param in PARAMS:
        if param.kind is Kind.LINE:
            assert param.check("permit ip any any") == "permit ip any any"
        else:
            _refused(param, "a b")


def test_message_names_the_field_and_escapes_the_value() -> None:
    refused = _refused(COMMON["mag-id"], "a\x1ab")
    assert refused.message == (
        "mag-id: 'a\\x1ab' must be a single word of printable ASCII without spaces or '?'; "
        "it contains a control character (U+001A, Ctrl-Z)"
    )
    refused = _refused(COMMON["mag-id"], "a?b")
    assert "'?', the IOS help key" in refused.message
    long = _refused(COMMON["domain-name"], "d" * 10_000)
    assert "…(10000 characters)" in long.message


def test_secrets_are_never_echoed() -> None:
    for name, text in (("ascii-string", "two words"), ("hex-string", "s3cr3tXYZ")):
        refused = _refused(COMMON[name], text)
        assert text not in refused.message
        assert refused.message.startswith(f"{name}: the secret must be ")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("ascii-string", "hi"),
        ("ascii-string", "key1"),
        ("ascii-string", "Pa$$w0rd!#%&*()[]{}<>~^|\\/\"'`;:,.=+-_"),
        ("hex-string", "BDF"),
        ("hex-string", "FFFFF"),
        ("domain-name", "D1"),
        ("mag-id", "mag1"),
        ("lma-id", "lma-1.example_2"),
        ("url", "bootflash:archive"),
        ("url", "startup-config"),
        ("regex", "^10\\.1\\.[0-9]+ .*"),
        ("line", "show ipv6 mobile pmipv6 mag binding"),
    ],
)
def test_guide_values_stay_valid(name: str, text: str) -> None:
    assert COMMON[name].check(text) == text


def test_nai_examples_stay_valid() -> None:
    nai = Param(name="nai", kind=Kind.NAI)
    assert nai.check("mn1@example.com") == "mn1@example.com"
    assert nai.check("@example.com") == "@example.com"


def test_length_limits() -> None:
    word = COMMON["mag-id"]
    assert word.check("m" * MAX_WORD_LENGTH) == "m" * MAX_WORD_LENGTH
    assert "at most 64 characters" in _refused(word, "m" * (MAX_WORD_LENGTH + 1)).message
    key = COMMON["ascii-string"]
    assert key.check("k" * MAX_SECRET_LENGTH) == "k" * MAX_SECRET_LENGTH
    _refused(key, "k" * (MAX_SECRET_LENGTH + 1))
    line = COMMON["line"]
    assert line.check("l" * MAX_TEXT_LENGTH) == "l" * MAX_TEXT_LENGTH
    _refused(line, "l" * (MAX_TEXT_LENGTH + 1))
    short = Param(name="hostname", kind=Kind.WORD, max_length=8)
    assert short.check("router12") == "router12"
    assert "at most 8 characters" in _refused(short, "router123").message


ANY_CHARACTER = st.characters(exclude_categories=())
"""Every code point, lone surrogates included."""

HOSTILE_TEXT = st.one_of(
    st.text(alphabet=ANY_CHARACTER),
    st.text(alphabet=st.characters(max_codepoint=0x7F)),
    st.sampled_from(list(VALID.values())).flatmap(
        lambda v: st.tuples(st.just(v), st.text(alphabet=ANY_CHARACTER, max_size=3)).map(
            lambda pair: pair[0] + pair[1]
        )
    ),
    st.text(min_size=300, max_size=3000),
)


@given(st.sampled_from(PARAMS), HOSTILE_TEXT)
def test_check_gives_ascii_or_a_safe_refusal(param: Param, text: str) -> None:
    checked = param.check(text)
    if isinstance(checked, ParamError):
        assert checked.message.startswith(f"{param.name}: ")
        _safe(checked.message)
        return
    value = str(checked)
    allowed = " " if param.kind is Kind.LINE else ""
    assert all("\x21" <= ch <= "\x7e" or ch in allowed for ch in value), repr(value)
    assert "?" not in value


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "procedures"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('"a?b"', "'?'"),
        ('"na\\u00efve"', "non-ASCII character"),
        ('"a\\x1ab"', "control character (U+001A, Ctrl-Z)"),
        ('"\\e[31mred"', "control character (U+001B, ESC)"),
        ('"a\\u202eb"', "invisible formatting character (U+202E)"),
        ("m" * 10_000, "at most 64 characters"),
    ],
)
def test_config_render_refuses_hostile_names(tmp_path: Path, value: str, words: str) -> None:
    text = (FIXTURES / "mag-minimum.yaml").read_text().replace("mag-id: mag1", f"mag-id: {value}")
    values = tmp_path / "hostile.yaml"
    values.write_text(text)
    command = ["config", "render", "mag-minimum", "--values", str(values)]
    run = subprocess.run(
        [sys.executable, "-m", "pmiptui.cli", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    invalid = [line for line in run.stderr.splitlines() if line.startswith("invalid: ")]
    assert len(invalid) == 1 and invalid[0].startswith("invalid: mag-id: ")
    assert words in invalid[0]
    assert printable(run.stderr) == run.stderr
    assert len(run.stderr) < 400
