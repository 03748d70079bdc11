"""Parse large outputs in a worker process, so a 128,000-binding parse never stalls the UI.

Cleaning 1.7 million lines and building the records in the console's process creates
millions of objects; the garbage collector's full passes over them hold the GIL for
hundreds of milliseconds, freezing the screen. In a worker process they cost the console
nothing. Bindings come back as `BindingColumns`, a pickle per column: unpickling a list
of strings is one short C call with no Python code per record, and the result adds a few
dozen objects, not half a million, to what this process's collector scans. Other records
come back pickled in slices, so unpickling them is a series of short calls the UI thread
can run between.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from pmiptui import errors
from pmiptui.model.binding_columns import FIELDS, BindingColumns
from pmiptui.model.bindings import Binding
from pmiptui.parse.engine import ParseResult, UnparsedLine, parse

ISOLATE_CHARS = 2_000_000
"""Outputs this long or longer (about 3,000 bindings) are parsed in a worker process."""
RECORDS_PER_SLICE = 4_000
"""Records per pickle: unpickling a slice takes a few milliseconds."""
VALUES_PER_SLICE = 32_000
"""Values of one binding field per pickle: unpickling a slice takes a few milliseconds."""
_WORKERS = 2

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


@dataclass(frozen=True, slots=True)
class _Packed:
    """A ParseResult as the worker sends it: records pickled in slices, or an error."""

    kind: str
    slices: list[bytes]
    unparsed: list[UnparsedLine]
    warnings: list[str]
    error: tuple[str, str, str] | None = None
    """(error class name, message, title) when the parse raised a PmipError."""
    columns: list[tuple[str, bytes]] | None = None
    """Bindings as (field, pickled slice of its values) pairs, instead of `slices`."""


def parse_isolated(kind: str, raw: str) -> ParseResult:
    """`parse(kind, raw)`, in a worker process when `raw` is large and workers can start."""
    if len(raw) < ISOLATE_CHARS or not _can_spawn():
        return parse(kind, raw)
    data = raw.encode("utf-8", "surrogateescape")  # bytes pickle as a plain copy
    try:
        packed = _get_pool().submit(_parse_packed, kind, data).result()
    except (BrokenProcessPool, OSError, RuntimeError):
        _reset_pool()
        return parse(kind, raw)
    return unpack(packed)


def _parse_packed(kind: str, data: bytes) -> _Packed:
    """Worker side: parse and pickle the records in slices; PmipErrors become data."""
    raw = data.decode("utf-8", "surrogateescape")
    try:
        result = parse(kind, raw)
    except errors.PmipError as error:
        return _Packed(kind, [], [], [], (type(error).__name__, error.message, error.title))
    records = result.records
    if records and all(isinstance(record, Binding) for record in records):
        table = BindingColumns.from_records(records)
        columns = [
            (name, pickle.dumps(values[i : i + VALUES_PER_SLICE], pickle.HIGHEST_PROTOCOL))
            for name in FIELDS
            for values in (table.column(name),)
            for i in range(0, max(len(values), 1), VALUES_PER_SLICE)
        ]
        return _Packed(result.kind, [], result.unparsed, result.warnings, columns=columns)
    slices = [
        pickle.dumps(records[i : i + RECORDS_PER_SLICE], pickle.HIGHEST_PROTOCOL)
        for i in range(0, len(records), RECORDS_PER_SLICE)
    ]
    return _Packed(result.kind, slices, result.unparsed, result.warnings)


def pack(kind: str, raw: str) -> _Packed:
    """What a worker would send for `raw` (run in this process; for tests)."""
    return _parse_packed(kind, raw.encode("utf-8", "surrogateescape"))


def unpack(packed: _Packed) -> ParseResult:
    """The ParseResult, or the worker's PmipError raised again here."""
    if packed.error is not None:
        name, message, title = packed.error
        cls = getattr(errors, name, errors.ParseError)
        if not (isinstance(cls, type) and issubclass(cls, errors.PmipError)):
            cls = errors.ParseError
        raise cls(message, title=title)
    records: Sequence[Any]
    if packed.columns is not None:
        columns: dict[str, list[Any]] = {}
        for name, piece in packed.columns:
            columns.setdefault(name, []).extend(pickle.loads(piece))
        records = BindingColumns(columns)
    else:
        records = []
        for piece in packed.slices:
            records.extend(pickle.loads(piece))
    return ParseResult(
        kind=packed.kind, records=records, unparsed=packed.unparsed, warnings=packed.warnings
    )


def _can_spawn() -> bool:
    """Spawned workers re-import `__main__`, which fails when it is not a file (stdin, REPL)."""
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    return bool(main_file) and os.path.isfile(str(main_file))


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            from multiprocessing import get_context

            _start_resource_tracker()
            _pool = ProcessPoolExecutor(max_workers=_WORKERS, mp_context=get_context("spawn"))
        return _pool


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the process's real stderr.

    The tracker hands its child `sys.stderr.fileno()`. Inside a running Textual app
    `sys.stderr` is Textual's print capture, whose file number is -1, and every worker
    start then fails with "bad value(s) in fds_to_keep". Once the tracker runs, starting
    workers no longer looks at `sys.stderr`.
    """
    from multiprocessing import resource_tracker

    captured = sys.stderr
    try:
        sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def _reset_pool() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def shutdown() -> None:
    """Stop the worker processes (they are started again on the next large parse)."""
    _reset_pool()
