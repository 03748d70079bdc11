"""A procedure's steps and parameters as text, for `pmiptui config show` and help panes."""

from __future__ import annotations

from collections.abc import Iterator

from pmiptui.configgen.plan import keyword_choices
from pmiptui.configgen.procedure import Group, Procedure, Step
from pmiptui.ios.params import Param


def param_text(param: Param, key: str | None = None) -> str:
    """`ipv6-address (IPv6 address)` with its range and unit; `key` is its values key."""
    kind = param.kind.value.replace("-", " ")
    extra = [param.range_text] if param.range_text else []
    if param.unit:
        extra.append(param.unit)
    if param.secret:
        extra.append("secret")
    tail = f", {', '.join(extra)}" if extra else ""
    return f"{key or param.name} ({kind}{tail})"


def _step_lines(step: Step, indent: str) -> Iterator[str]:
    number = f"{step.number:>2}." if step.number else "  -"
    flag = " (optional)" if step.optional else ""
    yield f"{indent}{number} [{step.mode}] {step.syntax}{flag}"
    if step.help:
        yield f"{indent}      {step.help}"
    grammar = step.command.grammar
    for param in grammar.params:
        if param.name in step.fixed:
            continue
        label = param_text(param, step.value_key(param.name))
        yield f"{indent}      - {label}{': ' + param.help if param.help else ''}"
    for key in grammar.keys:
        if key in step.fixed:
            continue
        choices = sorted(keyword_choices(grammar.tree, key))
        shape = f"one of {', '.join(choices)}" if choices else "true/false"
        yield f"{indent}      - {step.value_key(key)} ({shape})"
    if not grammar.params and not grammar.keys and step.optional:
        yield f"{indent}      - {step.key} (true/false)"


def _items(items: tuple[Step | Group, ...], indent: str) -> Iterator[str]:
    for item in items:
        if isinstance(item, Group):
            bounds = f"at least {item.minimum}" if item.minimum else "optional"
            if item.maximum is not None:
                bounds += f", at most {item.maximum}"
            yield f"{indent}{item.name}: repeat for each {item.title} ({bounds})"
            if item.help:
                yield f"{indent}  {item.help}"
            yield from _items(item.steps, indent + "  ")
        else:
            yield from _step_lines(item, indent)


def describe(procedure: Procedure) -> str:
    """Title, role, help, then every step with its mode, syntax and typed parameters."""
    head = [
        f"{procedure.id}: {procedure.title}",
        f"role: {procedure.role}   guide chapter: {procedure.chapter}",
    ]
    if procedure.help:
        head.append(procedure.help)
    return "\n".join([*head, "", *_items(procedure.steps, "")]) + "\n"
