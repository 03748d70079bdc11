"""Time `parse("lma-bindings", ...)` on 10,000 and 128,000 generated bindings.

Run as `python -m tests.benchmarks.bench_parse [--json] [N ...]`; not collected by pytest.
Each size runs once in a fresh interpreter so its peak memory (max RSS, worker processes
included) is its own. Beside the parse it times the regex floor: one compiled regex
extracting the same fields from the same text (`finditer` over the whole output), the
least any parser written in Python could spend. `--json` prints one JSON line.
"""

from __future__ import annotations

import gc
import json
import re
import resource
import subprocess
import sys
import time

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


def main(argv: list[str]) -> int:
    """Each size in its own interpreter, so peaks do not carry over."""
    as_json = "--json" in argv
    argv = [arg for arg in argv if arg != "--json"]
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
