"""Parseable command outputs, one per `pmiptui parse KIND`, made from `show_commands`."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pmiptui.errors import InputError
from pmiptui.show_commands import SHOW_COMMANDS, ShowCommand

Builder = Callable[[dict[str, Any]], "Built"]
ColumnBuilder = Callable[[dict[str, Any], dict[str, list[Any]]], "Built | None"]
Reader = Callable[[list[str]], "Built"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Built:
    """What a builder makes of TTP's result: the records and any warnings about them."""

    records: Sequence[Any]
    """A list, or a `BindingColumns` from a column builder."""
    warnings: list[str]
    unknown: list[int] = field(default_factory=list)
    """From a reader: indexes (0-based, into the lines it was given) of lines it did not take."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Kind:
    """One parseable command: its template and record builder (or its reader), and how to
    recognise its output."""

    name: str
    command: str
    template: str | None
    """The TTP template's file name; None for a kind with a `reader`."""
    builder: str
    """`module:function` that turns TTP's dict into records; imported on first use."""
    reader: str | None = None
    """`module:function` that reads the cleaned lines' text into records (`Built`, with the
    lines it did not take); such a kind has no template."""
    signature: str
    """Regex that finds a line only this command prints; tells foreign output apart.

    A `| include` kind (`*-binding-total`) shares its line with the full command's kind,
    which the registry lists first, so foreign output is named after the full command.
    """
    columns: str | None = None
    """`module:function` that builds the records straight from the block columns of plain
    output (see `fast_scan.tile`), or returns None to leave the output to `builder`."""
    keep_indent: bool = False
    single: bool = False
    """True when the output is one record (running-config), not a list."""

    @property
    def ttp(self) -> str:
        """The TTP template's file name; refused for a reader kind."""
        if self.template is None:
            raise InputError(f"{self.name}: not parsed by a TTP template (it has a reader)")
        return self.template

    def read(self, texts: list[str]) -> Built:
        """Run this kind's reader on the cleaned lines' text (only for kinds that have one)."""
        assert self.reader is not None
        module, function = self.reader.split(":")
        reader: Reader = getattr(importlib.import_module(module), function)
        return reader(texts)

    def build(self, data: dict[str, Any]) -> Built:
        """Run this kind's builder on TTP's result."""
        module, function = self.builder.split(":")
        builder: Builder = getattr(importlib.import_module(module), function)
        return builder(data)

    def build_columns(self, data: dict[str, Any], blocks: dict[str, list[Any]]) -> Built | None:
        """Run this kind's column builder (only for kinds that have one)."""
        assert self.columns is not None
        module, function = self.columns.split(":")
        columns: ColumnBuilder = getattr(importlib.import_module(module), function)
        return columns(data, blocks)

    def recognises(self, text: str) -> bool:
        """True when a cleaned line is one only this command prints."""
        return re.search(self.signature, text) is not None


def _kind(entry: ShowCommand) -> Kind:
    return Kind(
        name=entry.kind,
        command=entry.command,
        template=entry.template,
        builder=entry.builder,
        reader=entry.reader,
        signature=entry.signature,
        columns=entry.columns,
        keep_indent=entry.keep_indent,
        single=entry.single,
    )


KINDS: dict[str, Kind] = {entry.kind: _kind(entry) for entry in SHOW_COMMANDS}
"""Every parse kind, from the one registry of show commands (`pmiptui.show_commands`)."""
