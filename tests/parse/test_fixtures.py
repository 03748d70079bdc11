"""Every raw-output fixture parses to exactly its expected JSON (ntc-templates style)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmiptui.parse.kinds import KINDS
from tests.parse.fixtures import FIXTURES, cases, observed

MIN_CASES_PER_KIND = 3
OTHER_FIXTURES = frozenset({"procedures"})
"""Fixture folders of other layers (configgen values files), not parse kinds."""


@pytest.mark.parametrize(("kind", "txt"), cases(), ids=lambda v: getattr(v, "stem", v))
def test_fixture_parses_to_expected(kind: str, txt: Path) -> None:
    expected_file = txt.with_suffix(".json")
    assert expected_file.exists(), f"{txt.name} has no expected {expected_file.name}"
    expected = json.loads(expected_file.read_text())
    assert observed(kind, txt.read_text()) == expected


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_has_fixtures(kind: str) -> None:
    folder = FIXTURES / kind
    found = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    assert len(found) >= MIN_CASES_PER_KIND, (
        f"{kind}: {len(found)} fixtures, need {MIN_CASES_PER_KIND}"
    )


def test_every_fixture_folder_is_a_kind() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()} - OTHER_FIXTURES
    assert folders <= set(KINDS), f"unknown fixture folders: {folders - set(KINDS)}"
