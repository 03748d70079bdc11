"""A poll's whole result as the store keeps it: JSON without the binding table.

The binding table is stored apart, as snapshots and changes (see `store`). Raw outputs
are not kept: only the binding detail view reads one (the binding table's, megabytes on
an LMA), and a poll every few seconds would otherwise store every output twice. Everything
else a console shows of a poll (globals, stats, tunnels, the PMIPv6 config, the release,
the command log, the error) comes back as records.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pmiptui.model.bindings import Binding
from pmiptui.model.drift import Drift
from pmiptui.model.globals import LmaGlobals, MagGlobals
from pmiptui.model.poll import CommandRun, PollResult
from pmiptui.model.serialize import from_data, to_data
from pmiptui.model.stats import PmipStats
from pmiptui.model.tunnels import Tunnel
from pmiptui.model.version import DeviceVersion


def result_text(result: PollResult) -> str:
    """`result` as stored: JSON of its records, without the binding table and raw outputs."""
    data = to_data(replace(result, bindings=None, raw={}))
    data.pop("bindings", None)
    data.pop("raw", None)
    return json.dumps(data, separators=(",", ":"))


def result_from(text: str, bindings: Sequence[Binding] | None = None) -> PollResult:
    """The stored result back as a `PollResult`, with `bindings` (rebuilt apart) in it."""
    data: dict[str, Any] = json.loads(text)
    globals_ = data.get("globals")
    return PollResult(
        router=data["router"],
        started=data["started"],
        finished=data["finished"],
        error=data.get("error"),
        error_title=data.get("error_title"),
        retry_at=data.get("retry_at"),
        globals=_globals(globals_) if isinstance(globals_, dict) else None,
        bindings=bindings,
        binding_total=data.get("binding_total"),
        stats=from_data(PmipStats, data["stats"]) if data.get("stats") else None,
        tunnels=[from_data(Tunnel, t) for t in data["tunnels"]]
        if data.get("tunnels") is not None
        else None,
        config=data.get("config"),
        version=from_data(DeviceVersion, data["version"]) if data.get("version") else None,
        raw=dict(data.get("raw") or {}),
        fetched=dict(data.get("fetched") or {}),
        unparsed=int(data.get("unparsed") or 0),
        drift=[from_data(Drift, d) for d in data.get("drift") or []],
        commands=[from_data(CommandRun, c) for c in data.get("commands") or []],
    )


def bindings_from(rows: Sequence[dict[str, Any]]) -> list[Binding]:
    """Stored binding dicts (`History.bindings_at`) as records."""
    return [from_data(Binding, row) for row in rows]


def _globals(data: dict[str, Any]) -> MagGlobals | LmaGlobals:
    return from_data(LmaGlobals, data) if "lma_id" in data else from_data(MagGlobals, data)
