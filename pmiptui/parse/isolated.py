"""Parse binding and tunnel tables in long-lived worker processes, one per usable CPU.

The console polls dozens of routers from threads. Parsed in those threads, every
binding table (600 KB for 1,000 bindings, 20 to 30 ms of Python) runs under this
process's GIL: all routers contend for one core while the others idle, and the UI thread
waits behind them. A 128,000-binding parse also creates millions of objects, whose
garbage-collector passes hold the GIL for hundreds of milliseconds. So binding and tunnel
tables larger than `WORKER_MIN_CHARS` (`goes_to_worker`) parse in a pool of worker
processes, started once on first use and sized to the machine (`worker_count`); the
calling thread only sends the text and unpickles the result, under 2 ms of its CPU for
1,000 bindings (`python -m tests.benchmarks.bench_parse --ipc`). A worker's start (about
150 ms: an interpreter and its imports) is paid once, on the first parse that needs it;
the pool is not warmed up ahead, which would only move that cost.

Bindings come back as `BindingColumns`: a tuple of values per field. Unpickling a tuple
of strings is one short C call with no Python code per record, and the result adds a few
dozen objects, not half a million, to what this process's collector scans. Up to
`VALUES_PER_SLICE` values in all, the columns are one pickle; beyond, a pickle per slice
of a column, so that unpickling is a series of short calls other threads run between.
Other records come back pickled in slices of `RECORDS_PER_SLICE`.

When workers cannot start (`__main__` is not a file) or the pool breaks, the parse runs
in the calling thread; a broken pool is replaced, but not before `RETRY_SECONDS`.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from pmiptui import errors
from pmiptui.model.binding_columns import FIELDS, BindingColumns
from pmiptui.model.bindings import Binding
from pmiptui.parse.engine import ParseResult, UnparsedLine, parse

WORKER_MIN_CHARS = 32_000
"""Binding and tunnel tables longer than this (about 55 bindings) parse in a worker.

Measured on 2 CPUs (MAG binding tables): in this thread 55 bindings cost about 1.5 ms of
GIL time; through a warm worker the caller spends about 0.5 ms (sending the text,
unpickling the columns) and the answer arrives about 1 ms later. At 1,000 bindings
(570 KB): 20 to 30 ms in this thread against under 2 ms of the caller's time through a
worker. 50 threads parsing 1,000 bindings each: 1.7 s of this process's CPU in-thread,
0.12 s through workers.
Below this size the saving is under a millisecond and a worker only adds latency."""
ISOLATE_CHARS = 2_000_000
"""Outputs of any kind this long or longer (about 3,000 bindings) parse in a worker."""
TABLE_SUFFIXES = ("-bindings", "-tunnel")
"""Kinds whose output is a table of one block per binding or tunnel, of any length.
Not `*-binding-total`: that is one line, `| include ^Total`."""
RECORDS_PER_SLICE = 4_000
"""Records per pickle: unpickling a slice takes a few milliseconds."""
VALUES_PER_SLICE = 32_000
"""Binding values per pickle (1,600 bindings of 20 fields): unpickling takes a few ms."""
RETRY_SECONDS = 10.0
"""After the pool broke or could not start, parse in the calling thread this long before
starting a new pool, so a machine where workers die at start does not pay for a spawn
on every poll."""

MAX_WORKERS = 8
"""At most this many parse workers, however many CPUs the machine has."""

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_failed_at: float | None = None
"""`time.monotonic()` when a pool last broke or could not start."""


def worker_count() -> int:
    """Worker processes in the pool: the CPUs this process may run on, 1 to MAX_WORKERS.

    `os.process_cpu_count()` (Python 3.13+), else the CPU affinity mask, else
    `os.cpu_count()`. Workers start on demand, so a pool only grows to as many as the
    routers keep busy at once. The cap keeps one console on a shared many-core jump host
    from taking every core (each worker holds about 23 MB).
    """
    process_cpu_count = getattr(os, "process_cpu_count", None)
    if process_cpu_count is not None:
        count = process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count()
    return max(1, min(MAX_WORKERS, count or 1))


def goes_to_worker(kind: str, size: int) -> bool:
    """True when an output of `size` characters of `kind` is parsed in a worker process."""
    if size >= ISOLATE_CHARS:
        return True
    return kind.endswith(TABLE_SUFFIXES) and size > WORKER_MIN_CHARS


@dataclass(frozen=True, slots=True)
class _Packed:
    """A ParseResult as the worker sends it: records pickled, or an error."""

    kind: str
    slices: list[bytes]
    unparsed: list[UnparsedLine]
    warnings: list[str]
    error: tuple[str, str, str] | None = None
    """(error class name, message, title) when the parse raised a PmipError."""
    columns: list[tuple[str, bytes]] | None = None
    """Bindings as (field, pickled slice of its values) pairs, instead of `slices`."""
    table: bytes | None = None
    """Bindings as one pickled {field: values} dict, instead of `slices` (small tables)."""


def parse_isolated(kind: str, raw: str) -> ParseResult:
    """`parse(kind, raw)`, in a worker process when `goes_to_worker` and workers can start.

    Safe to call from many threads at once.
    """
    if not goes_to_worker(kind, len(raw)) or not _can_spawn():
        return parse(kind, raw)
    try:
        pool = _get_pool()
    except OSError:  # the resource tracker or the pool could not start
        _discard(None)
        return parse(kind, raw)
    if pool is None:  # failed recently
        return parse(kind, raw)
    data = raw.encode("utf-8", "surrogateescape")  # bytes pickle as a plain copy
    try:
        future = pool.submit(_parse_packed, kind, data)
    except (BrokenProcessPool, RuntimeError, OSError, ValueError):
        # Broken, a worker could not start, or shut down by another thread.
        _discard(pool)
        return parse(kind, raw)
    try:
        packed = future.result()
    except (BrokenProcessPool, CancelledError):
        # A worker died, or another thread shut the pool down with this call queued.
        _discard(pool)
        return parse(kind, raw)
    return unpack(packed)


def _parse_packed(kind: str, data: bytes) -> _Packed:
    """Worker side: parse and pickle the records; PmipErrors become data."""
    raw = data.decode("utf-8", "surrogateescape")
    try:
        result = parse(kind, raw)
    except errors.PmipError as error:
        return _Packed(kind, [], [], [], (type(error).__name__, error.message, error.title))
    records = result.records
    if isinstance(records, BindingColumns) or (
        records and all(isinstance(record, Binding) for record in records)
    ):
        table = (
            records if isinstance(records, BindingColumns) else BindingColumns.from_records(records)
        )
        if len(records) * len(FIELDS) <= VALUES_PER_SLICE:
            whole = {name: table.column(name) for name in FIELDS}
            blob = pickle.dumps(whole, pickle.HIGHEST_PROTOCOL)
            return _Packed(result.kind, [], result.unparsed, result.warnings, table=blob)
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
    if packed.table is not None:
        records = BindingColumns(pickle.loads(packed.table))
    elif packed.columns is not None:
        pieces: dict[str, list[tuple[Any, ...]]] = {}
        for name, piece in packed.columns:
            pieces.setdefault(name, []).append(pickle.loads(piece))
        records = BindingColumns(
            {
                name: parts[0] if len(parts) == 1 else [v for part in parts for v in part]
                for name, parts in pieces.items()
            }
        )
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


def _get_pool() -> ProcessPoolExecutor | None:
    """The pool, started on first use; None within `RETRY_SECONDS` of a failure."""
    global _pool, _failed_at
    with _lock:
        if _pool is None:
            if _failed_at is not None and time.monotonic() - _failed_at < RETRY_SECONDS:
                return None
            from multiprocessing import get_context

            if not _tracker_started and not _stderr_has_fd():
                return None  # the tracker could not start here: parse in this thread
            start_resource_tracker()
            _pool = ProcessPoolExecutor(max_workers=worker_count(), mp_context=get_context("spawn"))
        return _pool


_tracker_started = False


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (once), which worker processes need.

    The tracker hands its child `sys.stderr.fileno()`. Inside a running Textual app
    `sys.stderr` is Textual's print capture, whose file number is -1, and a tracker start
    there fails with "bad value(s) in fds_to_keep". So the console's composition root
    calls this before the UI starts, with the process's real stderr; once the tracker
    runs, starting workers no longer looks at `sys.stderr`. Without that (an app run by
    tests), a parse inside the UI finds no usable stderr and stays in its thread.
    """
    global _tracker_started
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    _tracker_started = True


def _stderr_has_fd() -> bool:
    """False when `sys.stderr` claims a file number that is none (Textual's capture)."""
    try:
        return sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return True  # the tracker leaves such a stderr out


def _discard(pool: ProcessPoolExecutor | None) -> None:
    """`pool` failed (None: it could not be made): drop it if it is still the current one.

    Many threads see the same broken pool; the first drops it, and the others must not
    shut down a pool another thread has started since.
    """
    global _pool, _failed_at
    with _lock:
        if pool is not _pool:
            return
        _failed_at = time.monotonic()
        _pool = None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _reset_pool() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def shutdown() -> None:
    """Stop the worker processes (they are started again on the next parse that needs them)."""
    _reset_pool()
