"""`config apply` re-checks cross-field rules against the router's own configuration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.lab.conftest import start_lab

pytestmark = pytest.mark.lab


def test_multipath_refused_when_the_routers_domain_has_no_udp_tunnel(tmp_path: Path) -> None:
    thread = start_lab(tmp_path, mobile_nodes=5)
    try:
        inventory = thread.lab.write_inventory(tmp_path)
        values = tmp_path / "multipath.yaml"
        values.write_text("domain-name: D1\nmag:\n  mag-id: mag1\n")
        run = subprocess.run(
            [sys.executable, "-m", "pmiptui.cli", "config", "apply", "--inventory",
             str(inventory), "mag1", "multipath-lma-mag", "--values", str(values), "--yes"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert run.returncode == 2, run.stdout + run.stderr
        assert "udptunnel" in run.stderr
        assert "conflict with the router's configuration" in run.stderr
        router = thread.lab.routers["mag1"]
        assert not any(entry.line.startswith("configure") for entry in router.log)
    finally:
        thread.stop()
