"""Locate and load the TTP template files shipped with pmiptui."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pmiptui.errors import InputError

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def template_dir() -> Path:
    """The folder holding the `.ttp` files: inside the installed package, or the source tree's."""
    for candidate in (_PACKAGE_DIR / "ttp_templates", _PACKAGE_DIR.parent / "ttp_templates"):
        if candidate.is_dir():
            return candidate
    raise InputError("the TTP template folder is missing from this installation")


@cache
def template_text(name: str) -> str:
    """Read one template file by name. TTP given a missing path would parse the path string."""
    path = template_dir() / name
    if not path.is_file():
        raise InputError(f"template {name} is missing from {path.parent}")
    return path.read_text(encoding="utf-8")


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
    body = "|".join(f"(?:{source})" for source in sources) or r"(?!)"
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
                sources = [_unname(regex["REGEX"].pattern) for regex in group.start_re]
                return re.compile("|".join(f"(?:{source})" for source in sources))
    return None


def _unname(pattern: str) -> str:
    """Make a TTP line regex anonymous and anchored to one line (`\\n...(?=\\n)`)."""
    pattern = re.sub(r"\(\?P<\w+>", "(?:", pattern)
    pattern = re.sub(r"\(\?P=\w+\)", "", pattern)
    return pattern.removeprefix("\\n")
