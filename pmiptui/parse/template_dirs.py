"""Where each TTP template is read from: an operator's override folder first, then pmiptui's own.

A file in an override folder with the name of a shipped template replaces that template.
The folders in use live in this process and in the environment variable `ENV_VAR`, so
that parse worker processes (started with `spawn`, which hands them this process's
environment) read the same files. The variable also carries each override's SHA-256 as it
was checked at start: a worker, started later, refuses a file edited since rather than
parse with a template the rest of pmiptui does not use.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pmiptui.errors import InputError

ENV_VAR = "PMIPTUI_TEMPLATE_DIRS"
"""JSON `{"dirs": [...], "sha256": {path: digest}}`: the override folders in use and the
digests of the override files checked at start; set by `set_override_dirs`."""
MAX_TEMPLATE_BYTES = 1_000_000
"""A template file larger than this is refused (the shipped ones are a few KB)."""

_PACKAGE_DIR = Path(__file__).resolve().parent.parent

_dirs: tuple[Path, ...] | None = None
"""The override folders in use; None until set here or read from `ENV_VAR`."""
_digests: dict[str, str] = {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where one template is read from."""

    name: str
    path: Path
    override: bool
    """True when `path` is in an override folder, not pmiptui's own."""


def shipped_dir() -> Path:
    """The folder holding pmiptui's own `.ttp` files: in the installed package, or the
    source tree's."""
    for candidate in (_PACKAGE_DIR / "ttp_templates", _PACKAGE_DIR.parent / "ttp_templates"):
        if candidate.is_dir():
            return candidate
    raise InputError("the TTP template folder is missing from this installation")


def shipped_names() -> frozenset[str]:
    """The file names of pmiptui's own templates: the only names an override may have."""
    return frozenset(path.name for path in shipped_dir().glob("*.ttp"))


def override_dirs() -> tuple[Path, ...]:
    """The override folders in use, first searched first (from `ENV_VAR` in a worker)."""
    global _dirs
    if _dirs is None:
        _dirs, digests = _from_environment()
        _digests.update(digests)
    return _dirs


def set_override_dirs(dirs: Sequence[Path], digests: dict[str, str]) -> None:
    """Use these folders (and expect these file digests) here and in workers started later."""
    global _dirs
    _dirs = tuple(dirs)
    _digests.clear()
    _digests.update(digests)
    if _dirs:
        os.environ[ENV_VAR] = json.dumps(
            {"dirs": [str(path) for path in _dirs], "sha256": digests}, sort_keys=True
        )
    else:
        os.environ.pop(ENV_VAR, None)


def current_digests() -> dict[str, str]:
    """The digests `set_override_dirs` was given (path → SHA-256), to restore them later."""
    override_dirs()
    return dict(_digests)


def expected_digest(path: Path) -> str | None:
    """The SHA-256 an override file had when it was checked at start, if it was."""
    override_dirs()
    return _digests.get(str(path))


def digest(text: str) -> str:
    """SHA-256 of a template's text, as `set_override_dirs` records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _from_environment() -> tuple[tuple[Path, ...], dict[str, str]]:
    raw = os.environ.get(ENV_VAR)
    if not raw:
        return (), {}
    try:
        data = json.loads(raw)
        dirs = tuple(Path(item) for item in data["dirs"] if isinstance(item, str))
        digests = {str(k): str(v) for k, v in dict(data.get("sha256", {})).items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(
            f"${ENV_VAR} is not what pmiptui sets; unset it and use --templates DIR"
        ) from None
    return dirs, digests


def find_override(name: str, dirs: Sequence[Path] | None = None) -> Path | None:
    """The first file, folder or link named `name` in the override folders, if any.

    Anything at that name counts (a folder, a dangling link), so that it is refused with
    a clear message rather than silently passed over.
    """
    for folder in override_dirs() if dirs is None else dirs:
        candidate = folder / name
        if os.path.lexists(candidate):
            return candidate
    return None


def source(name: str, dirs: Sequence[Path] | None = None) -> Source:
    """Where template `name` is read from: its override, else pmiptui's own file."""
    found = find_override(name, dirs)
    if found is not None:
        return Source(name=name, path=found, override=True)
    return Source(name=name, path=shipped_dir() / name, override=False)


def other_files(folder: Path) -> list[str]:
    """Names of the `.ttp` files in an override folder that no shipped template has
    (misspelt overrides, which replace nothing)."""
    known = shipped_names()
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return []
    return [name for name in names if name.endswith(".ttp") and name not in known]


def read_template_file(path: Path) -> str:
    """A template file's text, refused with one message naming the file when it is not a
    readable UTF-8 regular file of sensible size."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise InputError(f"template {path}: cannot read ({_reason(error)})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"template {path}: is a folder, not a template file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"template {path}: not a regular file")
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise InputError(f"template {path}: {info.st_size} bytes is too large for a template")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"template {path}: cannot read ({_reason(error)})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"template {path}: not UTF-8 text (byte {data[error.start]:#04x} "
            f"at offset {error.start})"
        ) from None


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
