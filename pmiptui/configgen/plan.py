"""Procedure + values → the exact CLI lines, mode by mode, or every field error at once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmiptui.configgen.procedure import Group, Procedure, Step
from pmiptui.errors import PmipError
from pmiptui.ios.cli_error import CliError
from pmiptui.ios.matcher import parse_line
from pmiptui.ios.modes import CONFIG, prompt
from pmiptui.ios.params import ParamError, Value
from pmiptui.ios.render import MissingValue, render
from pmiptui.ios.syntax import Choice, Keyword, Node, Opt
from pmiptui.model.config import PmipConfig
from pmiptui.redact import remember_secret


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One line to type, in the mode it is typed in."""

    mode: str
    text: str
    shown: str
    """The line with key material masked: what logs and screens may show."""
    after: str
    """The mode the session is in once the line is typed."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """A value that breaks a rule, named by its path in the values (`lmas[2].ipv6-address`)."""

    field: str
    rule: str

    def __str__(self) -> str:
        return f"{self.field}: {self.rule}"


class InvalidValues(PmipError):
    """Wizard or values-file input that breaks a rule; nothing is sent to any router."""

    title = "Invalid values"
    exit_code = 2

    def __init__(self, procedure: str, errors: Sequence[FieldError]) -> None:
        self.errors = list(errors)
        listed = "; ".join(str(e) for e in self.errors[:5])
        more = f" (+{len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"{procedure}: {listed}{more}")


def _present(value: Any) -> bool:
    return value is not None and value != "" and value is not False


def keyword_choices(nodes: tuple[Node, ...], key: str) -> set[str]:
    """The keywords a choice key accepts (`encap` → gre-ipv4, ipv6-in-ipv6, udptunnel)."""
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, Keyword) and node.key == key and isinstance(node.value, str):
            found.add(node.value)
        elif isinstance(node, Opt):
            found |= keyword_choices(node.body, key)
        elif isinstance(node, Choice):
            for branch in node.branches:
                found |= keyword_choices(branch, key)
    return found


INHERITED = frozenset({"domain-name"})
"""Values a group entry takes from the scopes around it when it does not give them itself.
Only the domain is shared this way: an LMA peer missing its `ipv4-address` must not quietly
take the router's own address from the top level."""


class _Planner:
    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self.errors: list[FieldError] = []
        self.lines: list[PlanLine] = []
        self.stack: list[str] = [CONFIG]

    def items(
        self, items: tuple[Step | Group, ...], scopes: list[Mapping[str, Any]], path: str
    ) -> None:
        known = known_keys(items) | INHERITED
        for unknown in sorted(set(scopes[0]) - known, key=str):
            hint = ", ".join(sorted(known - INHERITED if len(scopes) > 1 else known))
            self.errors.append(
                FieldError(f"{path}{unknown}", f"unknown name; expected one of: {hint}")
            )
        for item in items:
            if isinstance(item, Group):
                self.group(item, scopes, path)
            else:
                self.step(item, scopes, path)

    def group(self, group: Group, scopes: list[Mapping[str, Any]], path: str) -> None:
        entries = scopes[0].get(group.name)
        where = f"{path}{group.name}"
        if entries is None:
            entries = []
        if isinstance(entries, Mapping):
            entries = [entries]
        if not isinstance(entries, list):
            self.errors.append(FieldError(where, f"must be a list of {group.title} entries"))
            return
        if len(entries) < group.minimum:
            self.errors.append(FieldError(where, f"needs at least {group.minimum} {group.title}"))
        if group.maximum is not None and len(entries) > group.maximum:
            self.errors.append(FieldError(where, f"allows at most {group.maximum} {group.title}"))
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, Mapping):
                self.errors.append(FieldError(f"{where}[{index}]", "must be a mapping of values"))
                continue
            self.items(group.steps, [entry, *scopes], f"{where}[{index}].")

    def _lookup(self, name: str, scopes: list[Mapping[str, Any]]) -> Any:
        for scope in scopes if name in INHERITED else scopes[:1]:
            if name in scope:
                return scope[name]
        return None

    def step(self, step: Step, scopes: list[Mapping[str, Any]], path: str) -> None:
        names = step.names
        own = scopes[0]
        if step.optional:
            if names and not any(_present(own.get(n)) for n in names if n not in step.fixed):
                return
            if not names and not _present(own.get(step.key)):
                return
        values: dict[str, Value | bool] = {}
        ok = True
        grammar = step.command.grammar
        for param in grammar.params:
            name = step.value_key(param.name)
            raw = step.fixed.get(param.name, self._lookup(name, scopes))
            if not _present(raw):
                continue
            checked = param.check(str(raw).strip())
            if isinstance(checked, ParamError):
                self.errors.append(FieldError(f"{path}{name}", checked.rule))
                ok = False
            else:
                values[param.name] = checked
        for key in grammar.keys:
            raw = step.fixed.get(key, self._lookup(step.value_key(key), scopes))
            if raw is None:
                continue
            allowed = keyword_choices(grammar.tree, key)
            if isinstance(raw, bool):
                values[key] = raw
            elif allowed and str(raw) not in allowed:
                choices = ", ".join(sorted(allowed))
                where = f"{path}{step.value_key(key)}"
                self.errors.append(FieldError(where, f"must be one of: {choices}"))
                ok = False
            else:
                values[key] = str(raw)
        if not ok:
            return
        try:
            text = render(step.command, values)
        except MissingValue:
            missing = [p.name for p in grammar.params if p.name not in values]
            name = step.value_key(missing[0]) if missing else step.key
            self.errors.append(FieldError(f"{path}{name}", "is required"))
            return
        self.emit(step, text, path)

    def emit(self, step: Step, text: str, path: str = "") -> None:
        while self.stack[-1] != step.mode and len(self.stack) > 1:
            mode = self.stack.pop()
            self.lines.append(PlanLine(mode, "exit", "exit", self.stack[-1]))
        checked = parse_line(step.mode, text)
        if isinstance(checked, CliError):
            where = f"{path}{step.names[0] if step.names else step.key}"
            self.errors.append(FieldError(where, f"renders as {text!r}, which IOS refuses"))
            return
        shown = render(step.command, checked.values, redact=True)
        for name in step.command.secret_params:
            value = checked.values.get(name)
            if isinstance(value, str):
                remember_secret(value)
        if step.command.enters is not None:
            self.stack.append(step.command.enters)
        self.lines.append(PlanLine(step.mode, text, shown, self.stack[-1]))


def known_keys(items: tuple[Step | Group, ...]) -> set[str]:
    """The values keys one scope may hold: step values and switches, and group names."""
    keys: set[str] = set()
    for item in items:
        if isinstance(item, Group):
            keys.add(item.name)
            continue
        keys.update(item.value_key(name) for name in item.names if name not in item.fixed)
        if not item.names or item.switch:
            keys.add(item.key)
    return keys


def build_plan(
    procedure: Procedure, values: Mapping[str, Any], current: PmipConfig | None = None
) -> list[PlanLine]:
    """The CLI lines for `values`, from global config mode; InvalidValues lists every error.

    `current`, the router's parsed PMIPv6 configuration when known, lets the cross-field
    rules check what the procedure does not define itself (the domain's encapsulation).
    """
    lines, errors = draft_plan(procedure, values, current)
    if errors:
        raise InvalidValues(procedure.id, errors)
    return lines


def draft_plan(
    procedure: Procedure, values: Mapping[str, Any], current: PmipConfig | None = None
) -> tuple[list[PlanLine], list[FieldError]]:
    """The lines the valid values give so far, and every field error (a wizard's live preview).

    Steps with an invalid or missing value are left out of the lines; `build_plan` is this
    with "no errors" required.
    """
    planner = _Planner(procedure)
    planner.items(procedure.steps, [values], "")
    for rule in procedure.rules:
        planner.errors.extend(FieldError(field, text) for field, text in rule(values, current))
    return planner.lines, planner.errors


def preview(lines: Sequence[PlanLine], hostname: str = "Router") -> Iterator[str]:
    """The lines as a session would show them, with IOS prompts and secrets masked."""
    yield f"{prompt(hostname, 'privileged-exec')}configure terminal"
    for line in lines:
        yield f"{prompt(hostname, line.mode)}{line.shown}"
    last = lines[-1].after if lines else CONFIG
    yield f"{prompt(hostname, last)}end"
