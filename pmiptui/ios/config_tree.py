"""The running-config as an ordered tree, edited by matched commands in mode context.

Identity rules decide whether a line entered again replaces or adds:

* a command with ``key`` parameters names an instance by them: ``lma lma1`` entered again
  enters the existing block, ``ip local pool v4pool ...`` replaces the pool of that name,
  ``transport vrf X`` (empty key) replaces the single ``transport`` header and keeps its body;
* a ``repeatable`` command without a key adds each distinct line (``ipv4-address`` under an
  LMA peer, ``mobile-network pool``, ACL entries); the identical line is not added twice;
* any other command is a single setting of its block: ``encap gre-ipv4`` replaces a
  previous ``encap``, ``heartbeat ...`` replaces a previous ``heartbeat``.

``no <command>`` removes the line (or the whole block) with the same identity. Lines keep
the position where they were first entered; IOS's own print order is not modelled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from pmiptui.ios.matcher import CommandMatch, parse_line
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, USER_EXEC, Frame, ModeStack, is_config_mode
from pmiptui.ios.params import Value
from pmiptui.ios.pipes import section
from pmiptui.ios.render import render
from pmiptui.ios.spec import CommandSpec, Effect

__all__ = [
    "ConfigNode",
    "apply",
    "empty_tree",
    "identity",
    "parse_running_config",
    "render_running_config",
    "section",
    "walk",
]

Identity = tuple[object, ...]


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class ConfigNode:
    """One configuration line and the block beneath it; the root has an empty line."""

    line: str
    """Canonical text without indentation."""
    command: CommandSpec | None = None
    """The command the line matched, or ``None`` for lines the model does not know."""
    values: Mapping[str, Value | bool] = field(default_factory=dict, hash=False)
    """Typed values of the line."""
    children: tuple[ConfigNode, ...] = ()
    """Lines of the block this line opens, in order."""

    def __repr__(self) -> str:
        """Show the line with key material masked, and the size of its block."""
        shown = self.line
        if self.command is not None and self.command.secret_params:
            shown = render(self.command, self.values, redact=True)
        return f"ConfigNode({shown!r}, children={len(self.children)})"


def empty_tree() -> ConfigNode:
    """A running-config with no lines."""
    return ConfigNode(line="")


def identity(node: ConfigNode) -> Identity:
    """What makes a line the same setting as another in its block (see module doc)."""
    spec = node.command
    if spec is None:
        return ("text", node.line)
    if spec.key is not None:
        return (spec.uid, *(node.values.get(k) for k in spec.key))
    if spec.repeatable:
        return ("text", node.line)
    return (spec.uid,)


def apply(tree: ConfigNode, stack: ModeStack, match: CommandMatch) -> tuple[ConfigNode, ModeStack]:
    """Apply one matched line in mode context; return the new tree and mode stack."""
    spec = match.command
    current = stack[-1].mode if stack else USER_EXEC
    if spec.effect in (Effect.COMMENT, Effect.DO):
        return tree, stack
    if spec.effect is Effect.END:
        return tree, _down_to(stack, PRIV_EXEC)
    if spec.effect is Effect.EXIT:
        return tree, stack[:-1]
    if spec.effect is Effect.LOGOUT:
        return tree, ()
    if spec.effect is Effect.DISABLE:
        return tree, _down_to(stack, USER_EXEC) or (Frame(mode=USER_EXEC),)
    if not is_config_mode(match.mode):
        if spec.enters is not None and spec.enters != current:
            return tree, (*stack, Frame(mode=spec.enters))
        return tree, stack
    stack = _down_to(stack, match.mode)
    if not stack:
        raise ValueError(f"mode {match.mode!r} is not on the mode stack")
    path = stack[-1].path
    if match.negated:
        return _edit(tree, path, lambda kids: _remove(kids, spec, match)), stack
    node = ConfigNode(line=render(spec, match.values), command=spec, values=match.values)
    tree = _edit(tree, path, lambda kids: _upsert(kids, node))
    if spec.enters is not None:
        stack = (*stack, Frame(mode=spec.enters, path=(*path, identity(node))))
    return tree, stack


def _down_to(stack: ModeStack, mode: str) -> ModeStack:
    """The stack cut just above the innermost frame in ``mode`` (empty if none)."""
    for i in range(len(stack) - 1, -1, -1):
        if stack[i].mode == mode:
            return stack[: i + 1]
    return ()


def _edit(
    root: ConfigNode,
    path: tuple[Identity, ...],
    change: Callable[[tuple[ConfigNode, ...]], tuple[ConfigNode, ...]],
) -> ConfigNode:
    """Return ``root`` with ``change`` applied to the children of the block at ``path``."""
    if not path:
        return replace(root, children=change(root.children))
    kids = list(root.children)
    for i, kid in enumerate(kids):
        if identity(kid) == path[0]:
            kids[i] = _edit(kid, path[1:], change)
            return replace(root, children=tuple(kids))
    raise KeyError(f"block {path[0]!r} is not in the configuration")


def _upsert(kids: tuple[ConfigNode, ...], node: ConfigNode) -> tuple[ConfigNode, ...]:
    """Replace the line with the same identity in place (keeping its block) or append."""
    wanted = identity(node)
    out = list(kids)
    for i, kid in enumerate(out):
        if identity(kid) == wanted:
            out[i] = replace(node, children=kid.children)
            return tuple(out)
    return (*out, node)


def _remove(
    kids: tuple[ConfigNode, ...], spec: CommandSpec, match: CommandMatch
) -> tuple[ConfigNode, ...]:
    """Drop the line (and block) a ``no`` line names."""
    if spec.key is None and spec.repeatable:
        target: Identity = ("text", render(spec, match.values))
    else:
        target = identity(ConfigNode(line="", command=spec, values=match.values))
    return tuple(kid for kid in kids if identity(kid) != target)


def walk(tree: ConfigNode, depth: int = 0) -> Iterator[tuple[int, ConfigNode]]:
    """Every line below ``tree`` with its depth, in print order."""
    for kid in tree.children:
        yield depth, kid
        yield from walk(kid, depth + 1)


def render_running_config(tree: ConfigNode, *, banner: bool = False) -> str:
    """Print the tree as IOS does: one space per level, ``!`` between top-level blocks."""
    lines = ["!"]
    previous: ConfigNode | None = None
    for node in tree.children:
        if previous is not None and (node.children or previous.children):
            lines.append("!")
        lines.extend(" " * depth + kid.line for depth, kid in [(0, node), *walk(node, 1)])
        previous = node
    lines += ["!", "end"]
    body = "\n".join(lines)
    if not banner:
        return body
    return f"Building configuration...\n\nCurrent configuration : {len(body)} bytes\n{body}"


_SKIP_PREFIXES = ("Building configuration", "Current configuration")


def parse_running_config(text: str) -> ConfigNode:
    """Rebuild a tree from running-config text by indentation; unknown lines stay as text."""
    root: list[ConfigNode] = []
    # open blocks: (depth, mode of their children, list collecting their children, header)
    open_blocks: list[tuple[int, str | None, list[ConfigNode], ConfigNode | None]] = [
        (-1, CONFIG, root, None)
    ]
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("!") or stripped.startswith(_SKIP_PREFIXES):
            continue
        depth = len(raw) - len(raw.lstrip(" "))
        if depth == 0 and stripped == "end":
            break
        while open_blocks[-1][0] >= depth:
            _close(open_blocks)
        mode = open_blocks[-1][1]
        node, child_mode = _node_for(stripped, mode)
        open_blocks[-1][2].append(node)
        open_blocks.append((depth, child_mode, [], node))
    while len(open_blocks) > 1:
        _close(open_blocks)
    return ConfigNode(line="", children=tuple(root))


def _close(
    open_blocks: list[tuple[int, str | None, list[ConfigNode], ConfigNode | None]],
) -> None:
    """Freeze the innermost open block into its parent's child list."""
    _depth, _mode, kids, header = open_blocks.pop()
    if header is None:
        return
    siblings = open_blocks[-1][2]
    index = max(i for i, n in enumerate(siblings) if n is header)
    siblings[index] = replace(header, children=tuple(kids))


def _node_for(text: str, mode: str | None) -> tuple[ConfigNode, str | None]:
    """Match a running-config line in its block's mode, or keep it as plain text."""
    if mode is not None:
        found = parse_line(mode, text)
        if isinstance(found, CommandMatch) and not found.negated and found.command.effect is None:
            spec = found.command
            return ConfigNode(line=found.line, command=spec, values=found.values), spec.enters
    return ConfigNode(line=text), None
