"""Which show command fetches which poll kind, and how its output becomes PollResult fields."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pmiptui.errors import PmipError
from pmiptui.model.poll import CommandRun, PollResult, RouterInfo
from pmiptui.parse.isolated import parse_isolated

Send = Callable[[str], str]
"""Runs one exec command on the router and returns its raw output."""


@dataclass(frozen=True, slots=True)
class PollCommand:
    """One poll kind: the command for a role, and the parser kind for its output."""

    kind: str
    command: str
    parser: str | None


def commands_for(router: RouterInfo, kinds: Iterable[str]) -> list[PollCommand]:
    """The show commands a poll of `router` runs, in a stable order."""
    role = router.role
    table = {
        "globals": PollCommand(
            "globals", f"show ipv6 mobile pmipv6 {role} globals", f"{role}-globals"
        ),
        "bindings": PollCommand(
            "bindings", f"show ipv6 mobile pmipv6 {role} binding", f"{role}-bindings"
        ),
        "binding_total": PollCommand(
            "binding_total",
            f"show ipv6 mobile pmipv6 {role} binding | include ^Total",
            f"{role}-binding-total",
        ),
        "stats": PollCommand("stats", f"show ipv6 mobile pmipv6 {role} stats", f"{role}-stats"),
        "tunnels": PollCommand(
            "tunnels", f"show ipv6 mobile pmipv6 {role} tunnel", f"{role}-tunnel"
        ),
        "config": PollCommand("config", "show running-config | section ipv6 mobile", None),
    }
    wanted = set(kinds)
    return [command for kind, command in table.items() if kind in wanted]


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
    error: PmipError | None = None
    for item in commands_for(router, kinds):
        begun = time.time()
        output = send(item.command)
        raw[item.kind] = output
        result = "ok"
        if item.parser is None:
            fields[item.kind] = output.strip("\n")
            fetched[item.kind] = begun
        else:
            try:
                parsed = parse_isolated(item.parser, output)
            except PmipError as failure:
                error = error or failure
                result = failure.message
            else:
                unparsed += len(parsed.unparsed)
                fields[item.kind] = _pick(item.kind, parsed.records, router)
                fetched[item.kind] = begun
                if item.kind == "bindings":
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
        commands=runs,
        fetched=fetched,
        **fields,
    )


def _pick(kind: str, records: list[Any], router: RouterInfo) -> Any:
    """Lists stay lists; for globals and stats, the record of this router's own instance."""
    if kind in ("bindings", "tunnels"):
        return records
    if kind == "globals":
        own = router.pmipv6_id or router.name
        for record in records:
            if getattr(record, "mag_id", None) == own or getattr(record, "lma_id", None) == own:
                return record
    return records[0] if records else None  # stats, binding_total: one record
