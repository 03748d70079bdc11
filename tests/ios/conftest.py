"""Shared fixtures: the checked command index from the seed folder beside the clone."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml


def seed_index_path() -> Path:
    """``$PMIPTUI_SEED_DIR/commands.yaml``, else ``../shared/seed/commands.yaml`` from the repo."""
    env = os.environ.get("PMIPTUI_SEED_DIR")
    if env:
        return Path(env) / "commands.yaml"
    return Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "commands.yaml"


@pytest.fixture(scope="session")
def index() -> dict[str, Any]:
    """The parsed command index; skips the test when the seed file is absent."""
    path = seed_index_path()
    if not path.is_file():
        pytest.skip(f"command index not found at {path} (set PMIPTUI_SEED_DIR)")
    return yaml.safe_load(path.read_text(encoding="utf-8"))
