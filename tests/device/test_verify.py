"""Verification logic on texts: line placement, exact section match, operational changes."""

from __future__ import annotations

import re
from pathlib import Path

from pmiptui.configgen.diff import predict
from pmiptui.device.verify import check_lines, globals_changes, is_volatile, role_of
from pmiptui.lab.configs import startup_config
from pmiptui.lab.topology import load_topology
from tests.device.conftest import minimum_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TOPOLOGY = load_topology()
MAG1 = startup_config(TOPOLOGY, TOPOLOGY.routers[1])


def test_every_line_found_where_predicted() -> None:
    plan = minimum_plan()
    checks = check_lines(plan, MAG1, predict(MAG1, plan))
    assert [c.number for c in checks] == [1, 2, 3, 5, 6, 7]  # line 4 is `exit`
    assert all(c.present for c in checks)
    assert checks[2].block == ("ipv6 mobile pmipv6-domain D1", "lma lmaX")


def test_missing_or_different_line_is_reported() -> None:
    plan = minimum_plan()
    actual = predict(MAG1, plan).replace("  service dual\n!", "  service ipv4\n!")
    actual = actual.replace("  ipv6-address 2001:DB8::9\n", "")
    checks = {c.number: c.present for c in check_lines(plan, MAG1, actual)}
    assert checks == {1: True, 2: True, 3: False, 5: True, 6: True, 7: False}


def test_role_from_inventory_else_config() -> None:
    assert role_of("lma", MAG1) == "lma"
    assert role_of(None, MAG1) == "mag"
    assert role_of(None, "!\nhostname x\n!\nend") is None


def test_volatile_fields() -> None:
    assert is_volatile("bindings_count") and is_volatile("remaining_lifetime_sec")
    assert is_volatile("up_time") and is_volatile("sequence_number")
    assert not is_volatile("registration_lifetime_sec") and not is_volatile("aaa_accounting")


def test_operational_changes_name_the_value() -> None:
    before = (FIXTURES / "mag-globals" / "guide_sample.txt").read_text()
    after = re.sub(r"(RegistrationLifeTime\s*: )3600", r"\g<1>7200", before, count=1)
    assert after != before
    changes, note = globals_changes("mag", before, after)
    assert note == ""
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("mag M1 / registration_lifetime_sec", "3600", "7200")
    ]
    assert globals_changes("mag", before, before) == ([], "")


def test_unreadable_globals_is_a_note_not_an_error() -> None:
    changes, note = globals_changes("mag", "% Invalid input detected at '^' marker.", "")
    assert changes == [] and "not readable" in note
    assert globals_changes(None, "", "")[1].startswith("no MAG or LMA")
