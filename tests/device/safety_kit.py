"""What the change-safety tests share: real `pmiptui` processes, and a plain Netmiko read-back.

The read-back never goes through pmiptui's own session code, so a bug there cannot hide a
half-configured router.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import yaml
from netmiko import ConnectHandler

from pmiptui.configgen.catalogue import CATALOGUE
from pmiptui.configgen.diff import predict
from pmiptui.configgen.plan import PlanLine, build_plan
from pmiptui.lab.runtime import LabThread
from tests.lab.conftest import device

PROCEDURES = Path(__file__).resolve().parent.parent / "fixtures" / "procedures"
_HEADER = ("Building configuration", "Current configuration")


def plan_of(procedure_id: str) -> list[PlanLine]:
    """The plan of a procedure with the guide's example values."""
    values = yaml.safe_load((PROCEDURES / f"{procedure_id}.yaml").read_text())
    return build_plan(CATALOGUE[procedure_id], values)


def plain_running(thread: LabThread, router: str) -> str:
    """`show running-config` through a plain Netmiko session, without IOS's header lines."""
    with ConnectHandler(**device(thread.lab, router)) as conn:
        conn.enable()
        text = str(conn.send_command("show running-config", read_timeout=60))
    lines = text.splitlines()
    if lines and lines[0].strip() == "show running-config":
        lines = lines[1:]  # echoed by a router that answers slowly (the `delay` fault)
    return "\n".join(line for line in lines if not line.startswith(_HEADER)).strip("\n")


def expected_after(before: str, *procedures: str) -> str:
    """The running-config the command model predicts after the procedures, in order."""
    text = before + "\n"
    for procedure_id in procedures:
        text = predict(text, plan_of(procedure_id))
    return text.strip("\n")


def env_for(tmp: Path, *, lock_dir: Path) -> dict[str, str]:
    """A process environment with its own audit log and the given host lock folder."""
    env = dict(os.environ)
    env["PMIPTUI_AUDIT_LOG"] = str(tmp / "audit.jsonl")
    env["PMIPTUI_LOCK_DIR"] = str(lock_dir)
    env["PMIPTUI_KNOWN_HOSTS"] = str(tmp / "known_hosts")
    env["NO_COLOR"] = "1"
    return env


def pmiptui(
    args: Sequence[str], *, env: dict[str, str], stdin: str | None = None
) -> subprocess.Popen[str]:
    """Start a real `pmiptui` process; `stdin` is what the operator types."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pmiptui", *args],
        env=env,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
    return process


def apply_args(inventory: Path, router: str, procedure_id: str, *extra: str) -> list[str]:
    """`pmiptui config apply … --yes` arguments for a guide example."""
    values = PROCEDURES / f"{procedure_id}.yaml"
    return [
        "config",
        "apply",
        "--inventory",
        str(inventory),
        router,
        procedure_id,
        "--values",
        str(values),
        "--yes",
        *extra,
    ]


def finished(process: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a process that ends."""
    if process.stdin is not None and process.stdin.closed:
        process.stdin = None  # already written and closed
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


@contextmanager
def pristine_router(thread: LabThread, router: str) -> Iterator[str]:
    """Yield the router's running-config (plain read-back); put config and files back after."""
    sim = thread.lab.routers[router]
    saved = thread.call(lambda: (sim.running, dict(sim.files)))
    before = plain_running(thread, router)
    try:
        yield before
    finally:

        def restore() -> None:
            sim.cancel_revert()
            running, files = saved  # type: ignore[misc]
            sim.set_running(running)
            sim.files.clear()
            sim.files.update(files)

        thread.call(restore)


def router_settled(thread: LabThread, router: str) -> dict[str, object]:
    """What must be empty once every change has ended: pending timer, snapshots."""
    sim = thread.lab.routers[router]
    return thread.call(
        lambda: {
            "pending": sim.revert is not None,
            "snapshots": sorted(url for url in sim.files if "pmiptui-" in url),
        }
    )  # type: ignore[return-value]
