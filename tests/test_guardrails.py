"""Architecture guardrails: the import contracts hold and the core packages type-check strictly.

The contracts are in pyproject.toml (`[tool.importlinter]`); both tools come with the `test`
extra. Each runs as a subprocess from the repository root, as a developer would run it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

STRICT_PACKAGES = ("pmiptui/model", "pmiptui/parse", "pmiptui/ios", "pmiptui/configgen")
"""The packages held to `mypy --strict`: plain data, parsing, IOS grammar, config generation."""


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"NO_COLOR": "1"},
    )


def _report(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"


@pytest.mark.slow
def test_import_contracts_are_kept() -> None:
    # `lint-imports` is the click command below; `python -m importlinter.cli` would import
    # the module and exit 0 without checking anything, so call the command itself.
    # --no-cache: nothing is written into the work tree.
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    done = _run([sys.executable, "-c", code, "--no-cache", "--no-logo"])
    assert done.returncode == 0, _report(done)
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", done.stdout)
    assert kept is not None and int(kept.group(1)) > 0, _report(done)


@pytest.mark.slow
def test_core_packages_pass_mypy_strict() -> None:
    # No cache: a fresh check every time, and no cache shared with a developer's own runs.
    done = _run(
        [sys.executable, "-m", "mypy", "--strict", f"--cache-dir={os.devnull}", *STRICT_PACKAGES]
    )
    assert done.returncode == 0, _report(done)
