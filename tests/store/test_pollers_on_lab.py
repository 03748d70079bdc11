"""Headless pollers over the lab record into one store; consoles attached to it show them.

Real parts only: `pmiptui poller` processes polling the lab through Netmiko over SSH, a
real PostgreSQL (pgserver) or SQLite file, consoles under Pilot reading the store, and
`/metrics` scraped over HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from pmiptui.daemon.shards import Shard
from pmiptui.device.poller import router_info
from pmiptui.history.results import result_from
from pmiptui.history.store import History
from pmiptui.history.store_view import StoreView, assembled
from pmiptui.inventory import load_inventory
from pmiptui.lab.runtime import LabThread
from pmiptui.ui.app import PmipApp
from pmiptui.ui.data.router_state import OK, STALE
from tests.lab.conftest import start_lab
from tests.store.conftest import new_postgres_database

pytestmark = [pytest.mark.asyncio, pytest.mark.lab, pytest.mark.slow]
INTERVAL = 2.0
ROUTERS = ("lma1", "mag1", "mag2")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabThread, Path]]:
    folder = tmp_path_factory.mktemp("pollers-lab")
    thread = start_lab(folder)
    try:
        yield thread, thread.lab.write_inventory(folder)
    finally:
        thread.stop()


class Poller:
    """A `pmiptui poller` process, its stderr kept in a file."""

    def __init__(self, inventory: Path, store: str, log: Path, *extra: str) -> None:
        self.log = log
        command = [
            sys.executable,
            "-m",
            "pmiptui",
            "poller",
            "--inventory",
            str(inventory),
            "--store",
            store,
            "--poll-interval",
            str(INTERVAL),
            *extra,
        ]
        env = {**os.environ, "XDG_CONFIG_HOME": str(log.parent / "config")}
        with log.open("w") as err:
            self.process = subprocess.Popen(command, stderr=err, stdout=subprocess.DEVNULL, env=env)

    def logged(self) -> str:
        return self.log.read_text()

    def wait_for(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.logged())
            if found:
                return found
            assert self.process.poll() is None, f"poller ended: {self.logged()}"
            time.sleep(0.1)
        raise AssertionError(f"not logged in time: {pattern}\n{self.logged()}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


@contextlib.contextmanager
def pollers(*started: Poller) -> Iterator[tuple[Poller, ...]]:
    try:
        yield started
    finally:
        for poller in started:
            if poller.process.poll() is None:
                poller.process.kill()
                poller.process.wait()


@contextlib.asynccontextmanager
async def console(inventory: Path, store: str) -> AsyncIterator[tuple[PmipApp, Any]]:
    """A console attached to the store, under Pilot."""
    targets = load_inventory(inventory)
    infos = [router_info(targets.router(name), INTERVAL, None) for name in targets.names]
    view = StoreView(History(store), infos)
    app = PmipApp(view, history=None)
    app.animation_level = "none"
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            yield app, pilot
    finally:
        view.close()


async def until(pilots: list[Any], check: Any, timeout: float = 30.0) -> float:
    """Wait (pumping every app) until `check()`; the seconds it took."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < timeout, "condition not met in time"
        await asyncio.sleep(0.1)
        for pilot in pilots:
            await pilot.pause()
    return time.monotonic() - start


def statuses(app: PmipApp) -> dict[str, str]:
    return {name: state.status(app.now(), False) for name, state in app.routers.items()}


def _owned(shard: str) -> set[str]:
    index, count = map(int, shard.split("/"))
    return set(Shard(index, count).pick(ROUTERS))


async def test_two_sharded_pollers_into_postgresql_two_consoles_kill_and_restart(
    lab: tuple[LabThread, Path], tmp_path: Path, postgres_server: Any
) -> None:
    _thread, inventory = lab
    store = new_postgres_database(postgres_server)
    assert _owned("1/2") and _owned("2/2"), "the shard hash splits the lab's three routers"
    first = Poller(inventory, store, tmp_path / "p1.log", "--shard", "1/2")
    second = Poller(inventory, store, tmp_path / "p2.log", "--shard", "2/2")
    with pollers(first, second):
        async with (
            console(inventory, store) as (app1, pilot1),
            console(inventory, store) as (app2, pilot2),
        ):
            pilots = [pilot1, pilot2]
            all_ok = lambda: all(  # noqa: E731
                set(statuses(app).values()) == {OK} for app in (app1, app2)
            )
            await until(pilots, all_ok, timeout=60)
            assert app1.routers["lma1"].binding_count and app2.routers["lma1"].binding_count

            second.process.kill()  # no goodbye: only its silence tells
            killed = time.monotonic()
            gone = _owned("2/2")
            went_stale = lambda: all(  # noqa: E731
                statuses(app)[name] == STALE for app in (app1, app2) for name in gone
            )
            await until(pilots, went_stale, timeout=30)
            took = time.monotonic() - killed
            assert took <= 2 * INTERVAL + 0.5, f"STALE after {took:.1f} s"
            assert all(statuses(app)[n] == OK for app in (app1, app2) for n in _owned("1/2"))

            restarted = Poller(inventory, store, tmp_path / "p3.log", "--shard", "2/2")
            with pollers(restarted):
                await until(pilots, all_ok, timeout=60)
                assert restarted.stop() == 0
            assert "stopped" in restarted.logged()
        assert first.stop() == 0


async def test_one_poller_into_sqlite_three_consoles_one_session_per_router_and_metrics(
    lab: tuple[LabThread, Path], tmp_path: Path
) -> None:
    thread, inventory = lab
    store = f"sqlite:///{tmp_path / 'store.sqlite'}"
    poller = Poller(inventory, store, tmp_path / "p.log", "--metrics", "127.0.0.1:0")
    with pollers(poller):
        url = poller.wait_for(r"metrics=(http://\S+)")[1]
        async with (
            console(inventory, store) as (app1, p1),
            console(inventory, store) as (
                app2,
                p2,
            ),
            console(inventory, store) as (app3, p3),
        ):
            apps, pilots = (app1, app2, app3), [p1, p2, p3]
            await until(
                pilots,
                lambda: all(set(statuses(a).values()) == {OK} for a in apps),
                timeout=60,
            )
            assert thread.session_counts() == dict.fromkeys(ROUTERS, 1)

            scraped = _scrape(url)
            at = scraped[("pmiptui_last_success_timestamp_seconds", "lma1")]
            stored = _stored_result(store, "lma1", at)
            assert scraped[("pmiptui_bindings", "lma1")] == stored.binding_total
            assert scraped[("pmiptui_tunnels", "lma1")] == len(stored.tunnels or [])
            assert stored.globals is not None
            assert scraped[("pmiptui_bindings_limit", "lma1")] == stored.globals.max_bindings
            assert scraped[("pmiptui_router_up", "mag1")] == 1

            poller.process.kill()
            await until(pilots, lambda: all(statuses(a)["mag1"] == STALE for a in apps), timeout=10)
            restarted = Poller(inventory, store, tmp_path / "p2.log")
            with pollers(restarted):
                await until(
                    pilots,
                    lambda: all(set(statuses(a).values()) == {OK} for a in apps),
                    timeout=60,
                )
                assert restarted.stop() == 0
            # a clean stop says so at once: no waiting for the heartbeat to age
            await until(pilots, lambda: all(statuses(a)["mag1"] == STALE for a in apps), timeout=3)
            assert "its poller" in (app1.routers["mag1"].last.stale or "")  # type: ignore[union-attr]


def _scrape(url: str) -> dict[tuple[str, str], float]:
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
    return {
        (sample.name, sample.labels.get("router", "")): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _stored_result(store: str, router: str, at: float) -> Any:
    history = History(store)
    try:
        deadline = time.monotonic() + 10
        while True:
            rows = history._read(
                "SELECT result FROM polls WHERE router = :r AND at = :at", r=router, at=at
            )
            if rows:  # each kind as last fetched, as the exporter keeps it (globals on connect)
                return assembled(history, result_from(rows[0][0]))
            assert time.monotonic() < deadline, "the scraped poll is not in the store"
            time.sleep(0.2)
    finally:
        history.close()
