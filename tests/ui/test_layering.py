"""The UI imports no IO libraries; its data layer does not even need Textual."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("netmiko", "ttp", "sqlite3", "asyncssh", "pmiptui.device", "pmiptui.lab")


def _loaded(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_ui_never_imports_io_libraries():
    loaded = _loaded("pmiptui.ui.app")
    bad = sorted(
        m for m in loaded if m in FORBIDDEN or m.startswith(("pmiptui.device.", "pmiptui.lab."))
    )
    assert bad == []


def test_wizard_screens_never_import_io_libraries():
    modules = [
        "pmiptui.ui.screens.wizard",
        "pmiptui.ui.screens.wizard_pick",
        "pmiptui.ui.screens.wizard_review",
        "pmiptui.ui.screens.wizard_apply",
    ]
    loaded = _loaded(", ".join(modules))
    bad = sorted(
        m for m in loaded if m in FORBIDDEN or m.startswith(("pmiptui.device.", "pmiptui.lab."))
    )
    assert bad == []


def test_ui_data_layer_is_textual_free():
    modules = [
        "pmiptui.ui.data.bindings_view",
        "pmiptui.ui.data.binding_diff",
        "pmiptui.ui.data.router_state",
        "pmiptui.ui.data.kv",
        "pmiptui.ui.data.wizard_form",
        "pmiptui.ui.data.domain_map",
    ]
    loaded = _loaded(", ".join(modules))
    assert "textual" not in loaded
