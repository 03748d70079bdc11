"""Shared fixtures: the seed folder's command index and guide text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.ios.conftest import index, seed_index_path

__all__ = ["guide_text", "index"]


@pytest.fixture(scope="session")
def guide_text() -> str:
    """The guide, lower case, tags stripped, whitespace collapsed; skips when absent."""
    path: Path = seed_index_path().parent / "pmipv6-configuration-guide-ios-xe-16.7.txt"
    if not path.is_file():
        pytest.skip(f"guide text not found at {path} (set PMIPTUI_SEED_DIR)")
    text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
    return " ".join(text.lower().split())
