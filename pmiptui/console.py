"""Composition root of the live console: inventory, passwords, lab, poller, history, app."""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from pmiptui.errors import InputError
from pmiptui.inventory import RouterTarget, load_inventory
from pmiptui.redact import Secret

CONFIG_DIR = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "pmiptui"
STATE_DIR = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "pmiptui"


def user_inventory() -> Path | None:
    """The operator's own inventory (`~/.config/pmiptui/inventory.yaml`), if there is one."""
    path = CONFIG_DIR / "inventory.yaml"
    return path if path.exists() else None


def user_settings() -> dict[str, Any]:
    """`~/.config/pmiptui/config.yaml`: `keys:` (binding id → key), `poll_interval:`, ..."""
    path = CONFIG_DIR / "config.yaml"
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except (OSError, yaml.YAMLError) as error:
        raise InputError(f"{path}: cannot read settings ({error})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: must be a mapping, e.g. `keys: {{app.pause: ctrl+p}}`")
    return data


def ask_missing_passwords(targets: list[RouterTarget]) -> list[RouterTarget]:
    """Prompt once per username for routers whose inventory gives no password (before the UI)."""
    asked: dict[str, Secret] = {}
    out = []
    for target in targets:
        if target.password is None:
            if not sys.stdin.isatty():
                raise InputError(
                    f"{target.name}: no password in the inventory and no terminal to ask on; "
                    "use `password: ${ENV_VAR}`"
                )
            if target.username not in asked:
                asked[target.username] = Secret(
                    getpass.getpass(f"SSH password for {target.username or 'routers'}: ")
                )
            target = replace(target, password=asked[target.username])
        out.append(target)
    return out


def run_console(
    inventory_path: Path | None,
    *,
    demo: bool,
    bindings: int | None = None,
    poll_interval: float | None = None,
    history_path: Path | None = None,
) -> int:
    """Open the console on an inventory, or on a fresh built-in lab when `demo` is set."""
    from pmiptui.device.configurator import SshConfigurator
    from pmiptui.device.poller import SshPoller
    from pmiptui.history.recording import RecordingPoller
    from pmiptui.history.store import History

    settings = user_settings()
    lab = None
    if demo:
        from pmiptui.lab.runtime import LabOptions, LabThread
        from pmiptui.lab.topology import load_topology

        folder = Path(tempfile.mkdtemp(prefix="pmiptui-demo-"))
        lab = LabThread(load_topology(), LabOptions(state_dir=folder, bindings=bindings))
        print("starting the built-in lab (1 LMA, 2 MAGs) on 127.0.0.1 ...", file=sys.stderr)
        lab.start()
        inventory_path = lab.lab.write_inventory(folder)
    inventory = load_inventory(inventory_path)
    targets = ask_missing_passwords([inventory.router(name) for name in inventory.names])
    interval = float(poll_interval or settings.get("poll_interval", 5.0))
    poller = SshPoller(
        inventory,
        targets={t.name: t for t in targets},
        poll_interval_sec=interval,
        ask=_no_prompt,
    )
    history = History(history_path or STATE_DIR / "history.sqlite")
    recording = RecordingPoller(poller, history)
    from pmiptui.ui.app import PmipApp

    configurator = SshConfigurator({t.name: t for t in targets})
    app = PmipApp(
        recording,
        configurator=configurator,
        keymap=settings.get("keys") or None,
        history=history,
    )
    try:
        app.run()
    finally:
        recording.close()
        if lab is not None:
            lab.stop()
    return 0


def _no_prompt(question: str) -> str:
    raise InputError(f"cannot ask for a password inside the console ({question.strip()})")
