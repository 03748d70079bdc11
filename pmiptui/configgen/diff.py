"""Predict the running-config a plan leads to, and diff the PMIPv6 part of two configs.

Pure: the prediction replays the plan lines through the IOS command model (the same
`resolve` + `apply` the lab uses), so what the operator is shown before a change is what the
model says the router will hold after it. Every rendered form has key material masked.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from pmiptui.configgen.plan import PlanLine
from pmiptui.errors import InputError
from pmiptui.ios.cli_error import CliError
from pmiptui.ios.config_tree import apply, parse_running_config, render_running_config
from pmiptui.ios.matcher import resolve
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, Frame, ModeStack
from pmiptui.ios.pipes import section
from pmiptui.redact import mask_secrets

PMIPV6_SECTION = "ipv6 mobile"
"""The `| section` regex that selects the PMIPv6 configuration blocks."""

_VOLATILE_HEADER = (
    "Building configuration",
    "Current configuration",
    "! Last configuration change",
    "! NVRAM config last updated",
    "! No configuration change since last restart",
)
"""Lines IOS prints around the running-config that change without any config change."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfigDiff:
    """The PMIPv6 lines a change adds and removes, and a unified diff; secrets masked."""

    added: list[str]
    """Lines only in the new section (indentation kept)."""
    removed: list[str]
    """Lines only in the old section (indentation kept)."""
    unified: str
    """`diff -u` style text of the two sections, with three lines of context."""

    @property
    def changed(self) -> bool:
        """True when the sections differ."""
        return bool(self.added or self.removed)


def normalize(text: str) -> str:
    """Running-config text without CR, trailing blanks and the volatile header/timestamp lines."""
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    kept = [line for line in lines if not line.startswith(_VOLATILE_HEADER)]
    while kept and not kept[0]:
        kept.pop(0)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def predict(before_running_text: str, plan_lines: Sequence[PlanLine]) -> str:
    """The running-config after typing `plan_lines` from global config mode into `before`."""
    tree = parse_running_config(normalize(before_running_text))
    stack: ModeStack = (Frame(mode=PRIV_EXEC), Frame(mode=CONFIG))
    for number, line in enumerate(plan_lines, start=1):
        found = resolve(stack, line.text)
        if isinstance(found, CliError):
            raise InputError(
                f"plan line {number} ({line.shown!r}) is refused by the command model: {found.kind}"
            )
        tree, stack = apply(tree, stack, found)
    return render_running_config(tree)


def pmipv6_section(text: str) -> str:
    """`show running-config | section ipv6 mobile` of a full (or already sectioned) config."""
    return section(normalize(text), PMIPV6_SECTION)


def config_diff(before: str, after: str) -> ConfigDiff:
    """Diff the PMIPv6 sections of two running-configs; every form has secrets masked."""
    old = mask_secrets(pmipv6_section(before)).splitlines()
    new = mask_secrets(pmipv6_section(after)).splitlines()
    added: list[str] = []
    removed: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed.extend(old[i1:i2])
        if tag in ("replace", "insert"):
            added.extend(new[j1:j2])
    unified = "\n".join(
        difflib.unified_diff(old, new, "running-config", "after change", lineterm="", n=3)
    )
    return ConfigDiff(added=added, removed=removed, unified=unified)
