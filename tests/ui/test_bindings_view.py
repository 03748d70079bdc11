"""The bindings view without Textual: filter language, sort, marks, raw blocks."""

from __future__ import annotations

import pytest

from pmiptui.ui.data.binding_diff import BindingTracker, raw_block
from pmiptui.ui.data.bindings_view import (
    FIELDS,
    ViewSpec,
    apply_filter,
    apply_sort,
    base_table,
    build_view,
    row_of,
)
from pmiptui.ui.data.filters import FilterError, parse_filter
from tests.ui.fake_poller import FakePoller


@pytest.fixture(scope="module")
def lma():
    fake = FakePoller(bindings=24)
    return fake.poll("lma1", ["bindings"])


@pytest.fixture(scope="module")
def table(lma):
    return base_table(lma.bindings, {})


def nais(table) -> list[str]:
    return table["nai"].to_pylist()


def test_substring_matches_any_column_ignoring_case(table):
    assert nais(apply_filter(table, "MN000005")) == ["mn000005@example.com"]
    assert apply_filter(table, "ffff::22").num_rows == 12  # MAG2's address


def test_regex(table):
    assert nais(apply_filter(table, "/mn00000[0-3]@/")) == [
        f"mn00000{i}@example.com" for i in range(4)
    ]


def test_field_equals_and_aliases(table):
    assert apply_filter(table, "peer=MAG2").num_rows == 12
    assert apply_filter(table, "peer_id=mag2").num_rows == 12
    assert apply_filter(table, "state=BCE_PENDING").num_rows == 3
    assert apply_filter(table, "nai=/^mn00001/").num_rows == 10


def test_inverse_and_combined_terms(table):
    assert apply_filter(table, "!peer=MAG2").num_rows == 12
    assert apply_filter(table, "peer=MAG1 !state=BCE_ACTIVE").num_rows == 2
    assert apply_filter(table, "!/example/").num_rows == 0


def test_bad_filters_say_why():
    with pytest.raises(FilterError, match="unknown field 'colour'"):
        parse_filter("colour=red", FIELDS)
    with pytest.raises(FilterError, match="bad regex"):
        parse_filter("/mn[/", FIELDS)
    view = build_view(base_table([], {}), ViewSpec(filter="/(/"))
    assert view.error and "bad regex" in view.error


def test_sort_by_column_both_ways(table):
    by_hoa = apply_sort(table, "uptime", descending=True)
    uptimes = by_hoa["uptime"].to_pylist()
    assert uptimes == sorted(uptimes, reverse=True)
    assert nais(apply_sort(table, None, descending=True))[0] == "mn000023@example.com"


def test_row_of_finds_the_nai(table):
    assert row_of(table, "mn000007@example.com") == 7
    assert row_of(table, "nobody@example.com") == -1


def _table(fake, router):
    return base_table(fake.poll(router, ["bindings"]).bindings)


def test_marks_new_and_changed_then_fade_and_removed_kept():
    fake = FakePoller(bindings=6)
    tracker = BindingTracker()
    first = fake.poll("lma1", ["bindings"])
    assert tracker.update(base_table(first.bindings), 1.0) == {}
    new = fake.add_binding("MAG2")
    fake.modify_binding("mn000001@example.com", state="BCE_REFRESH", remaining_sec=5)
    fake.remove_binding("mn000002@example.com")
    marks = tracker.update(_table(fake, "lma1"), 2.0)
    assert marks == {new: "+", "mn000001@example.com": "~"}
    assert [r.nai for r in tracker.removed] == ["mn000002@example.com"]
    assert tracker.update(_table(fake, "lma1"), 3.0) == marks
    assert tracker.update(_table(fake, "lma1"), 4.0) == {}


def test_ticking_counters_are_not_changes():
    fake = FakePoller(bindings=3)
    tracker = BindingTracker()
    tracker.update(_table(fake, "mag1"), 1.0)
    fake.modify_binding("mn000000@example.com", remaining_sec=1, uptime_sec=9, sequence=99)
    assert tracker.update(_table(fake, "mag1"), 2.0) == {}


def test_raw_block_is_one_binding(lma):
    block = raw_block(lma.raw["bindings"], "mn000001@example.com")
    assert block is not None
    assert block.startswith("[Binding][MN]: Domain: D1, Nai: mn000001@example.com")
    assert "Uptime:" in block.splitlines()[-1]
    assert "mn000002" not in block and "mn000010" not in block
    assert raw_block(lma.raw["bindings"], "mn00000@example.com") is None
    last = raw_block(lma.raw["bindings"], "mn000023@example.com")
    assert last is not None and last.rstrip().endswith("(sec)")


def test_base_table_in_chunks_equals_one_chunk(lma, monkeypatch):
    import pmiptui.ui.data.bindings_view as bv

    whole = base_table(lma.bindings, {"mn000003@example.com": "+"})
    monkeypatch.setattr(bv, "ROWS_PER_CHUNK", 5)
    chunked = base_table(lma.bindings, {"mn000003@example.com": "+"})
    assert chunked["nai"].num_chunks > 1
    assert chunked.equals(whole)
    assert chunked["chg"].to_pylist().count("+") == 1
    assert base_table([], None).num_rows == 0


def test_tracker_on_chunked_tables(lma, monkeypatch):
    from dataclasses import replace

    import pmiptui.ui.data.bindings_view as bv

    monkeypatch.setattr(bv, "ROWS_PER_CHUNK", 7)
    tracker = BindingTracker()
    tracker.update(base_table(lma.bindings), 1.0)
    changed = [
        replace(b, state="BCE_REFRESH") if i == 10 else b for i, b in enumerate(lma.bindings)
    ]
    marks = tracker.update(base_table(changed[1:]), 2.0)
    assert marks == {changed[10].nai: "~"}
    assert [r.nai for r in tracker.removed] == [lma.bindings[0].nai]
