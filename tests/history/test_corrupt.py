"""A history file that is not a usable database is set aside; the console starts regardless."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmiptui.errors import PmipError
from pmiptui.history.opening import OpenedHistory, open_history
from pmiptui.history.store import History

NOW = datetime(2026, 11, 30, 21, 40, 2, tzinfo=UTC).timestamp()
STAMP = "20261130T214002Z"


def _open(path: Path) -> OpenedHistory:
    return open_history(path, clock=lambda: NOW)


def _record(history: History, at: float = 10.0) -> None:
    history.record(
        "lma1", at=at, ok=True, error=None, latency_ms=1, summary={"n": 1}, bindings=None
    )


def _a_real_history(path: Path) -> None:
    history = History(path)
    for at in range(40):
        history.record(
            f"r{at % 4}",
            at=at,
            ok=True,
            error=None,
            latency_ms=1,
            summary={"x": "y" * 500},
            bindings=None,
        )
    history.close()


def _assert_fresh_and_set_aside(opened: OpenedHistory, path: Path, reason: str) -> Path:
    aside = path.with_name(f"{path.name}.corrupt-{STAMP}")
    assert opened.history is not None
    _record(opened.history)
    assert opened.history.routers() == ["lma1"]
    opened.history.close()
    assert opened.notice is not None
    message = opened.notice.message
    assert message == (
        f"history {path} could not be used ({reason}); it was moved to {aside} "
        "and a fresh history was started"
    )
    assert "\n" not in message and opened.notice.title == "History"
    return aside


def test_garbage_history_is_moved_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"this is not sqlite at all, just garbage bytes\x00\xff" * 100)
    opened = _open(path)
    aside = _assert_fresh_and_set_aside(opened, path, "file is not a database")
    assert aside.read_bytes().startswith(b"this is not sqlite")


def test_truncated_history_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    _a_real_history(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    aside = _assert_fresh_and_set_aside(_open(path), path, "database disk image is malformed")
    assert aside.stat().st_size == len(data) // 2


def test_directory_in_place_of_the_history_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.mkdir()
    (path / "inside").write_text("x")
    aside = _assert_fresh_and_set_aside(_open(path), path, "it is a directory")
    assert (aside / "inside").read_text() == "x"


def test_wrong_schema_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE polls (host TEXT, when_ REAL)")
        db.execute("INSERT INTO polls VALUES ('a', 1)")
    db.close()
    _assert_fresh_and_set_aside(
        _open(path), path, "table polls lacks columns router, at, ok, error, latency_ms, summary"
    )


def test_wal_and_shm_side_files_go_with_it(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"garbage" * 1000)
    Path(f"{path}-wal").write_bytes(b"old wal")
    Path(f"{path}-shm").write_bytes(b"old shm")
    aside = _assert_fresh_and_set_aside(_open(path), path, "file is not a database")
    assert Path(f"{aside}-wal").read_bytes() == b"old wal"
    assert Path(f"{aside}-shm").exists()  # SQLite's scratch index: its bytes are not kept


def test_an_earlier_set_aside_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    earlier = tmp_path / f"history.sqlite.corrupt-{STAMP}"
    earlier.write_bytes(b"first")
    path.write_bytes(b"second garbage" * 100)
    opened = _open(path)
    assert opened.history is not None
    opened.history.close()
    assert earlier.read_bytes() == b"first"
    [second] = [p for p in tmp_path.glob("history.sqlite.corrupt-*") if p != earlier]
    assert second.read_bytes().startswith(b"second garbage")
    assert opened.notice is not None and str(second) in opened.notice.message


def test_a_good_history_opens_without_notice_and_keeps_its_polls(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    _a_real_history(path)
    opened = _open(path)
    assert opened.notice is None and opened.history is not None
    assert opened.history.routers() == ["r0", "r1", "r2", "r3"]
    opened.history.close()
    assert list(tmp_path.glob("*.corrupt-*")) == []


def test_an_older_history_without_tunnels_is_migrated_not_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE polls (router TEXT NOT NULL, at REAL NOT NULL, ok INTEGER NOT NULL, "
            "error TEXT, latency_ms INTEGER, summary TEXT NOT NULL)"
        )
        db.execute("INSERT INTO polls VALUES ('old', 1, 1, NULL, 3, '{}')")
    db.close()
    opened = _open(path)
    assert opened.notice is None and opened.history is not None
    assert opened.history.routers() == ["old"]
    opened.history.close()


def test_no_history_when_a_fresh_one_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state folder should be")
    path = blocker / "history.sqlite"
    opened = _open(path)
    assert opened.history is None
    assert opened.notice is not None
    assert opened.notice.message.startswith(f"cannot create history {path} (")
    assert opened.notice.message.endswith("): running without history")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_corrupt_history_in_a_read_only_folder_runs_without_history(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "history.sqlite"
    path.write_bytes(b"garbage" * 100)
    folder.chmod(0o500)
    try:
        opened = _open(path)
    finally:
        folder.chmod(0o700)
    assert opened.history is None
    assert opened.notice is not None
    assert opened.notice.message.startswith(
        f"history {path} could not be used (file is not a database) and cannot be moved aside ("
    )
    assert opened.notice.message.endswith("): running without history")
    assert path.read_bytes() == b"garbage" * 100


def test_console_history_prints_the_notice_and_hands_it_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pmiptui.console import open_console_history

    path = tmp_path / "history.sqlite"
    path.write_bytes(b"garbage" * 100)
    history, notices = open_console_history(path)
    assert history is not None
    history.close()
    [notice] = notices
    assert isinstance(notice, PmipError)
    assert f"moved to {path}.corrupt-" in notice.message
    assert capsys.readouterr().err == f"warning: {notice.message}\n"


@pytest.mark.asyncio
async def test_console_starts_with_the_notice_shown() -> None:
    from tests.ui.conftest import make_app, settle
    from tests.ui.fake_poller import FakePoller

    fake = FakePoller(interval=60.0)
    notice = PmipError(
        "history /x could not be used (file is not a database); ...", title="History"
    )
    app = make_app(fake, notices=[notice])
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            [shown] = [n for n in app._notifications if n.title == "History"]
            assert shown.message == notice.message and shown.severity == "warning"
            assert app.routers  # the console runs as usual
    finally:
        fake.release()
