"""The command notation and its compiler to a tree and to linear match paths.

Notation, one line per command: bare words are keywords; ``<name>`` is a parameter;
``[ ... ]`` is optional; ``{ a | b }`` is a choice; ``[a | b]`` an optional choice. A
whitespace-free chunk that mixes parameters with ``@`` or ``/`` (``[<user>]@<realm>``,
``<prefix>/<prefix-length>``) is one glued token whose parts are matched together.

A choice whose branches are single keywords records the chosen word under the preceding
keyword (``encap {gre-ipv4 | udptunnel}`` gives ``values["encap"] = "gre-ipv4"``), and a
lone optional keyword records a flag under its own name (``[natreboot]`` gives
``values["natreboot"] = True``), so a command renders back from its values alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pmiptui.ios.params import Param

_GLUE_CHARS = ("@", "/")


@dataclass(frozen=True, slots=True, kw_only=True)
class Keyword:
    """A literal word; ``key``/``value`` record it when it is a choice or a flag."""

    word: str
    key: str | None = None
    value: str | bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Arg:
    """A parameter occupying one token."""

    param: Param


@dataclass(frozen=True, slots=True, kw_only=True)
class GluePart:
    """One piece of a glued token: literal text or a (possibly optional) parameter."""

    literal: str = ""
    param: Param | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Glued:
    """Several parameters written as one token, e.g. ``[<user>]@<realm>``."""

    parts: tuple[GluePart, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Opt:
    """An optional group."""

    body: tuple[Node, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """Alternatives; ``key`` is set when every branch is a single keyword."""

    branches: tuple[tuple[Node, ...], ...]
    key: str | None = None


Node = Keyword | Arg | Glued | Opt | Choice
Elem = Keyword | Arg | Glued
"""An element of a linear path: what one token (or one glued token) must match."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Grammar:
    """A compiled command syntax: its tree (for rendering) and linear paths (for matching)."""

    syntax: str
    tree: tuple[Node, ...]
    paths: tuple[tuple[Elem, ...], ...]
    params: tuple[Param, ...]
    keys: tuple[str, ...]
    """Value keys that record keyword choices and flags."""


class SyntaxSpecError(ValueError):
    """A command declaration does not follow the notation."""


def compile_syntax(syntax: str, params: Mapping[str, Param]) -> Grammar:
    """Compile one syntax line, resolving each ``<name>`` through ``params``."""
    tokens = _lex(syntax)
    parser = _Parser(tokens, params, syntax)
    tree = _annotate(parser.sequence(), syntax)
    if parser.pos != len(tokens):
        raise SyntaxSpecError(f"unbalanced brackets in {syntax!r}")
    paths = tuple(_expand(tree))
    found: list[Param] = []
    keys: list[str] = []
    _collect(tree, found, keys)
    names = [p.name for p in found] + keys
    if len(names) != len(set(names)):
        raise SyntaxSpecError(f"duplicate value names in {syntax!r}: {names}")
    return Grammar(syntax=syntax, tree=tree, paths=paths, params=tuple(found), keys=tuple(keys))


def _lex(syntax: str) -> list[str]:
    """Split a syntax line into group symbols, words, ``<params>`` and glued chunks."""
    tokens: list[str] = []
    for chunk in syntax.split():
        if "<" in chunk and any(c in chunk for c in _GLUE_CHARS):
            tokens.append(chunk)
            continue
        tokens.extend(t for t in re.split(r"([\[\]{}|])", chunk) if t)
    return tokens


class _Parser:
    """Recursive-descent parser over lexed notation tokens."""

    def __init__(self, tokens: list[str], params: Mapping[str, Param], syntax: str) -> None:
        self.tokens = tokens
        self.params = params
        self.syntax = syntax
        self.pos = 0

    def _param(self, name: str) -> Param:
        try:
            return self.params[name]
        except KeyError:
            raise SyntaxSpecError(f"no parameter <{name}> declared for {self.syntax!r}") from None

    def sequence(self) -> tuple[Node, ...]:
        items: list[Node] = []
        while self.pos < len(self.tokens) and self.tokens[self.pos] not in ("]", "}", "|"):
            token = self.tokens[self.pos]
            self.pos += 1
            if token in ("[", "{"):
                branches = self._alternatives("]" if token == "[" else "}")
                if token == "{":
                    items.append(Choice(branches=branches))
                elif len(branches) == 1:
                    items.append(Opt(body=branches[0]))
                else:
                    items.append(Opt(body=(Choice(branches=branches),)))
            elif "<" in token and any(c in token for c in _GLUE_CHARS):
                items.append(self._glued(token))
            elif token.startswith("<") and token.endswith(">"):
                items.append(Arg(param=self._param(token[1:-1])))
            else:
                items.append(Keyword(word=token))
        return tuple(items)

    def _alternatives(self, close: str) -> tuple[tuple[Node, ...], ...]:
        branches = [self.sequence()]
        while self.pos < len(self.tokens) and self.tokens[self.pos] == "|":
            self.pos += 1
            branches.append(self.sequence())
        if self.pos >= len(self.tokens) or self.tokens[self.pos] != close:
            raise SyntaxSpecError(f"expected {close!r} in {self.syntax!r}")
        self.pos += 1
        return tuple(branches)

    def _glued(self, chunk: str) -> Glued:
        parts: list[GluePart] = []
        regex: list[str] = []
        for piece in re.findall(r"\[<[^>]+>\]|<[^>]+>|[^<\[]+", chunk):
            if piece.startswith("["):
                found = self._param(piece[2:-2])
                parts.append(GluePart(param=found, optional=True))
                regex.append(rf"(?:(?P<g{len(parts)}>[^{''.join(_GLUE_CHARS)}\s]+))?")
            elif piece.startswith("<"):
                parts.append(GluePart(param=self._param(piece[1:-1])))
                regex.append(rf"(?P<g{len(parts)}>[^{''.join(_GLUE_CHARS)}\s]+)")
            else:
                parts.append(GluePart(literal=piece))
                regex.append(re.escape(piece))
        return Glued(parts=tuple(parts), pattern=re.compile("".join(regex)))


def _annotate(seq: tuple[Node, ...], syntax: str, prev: str | None = None) -> tuple[Node, ...]:
    """Give keyword-only choices and lone optional keywords their value keys."""
    out: list[Node] = []
    for node in seq:
        if isinstance(node, Choice):
            out.append(_annotate_choice(node, prev, syntax))
        elif isinstance(node, Opt):
            body = node.body
            if len(body) == 1 and isinstance(body[0], Keyword):
                word = body[0].word
                out.append(Opt(body=(Keyword(word=word, key=word, value=True),)))
            elif len(body) == 1 and isinstance(body[0], Choice):
                out.append(Opt(body=(_annotate_choice(body[0], prev, syntax),)))
            else:
                out.append(Opt(body=_annotate(body, syntax, prev)))
        else:
            out.append(node)
        prev = node.word if isinstance(node, Keyword) else prev
    return tuple(out)


def _annotate_choice(node: Choice, prev: str | None, syntax: str) -> Choice:
    """Key a keyword-only choice by the keyword before it."""
    simple = all(len(b) == 1 and isinstance(b[0], Keyword) for b in node.branches)
    if not simple:
        return Choice(branches=tuple(_annotate(b, syntax, prev) for b in node.branches))
    if prev is None:
        raise SyntaxSpecError(f"a keyword choice needs a keyword before it in {syntax!r}")
    words = [b[0].word for b in node.branches if isinstance(b[0], Keyword)]
    branches = tuple((Keyword(word=w, key=prev, value=w),) for w in words)
    return Choice(branches=branches, key=prev)


def _expand(seq: tuple[Node, ...]) -> list[tuple[Elem, ...]]:
    """All linear paths through a tree, optional-present paths first."""
    options: list[list[tuple[Elem, ...]]] = []
    for node in seq:
        if isinstance(node, Opt):
            options.append([*_expand(node.body), ()])
        elif isinstance(node, Choice):
            options.append([p for b in node.branches for p in _expand(b)])
        else:
            options.append([(node,)])
    return [tuple(e for part in combo for e in part) for combo in itertools.product(*options)]


def _collect(seq: tuple[Node, ...], params: list[Param], keys: list[str]) -> None:
    """Gather parameters and value keys in order of appearance."""
    for node in seq:
        if isinstance(node, Arg):
            params.append(node.param)
        elif isinstance(node, Glued):
            params.extend(p.param for p in node.parts if p.param is not None)
        elif isinstance(node, Keyword) and node.key is not None and node.key not in keys:
            keys.append(node.key)
        elif isinstance(node, Opt):
            _collect(node.body, params, keys)
        elif isinstance(node, Choice):
            if node.key is not None and node.key not in keys:
                keys.append(node.key)
            for branch in node.branches:
                _collect(branch, params, keys)


def node_names(node: Node) -> set[str]:
    """Parameter names and value keys that appear inside a node."""
    params: list[Param] = []
    keys: list[str] = []
    _collect((node,), params, keys)
    return {p.name for p in params} | set(keys)
