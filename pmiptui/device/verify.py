"""Check an applied change: the config read back against the prediction, and its effect.

Two checks after `apply_plan` succeeded:

* configuration: the router's PMIPv6 section must equal the predicted one exactly, and every
  plan line (not the `exit`s) must sit in the block the prediction puts it in;
* operation: `show ipv6 mobile pmipv6 {mag|lma} globals` before and after, compared field by
  field with volatile fields (counters, remaining lifetimes, uptimes, sequence numbers) left
  out, so the operator sees each configured value the router now uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmiptui.configgen.diff import ConfigDiff, config_diff, pmipv6_section
from pmiptui.configgen.plan import PlanLine
from pmiptui.device.session import RouterSession
from pmiptui.errors import PmipError
from pmiptui.ios.cli_error import CliError
from pmiptui.ios.config_tree import ConfigNode, apply, identity, parse_running_config
from pmiptui.ios.matcher import resolve
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, Frame, ModeStack
from pmiptui.ios.render import render
from pmiptui.redact import mask_secrets

VOLATILE_WORDS = frozenset(
    {
        "count",
        "counter",
        "counters",
        "uptime",
        "remaining",
        "left",
        "sequence",
        "seq",
        "since",
        "last",
        "sent",
        "received",
        "dropped",
        "age",
        "elapsed",
        "expires",
        "incomplete",
    }
)
"""Words in a field name that mark a value changing on its own (or a parse flag)."""


def is_volatile(field: str) -> bool:
    """True for counters, remaining lifetimes, uptimes, sequence numbers and the like."""
    words = set(field.lower().split("_"))
    return bool(words & VOLATILE_WORDS) or "up_time" in field.lower()


@dataclass(frozen=True, slots=True, kw_only=True)
class LineCheck:
    """Whether one plan line is in the running-config where the prediction puts it."""

    number: int
    """1-based position in the plan."""
    line: str
    """The line, secrets masked."""
    block: tuple[str, ...]
    """The block headers above it, outermost first (secrets masked)."""
    present: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ValueChange:
    """One operational value that differs between before and after the change."""

    field: str
    """Where it is, e.g. `mag mag1 / peer lma1 / registration_lifetime_sec`."""
    before: str
    after: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Verification:
    """The checks on an applied change."""

    role: str | None
    """`mag` or `lma`: whose globals were compared (None: neither configured)."""
    section_matches: bool
    """The router's PMIPv6 section is exactly the predicted one."""
    mismatch: ConfigDiff
    """Predicted section against the router's (empty when it matches)."""
    lines: list[LineCheck]
    changes: list[ValueChange]
    """Operational values that changed, volatile fields left out."""
    globals_note: str = ""
    """Why the operational comparison is missing or partial, if it is."""

    @property
    def passed(self) -> bool:
        """True when the config is exactly as predicted and every line is in place."""
        return self.section_matches and all(check.present for check in self.lines)


def role_of(target_role: str | None, running: str) -> str | None:
    """The router's PMIPv6 role: from the inventory, else from its configuration."""
    if target_role in ("mag", "lma"):
        return target_role
    for role in ("mag", "lma"):
        if re.search(rf"^ipv6 mobile pmipv6-{role} ", running, re.MULTILINE):
            return role
    return None


def read_globals(session: RouterSession, role: str | None) -> str:
    """Raw `show ipv6 mobile pmipv6 {role} globals` ('' when the role is unknown)."""
    if role is None:
        return ""
    return session.send(f"show ipv6 mobile pmipv6 {role} globals", doing="reading globals")


def check_lines(plan: Sequence[PlanLine], before: str, actual: str) -> list[LineCheck]:
    """Replay `plan` on `before` and look up each config line's place in `actual`."""
    tree = parse_running_config(before)
    found_tree = parse_running_config(actual)
    stack: ModeStack = (Frame(mode=PRIV_EXEC), Frame(mode=CONFIG))
    checks: list[LineCheck] = []
    for number, line in enumerate(plan, start=1):
        match = resolve(stack, line.text)
        if isinstance(match, CliError):
            checks.append(LineCheck(number=number, line=line.shown, block=(), present=False))
            continue
        if match.command.effect is not None:
            tree, stack = apply(tree, stack, match)
            continue
        tree, stack = apply(tree, stack, match)
        if match.command.enters is not None and not match.negated:
            path = stack[-1].path
        else:
            node = ConfigNode(
                line=render(match.command, match.values),
                command=match.command,
                values=match.values,
            )
            path = (*stack[-1].path, identity(node))
        want = render(match.command, match.values)
        got = _find(found_tree, path)
        present = got is None if match.negated else got is not None and got.line == want
        headers = [n.line for n in _chain(tree, path[:-1])]
        checks.append(
            LineCheck(
                number=number,
                line=line.shown,
                block=tuple(mask_secrets(h) for h in headers),
                present=present,
            )
        )
    return checks


def _find(tree: ConfigNode, path: tuple[Any, ...]) -> ConfigNode | None:
    node: ConfigNode | None = tree
    for step in path:
        if node is None:
            return None
        node = next((kid for kid in node.children if identity(kid) == step), None)
    return node


def _chain(tree: ConfigNode, path: tuple[Any, ...]) -> list[ConfigNode]:
    out: list[ConfigNode] = []
    node = tree
    for step in path:
        found = next((kid for kid in node.children if identity(kid) == step), None)
        if found is None:
            break
        out.append(found)
        node = found
    return out


def globals_changes(role: str | None, before: str, after: str) -> tuple[list[ValueChange], str]:
    """Operational values that differ between two globals outputs, and a note if unparsable."""
    if role is None:
        return [], "no MAG or LMA instance configured: no globals to compare"
    old, note_old = _flat_globals(role, before)
    new, note_new = _flat_globals(role, after)
    changes = [
        ValueChange(field=key, before=old.get(key, "(none)"), after=new.get(key, "(none)"))
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    ]
    return changes, "; ".join(n for n in (note_old, note_new) if n)


def _flat_globals(role: str, text: str) -> tuple[dict[str, str], str]:
    from pmiptui.model.serialize import to_data
    from pmiptui.parse import parse

    if not text.strip():
        return {}, ""
    try:
        records = parse(f"{role}-globals", text).records
    except PmipError as error:
        return {}, f"{role} globals not readable: {error.message}"
    flat: dict[str, str] = {}
    for record in records:
        data = to_data(record)
        _flatten(data, _label(role, data), flat)
    return flat, ""


def _label(role: str, data: Mapping[str, Any]) -> str:
    name = data.get(f"{role}_id") or data.get("name") or "?"
    return f"{role} {name}"


def _flatten(data: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(data, Mapping):
        for key, value in data.items():
            if is_volatile(key):
                continue
            if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
                for item in value:
                    name = item.get("name") or item.get("peer") or "?"
                    _flatten(item, f"{prefix} / {key.rstrip('s')} {name}", out)
            else:
                _flatten(value, f"{prefix} / {key}", out)
        return
    if isinstance(data, list):
        out[prefix] = ", ".join(str(v) for v in data)
        return
    out[prefix] = mask_secrets("" if data is None else str(data))


def verify_change(
    session: RouterSession,
    plan: Sequence[PlanLine],
    *,
    before: str,
    predicted: str,
    globals_before: str,
    role: str | None,
    after: str | None = None,
) -> Verification:
    """Read back the router (unless `after` is given) and check the change (see module doc)."""
    if after is None:
        from pmiptui.device.apply import read_running

        after = read_running(session)
    globals_after = read_globals(session, role)
    mismatch = config_diff(predicted, after)
    changes, note = globals_changes(role, globals_before, globals_after)
    return Verification(
        role=role,
        section_matches=pmipv6_section(predicted) == pmipv6_section(after),
        mismatch=mismatch,
        lines=check_lines(plan, before, after),
        changes=changes,
        globals_note=note,
    )
