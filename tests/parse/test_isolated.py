"""Large outputs parse in a worker process; results and errors match the in-process parse."""

from __future__ import annotations

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
