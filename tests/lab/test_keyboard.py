"""The lab's IOS keyboard without SSH: help text layout, Tab, editing keys, `show history`."""

from __future__ import annotations

from pmiptui.ios.modes import PRIV_EXEC
from pmiptui.lab.command_history import CommandHistory
from pmiptui.lab.context_help import UNRECOGNIZED, help_text
from pmiptui.lab.keyboard import (
    Keyboard,
    asking,
    delete_char,
    erase_word_left,
    erase_word_right,
    transpose,
    word_left,
    word_right,
)


class _Console:
    mode = PRIV_EXEC

    def prompt(self) -> str:
        return "lma1#"


def test_help_text_aligns_help_and_ends_with_a_blank_line() -> None:
    text = help_text(PRIV_EXEC, "show ipv6 mobile pmipv6 mag ", 5)
    rows = text.splitlines()
    assert rows[-1] == ""
    assert rows[0].startswith("  WORD ")
    width = max(len(row.split()[0]) for row in rows[:-1])
    assert all(row[2 + width : 4 + width] == "  " and row[4 + width] != " " for row in rows[:-1])


def test_partial_help_is_one_line_and_unknown_is_unrecognized() -> None:
    assert help_text(PRIV_EXEC, "c", 5) == "clear  configure  copy  \n\n"
    assert help_text(PRIV_EXEC, "show foo", 5) == UNRECOGNIZED + "\n\n"


def test_invalid_word_gets_the_caret_under_it() -> None:
    text = help_text(PRIV_EXEC, "show foo ", len("lma1#"))
    assert text == " " * len("lma1#show ") + "^\n% Invalid input detected at '^' marker.\n\n"


def test_question_writes_line_listing_and_prompt_and_keeps_the_line() -> None:
    written: list[str] = []
    keyboard = Keyboard(_Console(), written.append)
    assert keyboard.question("show ", 5) == ("show ", 5)
    assert written == ["show ?\n" + help_text(PRIV_EXEC, "show ", 5) + "lma1#"]
    with asking(keyboard):
        assert keyboard.question("pass", 4) is True
        assert keyboard.tab("pass", 4) is False
    assert keyboard.asking is False


def test_tab_completes_or_rings() -> None:
    keyboard = Keyboard(_Console(), lambda _text: None)
    assert keyboard.tab("sh ipv6 mob", 11) == ("sh ipv6 mobile ", 15)
    assert keyboard.tab("c", 1) is False
    assert keyboard.tab("sh ver| include x", 6) == ("sh version | include x", 11)


def test_word_keys() -> None:
    assert erase_word_left("show ipv6 foo", 13) == ("show ipv6 ", 10)
    assert erase_word_left("show ipv6 ", 10) == ("show ", 5)
    assert erase_word_left("", 0) is False
    assert erase_word_right("show ipv6 foo", 4) == ("show foo", 4)
    assert word_left("show ipv6", 9) == ("show ipv6", 5)
    assert word_right("show ipv6", 0) == ("show ipv6", 4)
    assert transpose("shwo", 4) == ("show", 4)
    assert delete_char("shoow", 2) == ("show", 2)
    assert delete_char("", 0) is False


def test_history_keeps_the_last_ten_lines_indented() -> None:
    history = CommandHistory()
    for n in range(12):
        history.add(f"show {n}")
    history.add("   ")
    assert history.lines[0] == "show 2" and len(history.lines) == 10
    assert history.render().splitlines()[-1] == "  show 11"
