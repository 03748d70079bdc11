"""`pmiptui poller`: poll a share of the inventory into a store until SIGTERM.

The composition root of the headless poller: inventory and shard, the SSH poller, the
store it records into, its heartbeat, the Prometheus endpoint, and the log. It runs in the
foreground, as systemd expects, and ends cleanly on SIGTERM or SIGINT: running polls
finish (or are left behind after a timeout), the heartbeat says it stopped, so consoles
show its routers STALE at once rather than after the heartbeat times out.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pmiptui.daemon.fleet_loop import FleetLoop
from pmiptui.daemon.log import fields, poller_log
from pmiptui.daemon.shards import Shard
from pmiptui.errors import InputError
from pmiptui.model.poll import PollResult, RouterInfo


@dataclass(frozen=True, slots=True, kw_only=True)
class PollerOptions:
    """What `pmiptui poller` was asked to do."""

    inventory: Path | None
    store: str
    shard: Shard = field(default_factory=Shard)
    metrics: str | None = None
    """`HOST:PORT` for `/metrics`, or None for none."""
    poll_interval: float | None = None
    retention_hours: float | None = None
    """None: `retention_hours:` in config.yaml, else 24."""
    host_keys: str | None = None


class PollerDaemon:
    """The running poller: call `run()` in the main thread; `stop()` (a signal) ends it."""

    def __init__(self, options: PollerOptions, log: logging.Logger | None = None) -> None:
        self.options = options
        self.log = log or poller_log()
        self._stopping = threading.Event()
        self._failing: dict[str, str] = {}
        """Routers whose last poll failed, with the error logged (logged once, not per poll)."""
        self._history_error: str | None = None
        self._infos: dict[str, RouterInfo] = {}

    def stop(self, *_: Any) -> None:
        """End the poller (a signal handler)."""
        self._stopping.set()

    def run(self) -> int:
        """Poll until stopped; 0 after a clean stop. PmipError when it cannot start."""
        from pmiptui.console import (
            poll_period,
            retention_hours,
            settings_cadence,
            user_settings,
            with_host_keys,
        )
        from pmiptui.device.poller import SshPoller
        from pmiptui.history.engine import shown
        from pmiptui.history.opening import open_store
        from pmiptui.history.pollers import beat_every
        from pmiptui.history.recording import RecordingPoller
        from pmiptui.inventory import load_inventory

        options = self.options
        if options.metrics is not None:
            from pmiptui.exporter.http import parse_address

            parse_address(options.metrics)  # a bad address is said before anything is opened
        settings = user_settings()
        interval = poll_period(options.poll_interval, settings)
        inventory = load_inventory(_inventory_path(options.inventory))
        names = options.shard.pick(inventory.names)
        targets = [inventory.router(name) for name in names]
        missing = [t.name for t in targets if t.password is None]
        if missing:
            raise InputError(
                f"{', '.join(missing[:5])}: no password in the inventory, and a poller has no "
                "terminal to ask on; use `password: ${ENV_VAR}`"
            )
        targets = with_host_keys(targets, options.host_keys, settings)
        retention = retention_hours(options.retention_hours, settings)
        history = open_store(options.store, retention_sec=retention * 3600)
        poller_id = f"{socket.gethostname()}:{os.getpid()}"
        ssh = SshPoller(
            inventory,
            names=names,
            targets={t.name: t for t in targets},
            poll_interval_sec=interval,
            cadence=settings_cadence(settings),
            ask=_no_prompt,
        )
        recording = RecordingPoller(ssh, history, poller_id=poller_id)
        metrics = None
        try:
            if options.metrics is not None:
                from pmiptui.exporter.http import serve

                metrics = serve(options.metrics)
            self._infos = {info.name: info for info in ssh.routers()}
            self.log.info(
                "started %s",
                fields(
                    id=poller_id,
                    store=shown(history.url),
                    shard=options.shard,
                    routers=len(names),
                    interval=f"{interval:g}s",
                    metrics=metrics.url if metrics else "off",
                ),
            )
            if not names:
                self.log.warning("shard %s of this inventory has no routers", options.shard)
            beat = _Heart(history, poller_id, options.shard, names, interval, self.log)
            beat.beat()
            loop = FleetLoop(recording, self._on_result(ssh, recording, metrics))
            loop.start(ssh.routers())
            every = beat_every(interval)
            while not self._stopping.wait(every):
                beat.beat()
            self.log.info("stopping: waiting for running polls")
            hung = loop.stop()
            if hung:
                self.log.warning("left behind hung polls of %s", ", ".join(hung))
            beat.beat(stopped=True)
        finally:
            if metrics is not None:
                metrics.close()
            recording.close()
        self.log.info("stopped %s", fields(id=poller_id))
        return 0

    def _on_result(self, ssh: Any, recording: Any, metrics: Any) -> Any:
        def on_result(info: RouterInfo, result: PollResult) -> None:
            current = self._infos.get(info.name, info)
            if current.role not in ("mag", "lma"):  # the poller reads it at the first poll
                current = next((r for r in ssh.routers() if r.name == info.name), current)
                self._infos[info.name] = current
            if metrics is not None:
                metrics.observe(current, result)
            self._log_transition(result)
            self._log_history(recording.last_error)

        return on_result

    def _log_transition(self, result: PollResult) -> None:
        """Log a router's first failure and its recovery, not every failed poll."""
        before = self._failing.get(result.router)
        if result.error is not None and result.error != before:
            self._failing[result.router] = result.error
            self.log.warning("poll failed %s", fields(router=result.router, error=result.error))
        elif result.error is None and before is not None:
            del self._failing[result.router]
            self.log.info("poll recovered %s", fields(router=result.router))

    def _log_history(self, error: str | None) -> None:
        if error != self._history_error:
            self._history_error = error
            if error is None:
                self.log.info("store recording again")
            else:
                self.log.error("store not recording: %s", error)


class _Heart:
    """Writes the poller's heartbeat row; a failure is logged once, until one succeeds."""

    def __init__(
        self,
        history: Any,
        poller_id: str,
        shard: Shard,
        routers: list[str],
        interval: float,
        log: logging.Logger,
    ) -> None:
        from pmiptui.history.pollers import PollerBeat

        now = time.time()
        self._history = history
        self._log = log
        self._failed = False
        self._beat = PollerBeat(
            id=poller_id,
            host=socket.gethostname(),
            pid=os.getpid(),
            shard=str(shard),
            routers=tuple(routers),
            interval_sec=interval,
            started=now,
            beat_at=now,
        )

    def beat(self, *, stopped: bool = False) -> None:
        from pmiptui.history.engine import database_reason

        now = time.time()
        beat = replace(self._beat, beat_at=now, stopped=now if stopped else None)
        try:
            self._history.beat(beat)
        except Exception as error:  # the store may be down for a while; polling goes on
            if not self._failed:
                self._failed = True
                self._log.error("heartbeat not written: %s", database_reason(error))
            return
        if self._failed:
            self._failed = False
            self._log.info("heartbeat written again")


def _inventory_path(given: Path | None) -> Path:
    from pmiptui.console import user_inventory

    path = given or user_inventory()
    if path is None:
        raise InputError(
            "--inventory: give the routers to poll (no ~/.config/pmiptui/inventory.yaml)"
        )
    return path


def _no_prompt(question: str) -> str:
    raise InputError(f"a poller cannot ask for a password ({question.strip()})")


def run_poller(options: PollerOptions) -> int:
    """Run the poller in the foreground until SIGTERM or SIGINT."""
    daemon = PollerDaemon(options)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    for sig in previous:
        signal.signal(sig, daemon.stop)
    try:
        return daemon.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
