"""`show ipv6 mobile pmipv6 {mag|lma} binding | include ^Total` over real SSH and Netmiko.

The poller reads binding counts this way: the output must be the header line alone, with
the same count the full binding output announces and prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from netmiko import BaseConnection, ConnectHandler

from pmiptui.lab.runtime import Lab, LabThread
from pmiptui.parse import parse
from pmiptui.parse.kinds import KINDS
from tests.lab.conftest import device, start_lab

pytestmark = pytest.mark.lab
ATTEMPTS = 10
"""Mobility moves nodes every second: retry until two full outputs around the count agree."""


def _full_count(conn: BaseConnection, role: str) -> int:
    output = conn.send_command(KINDS[f"{role}-bindings"].command, read_timeout=60)
    return len(parse(f"{role}-bindings", output).records)


def _assert_header_only(conn: BaseConnection, role: str, command: str) -> None:
    for _ in range(ATTEMPTS):
        before = _full_count(conn, role)
        output = conn.send_command(command)
        after = _full_count(conn, role)
        if before == after:
            break
    else:
        pytest.fail(f"{role}: the binding count never held still for three commands")
    assert output.splitlines() == [f"Total {role.upper()} bindings : {before}"], output
    assert parse(f"{role}-binding-total", output).records == [before]


@pytest.mark.parametrize(("router", "role"), [("mag1", "mag"), ("lma1", "lma")])
@pytest.mark.parametrize("pipe", ["| include ^Total", "| include Total", "| i ^Total"])
def test_include_total_prints_the_header_alone(lab: Lab, router: str, role: str, pipe: str) -> None:
    with ConnectHandler(**device(lab, router)) as conn:
        conn.enable()
        assert _full_count(conn, role) > 0
        _assert_header_only(conn, role, f"show ipv6 mobile pmipv6 {role} binding {pipe}")


def test_kind_commands_are_the_include_total_commands() -> None:
    for role in ("mag", "lma"):
        expected = f"show ipv6 mobile pmipv6 {role} binding | include ^Total"
        assert KINDS[f"{role}-binding-total"].command == expected


@pytest.fixture(scope="module")
def empty_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabThread]:
    thread = start_lab(Path(tmp_path_factory.mktemp("empty")), mobile_nodes=0)
    yield thread
    thread.stop()


@pytest.mark.parametrize(("router", "role"), [("mag1", "mag"), ("lma1", "lma")])
def test_no_bindings_gives_a_zero_count(empty_lab: LabThread, router: str, role: str) -> None:
    with ConnectHandler(**device(empty_lab.lab, router)) as conn:
        conn.enable()
        output = conn.send_command(KINDS[f"{role}-binding-total"].command)
        assert output.splitlines() == [f"Total {role.upper()} bindings : 0"]
        assert parse(f"{role}-binding-total", output).records == [0]
