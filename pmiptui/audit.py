"""The audit log: one JSON line per configuration apply attempt, secrets masked.

Default file `~/.local/state/pmiptui/audit.jsonl`; the `PMIPTUI_AUDIT_LOG` environment
variable points it elsewhere. Every string is passed through `mask_secrets` before it is
written, so a key that slipped into a diff or a router message never reaches the file.
"""

from __future__ import annotations

import dataclasses
import getpass
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pmiptui.errors import PmipError
from pmiptui.private_files import append_private_text, private_dir
from pmiptui.redact import MASK, Secret, mask_secrets

ENV_VAR = "PMIPTUI_AUDIT_LOG"


def audit_path() -> Path:
    """Where audit records go: `$PMIPTUI_AUDIT_LOG`, else the pmiptui state folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path.home() / ".local" / "state" / "pmiptui" / "audit.jsonl"


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRecord:
    """One apply attempt on one router."""

    router: str
    procedure: str
    result: str
    """`applied`, `rejected_rolled_back`, `interrupted_rolled_back`, `rollback_failed`, …"""
    diff: str = ""
    """The PMIPv6 diff shown to the operator (unified form)."""
    ticket: str | None = None
    failed_line: str | None = None
    """`N: line` of the refused line, if any."""
    router_message: str | None = None
    detail: str | None = None
    """Verification or error summary."""
    saved: bool = False
    """`write memory` was done after verification."""
    time: str = dataclasses.field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )
    """ISO 8601, UTC."""
    operator: str = dataclasses.field(default_factory=_operator)


def _masked(value: Any) -> Any:
    if isinstance(value, Secret):
        return MASK
    if isinstance(value, str):
        return mask_secrets(value)
    return value


AuditSink = Callable[[dict[str, Any]], None]
_sinks: list[AuditSink] = []
"""Where audit records go besides the file (a shared store); set by the composition root."""


@contextmanager
def also_audit_to(sink: AuditSink) -> Iterator[None]:
    """While inside, every audit record is also handed (masked) to `sink`; a sink that
    fails does not stop the apply (the file is the record of truth) and says so itself."""
    _sinks.append(sink)
    try:
        yield
    finally:
        _sinks.remove(sink)


def audit_data(record: AuditRecord) -> dict[str, Any]:
    """`record` as JSON-ready data, every string masked."""
    return {f.name: _masked(getattr(record, f.name)) for f in dataclasses.fields(record)}


def write_audit(record: AuditRecord, path: Path | None = None) -> Path:
    """Append `record` as one JSON line (file 0600, new folders 0700), then hand it to the
    other sinks; PmipError if the file cannot be written."""
    target = path or audit_path()
    data = audit_data(record)
    line = json.dumps(data, ensure_ascii=False, sort_keys=False) + "\n"
    try:
        private_dir(target.parent)
        append_private_text(target, line)
    except OSError as error:
        raise PmipError(
            f"cannot write the audit log {target}: {error.strerror or error}", title="Audit log"
        ) from None
    for sink in list(_sinks):
        with suppress(Exception):  # a sink reports its own failure; the file has the record
            sink(data)
    return target
