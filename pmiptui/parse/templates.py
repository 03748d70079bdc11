"""Load the TTP templates (an operator's override, else pmiptui's own) and what is built from them.

Every reader of template text goes through `template_text`, and every cache built from it
is cleared by `use_template_dirs`, so an override reaches TTP, the unparsed-line report,
the chunking of large outputs and the one-pass engine alike.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from pmiptui.errors import InputError
from pmiptui.parse.template_dirs import (
    current_digests,
    digest,
    expected_digest,
    find_override,
    other_files,
    override_dirs,
    read_template_file,
    set_override_dirs,
    shipped_dir,
    shipped_names,
    source,
)


def template_dir() -> Path:
    """The folder holding pmiptui's own `.ttp` files (overrides aside)."""
    return shipped_dir()


@cache
def template_text(name: str) -> str:
    """Read one template by name: its override if one is in use, else pmiptui's own file.

    Read here rather than handed to TTP as a path: TTP given a missing path would parse
    the path string as a template.
    """
    found = source(name)
    if not found.override:
        if not found.path.is_file():
            raise InputError(f"template {name} is missing from {found.path.parent}")
        return found.path.read_text(encoding="utf-8")
    text = read_template_file(found.path)
    expected = expected_digest(found.path)
    if expected is not None and digest(text) != expected:
        raise InputError(
            f"template {found.path}: changed since pmiptui started; restart pmiptui to use it"
        )
    return text


def use_template_dirs(dirs: Sequence[Path]) -> list[Path]:
    """Read templates from these override folders first (earlier first), here and in parse
    workers started from now on; returns the misspelt `.ttp` files in them (which replace
    nothing).

    Call once at start, before parsing. Every override in use is read and compiled now
    (TTP, the unparsed-line patterns, the one-pass engine); the first that fails raises
    InputError naming the file, and the folders in use before stay in use. Running parse
    workers are stopped, so that new ones start with these folders.
    """
    folders = [Path(folder) for folder in dirs]
    for folder in folders:
        if not folder.is_dir():
            raise InputError(f"template folder {folder}: no such folder")
        if not os.access(folder, os.R_OK | os.X_OK):
            raise InputError(f"template folder {folder}: cannot read (permission denied)")
    previous, previous_digests = override_dirs(), current_digests()
    digests: dict[str, str] = {}
    for name in sorted(shipped_names()):
        path = find_override(name, folders)
        if path is not None:
            digests[str(path)] = digest(check_template(path))
    set_override_dirs(folders, digests)
    clear_template_caches()
    try:
        for name in sorted(shipped_names()):
            if find_override(name, folders) is not None:
                _compile_all(name)
    except InputError:
        set_override_dirs(previous, previous_digests)
        clear_template_caches()
        raise
    isolated = sys.modules.get("pmiptui.parse.isolated")
    if isolated is not None:
        isolated.shutdown()
    return [folder / name for folder in folders for name in other_files(folder)]


def check_template(path: Path) -> str:
    """An override file's text, once TTP has read it; InputError naming the file if not."""
    from ttp import ttp

    text = read_template_file(path)
    try:
        groups = [group for template in ttp(template=text)._templates for group in template.groups]
    except Exception as error:  # TTP raises XML, regex and its own errors alike
        raise InputError(f"template {path}: not a valid TTP template ({_said(error)})") from None
    if not groups:
        raise InputError(f"template {path}: not a valid TTP template (it has no <group>)")
    return text


def _compile_all(name: str) -> None:
    """Build everything made from template `name` now, so a failure shows at start."""
    from pmiptui.parse.fast_template import compiled

    path = source(name).path
    try:
        template_text(name)
        line_patterns(name)
        block_start(name)
        compiled(name)
    except InputError:
        raise
    except Exception as error:
        raise InputError(f"template {path}: not a valid TTP template ({_said(error)})") from None


def clear_template_caches() -> None:
    """Forget everything built from template text (text, patterns, one-pass specs)."""
    from pmiptui.parse.fast_template import compiled

    template_text.cache_clear()
    line_patterns.cache_clear()
    block_start.cache_clear()
    compiled.cache_clear()


def _said(error: Exception) -> str:
    message = str(error).strip().splitlines()
    return f"{type(error).__name__}: {message[0]}" if message else type(error).__name__


@cache
def line_patterns(name: str) -> re.Pattern[str]:
    """One regex matching any line that some line of the template matches.

    Built from TTP's own compiled regexes, so the unparsed-line report and the parser agree
    exactly on what a template recognises.
    """
    from ttp import ttp

    parser = ttp(template=template_text(name))
    sources: list[str] = []

    def walk(group: object) -> None:
        for regex in (*group.start_re, *group.re, *group.end_re):  # type: ignore[attr-defined]
            if not regex.get("IS_LINE"):
                sources.append(_unname(regex["REGEX"].pattern))
        for child in group.children:  # type: ignore[attr-defined]
            walk(child)

    for template in parser._templates:
        for group in template.groups:
            walk(group)
    body = "|".join(f"(?:{pattern})" for pattern in sources) or r"(?!)"
    return re.compile(body)


@cache
def block_start(name: str) -> re.Pattern[str] | None:
    """The first line of the template's repeated top-level block (`<group name="x*">`), if any.

    Large outputs are cut into chunks only right before such a line, so no block is split.
    """
    from ttp import ttp

    for template in ttp(template=template_text(name))._templates:
        for group in template.groups:
            if group.name.endswith("*") and group.start_re:
                starts = [_unname(regex["REGEX"].pattern) for regex in group.start_re]
                return re.compile("|".join(f"(?:{pattern})" for pattern in starts))
    return None


def _unname(pattern: str) -> str:
    """Make a TTP line regex anonymous and anchored to one line (`\\n...(?=\\n)`)."""
    pattern = re.sub(r"\(\?P<\w+>", "(?:", pattern)
    pattern = re.sub(r"\(\?P=\w+\)", "", pattern)
    return pattern.removeprefix("\\n")
