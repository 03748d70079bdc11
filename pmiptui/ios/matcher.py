"""Match a typed line against the commands of a mode, with IOS abbreviation rules.

All paths of all commands of the mode advance together, token by token, so a keyword
abbreviation is judged against every keyword valid at that position (``sh r`` is ambiguous,
``conf t`` is not). When a token is both a keyword (or its prefix) and a valid parameter
value, both readings continue and the keyword reading wins if both complete. When several
keywords share the prefix typed and one of them is a prefix of all the others
(``binding``/``bindings``), the shortest is taken.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pmiptui.ios.cli_error import CliError, ErrorKind
from pmiptui.ios.commands import commands_in
from pmiptui.ios.grammar_platform import COMMENT
from pmiptui.ios.interfaces import split_interface_name
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, ModeStack, is_config_mode
from pmiptui.ios.params import Kind, ParamError, Value
from pmiptui.ios.pipes import Pipe, parse_pipe
from pmiptui.ios.render import MASK, render, render_path
from pmiptui.ios.spec import CommandSpec, Effect
from pmiptui.ios.syntax import Arg, Elem, Glued, Keyword


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CommandMatch:
    """A line matched to a command, with typed values and the canonical text."""

    command: CommandSpec
    """The matched command."""
    values: Mapping[str, Value | bool]
    """Typed values by placeholder name, plus keyword-choice keys and flags."""
    negated: bool = False
    """The line started with ``no``."""
    line: str
    """Canonical expanded text (``no`` included), as the running-config shows it."""
    mode: str
    """Mode the command matched in (a parent of the current mode after fallback)."""
    pipe: Pipe | None = None
    """Output filter of a show command."""
    inner: CommandMatch | None = None
    """The exec command run by ``do``."""

    def __repr__(self) -> str:
        """Show the match with secret values masked."""
        shown = {
            k: (MASK if k in self.command.secret_params else v) for k, v in self.values.items()
        }
        redacted = render(self.command, self.values, self.negated, redact=True)
        return f"CommandMatch(mode={self.mode!r}, line={redacted!r}, values={shown!r})"


@dataclass(slots=True)
class PathState:
    """One path of one command being matched."""

    spec: CommandSpec
    path: tuple[Elem, ...]
    order: int
    idx: int = 0
    values: dict[str, Value | bool] = field(default_factory=dict)
    rank: tuple[int, ...] = ()
    swallow: bool = False

    def advance(self, steps: int, rank: int, **values: Value | bool) -> PathState:
        merged = {**self.values, **values}
        return PathState(
            self.spec,
            self.path,
            self.order,
            self.idx + steps,
            merged,
            (*self.rank, rank),
            self.swallow,
        )


_AMBIGUOUS = "ambiguous"


def tokenize(line: str) -> list[tuple[str, int]]:
    """Split a line into tokens with their 0-based columns."""
    return [(m.group(0), m.start()) for m in re.finditer(r"\S+", line)]


def parse_line(mode: str, line: str) -> CommandMatch | CliError:
    """Match one line typed in ``mode``; ``no`` negates in configuration modes."""
    stripped = line.strip()
    if not stripped or (stripped.startswith("!") and is_config_mode(mode)):
        return CommandMatch(command=COMMENT, values={}, line=stripped, mode=mode)
    body, pipe_at = line, -1
    if not is_config_mode(mode) and "|" in line:
        pipe_at = line.index("|")
        body = line[:pipe_at]
    tokens = tokenize(body)
    negated = False
    if is_config_mode(mode) and tokens and tokens[0][0].lower() == "no":
        negated = True
        tokens = tokens[1:]
        if not tokens:
            return CliError(kind=ErrorKind.INCOMPLETE, column=len(line), line=line)
    if not tokens:
        return CliError(kind=ErrorKind.INVALID, column=max(pipe_at, 0), line=line)
    found = _match(commands_in(mode), tokens, line, negated, mode)
    if isinstance(found, CliError):
        return found
    if pipe_at >= 0:
        if not found.command.pipe:
            return CliError(kind=ErrorKind.INVALID, column=pipe_at, line=line)
        pipe = parse_pipe(line, pipe_at + 1)
        if isinstance(pipe, CliError):
            return pipe
        found = _with(found, pipe=pipe, line=f"{found.line} {pipe.text}")
    if found.command.effect is Effect.DO:
        return _do(found, line)
    return found


def _with(m: CommandMatch, **changes: object) -> CommandMatch:
    """Copy a match with some fields replaced."""
    fields = {
        "command": m.command,
        "values": m.values,
        "negated": m.negated,
        "line": m.line,
        "mode": m.mode,
        "pipe": m.pipe,
        "inner": m.inner,
    }
    fields.update(changes)
    return CommandMatch(**fields)  # type: ignore[arg-type]


def _do(found: CommandMatch, line: str) -> CommandMatch | CliError:
    """Parse the exec line of ``do`` in privileged exec."""
    start = re.match(r"\s*\S+\s+", line)
    offset = start.end() if start else 0
    inner = parse_line(PRIV_EXEC, line[offset:])
    if isinstance(inner, CliError):
        return inner.shifted(offset, line)
    return _with(found, inner=inner, line=f"do {inner.line}")


def choose_keywords(words: set[str], text: str) -> set[str] | str:
    """Keywords the token selects: exact match, unique prefix, or shortest common prefix."""
    low = text.lower()
    exact = {w for w in words if w.lower() == low}
    if exact:
        return exact
    prefixed = {w for w in words if w.lower().startswith(low)}
    if len(prefixed) <= 1:
        return prefixed
    shortest = min(prefixed, key=len)
    if all(w.lower().startswith(shortest.lower()) for w in prefixed):
        return {shortest}
    return _AMBIGUOUS


def walk(
    specs: tuple[CommandSpec, ...], tokens: list[tuple[str, int]], line: str
) -> list[PathState] | CliError:
    """Every path of every command still alive after the tokens, or why none is.

    The matcher and the ``?``/Tab help (:mod:`pmiptui.ios.help`) both read it, so help
    offers exactly what a line would accept.
    """
    states: list[PathState] = []
    for spec in specs:
        for path in spec.grammar.paths:
            states.append(PathState(spec, path, len(states)))
    for text, col in tokens:
        words = {
            elem.word
            for s in states
            if not s.swallow and s.idx < len(s.path)
            for elem in (s.path[s.idx],)
            if isinstance(elem, Keyword)
        }
        chosen = choose_keywords(words, text) if words else set()
        errors: list[ParamError] = []
        nxt: list[PathState] = []
        for s in states:
            if s.swallow:
                nxt.append(s)
            elif s.idx < len(s.path):
                nxt.extend(_step(s, text, col, line, chosen, errors))
        if not nxt:
            if chosen == _AMBIGUOUS:
                return CliError(kind=ErrorKind.AMBIGUOUS, column=col, line=line)
            detail = errors[0].message if errors else f"unexpected {text!r}"
            return CliError(kind=ErrorKind.INVALID, column=col, line=line, detail=detail)
        states = nxt
    return states


def _match(
    specs: tuple[CommandSpec, ...],
    tokens: list[tuple[str, int]],
    line: str,
    negated: bool,
    mode: str,
) -> CommandMatch | CliError:
    """Advance every path of every command through the tokens; pick the best complete one."""
    states = walk(specs, tokens, line)
    if isinstance(states, CliError):
        return states
    done = [s for s in states if s.swallow or s.idx == len(s.path)]
    if not done and negated:
        done = _truncated(states)
    if not done:
        return CliError(kind=ErrorKind.INCOMPLETE, column=len(line), line=line)
    best = min(done, key=lambda s: (s.rank, s.order))
    if best.swallow or best.idx == len(best.path):
        text = render(best.spec, best.values, negated)
    else:
        text = "no " + render_path(best.path[: best.idx], best.values)
    return CommandMatch(
        command=best.spec, values=best.values, negated=negated, line=text, mode=mode
    )


def _truncated(states: list[PathState]) -> list[PathState]:
    """States a ``no`` line may stop in: one command only, its key values given."""
    fits = [
        s
        for s in states
        if not (s.spec.repeatable and s.spec.key is None)
        and s.idx >= 1
        and all(k in s.values for k in s.spec.key or ())
        and s.spec.effect is None
    ]
    return fits if len({s.spec.uid for s in fits}) == 1 else []


def _step(
    s: PathState, text: str, col: int, line: str, chosen: set[str] | str, errors: list[ParamError]
) -> list[PathState]:
    """The states that follow ``s`` after consuming one token."""
    elem = s.path[s.idx]
    if isinstance(elem, Keyword):
        if isinstance(chosen, set) and elem.word in chosen:
            extra = (
                {elem.key: elem.value} if elem.key is not None and elem.value is not None else {}
            )
            return [s.advance(1, 0, **extra)]
        return []
    if isinstance(elem, Glued):
        return _step_glued(s, elem, text, errors)
    p = elem.param
    if p.kind is Kind.LINE:
        taken = s.advance(1, 1, **{p.name: line[col:].rstrip()})
        taken.swallow = True
        return [taken]
    result = p.check(text)
    nxt = s.path[s.idx + 1] if s.idx + 1 < len(s.path) else None
    joined = (
        p.kind is Kind.INTERFACE_TYPE
        and isinstance(nxt, Arg)
        and nxt.param.kind is Kind.INTERFACE_NUMBER
    )
    if not isinstance(result, ParamError):
        return [s.advance(1, 1, **{p.name: result})]
    if joined and isinstance(nxt, Arg):
        parts = split_interface_name(text)
        if parts is not None:
            kind, number = p.check(parts[0]), nxt.param.check(parts[1])
            if not isinstance(kind, ParamError) and not isinstance(number, ParamError):
                return [s.advance(2, 1, **{p.name: kind, nxt.param.name: number})]
    errors.append(result)
    return []


def _step_glued(s: PathState, elem: Glued, text: str, errors: list[ParamError]) -> list[PathState]:
    """Match a glued token such as ``user@realm`` part by part."""
    found = elem.pattern.fullmatch(text)
    names = [part.param for part in elem.parts if part.param is not None]
    if found is None:
        form = "".join(
            part.literal
            if part.param is None
            else (f"[<{part.param.name}>]" if part.optional else f"<{part.param.name}>")
            for part in elem.parts
        )
        errors.append(ParamError(param=names[0].name, text=text, rule=f"in the form {form}"))
        return []
    values: dict[str, Value | bool] = {}
    for i, part in enumerate(elem.parts, 1):
        group = found.group(f"g{i}") if part.param is not None else None
        if part.param is None or group is None:
            continue
        result = part.param.check(group)
        if isinstance(result, ParamError):
            errors.append(result)
            return []
        values[part.param.name] = result
    return [s.advance(1, 1, **values)]


def resolve(stack: ModeStack, line: str) -> CommandMatch | CliError:
    """Match a line in the current mode, else in the enclosing config modes (IOS fallback).

    On a real router a global command typed in a submode runs in the first enclosing mode
    that knows it, and the prompt moves there; :func:`config_tree.apply` does the move.
    """
    current = stack[-1].mode
    first = parse_line(current, line)
    if isinstance(first, CommandMatch) or not is_config_mode(current) or current == CONFIG:
        return first
    best = first
    for frame in reversed(stack[:-1]):
        if not is_config_mode(frame.mode):
            break
        found = parse_line(frame.mode, line)
        if isinstance(found, CommandMatch):
            return found
        if found.column > best.column:
            best = found
    return best
