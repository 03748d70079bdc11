"""`pmiptui lab` as an operator runs it: one line per router, an inventory, clean stop."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.lab


def _pmiptui(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pmiptui.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[arg-type]
    )


def test_lab_runs_writes_inventory_and_stops_on_sigterm(tmp_path: Path) -> None:
    lab = _pmiptui("lab", "--port-base", "0", "--state-dir", str(tmp_path), "--bindings", "20")
    lines = []
    assert lab.stdout is not None
    for line in lab.stdout:
        lines.append(line.rstrip())
        if line.startswith("lab running"):
            break
    routers = [line.split() for line in lines[:3]]
    assert [(r[0], r[1]) for r in routers] == [("lma1", "LMA"), ("mag1", "MAG"), ("mag2", "MAG")]
    inventory = yaml.safe_load((tmp_path / "inventory.yaml").read_text())
    assert inventory["mag1"]["port"] == int(routers[1][2].rsplit(":", 1)[1])
    assert inventory["lab"] == ["lma1", "mag1", "mag2"]
    lab.send_signal(signal.SIGTERM)
    assert lab.wait(15) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fault", "mag9:hang"], "names routers the topology lacks: mag9"),
        (["--fault", "mag1:explode"], "unknown kind 'explode'"),
        (["--fault", "mag1:delay"], "delay needs a value"),
        (["--topology", "/no/such.yaml"], "cannot read topology"),
    ],
)
def test_lab_refuses_bad_arguments_in_one_line(args: list[str], message: str) -> None:
    run = _pmiptui("lab", "--port-base", "0", *args)
    _out, err = run.communicate(timeout=30)
    assert run.returncode == 2
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
