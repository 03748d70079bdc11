"""`pmiptui show --strict` against the lab: exit 4 when a line of the output was not understood."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui import cli
from pmiptui.device.session import RouterSession
from pmiptui.lab.runtime import LabThread
from tests.lab.conftest import start_lab

pytestmark = pytest.mark.lab

ODD = "Odd \x1b]0;owned\x07 \u202e line: 1"
"""A line no template knows, with a terminal title sequence and a bidi override in it."""


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    state = tmp_path_factory.mktemp("show-strict")
    thread: LabThread = start_lab(state)
    yield thread.lab.write_inventory(state)
    thread.stop()


@pytest.fixture
def garbled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The binding table comes back with one line more than the lab printed."""
    show = RouterSession.show

    def with_odd_line(self: RouterSession, command: str, **kwargs: object) -> str:
        output = show(self, command, **kwargs)  # type: ignore[arg-type]
        return output + f"\n{ODD}\n" if command.endswith(" binding") else output

    monkeypatch.setattr(RouterSession, "show", with_odd_line)


def _show(inventory: Path, *args: str) -> list[str]:
    return ["show", "--inventory", str(inventory), "mag1", "bindings", "--json", *args]


def test_strict_exits_4_and_lists_the_lines_escaped(
    inventory: Path, garbled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(_show(inventory, "--strict")) == 4
    out, err = capsys.readouterr()
    assert '"nai": ' in out  # the records that parsed are still printed
    lines = err.splitlines()
    unparsed = [line for line in lines if line.startswith("unparsed line ")]
    assert len(unparsed) == 1
    assert "of show ipv6 mobile pmipv6 mag binding: Odd" in unparsed[0]
    assert "\x1b" not in err and "\u202e" not in err and "\\u202e" in unparsed[0]
    assert lines[-1] == "error: --strict: the output was not fully understood (see above)"


def test_without_strict_the_lines_are_listed_and_it_exits_0(
    inventory: Path, garbled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(_show(inventory)) == 0
    assert "unparsed line " in capsys.readouterr().err


def test_strict_exits_0_on_a_clean_output(
    inventory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(_show(inventory, "--strict")) == 0
    assert "unparsed" not in capsys.readouterr().err
