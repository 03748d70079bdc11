"""Composition root of the live console: inventory, passwords, lab, poller, history, app."""

from __future__ import annotations

import asyncio
import getpass
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmiptui.errors import InputError, PmipError
from pmiptui.inventory import (
    RouterTarget,
    check_host_key_policy,
    choose_host_key_policy,
    load_inventory,
)
from pmiptui.redact import Secret
from pmiptui.safe_yaml import load_yaml

if TYPE_CHECKING:
    from pmiptui.history.store import History
    from pmiptui.model.cadence import Cadence

CONFIG_DIR = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "pmiptui"
STATE_DIR = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "pmiptui"


def user_inventory() -> Path | None:
    """The operator's own inventory (`~/.config/pmiptui/inventory.yaml`), if there is one."""
    path = CONFIG_DIR / "inventory.yaml"
    return path if path.exists() else None


def user_settings() -> dict[str, Any]:
    """`~/.config/pmiptui/config.yaml`: `keys:` (binding id → key), `poll_interval:`,
    `cadence:` (kind → seconds), `host_key_policy:` (`known_hosts` or `accept-new`), ..."""
    path = CONFIG_DIR / "config.yaml"
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read settings ({error})") from None
    data = load_yaml(text, source=str(path)) or {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: must be a mapping, e.g. `keys: {{app.pause: ctrl+p}}`")
    return data


def with_host_keys(
    targets: list[RouterTarget], override: str | None, settings: dict[str, Any] | None = None
) -> list[RouterTarget]:
    """Settle each target's host-key policy: `--host-keys`, else the inventory entry's, else
    `host_key_policy:` in config.yaml, else `known_hosts`."""
    settings = user_settings() if settings is None else settings
    default = settings.get("host_key_policy")
    if default is not None:
        default = check_host_key_policy(default, str(CONFIG_DIR / "config.yaml"))
    return [choose_host_key_policy(t, override=override, default=default) for t in targets]


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


def settings_cadence(settings: dict[str, Any]) -> Cadence:
    """The fleet's cadences: the defaults, with config.yaml's `cadence:` over them."""
    from pmiptui.inventory import read_cadence
    from pmiptui.model.cadence import Cadence

    given = settings.get("cadence")
    if given is None:
        return Cadence()
    return Cadence().over(read_cadence(given, str(CONFIG_DIR / "config.yaml")))


def poll_period(given: float | None, settings: dict[str, Any]) -> float:
    """`--poll-interval`, else `poll_interval:` in config.yaml, else 5 s."""
    return _number_setting(given, settings, "poll_interval", 5.0, (0.5, 3600), "seconds")


def retention_hours(given: float | None, settings: dict[str, Any]) -> float:
    """`--retention-hours`, else `retention_hours:` in config.yaml, else 24: how long the
    history (or a poller's store) keeps polls."""
    return _number_setting(given, settings, "retention_hours", 24.0, (0.1, 8784), "hours")


def _number_setting(
    given: float | None,
    settings: dict[str, Any],
    key: str,
    default: float,
    bounds: tuple[float, float],
    unit: str,
) -> float:
    """The option's value, else config.yaml's `key:`, else `default`; InputError naming
    where the value came from when it is not a number within `bounds`."""
    value = given if given is not None else settings.get(key, default)
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        where = (
            f"--{key.replace('_', '-')}: "
            if given is not None
            else f"{CONFIG_DIR / 'config.yaml'}: "
        )
        raise InputError(
            f"{where}{key} must be {unit} from {low:g} to {high:g}, not {str(value)[:40]!r}"
        )
    return float(value)


def release_freed_memory() -> None:
    """Put pyarrow's buffers on the system allocator, which gives freed memory back.

    pyarrow's default pool (mimalloc) sets up a heap for every thread that allocates and
    keeps what it frees. The console builds each router's binding table in a new worker
    thread per poll, so with a fleet of 20 MAGs at 5 s its RSS grew by about 25 MB a minute
    (Python's own heap stayed flat, as tracemalloc showed; memray traced the growth to
    `mi_thread_init` under `arrow::PoolBuffer`). On the system pool it stays flat.
    """
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def run_console(
    inventory_path: Path | None,
    *,
    demo: bool,
    bindings: int | None = None,
    poll_interval: float | None = None,
    history_path: Path | None = None,
    host_keys: str | None = None,
) -> int:
    """Open the console on an inventory, or on a fresh built-in lab when `demo` is set."""
    from pmiptui.device.configurator import SshConfigurator
    from pmiptui.device.poller import SshPoller
    from pmiptui.history.recording import RecordingPoller

    settings = user_settings()
    cadence = settings_cadence(settings)
    interval = poll_period(poll_interval, settings)
    release_freed_memory()
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
    targets = with_host_keys(targets, host_keys, settings)
    poller = SshPoller(
        inventory,
        targets={t.name: t for t in targets},
        poll_interval_sec=interval,
        cadence=cadence,
        ask=_no_prompt,
    )
    history, notices = open_console_history(history_path)
    recording = RecordingPoller(poller, history) if history is not None else poller
    configurator = SshConfigurator({t.name: t for t in targets})
    try:
        return _run_app(recording, configurator, settings, history=history, notices=notices)
    finally:
        if lab is not None:
            lab.stop()


def run_store_console(
    store: str,
    inventory_path: Path | None,
    *,
    poll_interval: float | None = None,
    host_keys: str | None = None,
) -> int:
    """Open the console on a shared store that headless pollers fill: it polls no router.

    With an inventory, its routers are shown and configuration still goes straight to
    them; without one, the store's routers are shown, read-only.
    """
    from pmiptui.device.configurator import SshConfigurator
    from pmiptui.device.poller import router_info
    from pmiptui.history.opening import open_store
    from pmiptui.history.store_view import StoreView, routers_in_store, with_poller_intervals

    settings = user_settings()
    interval = poll_period(poll_interval, settings)
    cadence = settings_cadence(settings)
    release_freed_memory()
    configurator = None
    targets: list[RouterTarget] = []
    if inventory_path is not None:
        inventory = load_inventory(inventory_path)
        targets = [inventory.router(name) for name in inventory.names]
        targets = with_host_keys(ask_missing_passwords(targets), host_keys, settings)
        configurator = SshConfigurator({t.name: t for t in targets})
    history = open_store(store)
    try:
        if targets:
            routers = [router_info(t, interval, cadence) for t in targets]
        else:
            routers = routers_in_store(history, interval)
        view = StoreView(history, with_poller_intervals(routers, history.pollers()))
    except BaseException:
        history.close()
        raise
    return _run_app(view, configurator, settings, history=history, notices=[])


def _run_app(
    poller: Any,
    configurator: Any,
    settings: dict[str, Any],
    *,
    history: History | None,
    notices: list[PmipError],
) -> int:
    """Run the console app on `poller` until the operator quits; the poller is closed after."""
    from pmiptui.ui.app import PmipApp

    app = PmipApp(
        poller,
        configurator=configurator,
        keymap=settings.get("keys") or None,
        history=history,
        notices=notices,
    )
    from pmiptui.audit import also_audit_to

    try:
        with console_process(len(poller.routers())) as loop, ExitStack() as audit:
            if history is not None:  # every change is also in the store, for the whole NOC
                audit.enter_context(also_audit_to(history.record_audit))
            app.run(loop=loop)
    finally:
        poller.close()
    return 0


@contextmanager
def console_process(routers: int) -> Iterator[asyncio.AbstractEventLoop]:
    """The process-wide settings the console runs under, undone when it ends.

    The event loop to run the app on, whose default executor (every thread worker's) has
    a thread per router and spares, so hung polls cannot starve the others; the parse
    workers' resource tracker, started here with the real stderr (inside the app,
    `sys.stderr` is Textual's capture, see `parse.isolated.start_resource_tracker`); and
    automatic garbage collection handed to the console (`ui.collector`). Afterwards
    collection is back on, the executor shut down (a hung poll's thread is not waited
    for) and the loop closed.
    """
    from concurrent.futures import ThreadPoolExecutor

    from pmiptui.parse.isolated import start_resource_tracker
    from pmiptui.ui.collector import manual_collection
    from pmiptui.ui.polling import worker_threads

    start_resource_tracker()
    executor = ThreadPoolExecutor(
        max_workers=worker_threads(routers), thread_name_prefix="pmiptui-worker"
    )
    loop = asyncio.new_event_loop()
    loop.set_default_executor(executor)
    try:
        with manual_collection():
            yield loop
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
            loop.close()


def open_console_history(path: Path | None = None) -> tuple[History | None, list[PmipError]]:
    """The history to record into (None when it cannot be had) and the notices the console
    shows on start; each notice is also printed to stderr, where it outlives the screen.

    `path` None: `history.sqlite` in the state folder, which is made private (0700) even
    when it already exists."""
    from pmiptui.history.opening import open_history
    from pmiptui.private_files import tighten_dir

    if path is None:
        path = STATE_DIR / "history.sqlite"
        tighten_dir(STATE_DIR)
    retention = retention_hours(None, user_settings()) * 3600
    opened = open_history(path, write_delay_sec=1.0, retention_sec=retention)
    if opened.notice is None:
        return opened.history, []
    print(f"warning: {opened.notice.message}", file=sys.stderr)
    return opened.history, [opened.notice]


def _no_prompt(question: str) -> str:
    raise InputError(f"cannot ask for a password inside the console ({question.strip()})")
