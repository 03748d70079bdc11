"""Time `parse("lma-bindings", ...)` on 10,000 and 128,000 generated bindings.

Run as `python -m tests.benchmarks.bench_parse [N ...]`; not collected by pytest. Each size
runs once in a fresh interpreter so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

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


def run_one(count: int) -> None:
    """Parse `count` bindings once; print seconds, line count and peak RSS."""
    from pmiptui.parse import parse

    text = lma_binding_output(count)
    start = time.perf_counter()
    result = parse("lma-bindings", text)
    seconds = time.perf_counter() - start
    assert len(result.records) == count and not result.unparsed and not result.warnings
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{count:>7} bindings  {text.count(chr(10)) + 1:>9} lines  "
        f"{seconds:7.2f} s  peak RSS {peak_mib:7.0f} MiB"
    )


def main(argv: list[str]) -> int:
    """Each size in its own interpreter, so peaks do not carry over."""
    if argv[:1] == ["--one"]:
        run_one(int(argv[1]))
        return 0
    sizes = [int(arg) for arg in argv] or list(SIZES)
    for count in sizes:
        module = "tests.benchmarks.bench_parse"
        subprocess.run([sys.executable, "-m", module, "--one", str(count)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
