"""Full collector passes wait for a moment with no poll in flight (within a limit)."""

from __future__ import annotations

import gc

from pmiptui.ui import collector
from pmiptui.ui.collector import FULL_AT_LATEST_SEC, FULL_EVERY_SEC, CollectorSchedule


def test_full_passes_run_between_polls_or_when_overdue(monkeypatch):
    passes: list[object] = []
    monkeypatch.setattr(collector.gc, "collect", lambda generation=2: passes.append(generation))
    monkeypatch.setattr(collector.gc, "freeze", lambda: passes.append("freeze"))
    monkeypatch.setattr(collector.gc, "unfreeze", lambda: passes.append("unfreeze"))
    now = [0.0]
    busy = [True]
    schedule = CollectorSchedule(busy=lambda: busy[0], clock=lambda: now[0])
    schedule.tick()
    now[0] = FULL_EVERY_SEC + 1
    schedule.tick()  # due, but a poll is in flight
    busy[0] = False
    schedule.tick()  # due and quiet
    busy[0] = True
    now[0] += FULL_AT_LATEST_SEC
    schedule.tick()  # overdue: runs even during a poll
    assert passes == [1, 1, 2, "freeze", 2, "freeze"]


def test_every_tenth_full_pass_also_scans_the_frozen_heap(monkeypatch):
    passes: list[object] = []
    monkeypatch.setattr(collector.gc, "collect", lambda generation=2: passes.append(generation))
    monkeypatch.setattr(collector.gc, "freeze", lambda: None)
    monkeypatch.setattr(collector.gc, "unfreeze", lambda: passes.append("unfreeze"))
    now = [0.0]
    busy = [False]
    schedule = CollectorSchedule(busy=lambda: busy[0], clock=lambda: now[0])
    for _ in range(collector.DEEP_EVERY):
        now[0] += FULL_EVERY_SEC
        schedule.tick()
    assert passes == [2] * (collector.DEEP_EVERY - 1) + ["unfreeze", 2]
    passes.clear()
    busy[0] = True  # a deep pass due during polls waits, up to DEEP_AT_LATEST_SEC
    for _ in range(collector.DEEP_EVERY):
        now[0] += FULL_AT_LATEST_SEC
        schedule.tick()
    assert "unfreeze" not in passes
    now[0] += collector.DEEP_AT_LATEST_SEC
    schedule.tick()
    assert passes[-2:] == ["unfreeze", 2]


def test_manual_collection_switches_automatic_collection_off_then_on():
    assert gc.isenabled() and not collector.is_manual()
    try:
        with collector.manual_collection():
            assert not gc.isenabled() and collector.is_manual()
            assert gc.get_freeze_count() > 0
            raise KeyError("the console failed")
    except KeyError:
        pass
    assert gc.isenabled() and gc.get_freeze_count() == 0
