"""All-or-nothing apply against the lab over real SSH and unmodified Netmiko."""

from __future__ import annotations

import time

import pytest

from pmiptui.configgen.diff import pmipv6_section, predict
from pmiptui.configgen.plan import PlanLine, build_plan
from pmiptui.configgen.procedure import Procedure, Step
from pmiptui.device.apply import Status, apply_plan, read_running, save_config
from pmiptui.device.session import RouterSession
from pmiptui.device.verify import read_globals, verify_change
from pmiptui.errors import ConnectionLost
from pmiptui.inventory import Inventory
from pmiptui.ios.config_tree import parse_running_config, render_running_config
from pmiptui.lab.runtime import LabThread
from tests.device.conftest import minimum_plan

pytestmark = [pytest.mark.lab, pytest.mark.usefixtures("pristine")]

SECTION = "show running-config | section ipv6 mobile"

MAG_LIFETIME = Procedure(
    id="test-mag-lifetime",
    title="MAG binding lifetime",
    role="mag",
    chapter=0,
    steps=(
        Step(mode="config", syntax="ipv6 mobile pmipv6-mag <mag-id> domain <domain-name>"),
        Step(mode="config-ipv6-pmipv6-mag", syntax="binding lifetime <seconds>"),
    ),
)


def _wait_until_lost(session: RouterSession, timeout: float = 10) -> None:
    """Wait until the client has seen its SSH connection close, so the next line fails at
    once as a lost connection rather than after a read timeout."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            session._connection()
        except ConnectionLost:
            return
        assert time.monotonic() < deadline, "the client did not see the connection close"
        time.sleep(0.01)


def _config_lines(lab_thread: LabThread, router: str) -> list[str]:
    return [e.line for e in lab_thread.lab.routers[router].log if e.mode.startswith("config")]


def test_plan_applies_confirms_and_reads_back(pristine: LabThread, inventory: Inventory) -> None:
    plan = minimum_plan()
    router = pristine.lab.routers["mag1"]
    with RouterSession(inventory.router("mag1")) as session:
        before = read_running(session)
        result = apply_plan(session, plan)
        assert result.status is Status.APPLIED, result
        verification = verify_change(
            session,
            plan,
            before=before,
            predicted=predict(before, plan),
            globals_before="",
            role="mag",
        )
        section = session.send(SECTION)
    assert verification.passed
    assert all(check.present for check in verification.lines)
    assert len(verification.lines) == 6  # seven lines, the `exit` is not checked
    assert " lma lmaX\n  ipv6-address 2001:DB8::9" in section
    assert "+ nai u1@example.com" in result.diff.unified
    assert result.revert_timer
    assert router.revert is None  # confirmed: no rollback pending
    copies = [e.line for e in router.log if e.line.startswith("copy running-config")]
    assert copies and copies[-1].startswith("copy running-config bootflash:pmiptui-mag1-")
    snapshot = copies[-1].split()[-1]
    assert f"delete /force {snapshot}" in [e.line for e in router.log]
    assert not [url for url in router.files if "pmiptui-" in url]  # removed when it ended


def test_rejected_line_rolls_everything_back(pristine: LabThread, inventory: Inventory) -> None:
    plan = minimum_plan()
    with RouterSession(inventory.router("mag2")) as session:
        section_before = session.send(SECTION)
        result = apply_plan(session, plan)
        section_after = session.send(SECTION)
        prompt = session.send("show clock") and session._connection().find_prompt()
    assert result.status is Status.REJECTED_ROLLED_BACK
    assert result.failed_line is not None
    assert (result.failed_line.number, result.failed_line.text) == (7, "service dual")
    assert "% Invalid input detected" in result.router_message
    assert "identical to the snapshot" in result.verification
    assert section_after == section_before
    assert not result.diff.changed
    assert prompt == "mag2#"  # config mode was left
    sent = _config_lines(pristine, "mag2")
    assert sent[-1] == "service dual" or "end" in sent[-2:]
    assert pristine.lab.routers["mag2"].revert is None


def test_dropped_connection_mid_apply_is_rolled_back_after_reconnect(
    pristine: LabThread, inventory: Inventory
) -> None:
    router = pristine.lab.routers["mag1"]
    before = pristine.call(router.running_text)
    listener = next(item for item in pristine.lab.listeners if item.name == "mag1")

    def cut(number: int, _line: PlanLine) -> None:
        if number == 4:  # three lines are in; the session dies before the fourth
            pristine.call(lambda: [conn.abort() for conn in list(listener.connections)])
            _wait_until_lost(session)

    with RouterSession(inventory.router("mag1"), read_timeout=5) as session:
        result = apply_plan(session, minimum_plan(), on_line=cut)
        again = read_running(session)
    assert result.status is Status.INTERRUPTED_ROLLED_BACK, result
    assert result.failed_line is not None and result.failed_line.number == 4
    assert "reconnected" in result.verification
    assert pristine.call(router.running_text) == before
    assert pmipv6_section(again) == pmipv6_section(before)
    assert router.revert is None
    sessions = {e.session for e in router.log if e.line == "configure revert now"}
    first = min(e.session for e in router.log if e.line.startswith("configure terminal revert"))
    assert sessions and min(sessions) > first  # the revert came from a new session


def test_unreachable_after_drop_is_rollback_failed_with_timer_armed(
    tmp_path_factory: pytest.TempPathFactory, inventory: Inventory
) -> None:
    from tests.lab.conftest import start_lab

    thread = start_lab(tmp_path_factory.mktemp("gone"))
    try:
        lab = thread.lab
        router = lab.routers["mag1"]
        before = thread.call(router.running_text)
        listener = next(item for item in lab.listeners if item.name == "mag1")
        target = inventory.router("mag1")
        from dataclasses import replace

        target = replace(target, port=lab.port("mag1"))

        def vanish(number: int, _line: PlanLine) -> None:
            if number == 3:

                def close() -> None:
                    assert listener.server is not None
                    listener.server.close()
                    for conn in list(listener.connections):
                        conn.abort()

                thread.call(close)
                _wait_until_lost(session)

        session = RouterSession(target, read_timeout=5, connect_timeout=3).open()
        result = apply_plan(session, minimum_plan(), on_line=vanish)
        session.close()
        assert result.status is Status.ROLLBACK_FAILED
        assert "revert timer will restore" in result.verification
        assert thread.call(lambda: router.revert is not None)  # the router's own safety net
        assert thread.call(router.revert_now)
        assert thread.call(router.running_text) == before
    finally:
        thread.stop()


def test_without_archive_path_falls_back_to_configure_replace(
    pristine: LabThread, inventory: Inventory
) -> None:
    router = pristine.lab.routers["mag2"]

    def drop_archive() -> None:
        tree = router.running
        kept = tuple(node for node in tree.children if node.line != "archive")
        router.set_running(
            parse_running_config(render_running_config(type(tree)(line="", children=kept)))
        )

    pristine.call(drop_archive)
    with RouterSession(inventory.router("mag2")) as session:
        section_before = session.send(SECTION)
        result = apply_plan(session, minimum_plan())
        section_after = session.send(SECTION)
    assert result.status is Status.REJECTED_ROLLED_BACK
    assert not result.revert_timer
    assert any("no `archive path`" in note for note in result.notes)
    assert "configure replace" in result.verification
    assert section_after == section_before
    lines = [e.line for e in router.log]
    assert "configure terminal" in lines
    assert not any(line.startswith("configure terminal revert") for line in lines[-15:])


def test_verification_reports_values_that_took_effect_and_save(
    pristine: LabThread, inventory: Inventory
) -> None:
    plan = build_plan(MAG_LIFETIME, {"mag-id": "mag1", "domain-name": "D1", "seconds": 7200})
    router = pristine.lab.routers["mag1"]
    with RouterSession(inventory.router("mag1")) as session:
        before = read_running(session)
        globals_before = read_globals(session, "mag")
        result = apply_plan(session, plan)
        verification = verify_change(
            session,
            plan,
            before=before,
            predicted=predict(before, plan),
            globals_before=globals_before,
            role="mag",
        )
        answer = save_config(session)
    assert result.ok and verification.passed
    fields = {c.field: (c.before, c.after) for c in verification.changes}
    assert fields["mag mag1 / registration_lifetime_sec"] == ("3600", "7200")
    assert "[OK]" in answer
    assert "binding lifetime 7200" in pristine.call(lambda: router.files["nvram:startup-config"])
