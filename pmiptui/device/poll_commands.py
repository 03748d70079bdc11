"""Run the show commands a poll needs and turn their output into PollResult fields."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pmiptui.errors import PmipError
from pmiptui.model.drift import DRIFT_KEPT, Drift, DriftLine
from pmiptui.model.poll import CommandRun, PollResult, RouterInfo
from pmiptui.parse.engine import ParseResult
from pmiptui.parse.isolated import parse_isolated
from pmiptui.show_commands import ShowCommand, for_role

Send = Callable[[str], str]
"""Runs one exec command on the router and returns its raw output."""


def commands_for(router: RouterInfo, kinds: Iterable[str]) -> list[ShowCommand]:
    """The show commands a poll of `router` runs, in registry order."""
    wanted = set(kinds)
    return [entry for kind, entry in for_role(router.role).items() if kind in wanted]


def poll_with(router: RouterInfo, send: Send, kinds: Iterable[str]) -> PollResult:
    """Run each command through `send` and parse it; a parse failure is kept as the error.

    Connection trouble raised by `send` propagates: the caller owns the session and decides
    whether to reconnect.
    """
    started = time.time()
    fields: dict[str, Any] = {}
    fetched: dict[str, float] = {}
    raw: dict[str, str] = {}
    runs: list[CommandRun] = []
    unparsed = 0
    drift: list[Drift] = []
    error: PmipError | None = None
    for item in commands_for(router, kinds):
        begun = time.time()
        output = send(item.command)
        raw[item.field] = output
        result = "ok"
        if item.result == "text":
            fields[item.field] = output.strip("\n")
            fetched[item.field] = begun
        else:
            try:
                parsed = parse_isolated(item.kind, output)
            except PmipError as failure:
                error = error or failure
                result = failure.message
            else:
                unparsed += len(parsed.unparsed)
                if parsed.unparsed or parsed.warnings:
                    kept = DRIFT_KEPT - sum(len(d.lines) for d in drift)
                    drift.append(drift_of(item, parsed, kept))
                fields[item.field] = _pick(item, parsed.records, router)
                fetched[item.field] = begun
                if item.field == "bindings":
                    fields["binding_total"] = len(parsed.records)
                    fetched["binding_total"] = begun
        runs.append(
            CommandRun(
                command=item.command,
                started=begun,
                duration_ms=int((time.time() - begun) * 1000),
                result=result,
            )
        )
    return PollResult(
        router=router.name,
        started=started,
        finished=time.time(),
        error=error.message if error else None,
        error_title=error.title if error else None,
        raw=raw,
        unparsed=unparsed,
        drift=drift,
        commands=runs,
        fetched=fetched,
        **fields,
    )


def drift_of(item: ShowCommand, parsed: ParseResult, room: int) -> Drift:
    """What the parser left of `item`'s output: its lines, then its warnings, at most `room`."""
    room = max(room, 0)
    lines = [DriftLine(number=line.number, text=line.text) for line in parsed.unparsed[:room]]
    lines += [DriftLine(text=warning) for warning in parsed.warnings[: room - len(lines)]]
    return Drift(
        kind=item.field,
        command=item.command,
        unparsed=len(parsed.unparsed),
        warnings=len(parsed.warnings),
        lines=lines,
    )


def _pick(item: ShowCommand, records: Sequence[Any], router: RouterInfo) -> Any:
    """What the poll keeps of the records, as the registry entry says (`Result`)."""
    if item.result == "records":
        return records
    if item.result == "own":
        own = router.pmipv6_id or router.name
        for record in records:
            if getattr(record, "mag_id", None) == own or getattr(record, "lma_id", None) == own:
                return record
    return records[0] if records else None
