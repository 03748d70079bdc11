"""Write the table on screen to `pmiptui-<router>-<table>-<time>.{csv,json}` (in a worker)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmiptui.present.export import to_csv, to_json
from pmiptui.private_files import write_private_text
from pmiptui.ui import formatting

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export: records, or a function building them (run in the worker)."""

    router: str
    table: str
    fmt: str
    """`csv` or `json`."""
    records: Callable[[], Any]


def export_path(directory: Path, request: ExportRequest, now: float) -> Path:
    """The file name the operator sees in the notification."""
    router = _UNSAFE.sub("_", request.router)
    name = f"pmiptui-{router}-{request.table}-{formatting.stamp(now)}.{request.fmt}"
    return directory / name


def write_export(directory: Path, request: ExportRequest, now: float) -> Path:
    """Build the records and write them to a private (0600) file; blocking, for thread
    workers. A symlink in the file's place is refused, as the folder may be shared."""
    records = request.records()
    text = to_json(records) if request.fmt == "json" else to_csv(records)
    path = export_path(directory, request, now)
    write_private_text(path, text)
    return path
