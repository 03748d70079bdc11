"""Discovery of parser fixtures: tests/fixtures/<kind>/<case>.txt beside <case>.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pmiptui.errors import PmipError
from pmiptui.model.serialize import to_data
from pmiptui.parse import parse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def cases() -> list[tuple[str, Path]]:
    """Every (kind, raw-output file) pair that has fixtures."""
    return [
        (kind_dir.name, txt)
        for kind_dir in sorted(FIXTURES.iterdir())
        if kind_dir.is_dir()
        for txt in sorted(kind_dir.glob("*.txt"))
    ]


def observed(kind: str, raw: str) -> dict[str, Any]:
    """What the parser makes of a fixture, in the shape of its expected .json file.

    A parse that fails is recorded as {"error": <class name>, "message": <text>}.
    """
    try:
        result = parse(kind, raw)
    except PmipError as error:
        return {"error": type(error).__name__, "message": error.message}
    return {
        "records": to_data(result.records),
        "unparsed": [[line.number, line.text] for line in result.unparsed],
        "warnings": result.warnings,
    }


def write_expected(kind: str, txt: Path) -> Path:
    """(Re)generate a fixture's .json from the current parser; review the diff before committing."""
    target = txt.with_suffix(".json")
    target.write_text(json.dumps(observed(kind, txt.read_text()), indent=2) + "\n")
    return target


if __name__ == "__main__":
    import sys

    for kind, txt in cases():
        if len(sys.argv) == 1 or any(arg in str(txt) for arg in sys.argv[1:]):
            print(write_expected(kind, txt))
