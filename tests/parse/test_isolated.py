"""Large outputs parse in a worker process; results and errors match the in-process parse."""

from __future__ import annotations

import pytest

from pmiptui.errors import RouterError
from pmiptui.parse import isolated, parse
from tests.benchmarks.bench_parse import lma_binding_output


def test_packed_result_equals_in_process_parse(monkeypatch):
    monkeypatch.setattr(isolated, "RECORDS_PER_SLICE", 7)
    text = lma_binding_output(30)
    packed = isolated.pack("lma-bindings", text)
    assert len(packed.slices) == 5
    assert isolated.unpack(packed) == parse("lma-bindings", text)


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
