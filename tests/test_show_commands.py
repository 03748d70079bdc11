"""The registry of show commands is the one place each command is declared; all read it."""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

from pmiptui.ios import CommandMatch, parse_line
from pmiptui.ios.modes import PRIV_EXEC
from pmiptui.lab.network import RENDERERS
from pmiptui.model.cadence import DEFAULTS
from pmiptui.model.poll import PollResult
from pmiptui.parse.kinds import KINDS
from pmiptui.show_commands import POLL_KINDS, SHOW_COMMANDS, markdown_table

ROOT = Path(__file__).resolve().parents[1]


def test_each_entry_is_whole() -> None:
    fields = {f.name for f in dataclasses.fields(PollResult)}
    for entry in SHOW_COMMANDS:
        if entry.reader is None:
            assert entry.template is not None, entry.kind
            assert (ROOT / "ttp_templates" / entry.template).is_file(), entry.kind
        else:
            assert (entry.template, entry.builder) == (None, ""), f"{entry.kind}: reader or TTP"
        for target in (entry.builder, entry.columns, entry.reader):
            if target:
                module, function = target.split(":")
                assert callable(getattr(importlib.import_module(module), function)), target
        assert entry.field in fields, f"{entry.field}: no PollResult field"
        assert (ROOT / "tests" / "fixtures" / entry.kind).is_dir(), f"{entry.kind}: no fixtures"


def test_everything_reads_the_registry() -> None:
    assert list(KINDS) == [entry.kind for entry in SHOW_COMMANDS]
    assert set(DEFAULTS) == set(POLL_KINDS)
    words = {entry.word for entry in SHOW_COMMANDS if entry.word}
    assert set(RENDERERS) == words, "every registry word needs a lab renderer"


def test_the_lab_grammar_accepts_every_command() -> None:
    for entry in SHOW_COMMANDS:
        found = parse_line(PRIV_EXEC, entry.command)
        assert isinstance(found, CommandMatch), (entry.command, found)


def test_the_readme_table_is_the_registrys() -> None:
    readme = (ROOT / "README.md").read_text()
    assert markdown_table() in readme, (
        "README's table of kinds is out of date; paste `python -c 'from pmiptui.show_commands "
        "import markdown_table; print(markdown_table())'`"
    )
