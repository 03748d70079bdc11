"""How soon a dropped session is noticed: from the lab cutting the connection to pmiptui's
`ConnectionLost`, on the path every change uses (`RouterSession.send`).

Run as `python -m tests.benchmarks.bench_drop_detect [N] [--json]`; not collected by
pytest. The lab runs `show clock` and then aborts the connection (`drop-on`); the time is
taken from the lab's own log entry for the line to the moment the error reaches the caller.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pmiptui.device.session import RouterSession
from pmiptui.errors import ConnectionLost
from pmiptui.inventory import load_inventory
from tests.lab.conftest import start_lab


def measure(rounds: int) -> dict[str, float | int]:
    """Median and worst detection time in milliseconds over `rounds` drops."""
    folder = Path(tempfile.mkdtemp(prefix="pmiptui-drop-"))
    thread = start_lab(folder, faults=["mag1:drop-on=^show clock"], mobile_nodes=5)
    try:
        target = load_inventory(thread.lab.write_inventory(folder / "inv")).router("mag1")
        router = thread.lab.routers["mag1"]
        times = []
        for _ in range(rounds):
            with RouterSession(target, read_timeout=30) as session:
                try:
                    session.send("show clock")
                except ConnectionLost:
                    noticed = time.time()
                else:
                    raise SystemExit("the lab did not drop the session")
            cut = next(e.time for e in reversed(router.log) if e.line == "show clock")
            times.append((noticed - cut) * 1000)
    finally:
        thread.stop()
    return {
        "rounds": rounds,
        "detect_ms_median": round(statistics.median(times), 1),
        "detect_ms_max": round(max(times), 1),
        "read_timeout_s": 30,
    }


def main(argv: list[str]) -> int:
    rounds = int(next((a for a in argv if a.isdigit()), "20"))
    figures = measure(rounds)
    if "--json" in argv:
        print(json.dumps({"bench": "drop_detect", **figures}))
    else:
        print(
            f"dropped session noticed in {figures['detect_ms_median']} ms (median), "
            f"{figures['detect_ms_max']} ms at worst, over {rounds} drops "
            f"(read timeout {figures['read_timeout_s']} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
