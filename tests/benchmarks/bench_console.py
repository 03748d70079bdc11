"""The console's poll-to-screen time against a bare Netmiko fetch, end to end over real SSH.

The lab runs in its own process with N mobile nodes (default 128,000), as a router would;
the console runs headless with the real poller (Netmiko, SSH, parse in a worker process)
and the history recording, exactly as `pmiptui` wires them, with lma1's router screen open
(so every poll of lma1 fetches its full binding table). Each round first times a bare
Netmiko `send_command` of `show ipv6 mobile pmipv6 lma binding` on a session of its own
(the send only, not the connect), then refreshes the console once, so both see the same
lab load. Reported (medians over the rounds unless said otherwise):

- `poll_to_screen_s`: `poll_now("lma1")` → the new table is painted;
- `bare_fetch_s`: the bare Netmiko send; `ratio` = poll_to_screen_s / bare_fetch_s;
- `console_fetch_s`: the console's own send of the binding command (`RouterSession.show`);
- `parse_s`: its parse (`parse_isolated`, in the parse worker process);
- `other_commands_s`: the poll's other sends and parses (stats, tunnels, ...);
- `record_s`: handing the result to the history recording;
- `build_s`: binding diff, Arrow table and view build in the poll's thread worker;
- `shown_after_parse_ms`: the poller returned its records → the table is painted;
- `ui_stall_ms_max`: the longest event-loop stall a 10 ms probe saw during any refresh
  (worst over the rounds); `gc_pass_ms_max`: the longest collector pass in one.

Run as `python -m tests.benchmarks.bench_console [--bindings N] [--refreshes R] [--json]`;
not collected by pytest.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from netmiko import BaseConnection, ConnectHandler

import pmiptui.device.poll_commands as poll_commands
import pmiptui.ui.polling as polling
from pmiptui.console import console_process, release_freed_memory
from pmiptui.device.poller import SshPoller
from pmiptui.device.session import CONNECT_TIMEOUT_S, RouterSession
from pmiptui.history.recording import RecordingPoller
from pmiptui.history.store import History
from pmiptui.inventory import RouterTarget, load_inventory
from pmiptui.parse.isolated import shutdown
from pmiptui.ui.app import PmipApp
from pmiptui.ui.widgets.bindings_pane import BindingsPane
from tests.benchmarks.bench_ui import PROBE_SEC, Probe, watch_shown
from tests.benchmarks.lab_process import start_lab
from tests.ui.conftest import open_router, settle

ROUTER = "lma1"
BINDING_COMMAND = "show ipv6 mobile pmipv6 lma binding"
READ_TIMEOUT_S = 300


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

    def close(self) -> None:
        gc.callbacks.remove(self._callback)


class PollTimer:
    """Wraps the poll's steps (send, parse, poll, record, build) and marks when each ends."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.other = 0.0
        """Seconds of the poll's sends and parses other than the binding table's."""
        self.kinds: tuple[str, ...] = ()
        self._undo: list[tuple[object, str, object]] = []

    def reset(self) -> None:
        self.marks.clear()
        self.other = 0.0
        self.kinds = ()

    def _patch(self, owner: object, name: str, wrapper: object) -> None:
        self._undo.append((owner, name, getattr(owner, name)))
        setattr(owner, name, wrapper)

    def install(self, inner: SshPoller, recording: RecordingPoller) -> None:
        marks = self.marks
        real_show = RouterSession.show

        def show(session: RouterSession, command: str, **kwargs: Any) -> str:
            begun = time.perf_counter()
            text = real_show(session, command, **kwargs)
            ended = time.perf_counter()
            if session.target.name != ROUTER:
                return text
            if command == BINDING_COMMAND:
                marks["fetch_start"], marks["fetched"] = begun, ended
            else:
                self.other += ended - begun
            return text

        real_parse = poll_commands.parse_isolated

        def parse(kind: str, text: str) -> Any:
            begun = time.perf_counter()
            parsed = real_parse(kind, text)
            ended = time.perf_counter()
            if kind == "lma-bindings":
                marks["parse_start"], marks["parse_end"] = begun, ended
            else:
                self.other += ended - begun
            return parsed

        real_inner_poll = inner.poll

        def inner_poll(router: str, kinds: Any) -> Any:
            kinds = tuple(kinds)
            result = real_inner_poll(router, kinds)
            if router == ROUTER:
                self.kinds = kinds
                marks["parsed"] = time.perf_counter()
            return result

        real_recording_poll = recording.poll

        def recording_poll(router: str, kinds: Any) -> Any:
            result = real_recording_poll(router, kinds)
            if router == ROUTER:
                marks["recorded"] = time.perf_counter()
            return result

        real_show_bindings = polling.show_bindings

        def show_bindings(router: str, *args: Any) -> Any:
            shown = real_show_bindings(router, *args)
            if router == ROUTER:
                marks["built"] = time.perf_counter()
            return shown

        self._patch(RouterSession, "show", show)
        self._patch(poll_commands, "parse_isolated", parse)
        self._patch(inner, "poll", inner_poll)
        self._patch(recording, "poll", recording_poll)
        self._patch(polling, "show_bindings", show_bindings)

    def uninstall(self) -> None:
        while self._undo:
            owner, name, real = self._undo.pop()
            setattr(owner, name, real)


def bare_connect(target: RouterTarget) -> BaseConnection:
    """A plain Netmiko session with the lab router: Netmiko's defaults (`fast_cli` on),
    RouterSession's connect timeouts."""
    conn = ConnectHandler(
        device_type=target.device_type,
        host=target.host,
        port=target.port,
        username=target.username,
        password=target.password.reveal() if target.password else "",
        secret=target.secret.reveal() if target.secret else "",
        conn_timeout=CONNECT_TIMEOUT_S,
        auth_timeout=CONNECT_TIMEOUT_S,
        banner_timeout=CONNECT_TIMEOUT_S,
    )
    if not conn.check_enable_mode():
        conn.enable()
    return conn


def bare_fetch(conn: BaseConnection) -> tuple[float, int]:
    """Seconds for Netmiko's `send_command` of the binding table, and its length."""
    begun = time.perf_counter()
    text = conn.send_command(BINDING_COMMAND, read_timeout=READ_TIMEOUT_S)
    return time.perf_counter() - begun, len(text)


async def run(count: int, refreshes: int, say: Any) -> dict[str, object]:
    release_freed_memory()  # as `pmiptui` does
    state = Path(tempfile.mkdtemp(prefix="pmiptui-bench-"))
    os.environ["PMIPTUI_KNOWN_HOSTS"] = str(state / "known_hosts")
    lab = start_lab(state, "--bindings", str(count))
    inventory = load_inventory(state / "inventory.yaml")
    inner = SshPoller(inventory, read_timeout=READ_TIMEOUT_S)
    history = History(state / "history.sqlite", write_delay_sec=1.0)  # as `pmiptui` has it
    recording = RecordingPoller(inner, history)
    timer = PollTimer()
    timer.install(inner, recording)
    marks = timer.marks
    app = PmipApp(recording, history=history)
    app.animation_level = "none"
    real_show_view = BindingsPane._show_view
    shown = watch_shown(marks)
    probe = Probe()
    collector = GcWatch()
    bare: BaseConnection | None = None
    rounds: list[dict[str, float]] = []
    try:
        bare = await asyncio.to_thread(bare_connect, inventory.router(ROUTER))
        async with app.run_test(size=(120, 40)) as pilot:
            app.set_interval(PROBE_SEC, probe.tick)
            t0 = time.perf_counter()
            app.polling.set_paused(True)  # the first polls run; from then on, polls on demand
            await settle(app, pilot)
            shown.clear()
            await open_router(app, pilot, ROUTER)
            await asyncio.wait_for(shown.wait(), 600)
            pane = app.screen.query_one(BindingsPane)
            last = app.routers[ROUTER].last
            if last is not None and last.error:
                raise SystemExit(f"{ROUTER} poll failed: {last.error}")
            say(
                f"{count:,} MNs: console up, {ROUTER} table shown after "
                f"{time.perf_counter() - t0:.1f} s ({pane.table.row_count:,} rows)"
            )
            for number in range(1, refreshes + 1):
                await settle(app, pilot)
                bare_s, size = await asyncio.to_thread(bare_fetch, bare)
                await settle(app, pilot)
                shown.clear()
                timer.reset()
                probe.reset()
                collector.reset()
                started = time.perf_counter()
                app.polling.poll_now(ROUTER)
                await asyncio.wait_for(shown.wait(), 600)
                if "bindings" not in timer.kinds or "fetched" not in marks:
                    raise SystemExit(f"refresh {number} did not fetch bindings: {timer.kinds}")
                figures = {
                    "poll_to_screen_s": marks["shown"] - started,
                    "bare_fetch_s": bare_s,
                    "console_fetch_s": marks["fetched"] - marks["fetch_start"],
                    "parse_s": marks["parse_end"] - marks["parse_start"],
                    "other_commands_s": timer.other,
                    "record_s": marks["recorded"] - marks["parsed"],
                    "build_s": marks["built"] - marks["recorded"],
                    "shown_after_parse_ms": (marks["shown"] - marks["parsed"]) * 1000,
                    "shown_after_build_ms": (marks["shown"] - marks["built"]) * 1000,
                    "ui_stall_ms": probe.worst * 1000,
                    "gc_pass_ms": collector.worst * 1000,
                }
                rounds.append(figures)
                say(
                    f"refresh {number} ({', '.join(timer.kinds)}): bare Netmiko fetch "
                    f"{bare_s:.2f} s ({size / 1e6:.1f} MB); console poll → screen "
                    f"{figures['poll_to_screen_s']:.2f} s = fetch "
                    f"{figures['console_fetch_s']:.2f} + parse {figures['parse_s']:.2f} + "
                    f"other commands {figures['other_commands_s']:.2f} + record "
                    f"{figures['record_s']:.2f} + build {figures['build_s']:.2f} s + shown "
                    f"{figures['shown_after_build_ms']:.0f} ms "
                    f"({pane.table.row_count:,} rows); longest UI stall "
                    f"{figures['ui_stall_ms']:.0f} ms (collector pass "
                    f"{figures['gc_pass_ms']:.0f} ms, {len(gc.get_objects()):,} objects tracked)"
                )
    finally:
        timer.uninstall()
        BindingsPane._show_view = real_show_view  # type: ignore[method-assign]
        collector.close()
        if bare is not None:
            bare.disconnect()
        inner.close()
        shutdown()
        lab.terminate()
        lab.wait()

    def median(key: str, digits: int | None) -> float:
        return round(statistics.median(r[key] for r in rounds), digits)

    poll_to_screen = statistics.median(r["poll_to_screen_s"] for r in rounds)
    bare_fetch_s = statistics.median(r["bare_fetch_s"] for r in rounds)
    return {
        "bench": "console",
        "bindings": count,
        "refreshes": refreshes,
        "poll_to_screen_s": round(poll_to_screen, 3),
        "bare_fetch_s": round(bare_fetch_s, 3),
        "ratio": round(poll_to_screen / bare_fetch_s, 2),
        "console_fetch_s": median("console_fetch_s", 3),
        "parse_s": median("parse_s", 3),
        "other_commands_s": median("other_commands_s", 3),
        "record_s": median("record_s", 3),
        "build_s": median("build_s", 3),
        "shown_after_parse_ms": median("shown_after_parse_ms", None),
        "ui_stall_ms_max": round(max(r["ui_stall_ms"] for r in rounds)),
        "gc_pass_ms_max": round(max(r["gc_pass_ms"] for r in rounds)),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_console")
    parser.add_argument("count", nargs="?", type=int, help="mobile nodes (as --bindings)")
    parser.add_argument("--bindings", type=int, default=128_000)
    parser.add_argument("--refreshes", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    count = args.count if args.count is not None else args.bindings

    def say(line: str) -> None:
        print(line, file=sys.stderr if args.json else sys.stdout, flush=True)

    with console_process(3) as loop:  # as `pmiptui` runs the app (the lab has 3 routers)
        figures = loop.run_until_complete(run(count, max(1, args.refreshes), say))
    print(json.dumps(figures) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
