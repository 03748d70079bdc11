"""The console's two scale figures, measured end to end against the lab over real SSH.

The lab runs in its own process with N mobile nodes (default 128,000), as a router would;
the console runs headless with the real poller (Netmiko, SSH, parse in a worker process)
and the history recording, exactly as `pmiptui` wires them. For five refreshes of the
LMA's Bindings tab it prints:

(a) parse finished (the SSH poller returned its records) → the new table is on screen;
(b) the longest event-loop stall seen by a 10 ms probe over the whole poll: fetch over
    SSH, parse, history recording, diff and table build, swap and first paint.

Run as `python -m tests.benchmarks.bench_console [N]`; not collected by pytest.
"""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pmiptui.console import release_freed_memory
from pmiptui.device.poller import SshPoller
from pmiptui.history.recording import RecordingPoller
from pmiptui.history.store import History
from pmiptui.inventory import load_inventory
from pmiptui.parse.isolated import shutdown
from pmiptui.ui.app import PmipApp
from pmiptui.ui.widgets.bindings_pane import BindingsPane
from tests.benchmarks.bench_ui import PROBE_SEC, Probe, watch_shown
from tests.ui.conftest import open_router, settle

REFRESHES = 5


class GcWatch:
    """The longest garbage-collector pass since `reset` (a pass holds the GIL throughout)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.worst = max(self.worst, time.perf_counter() - self._started)

    def reset(self) -> None:
        self.worst = 0.0


def start_lab(state: Path, count: int) -> subprocess.Popen[str]:
    """`pmiptui lab` in its own process on free ports; returns once it listens."""
    command = [str(Path(sys.executable).with_name("pmiptui")), "lab", "--port-base", "0"]
    command += ["--state-dir", str(state), "--bindings", str(count)]
    # A real router does not share the console's CPU: the lab runs at the lowest priority,
    # so on a small machine it takes what the console leaves rather than time the console needs.
    lab = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, preexec_fn=lambda: os.nice(19)
    )
    assert lab.stdout is not None
    for _ in range(3):  # one line per router once it listens
        lab.stdout.readline()
    return lab


async def run(count: int) -> None:
    release_freed_memory()  # as `pmiptui` does
    state = Path(tempfile.mkdtemp(prefix="pmiptui-bench-"))
    os.environ["PMIPTUI_KNOWN_HOSTS"] = str(state / "known_hosts")
    lab = start_lab(state, count)
    marks: dict[str, float] = {}
    inner = SshPoller(load_inventory(state / "inventory.yaml"), read_timeout=300)
    real_poll = inner.poll

    def timed_poll(router: str, kinds: object) -> object:
        result = real_poll(router, kinds)  # type: ignore[arg-type]
        if router == "lma1" and "bindings" in kinds:  # type: ignore[operator]
            marks["parsed"] = time.perf_counter()
        return result

    inner.poll = timed_poll  # type: ignore[method-assign]
    history = History(state / "history.sqlite", write_delay_sec=1.0)  # as `pmiptui` has it
    app = PmipApp(RecordingPoller(inner, history), history=history)
    app.animation_level = "none"
    real_show_view = BindingsPane._show_view
    shown = watch_shown(marks)
    probe = Probe()
    collector = GcWatch()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            app.set_interval(PROBE_SEC, probe.tick)
            t0 = time.perf_counter()
            app.polling.set_paused(True)  # the first polls run; from then on, polls on demand
            await settle(app, pilot)
            await open_router(app, pilot, "lma1")
            pane = app.screen.query_one(BindingsPane)
            last = app.routers["lma1"].last
            if last is not None and last.error:
                raise SystemExit(f"lma1 poll failed: {last.error}")
            print(
                f"{count:,} MNs: console up, lma1 table shown after "
                f"{time.perf_counter() - t0:.1f} s ({pane.table.row_count:,} rows)"
            )
            for number in range(1, REFRESHES + 1):
                await settle(app, pilot)
                shown.clear()
                probe.reset()
                collector.reset()
                started = time.perf_counter()
                app.polling.poll_now("lma1")
                await asyncio.wait_for(shown.wait(), 600)
                print(
                    f"refresh {number}: poll {marks['parsed'] - started:.1f} s; "
                    "parse finished → table shown "
                    f"{(marks['shown'] - marks['parsed']) * 1000:.0f} ms "
                    f"({pane.table.row_count:,} rows); "
                    f"longest UI stall during the poll {probe.worst * 1000:.0f} ms "
                    f"(longest collector pass {collector.worst * 1000:.0f} ms, "
                    f"{len(gc.get_objects()):,} objects tracked)"
                )
    finally:
        BindingsPane._show_view = real_show_view  # type: ignore[method-assign]
        shutdown()
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 128_000))
