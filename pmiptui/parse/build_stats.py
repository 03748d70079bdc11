"""TTP results of the two `stats` templates to a PmipStats record, checked for truncation."""

from __future__ import annotations

from typing import Any

from pmiptui.errors import ParseError, TruncatedOutput
from pmiptui.model.stats import PmipStats, StatusCount
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import listed, to_int

_COUNTERS = {
    "bindings_current": "Current bindings",
    "bindings_max": "Max bindings",
    "bindings_created": "Bindings created",
    "bindings_deleted": "Bindings deleted",
    "pbu_sent": "PBU sent",
    "pbu_resent": "PBU resent",
    "pbu_received": "PBU received",
    "pbu_dropped": "PBU dropped",
    "pba_sent": "PBA sent",
    "pba_received": "PBA received",
    "pba_accepted": "PBA accepted",
    "pba_rejected": "PBA rejected",
    "bri_sent": "BRI sent",
    "bri_received": "BRI received",
    "bra_sent": "BRA sent",
    "bra_received": "BRA received",
    "heartbeat_requests_sent": "Heartbeat requests sent",
    "heartbeat_requests_received": "Heartbeat requests received",
    "heartbeat_responses_sent": "Heartbeat responses sent",
    "heartbeat_responses_received": "Heartbeat responses received",
    "heartbeat_failures": "Heartbeat failures",
}
"""Counter field (and template variable) to the label the router prints."""


def _status(row: dict[str, Any]) -> StatusCount:
    code = to_int(row.get("code"), field="Status code")
    count = to_int(row.get("count"), field=f"Status {row.get('code')}")
    return StatusCount(code=code or 0, name=str(row.get("name")), count=count or 0)


def _build(data: dict[str, Any], kind: str, role: str) -> Built:
    block = data.get("stats")
    if isinstance(block, list):
        raise ParseError(f"{kind}: `{role} Statistics` appears {len(block)} times, expected once")
    if not isinstance(block, dict):
        raise TruncatedOutput(f"{kind}: the `{role} Statistics` header line is missing")
    if "counters_age" not in block:
        raise TruncatedOutput(
            f"{kind}: the statistics stop before the Counters age line; the output looks cut short"
        )
    counters = {name: to_int(block.get(name), field=label) for name, label in _COUNTERS.items()}
    missing = [_COUNTERS[name] for name, value in counters.items() if value is None]
    warnings = [f"{kind}: the router printed no {', '.join(missing)} counter"] if missing else []
    record = PmipStats(
        **counters,
        counters_age_sec=to_int(block.get("counters_age"), field="Counters age"),
        pba_rejected_by_status=[_status(row) for row in listed(block.get("by_status"))],
    )
    return Built(records=[record], warnings=warnings)


def build_mag(data: dict[str, Any]) -> Built:
    """MAG statistics: one record."""
    return _build(data, "mag-stats", "MAG")


def build_lma(data: dict[str, Any]) -> Built:
    """LMA statistics: one record."""
    return _build(data, "lma-stats", "LMA")
