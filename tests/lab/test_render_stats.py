"""Stats text parses back to exactly the counters it was rendered from."""

from __future__ import annotations

import pytest

from pmiptui.lab.counters import STATUS_NAMES, Counters
from pmiptui.lab.render_stats import stats_text
from pmiptui.parse import parse


@pytest.mark.parametrize("side", ["MAG", "LMA"])
def test_stats_round_trip(side: str) -> None:
    counters = Counters(since=-100)
    for number, name in enumerate(Counters.__dataclass_fields__):
        if name not in ("since", "status"):
            setattr(counters, name, 1000 + number)
    counters.reject(130)
    counters.reject(130)
    counters.reject(153)
    result = parse(f"{side.lower()}-stats", stats_text(side, counters, current=7, age=100))
    assert result.unparsed == [] and result.warnings == []
    (record,) = result.records
    assert record.bindings_current == 7
    assert record.pbu_sent == counters.pbu_sent
    assert record.heartbeat_failures == counters.hb_failures
    assert record.bra_received == counters.bra_received
    assert record.pba_rejected == 3
    assert [s.code for s in record.pba_rejected_by_status] == list(STATUS_NAMES)
    assert {s.code: s.count for s in record.pba_rejected_by_status if s.count} == {130: 2, 153: 1}
    assert record.counters_age_sec == 100
