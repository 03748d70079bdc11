"""Parse one command's raw output into typed records, reporting every line left unparsed."""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from pmiptui.errors import EmptyOutput, ForeignOutput, InputError, TruncatedOutput
from pmiptui.parse.clean import Line, clean_lines
from pmiptui.parse.fast_results import build
from pmiptui.parse.fast_scan import block_columns, scan, tile
from pmiptui.parse.fast_specs import FastTemplate
from pmiptui.parse.fast_template import compiled, support
from pmiptui.parse.kinds import KINDS, Kind
from pmiptui.parse.templates import block_start, line_patterns, template_text
from pmiptui.redact import mask_secrets

_SEPARATOR = re.compile(r"^-{3,}$")
_CHUNK_LINES = 60_000

Engine = Literal["auto", "ttp", "fast"]


@dataclass(frozen=True, slots=True)
class UnparsedLine:
    """A non-blank output line that no template line matched."""

    number: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseResult:
    """Records parsed from one command's output, with what the parser could not account for."""

    kind: str
    records: Sequence[Any]
    """A list, or for large binding outputs parsed in a worker process a `BindingColumns`."""
    unparsed: list[UnparsedLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def record(self) -> Any:
        """The single record of a one-record kind (running-config)."""
        return self.records[0] if self.records else None


def kind_of(name: str) -> Kind:
    """The registered kind, or a clear error listing the valid ones."""
    try:
        return KINDS[name]
    except KeyError:
        raise InputError(f"unknown kind {name!r}; choose one of: {', '.join(KINDS)}") from None


def parse(kind_name: str, raw: str, *, engine: Engine = "auto") -> ParseResult:
    """Parse `raw` (exactly as Netmiko returned it) as the output of `kind_name`'s command.

    `engine`: "auto" runs the one-pass engine when the kind's template is on it
    (`fast_support`), else TTP; "ttp" always runs TTP, the reference; "fast" refuses kinds
    the one-pass engine cannot run. Both give the same result. A kind with a reader
    (running-config) has no template: every `engine` runs its reader.
    Raises RouterError, EmptyOutput, ForeignOutput or TruncatedOutput with a one-line message.
    """
    kind = kind_of(kind_name)
    if kind.reader is not None:
        return _parse_read(kind, raw)
    if engine != "ttp":
        fast = compiled(kind.ttp)
        if not isinstance(fast, str):
            return _parse_fast(kind, fast, raw)
        if engine == "fast":
            raise InputError(f"{kind.name}: the one-pass engine cannot run its template: {fast}")
    lines = clean_lines(raw, keep_indent=kind.keep_indent)
    if not lines:
        raise EmptyOutput(f"{kind.name}: the router printed no output for `{kind.command}`")
    _check_is_ours(kind, lines)
    data = run_template(kind, lines)
    built = kind.build(data)
    return ParseResult(
        kind=kind.name,
        records=built.records,
        unparsed=unparsed_lines(kind, lines),
        warnings=built.warnings,
    )


def fast_support(kind_name: str) -> str | None:
    """None when `kind_name` parses on the one-pass engine (or has a reader), else why it
    keeps TTP."""
    kind = kind_of(kind_name)
    return None if kind.reader is not None else support(kind.ttp)


def _parse_read(kind: Kind, raw: str) -> ParseResult:
    """A kind read by its reader from the cleaned lines, after the same checks as a template
    kind; the reader tells which lines it did not take."""
    lines = clean_lines(raw, keep_indent=kind.keep_indent)
    if not lines:
        raise EmptyOutput(f"{kind.name}: the router printed no output for `{kind.command}`")
    _check_is_ours(kind, lines)
    built = kind.read([line.text for line in lines])
    return ParseResult(
        kind=kind.name,
        records=built.records,
        unparsed=[
            UnparsedLine(lines[i].number, mask_secrets(lines[i].text)) for i in built.unknown
        ],
        warnings=built.warnings,
    )


def _parse_fast(kind: Kind, template: FastTemplate, raw: str) -> ParseResult:
    """The one-pass engine: same checks, in the same order, as the TTP path.

    Plain output of a kind with a column builder takes a shorter way: its blocks in one
    `finditer`, their values converted column by column (see `fast_scan.tile`).
    """
    with collector_paused():
        if kind.columns is not None:
            done = _parse_columns(kind, template, raw)
            if done is not None:
                return done
        return _parse_lines(kind, template, raw)


def _parse_columns(kind: Kind, template: FastTemplate, raw: str) -> ParseResult | None:
    """Plain output as columns; None for anything else (`_parse_lines` then has its say)."""
    tiled = tile(template, raw, keep_indent=kind.keep_indent, recognises=kind.recognises)
    if tiled is None:
        return None
    built = kind.build_columns(build(template, tiled.scan.runs), block_columns(tiled))
    if built is None:
        return None
    return ParseResult(
        kind=kind.name,
        records=built.records,
        unparsed=[UnparsedLine(number, mask_secrets(text)) for number, text in tiled.scan.unparsed],
        warnings=built.warnings,
    )


def _parse_lines(kind: Kind, template: FastTemplate, raw: str) -> ParseResult:
    """Every line cleaned and matched, then TTP's result builder and the kind's builder."""
    found = scan(template, raw, keep_indent=kind.keep_indent, recognises=kind.recognises)
    if not found.kept:
        raise EmptyOutput(f"{kind.name}: the router printed no output for `{kind.command}`")
    if not found.recognised:
        _check_is_ours(kind, clean_lines(raw, keep_indent=kind.keep_indent))
    built = kind.build(build(template, found.runs))
    return ParseResult(
        kind=kind.name,
        records=built.records,
        unparsed=[UnparsedLine(number, mask_secrets(text)) for number, text in found.unparsed],
        warnings=built.warnings,
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while a table of strings is built.

    Parsing makes millions of strings and tuples and no reference cycles; each automatic
    collection in the middle would walk all of them again (a fifth of the time at 128,000
    bindings). The collector runs again afterwards if it was on before.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def run_template(kind: Kind, lines: list[Line]) -> dict[str, Any]:
    """Run the kind's TTP template over the cleaned lines; returns TTP's first result dict.

    Outputs over _CHUNK_LINES lines are cut at block starts and the chunks run in two worker
    processes, then their results are merged in order. Only kinds off the one-pass engine
    (and `engine="ttp"`) come here; bindings and tunnels never need the pool now.
    """
    texts = [line.text for line in lines]
    chunks = _chunks(kind.ttp, texts)
    if len(chunks) == 1:
        return _run_ttp(kind.ttp, chunks[0])
    merged: dict[str, Any] = {}
    for result in _run_chunks(kind.ttp, chunks):
        for key, value in result.items():
            if key not in merged:
                merged[key] = value
            elif isinstance(merged[key], list) and isinstance(value, list):
                merged[key].extend(value)
            else:
                merged[key] = _as_list(merged[key]) + _as_list(value)
    return merged


def _run_chunks(template: str, chunks: list[str]) -> list[dict[str, Any]]:
    """TTP over each chunk in two worker processes; in this process if workers cannot start.

    Spawned workers re-import `__main__`, which fails when it is not a file (stdin, a REPL).
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if not main_file or not os.path.isfile(main_file):
        return [_run_ttp(template, chunk) for chunk in chunks]
    try:
        with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
            return list(pool.map(_run_ttp, [template] * len(chunks), chunks))
    except (BrokenProcessPool, OSError):
        return [_run_ttp(template, chunk) for chunk in chunks]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _chunks(template: str, texts: list[str]) -> list[str]:
    """The lines as one text, or as several cut right before a block's first line."""
    start = block_start(template) if len(texts) > _CHUNK_LINES else None
    if start is None:
        return ["\n".join(texts) + "\n"]
    chunks: list[str] = []
    begin = 0
    for index in range(_CHUNK_LINES, len(texts)):
        if index - begin >= _CHUNK_LINES and start.match(texts[index] + "\n"):
            chunks.append("\n".join(texts[begin:index]) + "\n")
            begin = index
    chunks.append("\n".join(texts[begin:]) + "\n")
    return chunks


def _run_ttp(template: str, text: str) -> dict[str, Any]:
    """TTP's first result dict for one text (runs in a worker process for large outputs)."""
    from ttp import ttp

    parser = ttp(data=text, template=template_text(template))
    parser.parse(one=True)
    result = parser.result()
    first = result[0][0] if result and result[0] else {}
    return first if isinstance(first, dict) else {}


def unparsed_lines(kind: Kind, lines: list[Line]) -> list[UnparsedLine]:
    """Lines no template line matches, secrets masked; separators (`-----`) are not data."""
    pattern = line_patterns(kind.ttp)
    return [
        UnparsedLine(line.number, mask_secrets(line.text))
        for line in lines
        if not _SEPARATOR.match(line.text.strip()) and not pattern.match(line.text + "\n")
    ]


def _check_is_ours(kind: Kind, lines: list[Line]) -> None:
    """Refuse output that another command printed, instead of returning an empty success.

    Output of a template kind whose every line the template knows, without the line only
    this command prints, is cut short; a reader kind's output without that line is foreign.
    """
    if any(kind.recognises(line.text) for line in lines):
        return
    for other in KINDS.values():
        if other is not kind and any(other.recognises(line.text) for line in lines):
            raise ForeignOutput(
                f"{kind.name}: this is the output of `{other.command}` ({other.name}), "
                f"not of `{kind.command}`"
            )
    recognised = None if kind.reader is not None else line_patterns(kind.ttp)
    if recognised is not None and all(
        recognised.match(line.text + "\n") or _SEPARATOR.match(line.text) for line in lines
    ):
        raise TruncatedOutput(
            f"{kind.name}: the output stops after {len(lines)} line(s), before any complete record"
        )
    first = lines[0]
    raise ForeignOutput(
        f"{kind.name}: not the output of `{kind.command}`; "
        f"line {first.number} reads {first.text.strip()[:60]!r}"
    )
