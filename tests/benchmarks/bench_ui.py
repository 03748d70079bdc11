"""Console figures for 128,000 bindings on one router (fake poller, headless Textual).

(a) "parse finished" (the poller returned records) → the new Bindings table is shown
    (swapped in and painted once), for a refresh poll and for a filter change;
(b) the longest event-loop stall seen by a 10 ms `set_interval` probe while the worker
    diffs, builds and measures the table, and the UI swaps it in ("after parse"), and over
    the whole poll ("whole poll": includes the fake poller rendering 77 MB of raw text,
    which a real poll does not do in this process);
(c) the longest stall while a real parse of 128,000 generated LMA bindings runs in a
    thread, in process (`parse`) and as the poller runs it (`parse_isolated`).

Run as `python -m tests.benchmarks.bench_ui [N]`; not collected by pytest.
"""

from __future__ import annotations

import asyncio
import sys
import time

from pmiptui.ui.widgets.bindings_pane import BindingsPane
from tests.ui.conftest import make_app, open_router, settle
from tests.ui.fake_poller import FakePoller

PROBE_SEC = 0.010


class Probe:
    """Records the largest gap between 10 ms ticks beyond the 10 ms itself."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0

    def tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last - PROBE_SEC)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0


def watch_shown(marks: dict[str, float]) -> asyncio.Event:
    """An event set (and `marks["shown"]` timed) once a new bindings view is painted."""
    shown = asyncio.Event()
    real_show_view = BindingsPane._show_view

    def show_view(self: BindingsPane, view: object) -> None:
        real_show_view(self, view)  # type: ignore[arg-type]

        def painted() -> None:
            marks["shown"] = time.perf_counter()
            shown.set()

        self.call_after_refresh(painted)

    BindingsPane._show_view = show_view  # type: ignore[method-assign]
    return shown


async def run(count: int) -> None:
    t0 = time.perf_counter()
    fake = FakePoller(bindings=count, lma_only=True, interval=3600)
    print(f"fake fleet with {count:,} bindings built in {time.perf_counter() - t0:.1f} s")
    marks: dict[str, float] = {}
    real_poll = fake.poll

    def timed_poll(router, kinds):
        result = real_poll(router, kinds)
        marks["parsed"] = time.perf_counter()
        marks["worst_before_parse"] = probe.worst
        probe.worst = 0.0
        return result

    fake.poll = timed_poll  # type: ignore[method-assign]
    app = make_app(fake)
    shown = watch_shown(marks)
    probe = Probe()
    async with app.run_test(size=(120, 40)) as pilot:
        app.set_interval(PROBE_SEC, probe.tick)
        await settle(app, pilot)
        t0 = time.perf_counter()
        shown.clear()
        await open_router(app, pilot, "lma1")
        await asyncio.wait_for(shown.wait(), 60)
        print(f"open router screen → table shown: {time.perf_counter() - t0:.3f} s")

        for label in ("refresh 1", "refresh 2", "refresh 3"):
            fake.add_binding("MAG1")
            fake.modify_binding("mn000010@example.com", state="BCE_REFRESH")
            shown.clear()
            await pilot.pause()
            probe.reset()
            await pilot.press("r")
            await asyncio.wait_for(shown.wait(), 60)
            await pilot.pause()
            took = marks["shown"] - marks["parsed"]
            whole = max(probe.worst, marks["worst_before_parse"])
            print(
                f"{label}: parse finished → table shown {took * 1000:.0f} ms; "
                f"longest UI stall after parse {probe.worst * 1000:.0f} ms, "
                f"whole poll {whole * 1000:.0f} ms"
            )

        pane = app.screen.query_one(BindingsPane)
        shown.clear()
        probe.reset()
        t0 = time.perf_counter()
        pane.set_filter("peer=MAG1 !state=BCE_PENDING")
        await asyncio.wait_for(shown.wait(), 60)
        print(
            f"filter change: → table shown {(time.perf_counter() - t0) * 1000:.0f} ms "
            f"({pane.view.table.num_rows:,} rows); longest UI stall {probe.worst * 1000:.0f} ms"
        )
        shown.clear()
        probe.reset()
        t0 = time.perf_counter()
        pane.action_sort()
        pane.action_sort()
        await asyncio.wait_for(shown.wait(), 60)
        print(
            f"sort by nai: → table shown {(time.perf_counter() - t0) * 1000:.0f} ms; "
            f"longest UI stall {probe.worst * 1000:.0f} ms"
        )
        await pilot.press("end")
        await pilot.pause()
        print(f"cursor at row {pane.table.cursor_row:,} of {pane.table.row_count:,}")


async def parse_stalls(count: int) -> None:
    """The longest event-loop stall while a real parse of `count` bindings runs in a thread."""
    from pmiptui.parse import parse
    from pmiptui.parse.isolated import parse_isolated, shutdown
    from tests.benchmarks.bench_parse import lma_binding_output

    text = lma_binding_output(count)
    for name, function in (("parse", parse), ("parse_isolated", parse_isolated)):
        probe = Probe()
        stop = asyncio.Event()

        async def ticker(probe: Probe = probe, stop: asyncio.Event = stop) -> None:
            while not stop.is_set():
                await asyncio.sleep(PROBE_SEC)
                probe.tick()

        task = asyncio.create_task(ticker())
        t0 = time.perf_counter()
        result = await asyncio.to_thread(function, "lma-bindings", text)
        took = time.perf_counter() - t0
        stop.set()
        await task
        assert len(result.records) == count
        print(
            f"real parse ({name}) of {count:,} bindings in a thread: {took:.1f} s; "
            f"longest UI stall {probe.worst * 1000:.0f} ms"
        )
        del result
    shutdown()


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 128_000
    asyncio.run(run(size))
    asyncio.run(parse_stalls(size))
