"""History, exports, the audit log and the state folder are private whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui.audit import AuditRecord, write_audit
from pmiptui.history.opening import open_history
from pmiptui.history.store import History
from pmiptui.private_files import private_dir, write_private_text
from pmiptui.ui.export_file import ExportRequest, write_export


@pytest.fixture(params=[0o022, 0o000, 0o277], ids=["umask022", "umask000", "umask277"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under a usual, an open and an odd umask (one that drops owner write)."""
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_history_and_its_side_files_are_0600_in_a_0700_state_dir(
    tmp_path: Path, umask: int
) -> None:
    state = tmp_path / ".local" / "state" / "pmiptui"
    path = state / "history.sqlite"
    history = History(path)
    history.record("lma1", at=1.0, ok=True, error=None, latency_ms=1, summary={}, bindings=[])
    assert history.routers() == ["lma1"]
    for side in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert side.exists() and _mode(side) == 0o600, side
    for folder in (state, state.parent, state.parent.parent):
        assert _mode(folder) == 0o700, folder
    history.close()


def test_an_existing_world_readable_history_is_made_private(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "history.sqlite"
    History(path).close()
    path.chmod(0o644)
    opened = open_history(path)
    assert opened.history is not None
    opened.history.close()
    assert _mode(path) == 0o600


def test_a_fresh_history_after_a_corrupt_one_is_private(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"garbage" * 100)
    opened = open_history(path)
    assert opened.history is not None and opened.notice is not None
    opened.history.record("a", at=1.0, ok=True, error=None, latency_ms=1, summary={}, bindings=[])
    opened.history.routers()
    assert _mode(path) == 0o600 and _mode(Path(f"{path}-wal")) == 0o600
    opened.history.close()


def test_exports_are_0600(tmp_path: Path, umask: int) -> None:
    request = ExportRequest("lma1", "bindings", "csv", lambda: [])
    path = write_export(tmp_path, request, 1_700_000_000.0)
    assert _mode(path) == 0o600
    path.chmod(0o644)
    assert write_export(tmp_path, request, 1_700_000_000.0) == path
    assert _mode(path) == 0o600


def test_audit_log_and_its_folder_are_private(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "state" / "audit.jsonl"
    write_audit(AuditRecord(router="mag1", procedure="p", result="applied"), path)
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700


def test_helpers_create_private_and_leave_existing_folders_alone(
    tmp_path: Path, umask: int
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    made = private_dir(shared / "a" / "b")
    assert made == shared / "a" / "b"
    assert _mode(shared) == 0o755
    assert _mode(shared / "a") == 0o700 and _mode(shared / "a" / "b") == 0o700
    target = made / "f.txt"
    write_private_text(target, "one")
    write_private_text(target, "two")
    assert target.read_text() == "two" and _mode(target) == 0o600


def test_writing_never_follows_a_planted_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "export.csv"
    link.symlink_to(victim)
    with pytest.raises(OSError):
        write_private_text(link, "overwrite")
    assert victim.read_text() == "keep"


def test_the_console_state_folder_is_made_private_even_when_it_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmiptui import console

    state = tmp_path / "state" / "pmiptui"
    state.mkdir(parents=True)
    state.chmod(0o755)
    monkeypatch.setattr(console, "STATE_DIR", state)
    history, notices = console.open_console_history()
    assert history is not None and notices == []
    history.close()
    assert _mode(state) == 0o700 and _mode(state / "history.sqlite") == 0o600
    assert _mode(state.parent) == 0o755
