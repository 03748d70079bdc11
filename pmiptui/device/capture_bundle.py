"""Write a `Capture` as one private `.tar.gz`: masked raw text, parse results, manifest.

The layout is documented in `pmiptui.device.capture`. Texts are masked here, once every
output is in, so a key first seen in the running config is masked in every member.
"""

from __future__ import annotations

import io
import json
import os
import re
import tarfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pmiptui import __version__
from pmiptui.device.capture import RUNNING_FIELD, VERSION_NAME, Capture, CommandCapture
from pmiptui.errors import InputError, PmipError
from pmiptui.ios.secrets import remember_config_secrets
from pmiptui.model.serialize import to_data
from pmiptui.parse import parse
from pmiptui.parse.version_reader import read_version
from pmiptui.private_files import DIR_MODE, FILE_MODE, open_private
from pmiptui.redact import mask_known, mask_secrets

FORMAT = 1
"""The bundle layout's version, in the manifest."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 64


def safe_name(name: str) -> str:
    """`name` reduced to `[A-Za-z0-9._-]` for a file or folder name: no `/`, no `..`, no
    leading dot or dash, at most 64 characters; `router` when nothing is left."""
    safe = _UNSAFE.sub("_", name).strip("._-")[:_MAX_NAME].rstrip("._-")
    return safe or "router"


def utc_stamp(when: float) -> str:
    """`20261201T030000Z`: for file names."""
    return datetime.fromtimestamp(when, UTC).strftime("%Y%m%dT%H%M%SZ")


def utc_iso(when: float) -> str:
    """`2026-12-01T03:00:00.123Z`: for the manifest."""
    return datetime.fromtimestamp(when, UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def bundle_folder(capture: Capture) -> str:
    """The one folder every member is under: `pmiptui-capture-<router>-<UTC stamp>`."""
    return f"pmiptui-capture-{safe_name(capture.router)}-{utc_stamp(capture.started)}"


def default_path(capture: Capture) -> Path:
    """`pmiptui-capture-<router>-<UTC stamp>.tar.gz` in the current folder."""
    return Path(f"{bundle_folder(capture)}.tar.gz")


def bundle_members(capture: Capture, manifest: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Each member's file name and text, masked; manifest.json last, its data also put
    into `manifest`."""
    running = next((c.raw for c in capture.commands if c.field == RUNNING_FIELD), None)
    if running is not None:
        remember_config_secrets(running)
    entries: list[dict[str, Any]] = []
    version: dict[str, Any] = {"release": None, "platform": None}
    for item in capture.commands:
        text = mask_secrets(item.raw)
        yield f"{item.name}.txt", text
        entry = _entry(item)
        if item.kind is None:
            version = asdict(read_version(text))
            yield f"{VERSION_NAME}.json", _json(version)
        else:
            yield from _parsed(item, text, entry)
        entries.append(entry)
    manifest.update(_manifest(capture, version, entries))
    yield "manifest.json", _json(manifest)


def _entry(item: CommandCapture) -> dict[str, Any]:
    """The manifest's line for one command (`_parsed` fills in the parse counts)."""
    return {
        "command": item.command,
        "kind": item.kind,
        "field": item.field,
        "file": f"{item.name}.txt",
        "started_utc": utc_iso(item.started),
        "duration_ms": item.duration_ms,
        "bytes": len(item.raw.encode("utf-8")),
        "lines": len(item.raw.splitlines()),
        "records": None,
        "unparsed": None,
        "warnings": None,
        "parse_error": None,
        "error": mask_secrets(item.error) if item.error else None,
    }


def _parsed(item: CommandCapture, text: str, entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """`<kind>.json` and `<kind>.unparsed.txt` for one output; counts go into `entry`."""
    assert item.kind is not None
    head = {"kind": item.kind, "command": item.command}
    try:
        result = parse(item.kind, text)
    except PmipError as error:
        entry.update(records=0, unparsed=None, warnings=0, parse_error=error.message)
        yield (
            f"{item.kind}.json",
            _json({**head, "error": error.message, "error_title": error.title}),
        )
        return
    entry.update(
        records=len(result.records),
        unparsed=len(result.unparsed),
        warnings=len(result.warnings),
        parse_error=None,
    )
    data = {**head, "records": to_data(list(result.records)), "warnings": result.warnings}
    yield f"{item.kind}.json", _json(data)
    yield (
        f"{item.kind}.unparsed.txt",
        "".join(f"line {line.number}: {line.text}\n" for line in result.unparsed),
    )


def _manifest(
    capture: Capture, version: dict[str, Any], commands: list[dict[str, Any]]
) -> dict[str, Any]:
    error = capture.error
    return {
        "format": FORMAT,
        "pmiptui_version": __version__,
        "router": capture.router,
        "role": capture.role,
        "role_source": capture.role_source if capture.role else None,
        "ios_xe": version,
        "started_utc": utc_iso(capture.started),
        "finished_utc": utc_iso(capture.finished),
        "duration_ms": int((capture.finished - capture.started) * 1000),
        "commands": commands,
        "error": None
        if error is None
        else {"message": error.message, "title": error.title, "exit_code": error.exit_code},
    }


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_bundle(capture: Capture, path: Path) -> dict[str, Any]:
    """Write the bundle to `path` (a new file, mode 0600) and return its manifest; InputError
    if the file exists (a symlink in its place included): nothing is ever overwritten."""
    folder = bundle_folder(capture)
    manifest: dict[str, Any] = {}
    try:
        fd = open_private(path, os.O_WRONLY | os.O_EXCL)
    except FileExistsError:
        raise InputError(f"{path}: already exists; choose another --out") from None
    except OSError as error:
        raise InputError(f"{path}: cannot write ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            now = time.time()
            tar.addfile(_info(folder, 0, now, directory=True))
            for name, text in bundle_members(capture, manifest):
                data = mask_known(text).encode("utf-8")
                tar.addfile(_info(f"{folder}/{name}", len(data), now), io.BytesIO(data))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return manifest


def _info(name: str, size: int, mtime: float, *, directory: bool = False) -> tarfile.TarInfo:
    """A member owned by nobody in particular: 0600 files, a 0700 folder."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = DIR_MODE if directory else FILE_MODE
    info.type = tarfile.DIRTYPE if directory else tarfile.REGTYPE
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info
