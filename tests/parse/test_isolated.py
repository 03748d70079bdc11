"""Large outputs parse in a worker process; results and errors match the in-process parse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmiptui.errors import RouterError
from pmiptui.model.binding_columns import BindingColumns
from pmiptui.parse import isolated, parse
from tests.benchmarks.bench_parse import lma_binding_output

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_bindings_come_back_as_columns_equal_to_in_process_parse():
    text = lma_binding_output(30)
    packed = isolated.pack("lma-bindings", text)
    assert packed.slices == [] and packed.columns is not None
    result = isolated.unpack(packed)
    assert isinstance(result.records, BindingColumns)
    assert result == parse("lma-bindings", text)
    assert list(result.records) == parse("lma-bindings", text).records


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


def test_small_outputs_parse_in_process(monkeypatch):
    monkeypatch.setattr(isolated, "_get_pool", lambda: pytest.fail("no worker for small output"))
    text = lma_binding_output(3)
    assert isolated.parse_isolated("lma-bindings", text) == parse("lma-bindings", text)


def test_large_output_in_a_worker_process(monkeypatch):
    if not isolated._can_spawn():
        pytest.skip("__main__ is not a file here; workers cannot be spawned")
    monkeypatch.setattr(isolated, "ISOLATE_CHARS", 100)
    text = lma_binding_output(20)
    try:
        assert isolated.parse_isolated("lma-bindings", text) == parse("lma-bindings", text)
    finally:
        isolated.shutdown()


_CAPTURED_STDERR_SCRIPT = """
import io, sys
from pmiptui.parse import isolated, parse
from tests.benchmarks.bench_parse import lma_binding_output

class Capture(io.StringIO):
    def fileno(self):
        return -1

if __name__ == "__main__":
    isolated.ISOLATE_CHARS = 100
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
    script = tmp_path / "parse_in_worker.py"
    script.write_text(_CAPTURED_STDERR_SCRIPT)
    root = Path(__file__).parent.parent.parent
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "parsed in a worker" in done.stdout
