"""`pmiptui show` names the router's IOS XE release, without disturbing JSON and CSV."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pytest

from pmiptui import cli
from pmiptui.model.poll import PollResult
from pmiptui.model.tunnels import Tunnel
from pmiptui.model.version import DeviceVersion

ASKED: list[list[str]] = []


def _fake_poller(version: DeviceVersion | None) -> type:
    class FakePoller:
        def __init__(self, *_args: Any, **_kwargs: Any) -> None:
            pass

        def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
            ASKED.append(list(kinds))
            return PollResult(
                router=router,
                started=0.0,
                finished=0.0,
                tunnels=[Tunnel(name="Tunnel0", peer_id="lma1", up=True)],
                version=version,
            )

        def close(self) -> None:
            pass

    return FakePoller


def show(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    version: DeviceVersion | None,
    *options: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr("pmiptui.device.poller.SshPoller", _fake_poller(version))
    monkeypatch.setattr("pmiptui.inventory.load_inventory", lambda _path: _Inventory())
    monkeypatch.setattr("pmiptui.console.with_host_keys", lambda targets, _keys: targets)
    ASKED.clear()
    code = cli.main(["show", "--inventory", "x.yaml", "mag1", "tunnels", *options])
    out, err = capsys.readouterr()
    return code, out, err


class _Inventory:
    def router(self, name: str) -> str:
        return name


CHECKED = DeviceVersion(release="16.07.01", platform="ASR1001-X")
NEWER = DeviceVersion(release="17.9.4", platform="ASR1001-X")


def test_the_table_starts_with_the_release(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = show(monkeypatch, capsys, CHECKED)
    assert code == 0, err
    assert out.splitlines()[0] == "IOS XE 16.07.01 on ASR1001-X"
    assert "Tunnel0" in out and err == ""
    assert ASKED == [["tunnels", "version"]]


@pytest.mark.parametrize("option", ["--json", "--csv"])
def test_json_and_csv_hold_only_the_records(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    code, out, err = show(monkeypatch, capsys, CHECKED, option)
    assert code == 0, err
    assert "IOS XE" not in out and err == ""
    if option == "--json":
        assert json.loads(out)[0]["name"] == "Tunnel0"


def test_an_unchecked_release_is_a_note_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = show(monkeypatch, capsys, NEWER, "--json")
    assert code == 0
    assert err == (
        "note: mag1 runs IOS XE 17.9.4; pmiptui's formats were checked against 16.7.x: "
        "parse drift is possible\n"
    )
    assert json.loads(out)[0]["name"] == "Tunnel0"


def test_no_version_no_header(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = show(monkeypatch, capsys, None)
    assert code == 0 and err == ""
    assert "IOS XE" not in out
