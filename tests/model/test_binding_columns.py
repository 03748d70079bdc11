"""BindingColumns behaves as the list of Bindings it was built from."""

from __future__ import annotations

import gc
import pickle

import pytest

from pmiptui.model.binding_columns import FIELDS, BindingColumns, find_binding
from pmiptui.model.serialize import to_data
from pmiptui.parse import parse
from tests.benchmarks.bench_parse import lma_binding_output


@pytest.fixture(scope="module")
def records():
    return parse("lma-bindings", lma_binding_output(40)).records


def test_reads_back_every_record_in_order(records):
    table = BindingColumns.from_records(records)
    assert len(table) == 40
    assert list(table) == records
    assert table == records and records == table
    assert table[0] == records[0] and table[-1] == records[-1]
    assert table[3:6] == records[3:6]
    with pytest.raises(IndexError):
        table[40]


def test_list_fields_come_back_as_lists(records):
    table = BindingColumns.from_records(records)
    assert isinstance(table[0].ipv6_hnps, list)
    assert table.column("ipv6_hnps")[0] == " ".join(records[0].ipv6_hnps)


def test_find_by_nai(records):
    table = BindingColumns.from_records(records)
    nai = records[7].nai
    assert table.find(nai) == records[7]
    assert find_binding(table, nai) == find_binding(records, nai) == records[7]
    assert table.find("nobody@example.com") is None


def test_serialises_like_the_list(records):
    assert to_data(BindingColumns.from_records(records)) == to_data(records)


def test_repeated_values_are_shared_and_pickle_once(records):
    table = BindingColumns.from_records(records)
    states = table.column("state")
    assert len({id(value) for value in states}) == len(set(states))
    restored = pickle.loads(pickle.dumps(table.column("domain")))
    assert len({id(value) for value in restored}) == 1


def test_holds_few_objects_for_the_collector(records):
    table = BindingColumns.from_records(records)
    columns = [table.column(name) for name in ("nai", "state", "ipv6_hnps", "sequence")]
    assert not any(gc.is_tracked(value) for column in columns for value in column)
    gc.collect()  # a tuple of untracked values is untracked by the pass that sees it
    assert not any(gc.is_tracked(table.column(name)) for name in FIELDS)


def test_rejects_ragged_columns():
    with pytest.raises(ValueError, match="every Binding field"):
        BindingColumns({"nai": ["a"]})
