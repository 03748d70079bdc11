"""Fixtures for every test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def own_known_hosts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """pmiptui's known-hosts file, one per test: no test reads or writes the operator's."""
    path = tmp_path / "pmiptui_known_hosts"
    monkeypatch.setenv("PMIPTUI_KNOWN_HOSTS", str(path))
    return path


@pytest.fixture(autouse=True)
def no_remembered_secrets() -> None:
    """Each test starts with no secrets remembered by earlier tests in this process."""
    from pmiptui.redact import forget_secrets

    forget_secrets()
