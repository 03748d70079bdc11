"""A fleet of lab MAGs polled by the real console, headless, for minutes: does it keep up?

The lab runs in its own process at the lowest priority (a router takes none of the console's
CPU) with one LMA and N MAGs, about `per_mag` mobile nodes each; the console polls only the
MAGs, with the real poller (Netmiko over SSH, parse, history recording) as `pmiptui` wires it,
at the given interval. Reported:

- `late_polls`: after the first minute, samples (one a second per router) in which a router's
  last good poll is older than two intervals;
- `console_cpu_pct`: the console's CPU time (parse workers included) over wall time, as a
  share of the whole machine;
- `rss_mb_2min`, `rss_mb_10min` (`rss_mb_end` for other lengths): console RSS plus its
  children's (the parse workers), and `rss_growth_pct` from minute 2 to the end;
- `bytes_per_router_min`: show output bytes a router sent per minute;
- `lab_cpu_pct`: the lab process's CPU, as a share of the machine.

Run as `python -m tests.benchmarks.bench_fleet [--mags N] [--per-mag K] [--interval S]
[--minutes M] [--json]`; not collected by pytest.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

from pmiptui.console import console_process, release_freed_memory
from pmiptui.device.poller import SshPoller
from pmiptui.device.session import RouterSession
from pmiptui.history.recording import RecordingPoller
from pmiptui.history.store import History
from pmiptui.inventory import load_inventory
from pmiptui.parse.isolated import shutdown
from pmiptui.ui.app import PmipApp
from tests.benchmarks.lab_process import start_lab

_TICK = os.sysconf("SC_CLK_TCK")
DEFAULT_TOPOLOGY = Path(__file__).resolve().parents[2] / "pmiptui" / "lab" / "default_topology.yaml"


def fleet_topology(folder: Path, mags: int, per_mag: int) -> Path:
    """The default topology with `mags` MAGs, written to `folder`."""
    raw = yaml.safe_load(DEFAULT_TOPOLOGY.read_text())
    lma = next(r for r in raw["routers"] if r["role"] == "lma")
    mag = next(r for r in raw["routers"] if r["role"] == "mag")
    routers = [lma]
    for number in range(1, mags + 1):
        routers.append(
            {
                **mag,
                "name": f"mag{number}",
                "id": f"mag{number}",
                "port_offset": number,
                "ipv4": f"10.{number // 250}.{number % 250}.1",
                "ipv6": f"2001:DB8:{number:X}::1",
            }
        )
    raw["routers"] = routers
    raw["mobile_nodes"] = mags * per_mag
    path = folder / "fleet.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def cpu_seconds(pid: int | str = "self") -> float:
    """User + system CPU of a process (and, for `self`, its reaped children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return ticks / _TICK


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its live children, in MB."""
    total = 0
    pids = [str(pid)]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += children.read_text().split()
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def children_cpu(pid: int) -> float:
    """CPU of the live children (parse workers) of `pid`."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if not path.exists():
        return 0.0
    total = 0.0
    for child in path.read_text().split():
        try:
            total += cpu_seconds(child)
        except OSError:
            continue
    return total


async def run(args: argparse.Namespace) -> dict[str, object]:
    release_freed_memory()  # as `pmiptui` does
    state = Path(tempfile.mkdtemp(prefix="pmiptui-fleet-"))
    os.environ["PMIPTUI_KNOWN_HOSTS"] = str(state / "known_hosts")
    lab = start_lab(state, "--topology", str(fleet_topology(state, args.mags, args.per_mag)))
    inventory_file = state / "inventory.yaml"
    raw = yaml.safe_load(inventory_file.read_text())
    raw.pop("lma1", None)
    raw["lab"] = [name for name in raw.get("lab", []) if name != "lma1"]
    mags_file = state / "mags.yaml"
    mags_file.write_text(yaml.safe_dump(raw, sort_keys=False))
    received = {"bytes": 0}
    real_show = RouterSession.show

    def counted_show(self: RouterSession, command: str, **kwargs: object) -> str:
        text = real_show(self, command, **kwargs)  # type: ignore[arg-type]
        received["bytes"] += len(text)
        return text

    RouterSession.show = counted_show  # type: ignore[method-assign]
    poller = SshPoller(load_inventory(mags_file), poll_interval_sec=args.interval)
    history = History(state / "history.sqlite", write_delay_sec=1.0)
    app = PmipApp(RecordingPoller(poller, history), history=history)
    app.animation_level = "none"
    me = os.getpid()
    late = 0
    samples: dict[str, float] = {}
    try:
        async with app.run_test(size=(160, 60)):
            wall0, cpu0, lab0 = time.monotonic(), cpu_seconds(), cpu_seconds(lab.pid)
            bytes0 = received["bytes"]
            end = wall0 + args.minutes * 60
            while (now := time.monotonic()) < end:
                await asyncio.sleep(1.0)
                elapsed = now - wall0
                if elapsed > 60:
                    clock = time.time()
                    for state_ in app.routers.values():
                        good = state_.last_ok
                        if good is None or clock - good.finished > 2 * args.interval:
                            late += 1
                if "rss_mb_2min" not in samples and elapsed >= 120:
                    samples["rss_mb_2min"] = rss_mb(me)
            wall = time.monotonic() - wall0
            cpu = cpu_seconds() - cpu0 + children_cpu(me)
            samples["rss_mb_end"] = rss_mb(me)
            lab_cpu = cpu_seconds(lab.pid) - lab0
            moved = received["bytes"] - bytes0
    finally:
        RouterSession.show = real_show  # type: ignore[method-assign]
        shutdown()
        lab.terminate()
        lab.wait()
    cores = os.cpu_count() or 1
    return {
        "bench": "fleet",
        "mags": args.mags,
        "bindings_per_mag": args.per_mag,
        "interval_s": args.interval,
        "minutes": args.minutes,
        "late_polls": late,
        "console_cpu_pct": round(100 * cpu / wall / cores, 1),
        "rss_mb_2min": round(samples.get("rss_mb_2min", 0.0)),
        "rss_mb_10min" if args.minutes == 10 else "rss_mb_end": round(samples["rss_mb_end"]),
        "rss_growth_pct": round(100 * (samples["rss_mb_end"] / samples["rss_mb_2min"] - 1), 1)
        if samples.get("rss_mb_2min")
        else None,
        "bytes_per_router_min": round(moved / args.mags / (wall / 60)),
        "lab_cpu_pct": round(100 * lab_cpu / wall / cores, 1),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_fleet")
    parser.add_argument("--mags", type=int, default=50)
    parser.add_argument("--per-mag", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with console_process(args.mags) as loop:  # as `pmiptui` runs the app
        figures = loop.run_until_complete(run(args))
    print(json.dumps(figures) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
