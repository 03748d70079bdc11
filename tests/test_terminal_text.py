"""Terminal-safe text: everything a terminal would act on is shown escaped, the rest unchanged."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmiptui.cli import main
from pmiptui.terminal_text import excerpt, one_line, printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("mag1 GigabitEthernet0/0/0", "mag1 GigabitEthernet0/0/0"),
        ("naïve Zürich 東京", "naïve Zürich 東京"),  # printable letters stay
        ("two\nlines", "two\nlines"),
        ("a\tb", "a\\tb"),
        ("a\rb", "a\\rb"),
        ("\x00", "\\x00"),
        ("a\x03b", "a\\x03b"),
        ("a\x1ab", "a\\x1ab"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("a\x7fb", "a\\x7fb"),
        ("\x9b31m", "\\x9b31m"),  # C1 CSI
        ("\x85", "\\x85"),
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("a\u200bb", "a\\u200bb"),  # zero-width space
        ("\u2066x\u2069", "\\u2066x\\u2069"),  # isolates
        ("\ufeffbom", "\\ufeffbom"),
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),
        ("\udc9b", "\\udc9b"),  # lone surrogate (surrogateescape)
        ("\U000e0041", "\\U000e0041"),  # tag character (format)
        ("a\\x1bb", "a\\x1bb"),  # a typed backslash is text, not a control
        ("a\u00a0b", "a\u00a0b"),  # NBSP is printable
    ],
)
def test_printable_escapes_what_a_terminal_acts_on(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_one_line_also_escapes_newlines() -> None:
    assert one_line("first\nsecond\r\n") == "first\\nsecond\\r\\n"
    assert one_line("\x1b[2J") == "\\x1b[2J"


def test_excerpt_is_bounded_and_says_how_long_the_text_was() -> None:
    assert excerpt("short") == "short"
    long = excerpt("a" * 10_000, 20)
    assert long == "a" * 20 + "…(10000 characters)"
    hostile = excerpt("\u202e" * 10_000, 20)
    assert len(hostile) < 50
    assert hostile.startswith("\\u202e")
    assert hostile.endswith("…(10000 characters)")
    assert "\n" not in excerpt("a\nb")


def _acted_on(ch: str) -> bool:
    """Characters a terminal acts on or hides: controls, format, separators, surrogates."""
    if ch == "\n":
        return False
    return unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"}


ANY_CHARACTER = st.characters(exclude_categories=())
"""Every code point, lone surrogates included (they arrive through surrogateescape)."""


@given(st.text(alphabet=ANY_CHARACTER))
def test_printable_output_is_safe_and_stable(text: str) -> None:
    shown = printable(text)
    assert not any(_acted_on(ch) for ch in shown)
    assert printable(shown) == shown
    assert "\n" not in one_line(text)
    if not any(_acted_on(ch) for ch in text):
        assert shown == text


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_excerpt_never_grows_past_its_limit(text: str, limit: int) -> None:
    shown = excerpt(text, limit)
    assert len(shown) <= limit + len(f"…({len(text)} characters)")
    assert one_line(shown) == shown


def test_cli_errors_print_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "\x1b[2J\x1b]0;owned\x07.yaml"
    assert main(["config", "render", "mag-minimum", "--values", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "\\x1b[2J\\x1b]0;owned\\x07.yaml: no such values file" in err
    assert printable(err) == err

    values = tmp_path / "values.yaml"
    values.write_text('lma-id: lma1\ndomain-name: D1\n"inter\\e[31mval\\r": 20\n')
    assert main(["config", "render", "lma-heartbeat", "--values", str(values)]) == 2
    err = capsys.readouterr().err
    assert "invalid: inter\\x1b[31mval\\r: unknown name" in err
    assert printable(err) == err
