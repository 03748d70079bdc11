"""Render a command and typed values back to its canonical configuration line."""

from __future__ import annotations

from collections.abc import Mapping

from pmiptui.ios.params import Kind, Value
from pmiptui.ios.spec import CommandSpec
from pmiptui.ios.syntax import Arg, Choice, Glued, Keyword, Node, Opt, node_names

MASK = "*****"
"""Text shown instead of a secret value when rendering with ``redact=True``."""

Values = Mapping[str, Value | bool]
"""Matched or wizard-supplied values keyed by placeholder name (plus choice keys and flags)."""


class MissingValue(ValueError):
    """A mandatory parameter or choice has no value."""


class _Stop(Exception):
    """Internal: a value is missing; the negated form stops rendering there."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def render(
    command: CommandSpec, values: Values, negated: bool = False, *, redact: bool = False
) -> str:
    """The canonical line; optional groups appear only when their values are given.

    A negated command may omit trailing values (``no ipv4-address``); a plain one may not.
    """
    words: list[tuple[str, bool]] = []
    try:
        _seq(command.grammar.tree, values, words, redact)
    except _Stop as stop:
        if not negated:
            raise MissingValue(f"{command.syntax!r} needs a value for {stop.name!r}") from None
        last_value = max((i for i, (_, is_value) in enumerate(words) if is_value), default=-1)
        if last_value >= 0:
            del words[last_value + 1 :]
    text = " ".join(word for word, _ in words)
    return f"no {text}" if negated else text


def render_path(nodes: tuple[Node, ...], values: Values) -> str:
    """Render matched path elements exactly (a ``no`` line cut short stays as typed)."""
    words: list[tuple[str, bool]] = []
    _seq(nodes, values, words, False)
    return " ".join(word for word, _ in words)


def _text(value: Value | bool, secret: bool, redact: bool) -> str:
    """Format one value."""
    return MASK if secret and redact else str(value)


def _seq(seq: tuple[Node, ...], values: Values, out: list[tuple[str, bool]], redact: bool) -> None:
    """Render a sequence of nodes into ``out``."""
    i = 0
    while i < len(seq):
        node = seq[i]
        nxt = seq[i + 1] if i + 1 < len(seq) else None
        if (
            isinstance(node, Arg)
            and node.param.kind is Kind.INTERFACE_TYPE
            and isinstance(nxt, Arg)
            and nxt.param.kind is Kind.INTERFACE_NUMBER
        ):
            out.append((_value(node, values, redact) + _value(nxt, values, redact), True))
            i += 2
            continue
        _node(node, values, out, redact)
        i += 1


def _value(node: Arg, values: Values, redact: bool) -> str:
    """The text of one parameter, or stop when it is missing."""
    name = node.param.name
    if name not in values:
        raise _Stop(name)
    return _text(values[name], node.param.secret, redact)


def _node(node: Node, values: Values, out: list[tuple[str, bool]], redact: bool) -> None:
    """Render one node into ``out``."""
    if isinstance(node, Keyword):
        if node.key is not None and node.value is not True and values.get(node.key) != node.word:
            raise _Stop(node.key)
        out.append((node.word, node.key is not None))
    elif isinstance(node, Arg):
        out.append((_value(node, values, redact), True))
    elif isinstance(node, Glued):
        out.append((_glued(node, values, redact), True))
    elif isinstance(node, Opt):
        if _present(node, values):
            _seq(node.body, values, out, redact)
    else:
        _seq(_branch(node, values), values, out, redact)


def _present(node: Opt, values: Values) -> bool:
    """An optional group is rendered when any of its values is given (flags: when true)."""
    body = node.body
    if len(body) == 1 and isinstance(body[0], Keyword) and body[0].value is True:
        return bool(values.get(body[0].word))
    return any(name in values for name in node_names(node))


def _branch(node: Choice, values: Values) -> tuple[Node, ...]:
    """The alternative of a choice that the values select."""
    if node.key is not None:
        chosen = values.get(node.key)
        for branch in node.branches:
            first = branch[0]
            if isinstance(first, Keyword) and first.word == chosen:
                return branch
        raise _Stop(node.key)
    for branch in node.branches:
        names: set[str] = set()
        for part in branch:
            names |= node_names(part)
        if names and names <= set(values):
            return branch
    for branch in node.branches:
        if any(name in values for part in branch for name in node_names(part)):
            return branch
    raise _Stop("/".join(sorted(n for b in node.branches for p in b for n in node_names(p))))


def _glued(node: Glued, values: Values, redact: bool) -> str:
    """Render a glued token such as ``user@realm`` or ``2001:DB8::/32``."""
    text = []
    for part in node.parts:
        if part.param is None:
            text.append(part.literal)
        elif part.param.name in values:
            value = values[part.param.name]
            text.append(_text(value, part.param.secret, redact))
        elif not part.optional:
            raise _Stop(part.param.name)
    return "".join(text)
