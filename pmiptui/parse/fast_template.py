"""Compile a TTP template, from TTP's own parsed objects, into one-pass line matchers.

TTP runs every line regex over the whole text and then sorts the matches by position. Its
line regexes are anchored to one line each (`\\n...(?=\\n)`), so the same matches come from
asking, line by line, which regexes match that line. This module builds that question once
per template: one alternation of every line regex (which one matched is `lastindex`), plus,
for regexes that could match the same line as another, the list of those partners.

For a repeated top-level block (`<group name="x*">` of simple lines) it also builds one
regex matching a whole block in the raw text, so a block costs one match, not one per line.

Templates using a feature this engine does not reproduce exactly are refused with a reason
(`support`), and their kinds keep TTP.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from pmiptui.parse.fast_blocks import block_spec
from pmiptui.parse.fast_specs import FastTemplate, GroupSpec, LineSpec, Unsupported
from pmiptui.parse.templates import template_text

_TAIL = "[\\t ]*(?=\\n|\\r\\n)"
_NAMED = re.compile(r"\(\?P<(\w+)>")
_ACTIONS = frozenset({"start", "startempty", "add", "join"})
_FUNCTIONS = frozenset({"joinmatches", "to_int"})
_NEWLINE_CATEGORIES = ("SPACE", "NOT_DIGIT", "NOT_WORD", "LINEBREAK")


def _to_int(value: Any) -> Any:
    """TTP's `to_int` match function, without its error logging."""
    try:
        return int(value)
    except ValueError:
        return value


def _converter(functions: list[dict[str, Any]]) -> Callable[[Any], Any] | None:
    names = [item["name"] for item in functions]
    unknown = sorted(set(names) - _FUNCTIONS)
    if unknown:
        raise Unsupported(f"variable function {', '.join(unknown)}")
    count = names.count("to_int")
    if not count:
        return None
    if count == 1:
        return _to_int

    def chain(value: Any) -> Any:
        for _ in range(count):
            value = _to_int(value)
        return value

    return chain


def _joinchar(variables: dict[str, Any], keys: list[str]) -> str:
    """TTP's join picks the separator of the last variable with joinmatches."""
    joinchar = "\n"
    for key in keys:
        if key not in variables:
            continue
        for item in variables[key].functions:
            if item["name"] == "joinmatches":
                joinchar = item["args"][0] if item["args"] else joinchar
                break
    return joinchar


def _crosses_lines(nodes: Any, flags: int) -> bool:
    """True when some part of a parsed regex could match a newline or look beyond its line."""
    for op, av in nodes:
        if op is sre_c.LITERAL:
            if av == 10:
                return True
        elif op is sre_c.NOT_LITERAL:
            if av != 10:
                return True
        elif op is sre_c.ANY:
            if flags & re.DOTALL:
                return True
        elif op is sre_c.IN:
            if _set_has_newline(av):
                return True
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            if _crosses_lines(av[2], flags):
                return True
        elif op is sre_c.SUBPATTERN:
            if _crosses_lines(av[-1], flags):
                return True
        elif op is sre_c.BRANCH:
            if any(_crosses_lines(branch, flags) for branch in av[1]):
                return True
        else:
            return True
    return False


def _set_has_newline(items: list[tuple[Any, Any]]) -> bool:
    negate = False
    hit = False
    for op, av in items:
        if op is sre_c.NEGATE:
            negate = True
        elif op is sre_c.LITERAL:
            hit = hit or av == 10
        elif op is sre_c.RANGE:
            hit = hit or av[0] <= 10 <= av[1]
        elif op is sre_c.CATEGORY:
            name = str(av)
            hit = hit or (
                any(part in name for part in _NEWLINE_CATEGORIES) and "NOT_SPACE" not in name
            )
            hit = hit and "NOT_LINEBREAK" not in name if "LINEBREAK" in name else hit
        else:
            return True
    return hit != negate


def _prefix(nodes: Any) -> str:
    """The literal text a cleaned line must start with to match (conservative)."""
    out: list[str] = []
    for op, av in nodes:
        if op is sre_c.LITERAL:
            out.append(chr(av))
        elif op is sre_c.MAX_REPEAT and out and _is_blank_run(av):
            out.append(" ")  # `[ \t]+` after text: cleaned lines have exactly one space
        else:
            break
    return "".join(out)


def _is_blank_run(av: Any) -> bool:
    low, _high, body = av
    if low != 1 or len(body) != 1 or body[0][0] is not sre_c.IN:
        return False
    chars = {chr(item[1]) for item in body[0][1] if item[0] is sre_c.LITERAL}
    return len(body[0][1]) == 2 and chars == {" ", "\t"}


def _body(pattern: str) -> str:
    """TTP's line regex without its leading `\\n` and its tail (the line end)."""
    if not pattern.startswith("\\n") or not pattern.endswith(_TAIL):
        raise Unsupported(f"a line regex not anchored to one line: {pattern!r}")
    return pattern[2 : -len(_TAIL)] + "[\\t ]*"


def _line(
    regex: dict[str, Any], group: GroupSpec, top: int, index: int, is_start: bool
) -> LineSpec:
    action = regex["ACTION"]
    if action not in _ACTIONS or regex.get("IS_LINE"):
        raise Unsupported(f"line action {'_line_' if regex.get('IS_LINE') else action}")
    pattern: re.Pattern[str] = regex["REGEX"]
    if pattern.flags & ~re.UNICODE:
        raise Unsupported("regex flags")
    if "(?P=" in pattern.pattern:
        raise Unsupported("back-references")
    body = _body(pattern.pattern)
    try:
        compiled = re.compile(body)
        parsed = sre_parse.parse(body)
    except re.error as error:
        raise Unsupported(f"a line regex that does not compile alone: {error}") from None
    if _crosses_lines(parsed, compiled.flags):
        raise Unsupported(f"a line regex that may span lines: {pattern.pattern!r}")
    if compiled.fullmatch("") is not None:
        raise Unsupported("a line regex that matches an empty line")
    variables = regex["VARIABLES"]
    for variable in variables.values():
        _converter(variable.functions)
    keys = list(compiled.groupindex)
    if not keys and action != "startempty":
        raise Unsupported("a line without variables that is not a bare `_start_`")
    if any(key not in variables for key in keys):
        raise Unsupported("a regex group that is not a template variable")
    names = tuple(variables[key].var_name_original for key in keys)
    converters = tuple(_converter(variables[key].functions) for key in keys)
    return LineSpec(
        index=index,
        group=group.index,
        top=top,
        action=action,
        is_start=is_start,
        regex=compiled,
        names=names,
        converters=converters,
        joinchar=_joinchar(variables, list(names)),
        prefix=_prefix(parsed),
    )


def _check_group(group: Any) -> None:
    if group.funcs or group.defaults or group.runs or group.outputs or group.inputs:
        raise Unsupported(f"group {group.name}: functions, defaults, inputs or outputs")
    if group.has_start_re_default:
        raise Unsupported(f"group {group.name}: start defaults")
    if group.end_re:
        raise Unsupported(f"group {group.name}: `_end_`")
    if not group.start_re:
        raise Unsupported(f"group {group.name}: no start line")
    for item in group.path:
        name = item.rstrip("*")
        if "{{" in item or name in ("", "_") or name.isdigit() or len(item) - len(name) > 1:
            raise Unsupported(f"group {group.name}: dynamic, null or `**` path")


def _check_template(template: Any) -> None:
    if template.outputs or template.groups_outputs or template.lookups or template.macro:
        raise Unsupported("template outputs, lookups or macros")
    if template.templates or template.inputs or template.filters or template.base_path:
        raise Unsupported("nested templates, inputs, filters or a base path")
    if template.results_method != "per_input":
        raise Unsupported(f"results method {template.results_method}")
    if template.vars.get("_vars_to_results_") or template.vars.get("_var_functions_"):
        raise Unsupported("template variables saved to results")


def _collect(parser: Any) -> tuple[list[GroupSpec], list[LineSpec], int]:
    if len(parser._templates) != 1:
        raise Unsupported("more than one template")
    template = parser._templates[0]
    _check_template(template)
    groups: list[GroupSpec] = []
    lines: list[LineSpec] = []

    def walk(group: Any, parent: int | None, top: int) -> None:
        _check_group(group)
        spec = GroupSpec(
            index=len(groups),
            group_id=group.group_id,
            parent=parent,
            path=tuple(
                (item.rstrip("*"), "*" * (len(item) - len(item.rstrip("*")))) for item in group.path
            ),
        )
        groups.append(spec)
        for regex in group.start_re:
            lines.append(_line(regex, spec, top, len(lines), True))
        for regex in group.re:
            lines.append(_line(regex, spec, top, len(lines), False))
        for child in group.children:
            walk(child, spec.index, top)

    for top, group in enumerate(template.groups):
        walk(group, None, top)
    return groups, lines, len(template.groups)


def _combined(
    lines: list[LineSpec],
) -> tuple[re.Pattern[str], dict[int, tuple[LineSpec, tuple[int, ...]]]]:
    parts: list[str] = []
    alternative: dict[int, tuple[LineSpec, tuple[int, ...]]] = {}
    number = 1
    for line in lines:
        source = _NAMED.sub("(", line.regex.pattern)
        parts.append(f"({source})")
        local = [line.regex.groupindex[key] for key in line.regex.groupindex]
        alternative[number] = (line, tuple(number + i for i in local))
        number += 1 + line.regex.groups
    return re.compile("|".join(parts)), alternative


@cache
def compiled(name: str) -> FastTemplate | str:
    """The fast form of template `name`, or why it has none (a one-line reason)."""
    from ttp import ttp

    try:
        groups, lines, tops = _collect(ttp(template=template_text(name)))
        partners = {
            line.index: tuple(
                other for other in lines if other.index > line.index and line.may_overlap(other)
            )
            for line in lines
        }
        combined, alternative = _combined(lines)
        blocks = tuple(
            block for top in range(tops) if (block := block_spec(lines, top, groups)) is not None
        )
    except Unsupported as reason:
        return str(reason)
    return FastTemplate(
        groups=tuple(groups),
        lines=tuple(lines),
        tops=tops,
        combined=combined,
        alternative=alternative,
        partners={key: value for key, value in partners.items() if value},
        blocks=blocks,
    )


def support(name: str) -> str | None:
    """None when template `name` runs on the fast engine, else why it keeps TTP."""
    result = compiled(name)
    return result if isinstance(result, str) else None
