"""Time `parse("lma-bindings", ...)` on 10,000 and 128,000 generated bindings.

Run as `python -m tests.benchmarks.bench_parse [--json] [N ...]`; not collected by pytest.
Each size runs once in a fresh interpreter so its peak memory (max RSS, worker processes
included) is its own. Beside the parse it times the regex floor: one compiled regex
extracting the same fields from the same text (`finditer` over the whole output), the
least any parser written in Python could spend. `--json` prints one JSON line.

`python -m tests.benchmarks.bench_parse --ipc [N ...]` times instead a MAG binding table
of N bindings parsed in the calling thread against through `parse_isolated`'s worker
pool: wall time, and the CPU the calling process spends (its GIL time), then 50 threads
parsing 1,000 bindings each, both ways.
"""

from __future__ import annotations

import gc
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial

SIZES = (10_000, 128_000)
_ATT = ((3, "ETHERNET"), (4, "WLAN"), (8, "E-UTRAN"))


def binding_block(i: int) -> list[str]:
    """One LMA binding in the modelled format (FORMATS.md), padded as a router pads it."""
    kind = i % 3  # IPv4-only over GRE, IPv6-only over IPv6, dual-stack over IPv6
    mag = i % 50
    att, att_name = _ATT[kind]
    hoa = f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}" if kind != 1 else "none"
    lines = [
        f"[Binding][MN]: Domain: D1, Nai: mn{i}@example.com",
        "        [Binding][MN]: State: BCE_ACTIVE",
        "        [Binding][MN]: Interface: GigabitEthernet0/0/0",
        f"        [Binding][MN]: Hoa: {hoa}, att: {att} ({att_name}), "
        f"llid: 0050.{(i >> 16) & 0xFFFF:04x}.{i & 0xFFFF:04x}",
    ]
    if kind != 0:
        lines.append(f"        [Binding][MN]: HNP: 2001:DB8:{i >> 16:X}:{i & 0xFFFF:X}::/64")
    lines.append("        [Binding][MN]: Network: network1")
    if kind == 0:
        lines.append(f"        [Binding][MN][PEER]: MAG: MAG{mag}, Address: 198.51.100.{mag + 1}")
    else:
        lines.append(f"        [Binding][MN][PEER]: MAG: MAG{mag}, Address: 2001:DB8::{mag + 1:X}")
    lines += [
        f"        [Binding][MN][PEER]: Lifetime: 3600 (sec), Remaining: {3600 - i % 3600} (sec)",
        f"        [Binding][MN][PEER]: Sequence: {i % 65536}",
    ]
    if kind == 0:
        lines += [
            f"        [Binding][MN][PEER]: Tunnel: Tunnel{mag}, Encap: GRE/IPv4",
            f"        [Binding][MN][PEER]: GRE key: uplink {i + 1}, downlink {i + 1_000_001}",
        ]
    else:
        lines.append(f"        [Binding][MN][PEER]: Tunnel: Tunnel{mag}, Encap: IPv6/IPv6")
    lines += [f"        [Binding][MN]: Uptime: {i % 86400} (sec)", ""]
    return lines


def lma_binding_output(count: int) -> str:
    """What Netmiko returns for `show ipv6 mobile pmipv6 lma binding` with `count` bindings."""
    lines = ["lma1#show ipv6 mobile pmipv6 lma binding", f"Total LMA bindings : {count}", ""]
    for i in range(count):
        lines += binding_block(i)
    lines.append("lma1#")
    return "\r\n".join(lines)


def mag_binding_output(count: int) -> str:
    """What Netmiko returns for `show ipv6 mobile pmipv6 mag binding` with `count` bindings."""
    lines = ["mag1#show ipv6 mobile pmipv6 mag binding", f"Total MAG bindings : {count}", ""]
    for i in range(count):
        for line in binding_block(i):
            if "[Binding][MN]: Network: " in line:
                continue
            lines.append(re.sub(r"\[PEER\]: MAG: MAG(\d+)", r"[PEER]: LMA: LMA\1", line))
    lines.append("mag1#")
    return "\r\n".join(lines)


_MN = r"\s*\[Binding\]\[MN\]"
_PEER = r"\s*\[Binding\]\[MN\]\[PEER\]"
FLOOR = re.compile(
    r"\[Binding\]\[MN\]: Domain: (\S+), Nai: (\S+)"
    rf"{_MN}: State: (\S+)"
    rf"{_MN}: Interface: (\S+)"
    rf"{_MN}: Hoa: (\S+), att: (\S+) \((\S+)\), llid: (\S+)"
    rf"((?:{_MN}: HNP: \S+)*)"
    rf"(?:{_MN}: Network: (\S+))?"
    rf"{_PEER}: MAG: (\S+), Address: (\S+)"
    rf"{_PEER}: Lifetime: (\S+) \(sec\), Remaining: (\S+) \(sec\)"
    rf"{_PEER}: Sequence: (\S+)"
    rf"{_PEER}: Tunnel: (\S+), Encap: (\S+)"
    rf"(?:{_PEER}: GRE key: uplink (\S+), downlink (\S+))?"
    rf"{_MN}: Uptime: (\S+) \(sec\)"
)
"""Every field of a binding block, as one regex over the raw text."""


def regex_floor(text: str) -> list[tuple[str | None, ...]]:
    """The fields of every binding, extracted by one compiled regex (`finditer`)."""
    return [found.groups() for found in FLOOR.finditer(text)]


def peak_rss_mb() -> float:
    """Peak RSS of this process plus the largest of its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def run_one(count: int) -> dict[str, float | int]:
    """Parse `count` bindings once, then time the regex floor on the same text."""
    from pmiptui.parse import parse

    parse("lma-bindings", lma_binding_output(3))  # load and compile the template once
    text = lma_binding_output(count)
    start = time.perf_counter()
    result = parse("lma-bindings", text)
    seconds = time.perf_counter() - start
    peak = peak_rss_mb()
    assert len(result.records) == count and not result.unparsed and not result.warnings
    del result
    gc.collect()
    floors = []
    for _ in range(3):
        start = time.perf_counter()
        rows = regex_floor(text)
        floors.append(time.perf_counter() - start)
        assert len(rows) == count
        del rows
    floor = min(floors)
    return {
        "bindings": count,
        "lines": text.count("\n") + 1,
        "parse_s": round(seconds, 4),
        "regex_floor_s": round(floor, 4),
        "ratio": round(seconds / floor, 2),
        "peak_rss_mb": round(peak, 1),
    }


IPC_SIZES = (30, 55, 100, 300, 1_000, 3_000)


def _timed(function: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Best wall time and median CPU time of this process (all its threads), in ms."""
    walls, cpus = [], []
    for _ in range(repeats):
        cpu, wall = time.process_time(), time.perf_counter()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls) * 1000, statistics.median(cpus) * 1000


def run_ipc(sizes: list[int]) -> list[dict[str, float | int]]:
    """In this thread against through the worker pool, for MAG tables of `sizes` bindings."""
    from concurrent.futures import ThreadPoolExecutor

    from pmiptui.parse import isolated, parse

    rows: list[dict[str, float | int]] = []
    isolated.WORKER_MIN_CHARS = 0  # every table goes to a worker
    cold = time.perf_counter()
    isolated.parse_isolated("mag-bindings", mag_binding_output(3))
    cold_ms = (time.perf_counter() - cold) * 1000
    print(f"first call (start the pool, a worker, its imports): {cold_ms:.0f} ms")
    try:
        for count in sizes:
            text = mag_binding_output(count)
            for _ in range(2 * isolated.worker_count()):  # every worker has run this kind
                isolated.parse_isolated("mag-bindings", text)
            here = _timed(partial(parse, "mag-bindings", text), 9)
            there = _timed(partial(isolated.parse_isolated, "mag-bindings", text), 9)
            unpack = _timed(partial(isolated.unpack, isolated.pack("mag-bindings", text)), 51)
            rows.append(
                {
                    "bindings": count,
                    "chars": len(text),
                    "thread_wall_ms": round(here[0], 2),
                    "thread_cpu_ms": round(here[1], 2),
                    "worker_wall_ms": round(there[0], 2),
                    "worker_caller_cpu_ms": round(there[1], 2),
                    "unpack_ms": round(unpack[0], 3),
                }
            )
        text = mag_binding_output(1_000)
        for name, function in (("thread", parse), ("worker", isolated.parse_isolated)):
            with ThreadPoolExecutor(50) as threads:
                cpu, start = time.process_time(), time.perf_counter()
                list(threads.map(function, ["mag-bindings"] * 50, [text] * 50))
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(
                f"50 threads x 1,000 bindings, {name}: {seconds * 1000:.0f} ms, "
                f"CPU of this process {cpu * 1000:.0f} ms"
            )
    finally:
        isolated.shutdown()
    return rows


def main(argv: list[str]) -> int:
    """Each size in its own interpreter, so peaks do not carry over."""
    as_json = "--json" in argv
    argv = [arg for arg in argv if arg != "--json"]
    if argv[:1] == ["--ipc"]:
        rows = run_ipc([int(arg) for arg in argv[1:]] or list(IPC_SIZES))
        for row in rows:
            print(
                f"{row['bindings']:>6} bindings {row['chars']:>9} chars  "
                f"thread {row['thread_wall_ms']:7.2f} ms (CPU {row['thread_cpu_ms']:6.2f})  "
                f"worker {row['worker_wall_ms']:7.2f} ms (caller CPU "
                f"{row['worker_caller_cpu_ms']:5.2f})  unpack {row['unpack_ms']:.3f} ms"
            )
        return 0
    if argv[:1] == ["--one"]:
        row = run_one(int(argv[1]))
        if as_json:
            print(json.dumps(row))
        else:
            print(
                f"{row['bindings']:>7} bindings  {row['lines']:>9} lines  "
                f"{row['parse_s']:7.2f} s  (regex floor {row['regex_floor_s']:.3f} s, "
                f"x{row['ratio']})  peak RSS {row['peak_rss_mb']:7.0f} MiB"
            )
        return 0
    sizes = [int(arg) for arg in argv] or list(SIZES)
    rows = []
    for count in sizes:
        module = "tests.benchmarks.bench_parse"
        command = [sys.executable, "-m", module, "--one", str(count)]
        if not as_json:
            subprocess.run(command, check=True)
            continue
        done = subprocess.run([*command, "--json"], check=True, capture_output=True, text=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    if as_json:
        print(json.dumps({"bench": "parse", "sizes": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
