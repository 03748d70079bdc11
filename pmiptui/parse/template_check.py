"""Run the templates in use over known outputs and say, per output, what they left out.

Two sources of outputs: pmiptui's fixtures (`<kind>/<case>.txt` beside the `.json` the
shipped templates produce), judged against that baseline, so a fixture that is meant to
hold an unknown line or to fail does not count against an override; and captures, raw
outputs from a router, where every unparsed line and warning counts. Records may differ
from the baseline: changing them is what an override is for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmiptui.errors import PmipError
from pmiptui.parse.clean import clean_lines
from pmiptui.parse.engine import ParseResult, UnparsedLine, parse
from pmiptui.parse.kinds import KINDS


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """One output to check: its kind, a name to show, the raw text, and the baseline."""

    kind: str
    name: str
    raw: str
    expected: dict[str, Any] | None = None
    """A fixture's `.json` (what the shipped templates make of it); None for a capture."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseReport:
    """What the templates in use made of one case."""

    kind: str
    name: str
    records: int | None
    """Records parsed; None when the parse failed."""
    unparsed: list[UnparsedLine] = field(default_factory=list)
    """Lines left unparsed (for a fixture: beyond those its baseline has)."""
    warnings: list[str] = field(default_factory=list)
    """Warnings (for a fixture: beyond those its baseline has)."""
    problem: str | None = None
    """Why the case failed: a parse error, or one other than the baseline's."""
    note: str | None = None
    """The error a fixture is meant to raise, when it raised it."""

    @property
    def clean(self) -> bool:
        """True when nothing was left out and nothing failed unexpectedly."""
        return not self.unparsed and not self.warnings and self.problem is None


def fixture_cases(folder: Path, kinds: Iterable[str]) -> list[Case]:
    """Every `<kind>/<case>.txt` with its `.json` under `folder`, for these kinds."""
    cases: list[Case] = []
    for kind in kinds:
        for txt in sorted((folder / kind).glob("*.txt")):
            expected_file = txt.with_suffix(".json")
            expected = (
                json.loads(expected_file.read_text(encoding="utf-8"))
                if expected_file.is_file()
                else None
            )
            raw = txt.read_text(encoding="utf-8", errors="replace")
            cases.append(Case(kind=kind, name=txt.stem, raw=raw, expected=expected))
    return cases


def detect_kind(raw: str) -> str | None:
    """The kind whose command printed `raw` (the first in the registry that recognises a
    line), or None."""
    try:
        texts = [line.text for line in clean_lines(raw)]
    except PmipError:  # a router error instead of output: no kind to tell
        return None
    for kind in KINDS.values():
        if any(kind.recognises(text) for text in texts):
            return kind.name
    return None


def check_case(case: Case) -> CaseReport:
    """Parse one case with the templates in use (the one-pass engine and TTP both)."""
    expected = case.expected or {}
    expected_error = expected.get("error")
    try:
        result = parse(case.kind, case.raw)
        reference = parse(case.kind, case.raw, engine="ttp")
    except PmipError as error:
        name = type(error).__name__
        if expected_error == name:
            return CaseReport(kind=case.kind, name=case.name, records=None, note=name)
        return CaseReport(
            kind=case.kind, name=case.name, records=None, problem=f"{name}: {error.message}"
        )
    except Exception as error:  # an override whose result its builder cannot read
        return CaseReport(
            kind=case.kind,
            name=case.name,
            records=None,
            problem=f"the record builder failed on this template's result "
            f"({type(error).__name__}: {error})",
        )
    problem = None
    if expected_error is not None:
        problem = f"expected {expected_error}, but it parsed"
    elif not _same(result, reference):
        problem = "the one-pass engine and TTP disagree on this output (a pmiptui bug)"
    known_lines = {(number, text) for number, text in expected.get("unparsed", [])}
    known_warnings = set(expected.get("warnings", []))
    return CaseReport(
        kind=case.kind,
        name=case.name,
        records=len(result.records),
        unparsed=[line for line in result.unparsed if (line.number, line.text) not in known_lines],
        warnings=[warning for warning in result.warnings if warning not in known_warnings],
        problem=problem,
    )


def _same(one: ParseResult, other: ParseResult) -> bool:
    return (
        list(one.records) == list(other.records)
        and one.unparsed == other.unparsed
        and one.warnings == other.warnings
    )
