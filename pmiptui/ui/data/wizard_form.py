"""A procedure being filled in, one step at a time: pages, values, field checks, preview.

Textual-free so it is tested on its own; the wizard screen renders a page and calls these
methods. Values are kept as typed (text), nested like a values file: a repeat group is a
list of mappings under its name.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pmiptui.configgen.describe import param_text
from pmiptui.configgen.plan import (
    FieldError,
    PlanLine,
    build_plan,
    draft_plan,
    keyword_choices,
    preview,
)
from pmiptui.configgen.procedure import Group, Procedure, Step
from pmiptui.ios.params import Param, ParamError
from pmiptui.model.config import PmipConfig

Scope = tuple[tuple[str, int], ...]
"""Where a page's values live: (group name, 0-based entry) from the top down."""

INPUT, SELECT, SWITCH = "input", "select", "switch"


@dataclass(frozen=True, slots=True)
class Field:
    """One value a step asks for."""

    key: str
    """Values key (the guide's placeholder, or the step's alias for it)."""
    kind: str
    """`input`, `select` (keyword choices) or `switch` (a flag, or an optional line)."""
    param: Param | None = None
    choices: tuple[str, ...] = ()
    label: str = ""
    """`ipv6-address (IPv6 address)`: name, type and range."""

    @property
    def secret(self) -> bool:
        """Key material: typed into a password input, never shown."""
        return self.param is not None and self.param.secret

    @property
    def placeholder(self) -> str:
        """What the input shows while empty: its type, range and unit."""
        if self.param is None:
            return ""
        label = param_text(self.param)
        return label.split(" (", 1)[1].rstrip(")") if " (" in label else label


def fields_of(step: Step) -> list[Field]:
    """The inputs of a step: one per parameter, a select or switch per keyword choice."""
    grammar = step.command.grammar
    out = [
        Field(step.value_key(p.name), INPUT, p, label=param_text(p, step.value_key(p.name)))
        for p in grammar.params
        if p.name not in step.fixed
    ]
    for key in grammar.keys:
        if key in step.fixed:
            continue
        choices = tuple(sorted(keyword_choices(grammar.tree, key)))
        kind = SELECT if choices else SWITCH
        out.append(Field(step.value_key(key), kind, choices=choices, label=step.value_key(key)))
    if not out and (step.optional or step.switch):
        out.append(Field(step.key, SWITCH, label=f"include `{step.syntax}`"))
    return out


@dataclass(frozen=True, slots=True)
class Page:
    """One screenful: a step of one group entry, or the "add one?" page of an empty group."""

    position: tuple[int, ...]
    """Where the step or group sits in the procedure's tree of items."""
    scope: Scope
    step: Step | None
    """None for a group's page when it has no entries yet."""
    group: Group | None
    """The group this page introduces, or the innermost group around the step."""

    @property
    def intro(self) -> bool:
        return self.step is None

    @property
    def prefix(self) -> str:
        """The field path prefix of this page's values (`lmas[2].`), as the planner names them."""
        return "".join(f"{name}[{index + 1}]." for name, index in self.scope)

    @property
    def key(self) -> tuple[tuple[int, ...], Scope]:
        return (self.position, self.scope)

    @property
    def fields(self) -> list[Field]:
        return fields_of(self.step) if self.step is not None else []


def _entries(scope: dict[str, Any], group: Group) -> list[dict[str, Any]]:
    value = scope.get(group.name)
    if isinstance(value, Mapping):
        value = [dict(value)]
    if not isinstance(value, list):
        value = []
    scope[group.name] = value
    return value


def _ensure_minimums(items: tuple[Step | Group, ...], scope: dict[str, Any]) -> None:
    for item in items:
        if isinstance(item, Group):
            entries = _entries(scope, item)
            while len(entries) < item.minimum:
                entries.append({})
            for entry in entries:
                _ensure_minimums(item.steps, entry)


_TYPE_RULES = ("a ", "an ", "hexadecimal ", "in the range", "some ")
"""How a parameter's own rule starts ("an IPv6 address …"): it reads as "must be …"."""


def phrased(rule: str) -> str:
    """A planner rule as a sentence after the field name (`must be an IPv6 address …`)."""
    return f"must be {rule}" if rule.startswith(_TYPE_RULES) else rule


def _clean(value: Any) -> Any:
    """Values without blanks: empty text, None and False mean "not given"."""
    if isinstance(value, Mapping):
        return {
            k: _clean(v) for k, v in value.items() if v is not None and v != "" and v is not False
        }
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


class WizardForm:
    """The values of one procedure and the page the operator is on."""

    def __init__(
        self,
        procedure: Procedure,
        values: Mapping[str, Any] | None = None,
        *,
        current: PmipConfig | None = None,
    ) -> None:
        self.procedure = procedure
        self.values: dict[str, Any] = copy.deepcopy(dict(values or {}))
        """Everything typed so far (secrets included: never display this mapping)."""
        self.current = current
        """The router's parsed PMIPv6 configuration, for the cross-field rules."""
        self.index = 0
        """Position in `pages()`."""
        _ensure_minimums(procedure.steps, self.values)

    # -- pages

    def pages(self) -> list[Page]:
        """Every page for the values as they are now (groups repeat per entry)."""
        out: list[Page] = []

        def visit(
            items: tuple[Step | Group, ...],
            scope: Scope,
            where: tuple[int, ...],
            values: dict[str, Any],
            group: Group | None,
        ) -> None:
            for number, item in enumerate(items):
                position = (*where, number)
                if isinstance(item, Group):
                    entries = _entries(values, item)
                    if not entries:
                        out.append(Page(position, scope, None, item))
                    for index, entry in enumerate(entries):
                        visit(item.steps, (*scope, (item.name, index)), position, entry, item)
                else:
                    out.append(Page(position, scope, item, group))

        visit(self.procedure.steps, (), (), self.values, None)
        return out

    @property
    def page(self) -> Page:
        pages = self.pages()
        self.index = max(0, min(self.index, len(pages) - 1))
        return pages[self.index]

    @property
    def count(self) -> int:
        return len(self.pages())

    @property
    def is_last(self) -> bool:
        return self.index >= self.count - 1

    def scope_values(self, scope: Scope) -> dict[str, Any]:
        """The mapping a scope's values live in."""
        values = self.values
        for name, index in scope:
            values = values[name][index]
        return values

    def get(self, key: str, page: Page | None = None) -> Any:
        return self.scope_values((page or self.page).scope).get(key)

    def set(self, key: str, value: Any, page: Page | None = None) -> None:
        self.scope_values((page or self.page).scope)[key] = value

    # -- checks

    def check(self, field: Field, text: str) -> str | None:
        """The rule a typed value breaks (`must be …`), or None when it is fine or empty."""
        if field.param is None or not text.strip():
            return None
        checked = field.param.check(text.strip())
        return f"must be {checked.rule}" if isinstance(checked, ParamError) else None

    def draft(self) -> tuple[list[PlanLine], list[FieldError]]:
        """The lines the values give so far, and every field error."""
        lines, errors = draft_plan(self.procedure, _clean(self.values), self.current)
        return lines, [FieldError(e.field, phrased(e.rule)) for e in errors]

    def page_errors(self, page: Page | None = None) -> list[FieldError]:
        """What stops the operator leaving this page: its own fields' errors."""
        page = page or self.page
        if page.intro:
            assert page.group is not None
            name = f"{page.prefix}{page.group.name}"
            return [e for e in self.draft()[1] if e.field == name]
        errors: dict[str, FieldError] = {}
        for field in page.fields:
            value = self.get(field.key, page)
            rule = self.check(field, value) if isinstance(value, str) else None
            if rule:
                errors[field.key] = FieldError(f"{page.prefix}{field.key}", rule)
        names = {f"{page.prefix}{field.key}": field.key for field in page.fields}
        assert page.step is not None
        names.setdefault(f"{page.prefix}{page.step.key}", page.step.key)
        for error in self.draft()[1]:
            key = names.get(error.field)
            if key is not None and key not in errors:
                errors[key] = error
        return list(errors.values())

    # -- moving

    def next(self) -> list[FieldError]:
        """Go on to the next page unless this one has errors (then they are returned)."""
        errors = self.page_errors()
        if not errors and not self.is_last:
            self.index += 1
        return errors

    def back(self) -> None:
        self.index = max(0, self.index - 1)

    @property
    def can_skip(self) -> bool:
        """Optional steps, and the page of an optional group, may be skipped."""
        page = self.page
        if page.intro:
            return page.group is not None and page.group.minimum == 0
        return page.step is not None and page.step.optional

    def skip(self) -> bool:
        """Clear an optional step's values and go on; False if this page cannot be skipped."""
        if not self.can_skip:
            return False
        page = self.page
        for field in page.fields:
            self.scope_values(page.scope).pop(field.key, None)
        if not self.is_last:
            self.index += 1
        return True

    def add_another(self) -> str | None:
        """Add an entry to the page's group after the current one; a reason if it cannot."""
        page = self.page
        group = page.group
        if group is None:
            return "this step is not repeated"
        if page.intro:
            parent, at = page.scope, 0
        else:
            parent, (_name, index) = page.scope[:-1], page.scope[-1]
            at = index + 1
        entries = _entries(self.scope_values(parent), group)
        if group.maximum is not None and len(entries) >= group.maximum:
            return f"at most {group.maximum} {group.title}"
        entry: dict[str, Any] = {}
        _ensure_minimums(group.steps, entry)
        entries.insert(at, entry)
        wanted = (*parent, (group.name, at))
        self.index = next(i for i, p in enumerate(self.pages()) if p.scope[: len(wanted)] == wanted)
        return None

    def remove_entry(self) -> str | None:
        """Remove the group entry this page belongs to; a reason if it cannot."""
        page = self.page
        group = page.group
        if group is None or page.intro:
            return "nothing to remove here"
        parent, (_name, index) = page.scope[:-1], page.scope[-1]
        entries = _entries(self.scope_values(parent), group)
        first = next(
            i for i, p in enumerate(self.pages()) if p.scope[: len(page.scope)] == page.scope
        )
        del entries[index]
        self.index = min(first, self.count - 1)
        return None

    def entry_label(self, page: Page | None = None) -> str:
        """`LMA peer 2 of 3` for a page inside a repeat group, else ''."""
        page = page or self.page
        if page.group is None or page.intro:
            return ""
        parent, (_name, index) = page.scope[:-1], page.scope[-1]
        total = len(_entries(self.scope_values(parent), page.group))
        return f"{page.group.title} {index + 1} of {total}"

    # -- output

    def preview_lines(self, hostname: str) -> list[str]:
        """The CLI as typed on the router, prompts included, secrets masked."""
        return list(preview(self.draft()[0], hostname))

    def plan(self) -> list[PlanLine]:
        """The complete plan; InvalidValues listing every error otherwise."""
        return build_plan(self.procedure, _clean(self.values), self.current)
