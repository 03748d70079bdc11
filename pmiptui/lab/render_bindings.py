"""`show ipv6 mobile pmipv6 {mag|lma} binding` text, exactly as FORMATS.md models it.

A router started with `--fault ROUTER:format=variant` (or `format: variant` in the
topology) prints the lab variant instead, as another IOS XE release might, so that template
drift and an operator's override (`examples/templates/`) can be tried end to end. In each
block, and nowhere else (the `Total ... bindings` header is unchanged, so
`| include ^Total` reads the same):

- the `Sequence` line comes before the `Lifetime` line (the two are swapped);
- `Lifetime: N (sec), Remaining: R (sec)` becomes
  `Lifetime: N (sec), Lifetime Remaining: R*1000 (msec)` (renamed, in milliseconds);
- `Tunnel: TunnelN, Encap: E` becomes `Tunnel Interface: TunnelN, Encap: E`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

ENCAP_LABELS = {"gre-ipv4": "GRE/IPv4", "ipv6-in-ipv6": "IPv6/IPv6", "udptunnel": "UDP/IPv4"}
"""Config keyword → label the binding and tunnel outputs print."""
ATT_NAMES = {
    1: "VIRTUAL",
    2: "PPP",
    3: "ETHERNET",
    4: "WLAN",
    5: "WIMAX",
    6: "GERAN",
    7: "UTRAN",
    8: "E-UTRAN",
    9: "EHRPD",
    10: "HRPD",
    11: "1XRTT",
    12: "UMB",
    13: "NB-IOT",
}
"""IANA access technology types (RFC 5213 §8.5)."""
BLOCKS_PER_CHUNK = 500

_IN = " " * 8


def binding_block(
    *,
    domain: str,
    nai: str,
    state: str,
    interface: str,
    hoa: str | None,
    att: int,
    llid: str,
    hnps: Iterable[str],
    network: str | None,
    peer_role: str,
    peer_id: str,
    peer_address: str,
    lifetime: int,
    remaining: int,
    sequence: int,
    tunnel: str,
    encap: str,
    gre: tuple[int, int] | None,
    uptime: int,
    variant: bool = False,
) -> str:
    """One binding block, preceded by the blank line that separates blocks; `variant`
    prints the lab variant (see the module docstring)."""
    lines = [
        f"\n[Binding][MN]: Domain: {domain}, Nai: {nai}",
        f"{_IN}[Binding][MN]: State: {state}",
        f"{_IN}[Binding][MN]: Interface: {interface}",
        f"{_IN}[Binding][MN]: Hoa: {hoa or 'none'}, att: {att} ({ATT_NAMES[att]}), llid: {llid}",
    ]
    lines += [f"{_IN}[Binding][MN]: HNP: {hnp}" for hnp in hnps]
    if network is not None:
        lines.append(f"{_IN}[Binding][MN]: Network: {network}")
    lines.append(f"{_IN}[Binding][MN][PEER]: {peer_role}: {peer_id}, Address: {peer_address}")
    if variant:
        lines += [
            f"{_IN}[Binding][MN][PEER]: Sequence: {sequence}",
            f"{_IN}[Binding][MN][PEER]: Lifetime: {lifetime} (sec), "
            f"Lifetime Remaining: {remaining * 1000} (msec)",
            f"{_IN}[Binding][MN][PEER]: Tunnel Interface: {tunnel}, Encap: {ENCAP_LABELS[encap]}",
        ]
    else:
        lines += [
            f"{_IN}[Binding][MN][PEER]: Lifetime: {lifetime} (sec), Remaining: {remaining} (sec)",
            f"{_IN}[Binding][MN][PEER]: Sequence: {sequence}",
            f"{_IN}[Binding][MN][PEER]: Tunnel: {tunnel}, Encap: {ENCAP_LABELS[encap]}",
        ]
    if gre is not None and encap == "gre-ipv4":
        lines.append(f"{_IN}[Binding][MN][PEER]: GRE key: uplink {gre[0]}, downlink {gre[1]}")
    lines.append(f"{_IN}[Binding][MN]: Uptime: {uptime} (sec)\n")
    return "\n".join(lines)


def binding_chunks(
    side: str, total: int, blocks: Iterable[str], per_chunk: int = BLOCKS_PER_CHUNK
) -> Iterator[str]:
    """The whole output in chunks of `per_chunk` blocks; `side` is `MAG` or `LMA`."""
    yield f"Total {side} bindings : {total}\n"
    batch: list[str] = []
    for block in blocks:
        batch.append(block)
        if len(batch) >= per_chunk:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)
