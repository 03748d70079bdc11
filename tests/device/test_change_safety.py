"""No half-applied config, ever: concurrent applies, a killed apply, sessions lost in each
phase. Real `pmiptui` processes against the lab over real SSH; every router is read back
with a plain Netmiko session and compared with the old or the new config, byte for byte.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui.lab.runtime import LabThread
from tests.device.safety_kit import (
    apply_args,
    env_for,
    expected_after,
    finished,
    plain_running,
    pmiptui,
    pristine_router,
    router_settled,
)
from tests.lab.conftest import start_lab

pytestmark = [pytest.mark.lab, pytest.mark.slow]

LONG = "lma-detailed"
"""34 lines on lma1 (a MAG peer with an auth-option key among them)."""
SHORT = "lma-tunnel-mtu"
SLOW_LINE_MS = 30
"""lma1 answers every line this late, so two applies overlap as on a real ASR."""


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabThread, Path]]:
    folder = tmp_path_factory.mktemp("safety")
    thread = start_lab(folder, faults=[f"lma1:delay={SLOW_LINE_MS}"], mobile_nodes=10)
    inventory = thread.lab.write_inventory(folder / "inventory")
    yield thread, inventory
    thread.stop()


def _settled_on_one_whole_config(
    thread: LabThread, before: str, codes: dict[str, int], order: list[str]
) -> str:
    """The router equals `before` plus exactly the applies that exited 0, in order."""
    applied = [p for p in order if codes[p] == 0]
    now = plain_running(thread, "lma1")
    assert now == expected_after(before, *applied), (codes, applied)
    assert router_settled(thread, "lma1") == {"pending": False, "snapshots": []}
    return now


@pytest.mark.parametrize("offset", [0.0, 0.2, 0.5, 1.0])
def test_two_applies_on_one_host_never_interleave(
    lab: tuple[LabThread, Path], tmp_path: Path, offset: float
) -> None:
    thread, inventory = lab
    env = env_for(tmp_path, lock_dir=tmp_path / "locks")
    with pristine_router(thread, "lma1") as before:
        first = pmiptui(apply_args(inventory, "lma1", LONG), env=env)
        time.sleep(offset)  # the schedule under test, not a wait for a condition
        second = pmiptui(apply_args(inventory, "lma1", SHORT), env=env)
        codes = {LONG: finished(first)[0]}
        code, _out, err = finished(second)
        codes[SHORT] = code
        assert set(codes.values()) <= {0, 9}, (codes, err)
        if code == 9:
            assert "is being changed by" in err or "pending" in err, err
            assert "nothing was sent" in err
        _settled_on_one_whole_config(thread, before, codes, [LONG, SHORT])


@pytest.mark.parametrize("offset", [0.0, 0.5])
def test_two_hosts_are_kept_apart_by_the_routers_exclusive_lock(
    lab: tuple[LabThread, Path], tmp_path: Path, offset: float
) -> None:
    """Two jump hosts (two lock folders); the router has `configuration mode exclusive manual`."""
    thread, inventory = lab
    router = thread.lab.routers["lma1"]
    with pristine_router(thread, "lma1"):
        head, _end = router.running_text().rsplit("\nend", 1)
        exclusive = f"{head}\nconfiguration mode exclusive manual\n!\nend\n"
        thread.call(lambda: router.replace_config(exclusive))
        assert thread.call(router.exclusive_mode) == "manual"
        before = plain_running(thread, "lma1")
        first = pmiptui(
            apply_args(inventory, "lma1", LONG), env=env_for(tmp_path, lock_dir=tmp_path / "a")
        )
        time.sleep(offset)
        second = pmiptui(
            apply_args(inventory, "lma1", SHORT), env=env_for(tmp_path, lock_dir=tmp_path / "b")
        )
        codes = {LONG: finished(first)[0], SHORT: finished(second)[0]}
        assert set(codes.values()) <= {0, 9}, codes
        assert 0 in codes.values()
        _settled_on_one_whole_config(thread, before, codes, [LONG, SHORT])
        used = [e.line for e in router.log]
        assert "configure terminal lock" in used


def _kill_apply_after(
    thread: LabThread, inventory: Path, env: dict[str, str], *, lines: int
) -> None:
    """Start an apply on lma1 and `kill -9` it once `lines` plan lines are on the router."""
    router = thread.lab.routers["lma1"]
    start = len(router.log)
    victim = pmiptui(apply_args(inventory, "lma1", LONG), env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        sent = [e for e in router.log[start:] if e.mode.startswith("config") and e.line != "end"]
        if len(sent) >= lines:
            break
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)


def test_a_killed_apply_is_never_built_upon_and_recover_reverts_it(
    lab: tuple[LabThread, Path], tmp_path: Path
) -> None:
    thread, inventory = lab
    env = env_for(tmp_path, lock_dir=tmp_path / "locks")
    with pristine_router(thread, "lma1") as before:
        _kill_apply_after(thread, inventory, env, lines=7)
        half = plain_running(thread, "lma1")
        assert half != before  # lines 1-7 are on the router, under the revert timer
        assert router_settled(thread, "lma1")["pending"] is True

        code, _out, err = finished(pmiptui(apply_args(inventory, "lma1", SHORT), env=env))
        assert code == 9, err
        assert "pending" in err and "pmiptui config recover lma1" in err
        assert plain_running(thread, "lma1") == half  # nothing was built on it

        recover = pmiptui(
            ["config", "recover", "--inventory", str(inventory), "lma1", "--revert", "--yes"],
            env=env,
        )
        code, out, err = finished(recover)
        assert code == 0, (out, err)
        assert "what the unfinished change did" in out
        assert plain_running(thread, "lma1") == before
        assert router_settled(thread, "lma1") == {"pending": False, "snapshots": []}

        code, _out, err = finished(pmiptui(apply_args(inventory, "lma1", SHORT), env=env))
        assert code == 0, err
        assert plain_running(thread, "lma1") == expected_after(before, SHORT)


def test_recover_keep_confirms_the_pending_change(
    lab: tuple[LabThread, Path], tmp_path: Path
) -> None:
    thread, inventory = lab
    env = env_for(tmp_path, lock_dir=tmp_path / "locks")
    with pristine_router(thread, "lma1"):
        _kill_apply_after(thread, inventory, env, lines=3)
        half = plain_running(thread, "lma1")
        recover = pmiptui(
            ["config", "recover", "--inventory", str(inventory), "lma1"], env=env, stdin="k\nlma1\n"
        )
        code, out, err = finished(recover)
        assert code == 0, (out, err)
        assert plain_running(thread, "lma1") == half
        assert router_settled(thread, "lma1") == {"pending": False, "snapshots": []}


def _drop_lab(tmp: Path, fault: str) -> tuple[LabThread, Path]:
    thread = start_lab(tmp, faults=[fault], mobile_nodes=10)
    return thread, thread.lab.write_inventory(tmp / "inventory")


@pytest.mark.parametrize(
    ("fault", "code", "state", "says"),
    [
        ("drop-on=^network network1", 6, "old", "INTERRUPTED while sending line 5 of"),
        ("drop-on=^configure confirm", 0, "new", "the change was already confirmed"),
        ("down-on=^configure confirm", 7, "new", "CONFIRM UNKNOWN"),
        ("drop-on=^delete /force", 8, "new", "APPLIED AND CONFIRMED, NOT VERIFIED"),
        ("down-on=^delete /force", 8, "new", "pmiptui show lma1 config"),
    ],
    ids=["sending", "confirming", "confirming-router-gone", "after-confirm", "after-confirm-gone"],
)
def test_a_lost_session_is_reported_by_the_phase_it_hit(
    tmp_path: Path, fault: str, code: int, state: str, says: str
) -> None:
    thread, inventory = _drop_lab(tmp_path, f"lma1:{fault}")
    try:
        before = plain_running(thread, "lma1") if not fault.startswith("down") else None
        if before is None:
            before = thread.call(lambda: thread.lab.routers["lma1"].running_text().strip("\n"))
        env = env_for(tmp_path, lock_dir=tmp_path / "locks")
        got, out, err = finished(pmiptui(apply_args(inventory, "lma1", LONG), env=env))
        assert got == code, (out, err)
        assert says in out + err
        now = thread.call(lambda: thread.lab.routers["lma1"].running_text().strip("\n"))
        want = before if state == "old" else expected_after(before, LONG)
        assert now == want
        assert "Traceback" not in err
    finally:
        thread.stop()
