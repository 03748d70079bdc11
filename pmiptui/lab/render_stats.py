"""`show ipv6 mobile pmipv6 {mag|lma} stats` text, exactly as FORMATS.md models it."""

from __future__ import annotations

from pmiptui.lab.counters import STATUS_NAMES, Counters


def _row(label: str, value: int, unit: str = "") -> str:
    return f"  {label:<30}: {value}{unit}"


def stats_text(side: str, c: Counters, *, current: int, age: int) -> str:
    """The whole output for one MAG or LMA function; `side` is `MAG` or `LMA`."""
    lines = [
        f"{side} Statistics",
        "",
        _row("Current bindings", current),
        _row("Max bindings", max(c.bindings_max, current)),
        _row("Bindings created", c.bindings_created),
        _row("Bindings deleted", c.bindings_deleted),
        "",
        _row("PBU sent", c.pbu_sent),
        _row("PBU resent", c.pbu_resent),
        _row("PBU received", c.pbu_received),
        _row("PBU dropped", c.pbu_dropped),
        "",
        _row("PBA sent", c.pba_sent),
        _row("PBA received", c.pba_received),
        _row("PBA accepted", c.pba_accepted),
        _row("PBA rejected", c.pba_rejected),
    ]
    for code, name in STATUS_NAMES.items():
        lines.append(f"    Status {code} {name} : {c.status.get(code, 0)}")
    lines += [
        "",
        _row("BRI sent", c.bri_sent),
        _row("BRI received", c.bri_received),
        _row("BRA sent", c.bra_sent),
        _row("BRA received", c.bra_received),
        "",
        _row("Heartbeat requests sent", c.hb_requests_sent),
        _row("Heartbeat requests received", c.hb_requests_received),
        _row("Heartbeat responses sent", c.hb_responses_sent),
        _row("Heartbeat responses received", c.hb_responses_received),
        _row("Heartbeat failures", c.hb_failures),
        "",
        _row("Counters age", age, " (sec)"),
    ]
    return "\n".join(lines) + "\n"
