"""Binding and tunnel tables parse in worker processes; results and errors match `parse`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from pmiptui.errors import RouterError
from pmiptui.model.binding_columns import FIELDS, BindingColumns
from pmiptui.parse import KINDS, isolated, parse
from tests.benchmarks.bench_parse import lma_binding_output, mag_binding_output

FIXTURES = Path(__file__).parent.parent / "fixtures"
TABLES = {"mag-bindings", "lma-bindings", "mag-tunnel", "lma-tunnel"}


@pytest.fixture(autouse=True)
def fresh_pool(monkeypatch):
    """Each test starts with no pool and no remembered failure, and stops its workers."""
    isolated.shutdown()
    monkeypatch.setattr(isolated, "_failed_at", None)
    yield
    isolated.shutdown()


def lma_tunnel_output(count: int) -> str:
    """`show ipv6 mobile pmipv6 lma tunnel` with `count` tunnels."""
    lines = [f"Total LMA tunnels : {count}", ""]
    for i in range(count):
        lines += [
            f"Tunnel            : Tunnel{i}",
            f"  Peer            : MAG{i}",
            "  State           : up",
            "  Source          : 198.51.100.1",
            f"  Destination     : 198.51.100.{i % 250 + 2}",
            "  Encapsulation   : GRE/IPv4",
            "  MTU             : 1476 (bytes)",
            f"  Bindings        : {i}",
            f"  Uptime          : {i * 60} (sec)",
            "",
        ]
    return "\n".join(lines)


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_tables_over_the_threshold_go_to_a_worker(kind):
    limit = isolated.WORKER_MIN_CHARS
    assert isolated.goes_to_worker(kind, limit + 1)
    assert isolated.goes_to_worker(kind, 600_000)
    assert not isolated.goes_to_worker(kind, limit)
    assert not isolated.goes_to_worker(kind, 2_000)


def test_only_table_kinds_go_to_a_worker():
    """Not the one-line `*-binding-total`, globals, stats or the running-config."""
    assert {kind for kind in KINDS if isolated.goes_to_worker(kind, 600_000)} == TABLES
    for kind in ("mag-binding-total", "lma-binding-total", "mag-globals", "lma-stats"):
        assert not isolated.goes_to_worker(kind, 600_000)
    assert not isolated.goes_to_worker("running-config", 600_000)


def test_any_kind_this_large_goes_to_a_worker():
    assert isolated.goes_to_worker("running-config", isolated.ISOLATE_CHARS)
    assert isolated.goes_to_worker("mag-stats", isolated.ISOLATE_CHARS)


def test_threshold_sits_between_a_few_and_a_hundred_bindings():
    assert not isolated.goes_to_worker("mag-bindings", len(mag_binding_output(20)))
    assert isolated.goes_to_worker("mag-bindings", len(mag_binding_output(100)))
    assert isolated.goes_to_worker("lma-tunnel", len(lma_tunnel_output(500)))


def test_worker_count_is_the_usable_cpus(monkeypatch):
    assert isolated.worker_count() >= 1
    if hasattr(os, "sched_getaffinity") and not hasattr(os, "process_cpu_count"):
        usable = len(os.sched_getaffinity(0))
        assert isolated.worker_count() == min(usable, isolated.MAX_WORKERS)
    monkeypatch.setattr(os, "process_cpu_count", lambda: 6, raising=False)
    assert isolated.worker_count() == 6
    monkeypatch.setattr(os, "process_cpu_count", lambda: 64)
    assert isolated.worker_count() == isolated.MAX_WORKERS
    monkeypatch.setattr(os, "process_cpu_count", lambda: None)
    assert isolated.worker_count() == 1
    monkeypatch.delattr(os, "process_cpu_count")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert isolated.worker_count() == 3
    monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: 5)
    assert isolated.worker_count() == 5
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert isolated.worker_count() == 1


def test_small_tables_come_back_as_one_pickle_of_columns():
    text = lma_binding_output(30)
    packed = isolated.pack("lma-bindings", text)
    assert packed.slices == [] and packed.columns is None and packed.table is not None
    result = isolated.unpack(packed)
    assert isinstance(result.records, BindingColumns)
    assert result == parse("lma-bindings", text)
    assert list(result.records) == parse("lma-bindings", text).records


def test_large_tables_come_back_as_columns_in_slices(monkeypatch):
    monkeypatch.setattr(isolated, "VALUES_PER_SLICE", 7)
    text = mag_binding_output(30)
    packed = isolated.pack("mag-bindings", text)
    assert packed.slices == [] and packed.table is None and packed.columns is not None
    assert len(packed.columns) == 5 * len(FIELDS)  # 30 values a column, 7 a slice
    result = isolated.unpack(packed)
    assert isinstance(result.records, BindingColumns)
    assert list(result.records) == parse("mag-bindings", text).records


def test_other_records_come_back_in_slices(monkeypatch):
    monkeypatch.setattr(isolated, "RECORDS_PER_SLICE", 1)
    text = (FIXTURES / "lma-tunnel" / "many.txt").read_text()
    packed = isolated.pack("lma-tunnel", text)
    count = len(parse("lma-tunnel", text).records)
    assert packed.columns is None and len(packed.slices) == count > 1
    assert isolated.unpack(packed) == parse("lma-tunnel", text)


def test_worker_errors_are_raised_again_with_their_type():
    packed = isolated.pack(
        "lma-bindings",
        "lma1#show ipv6 mobile pmipv6 lma binding\n% Invalid input detected at '^' marker.\n",
    )
    with pytest.raises(RouterError, match="router error"):
        isolated.unpack(packed)


def test_small_outputs_and_other_kinds_parse_in_process(monkeypatch):
    monkeypatch.setattr(isolated, "_can_spawn", lambda: True)
    monkeypatch.setattr(isolated, "_get_pool", lambda: pytest.fail("no worker for this output"))
    text = lma_binding_output(3)
    assert isolated.parse_isolated("lma-bindings", text) == parse("lma-bindings", text)
    stats = (FIXTURES / "lma-stats" / "netmiko_raw.txt").read_text()
    monkeypatch.setattr(isolated, "WORKER_MIN_CHARS", 0)
    assert isolated.parse_isolated("lma-stats", stats) == parse("lma-stats", stats)


class _FakeFuture:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def result(self) -> Any:
        raise self.error


class _FakePool:
    """Fails as a broken or shut-down pool does: on submit, or when the result is asked."""

    def __init__(self, on_submit: BaseException | None = None, on_result: Any = None) -> None:
        self.on_submit, self.on_result = on_submit, on_result
        self.shut = False

    def submit(self, *args: Any) -> _FakeFuture:
        if self.on_submit is not None:
            raise self.on_submit
        return _FakeFuture(self.on_result)

    def shutdown(self, **kwargs: Any) -> None:
        self.shut = True


@pytest.mark.parametrize(
    "pool",
    [
        _FakePool(on_submit=BrokenProcessPool("a worker died")),
        _FakePool(on_submit=RuntimeError("cannot schedule new futures after shutdown")),
        _FakePool(on_submit=OSError("cannot start a worker")),
        _FakePool(on_result=BrokenProcessPool("a worker died")),
        _FakePool(on_result=CancelledError()),
    ],
)
def test_a_failing_pool_parses_in_this_thread_and_is_dropped(monkeypatch, pool):
    monkeypatch.setattr(isolated, "_can_spawn", lambda: True)
    monkeypatch.setattr(isolated, "_pool", pool)
    text = mag_binding_output(100)
    assert isolated.parse_isolated("mag-bindings", text) == parse("mag-bindings", text)
    assert isolated._pool is None and pool.shut and isolated._failed_at is not None
    # Within RETRY_SECONDS no new pool starts: the next parse stays in this thread.
    assert isolated._get_pool() is None
    assert isolated.parse_isolated("mag-bindings", text) == parse("mag-bindings", text)
    assert isolated._pool is None


def test_a_pool_that_cannot_start_is_not_retried_at_once(monkeypatch):
    def fail() -> None:
        raise OSError("no resource tracker")

    monkeypatch.setattr(isolated, "_can_spawn", lambda: True)
    monkeypatch.setattr(isolated, "start_resource_tracker", fail)
    text = mag_binding_output(100)
    assert isolated.parse_isolated("mag-bindings", text) == parse("mag-bindings", text)
    assert isolated._pool is None and isolated._failed_at is not None
    assert isolated._get_pool() is None


def test_a_stale_failure_does_not_drop_the_new_pool(monkeypatch):
    """Threads that saw the old pool break must not shut down the one started since."""
    old, new = _FakePool(), _FakePool()
    monkeypatch.setattr(isolated, "_pool", new)
    isolated._discard(old)
    isolated._discard(None)
    assert isolated._pool is new and not new.shut and not old.shut
    assert isolated._failed_at is None
    isolated._discard(new)
    assert isolated._pool is None and new.shut and isolated._failed_at is not None


def test_a_new_pool_starts_after_the_retry_delay(monkeypatch):
    monkeypatch.setattr(isolated, "_failed_at", 0.0)
    monkeypatch.setattr(isolated, "RETRY_SECONDS", 0.0)
    pool = isolated._get_pool()  # workers start on the first submit: none here
    assert pool is not None and isolated._get_pool() is pool


# Workers need `__main__` to be a file, which it is not in a pytest-xdist worker: the
# checks below run in a fresh interpreter, from a script that imports them.


def check_tables_parse_in_a_worker_process() -> None:
    for kind, text in (
        ("mag-bindings", mag_binding_output(100)),
        ("lma-bindings", lma_binding_output(100)),
        ("lma-tunnel", lma_tunnel_output(500)),
    ):
        assert isolated.goes_to_worker(kind, len(text))
        result = isolated.parse_isolated(kind, text)
        assert result == parse(kind, text)
        assert isinstance(result.records, BindingColumns) == kind.endswith("-bindings")
    assert isolated._pool is not None


def check_eight_threads_at_once_get_their_own_results() -> None:
    outputs = [
        ("mag-bindings", mag_binding_output(60 + 10 * i))
        if i % 3 == 0
        else ("lma-bindings", lma_binding_output(70 + 10 * i))
        if i % 3 == 1
        else ("lma-tunnel", lma_tunnel_output(400 + i))
        for i in range(8)
    ]
    expected = [parse(kind, text) for kind, text in outputs]
    start = threading.Barrier(len(outputs))
    got: dict[int, list[Any]] = {}

    def poll(i: int) -> None:
        kind, text = outputs[i]
        start.wait()
        got[i] = [isolated.parse_isolated(kind, text) for _ in range(3)]

    threads = [threading.Thread(target=poll, args=(i,)) for i in range(len(outputs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(got) == list(range(len(outputs)))
    for i, results in got.items():
        assert results == [expected[i]] * 3
        if outputs[i][0].endswith("-bindings"):  # all parsed in workers
            assert all(isinstance(result.records, BindingColumns) for result in results)


def check_killed_workers_fall_back_then_restart() -> None:
    text = mag_binding_output(100)
    expected = parse("mag-bindings", text)
    assert isolated.parse_isolated("mag-bindings", text) == expected
    pool = isolated._pool
    assert pool is not None
    for process in list(pool._processes.values()):  # type: ignore[attr-defined]
        assert process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
        process.join(timeout=10)
    result = isolated.parse_isolated("mag-bindings", text)  # parsed here, in the thread
    assert result == expected
    assert isolated._pool is None and isolated._get_pool() is None  # not retried at once
    isolated.RETRY_SECONDS = 0.0
    result = isolated.parse_isolated("mag-bindings", text)
    assert result == expected and isinstance(result.records, BindingColumns)
    assert isolated._pool is not None and isolated._pool is not pool


_CHECK_SCRIPT = """
from pmiptui.parse import isolated
from tests.parse import test_isolated

if __name__ == "__main__":
    try:
        test_isolated.{check}()
    finally:
        isolated.shutdown()
    print("checked")
"""


def _run_script(path: Path, text: str) -> subprocess.CompletedProcess[str]:
    path.write_text(text)
    root = Path(__file__).parent.parent.parent
    return subprocess.run(
        [sys.executable, str(path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(root)},
    )


@pytest.mark.parametrize(
    "check",
    [
        check_tables_parse_in_a_worker_process,
        check_eight_threads_at_once_get_their_own_results,
        check_killed_workers_fall_back_then_restart,
    ],
)
def test_in_worker_processes(tmp_path, check):
    done = _run_script(tmp_path / "check.py", _CHECK_SCRIPT.format(check=check.__name__))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "checked" in done.stdout


_CAPTURED_STDERR_SCRIPT = """
import io, sys
from pmiptui.parse import isolated, parse
from tests.benchmarks.bench_parse import lma_binding_output

class Capture(io.StringIO):
    def fileno(self):
        return -1

if __name__ == "__main__":
    isolated.WORKER_MIN_CHARS = 100
    sys.stderr = Capture()  # as inside a running Textual app
    text = lma_binding_output(20)
    try:
        assert isolated.parse_isolated("lma-bindings", text) == parse("lma-bindings", text)
    finally:
        isolated.shutdown()
    print("parsed in a worker")
"""


def test_workers_start_while_stderr_is_captured(tmp_path):
    """Inside a Textual app sys.stderr is a capture object with no file behind it.

    Run in a fresh interpreter: workers need `__main__` to be a file, and the resource
    tracker must not be running yet.
    """
    done = _run_script(tmp_path / "parse_in_worker.py", _CAPTURED_STDERR_SCRIPT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "parsed in a worker" in done.stdout
