"""Bench: one headless poller into a store, consoles attached to it.

`python -m tests.benchmarks.bench_store [--backend sqlite|postgresql] [--mags N]
[--per-mag N] [--interval S] [--consoles K] [--minutes M] [--json]`; not collected by pytest.

The lab runs in its own process at nice 19; `pmiptui poller` polls it into a SQLite file or
a PostgreSQL 16 (pgserver); K store views, each re-reading every router every 0.5 s as an
attached console does, note when each recorded poll first reaches them. Prints:
- poll → screen: seconds from a poll's end to a console first reading it (median, p95, max;
  goal: within 1 s);
- the poller's CPU (share of the machine, its parse workers included) and RSS, the store's
  growth per router-hour;
- after the poller is killed: seconds until every console shows all its routers STALE
  (goal: within two poll intervals).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

from pmiptui.device.poller import router_info
from pmiptui.history.store import History
from pmiptui.history.store_view import StoreView
from pmiptui.inventory import load_inventory
from tests.benchmarks.bench_fleet import children_cpu, cpu_seconds, fleet_topology, rss_mb
from tests.benchmarks.lab_process import start_lab

REFRESH_SEC = 0.5


def _store(backend: str, folder: Path) -> tuple[str, Any]:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'store.sqlite'}", None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(folder / "pg", cleanup_mode="stop")
    return server.get_uri(), server


def _store_bytes(backend: str, folder: Path, url: str) -> int:
    if backend == "sqlite":
        return sum(p.stat().st_size for p in folder.glob("store.sqlite*"))
    import psycopg

    with psycopg.connect(url) as db:
        return int(db.execute("SELECT pg_database_size(current_database())").fetchone()[0])


class Console(threading.Thread):
    """A store view refreshed as an attached console refreshes it; notes first sightings."""

    def __init__(self, view: StoreView, names: list[str], stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.view, self.names, self.stop = view, names, stop
        self.lags: list[float] = []
        self.stale: dict[str, bool] = {}
        self._seen: dict[str, float] = {}

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.time()
            for name in self.names:
                result = self.view.poll(name, ())
                self.stale[name] = result.stale is not None
                if result.ok and not result.again and result.finished != self._seen.get(name):
                    self._seen[name] = result.finished
                    self.lags.append(time.time() - result.finished)
            self.stop.wait(max(0.0, started + REFRESH_SEC - time.time()))


def run(args: argparse.Namespace) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    lab = start_lab(folder, "--topology", str(fleet_topology(folder, args.mags, args.per_mag)))
    url, server = _store(args.backend, folder)
    inventory_path = folder / "inventory.yaml"
    log = (folder / "poller.log").open("w")
    command = [
        str(Path(sys.executable).with_name("pmiptui")),
        "poller",
        "--inventory",
        str(inventory_path),
        "--store",
        url,
        "--poll-interval",
        str(args.interval),
    ]
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config")}
    poller = subprocess.Popen(command, stderr=log, env=env)
    inventory = load_inventory(inventory_path)
    infos = [router_info(inventory.router(n), args.interval, None) for n in inventory.names]
    stop = threading.Event()
    consoles = [
        Console(StoreView(History(url), infos), inventory.names, stop) for _ in range(args.consoles)
    ]
    try:
        for console in consoles:
            console.start()
        time.sleep(60)  # connect, first polls, first full tables
        for console in consoles:
            console.lags.clear()
        size_before, cpu_before, at_before = (
            _store_bytes(args.backend, folder, url),
            cpu_seconds(poller.pid),
            time.time(),
        )
        rss_start = rss_mb(poller.pid)
        time.sleep(args.minutes * 60)
        elapsed = time.time() - at_before
        used = cpu_seconds(poller.pid) + children_cpu(poller.pid) - cpu_before
        cpu = used / elapsed / (os.cpu_count() or 1) * 100  # parse workers included
        grown = _store_bytes(args.backend, folder, url) - size_before
        rss_end = rss_mb(poller.pid)
        lags = sorted(lag for console in consoles for lag in console.lags)
        poller.kill()
        killed = time.time()
        while not all(all(c.stale.get(n) for n in inventory.names) for c in consoles):
            time.sleep(0.05)
            if time.time() - killed > 120:
                break
        stale_after = time.time() - killed
    finally:
        stop.set()
        if poller.poll() is None:
            poller.kill()
        lab.terminate()
        lab.wait()
        if server is not None:
            server.cleanup()
    log.close()
    late = re.findall(r"poll failed", (folder / "poller.log").read_text())
    return {
        "bench": "store",
        "backend": args.backend,
        "routers": len(infos),
        "bindings_per_mag": args.per_mag,
        "interval_s": args.interval,
        "consoles": args.consoles,
        "minutes": args.minutes,
        "polls_seen": len(lags),
        "poll_to_screen_s_median": round(statistics.median(lags), 3) if lags else None,
        "poll_to_screen_s_p95": round(lags[int(len(lags) * 0.95)], 3) if lags else None,
        "poll_to_screen_s_max": round(lags[-1], 3) if lags else None,
        "poller_cpu_pct": round(cpu, 1),
        "poller_rss_mb": [round(rss_start), round(rss_end)],
        "store_mb_per_router_hour": round(grown / 1e6 / len(infos) / (elapsed / 3600), 2),
        "stale_after_kill_s": round(stale_after, 2),
        "poll_failures_logged": len(late),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--mags", type=int, default=20)
    parser.add_argument("--per-mag", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--consoles", type=int, default=3)
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
