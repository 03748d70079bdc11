"""The shape of a guided procedure: steps, repeatable groups and cross-field rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pmiptui.ios.commands import find
from pmiptui.ios.spec import CommandSpec
from pmiptui.model.config import PmipConfig

Values = Mapping[str, Any]
"""Values of one scope: parameter name → value, group name → list of scopes."""


@dataclass(frozen=True, kw_only=True)
class Step:
    """One command of a procedure, typed in one IOS mode."""

    mode: str
    """The mode the command is typed in (its prompt)."""
    syntax: str
    """The command's canonical syntax, as declared in the IOS command model."""
    number: int | None = None
    """The step number in the guide's SUMMARY STEPS."""
    optional: bool = False
    """May be skipped: rendered only when its values (or its switch) are given."""
    switch: str | None = None
    """Values key that turns on an optional step without parameters (e.g. `multipath`)."""
    fixed: Mapping[str, Any] = field(default_factory=dict)
    """Values the procedure fixes for this step (keyword choices the guide prescribes)."""
    help: str = ""
    """What the step does, in our words."""
    alias: Mapping[str, str] = field(default_factory=dict)
    """Values key of a placeholder that another step of the same scope also uses
    (`bce maximum <number>` and `hnp maximum <number>` read `bce-maximum` and `hnp-maximum`)."""

    @cached_property
    def command(self) -> CommandSpec:
        """The command in the IOS command model (one source of truth for syntax)."""
        return find(self.mode, self.syntax)

    @property
    def names(self) -> list[str]:
        """Values keys this step reads: its parameters and keyword-choice keys."""
        grammar = self.command.grammar
        return [self.value_key(p.name) for p in grammar.params] + [
            self.value_key(k) for k in grammar.keys
        ]

    def value_key(self, name: str) -> str:
        """The values key of a placeholder or choice key: its alias, else its own name."""
        return self.alias.get(name, name)

    @property
    def key(self) -> str:
        """The values key of a parameterless optional step."""
        return self.switch or self.syntax.replace(" ", "-")


@dataclass(frozen=True, kw_only=True)
class Group:
    """Steps repeated per item ("repeat for each LMA"), read from a list in the values."""

    name: str
    """Values key holding the list of items, e.g. `lmas`."""
    title: str
    """What one item is, e.g. "LMA in the domain"."""
    steps: tuple[Step | Group, ...]
    minimum: int = 1
    """Fewest items; 0 makes the group optional."""
    maximum: int | None = None
    help: str = ""


Rule = Callable[[Values, PmipConfig | None], list[tuple[str, str]]]
"""A cross-field check of the values (and, when known, the router's current PMIPv6
configuration): returns (field path, broken rule) pairs."""


@dataclass(frozen=True, kw_only=True)
class Procedure:
    """A configuration procedure of the guide as a guided, validated sequence of steps."""

    id: str
    title: str
    """The guide's title."""
    role: str
    """Which router it configures: `mag`, `lma`, `domain` or `both`."""
    chapter: int
    steps: tuple[Step | Group, ...]
    help: str = ""
    rules: tuple[Rule, ...] = ()

    def walk(self) -> list[tuple[tuple[str, ...], Step]]:
        """Every step with the group path above it."""
        out: list[tuple[tuple[str, ...], Step]] = []

        def visit(items: tuple[Step | Group, ...], path: tuple[str, ...]) -> None:
            for item in items:
                if isinstance(item, Group):
                    visit(item.steps, (*path, item.name))
                else:
                    out.append((path, item))

        visit(self.steps, ())
        return out
