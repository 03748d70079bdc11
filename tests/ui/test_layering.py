"""The UI imports no IO libraries; its data layer does not even need Textual.

Every module of `pmiptui.ui` is found here, so a new one is checked without being listed.
These check what importing the modules loads at run time; the static import contracts
(pyproject.toml, tests/test_guardrails.py) also see imports inside functions.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from types import ModuleType

import pmiptui.ui
import pmiptui.ui.data

FORBIDDEN = ("netmiko", "paramiko", "ttp", "sqlite3", "asyncssh", "psycopg")
FORBIDDEN_PMIPTUI = ("pmiptui.device", "pmiptui.lab")


def _modules(package: ModuleType) -> list[str]:
    """`package` and every module and subpackage under it."""
    found = pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
    return [package.__name__, *sorted(m.name for m in found)]


def _loaded(modules: list[str]) -> set[str]:
    """The modules a fresh interpreter has loaded after importing `modules`."""
    code = f"import sys, {', '.join(modules)}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    return set(out.stdout.split())


def _is_under(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(f"{p}.") for p in packages)


def test_every_ui_module_is_found() -> None:
    modules = _modules(pmiptui.ui)
    for known in ("pmiptui.ui.app", "pmiptui.ui.screens.wizard", "pmiptui.ui.data.kv"):
        assert known in modules


def test_ui_never_imports_io_libraries() -> None:
    loaded = _loaded(_modules(pmiptui.ui))
    bad = sorted(m for m in loaded if _is_under(m, FORBIDDEN + FORBIDDEN_PMIPTUI))
    assert bad == []


def test_ui_data_layer_is_textual_free() -> None:
    modules = _modules(pmiptui.ui.data)
    assert len(modules) > 1
    loaded = _loaded(modules)
    assert sorted(m for m in loaded if _is_under(m, ("textual", "textual_fastdatatable"))) == []
