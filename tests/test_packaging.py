"""The wheel carries the templates, so a non-editable `pip install .` can parse."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pmiptui.parse.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_every_template(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("pmiptui-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in KINDS.values():
        if kind.template is not None:
            assert f"pmiptui/ttp_templates/{kind.template}" in names
    assert "pmiptui/lab/default_topology.yaml" in names
    migrations = ROOT / "pmiptui" / "history" / "migrations"
    for path in migrations.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert f"pmiptui/{path.relative_to(ROOT / 'pmiptui').as_posix()}" in names
    assert not any(name.startswith("ttp_templates/") for name in names), "templates leaked to top"


def test_templates_are_data_not_a_package() -> None:
    assert not (ROOT / "ttp_templates" / "__init__.py").exists()
