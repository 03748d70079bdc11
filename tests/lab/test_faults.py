"""Each lab fault kind, as Netmiko sees it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from netmiko import ConnectHandler
from netmiko.exceptions import (
    ConfigInvalidException,
    NetmikoAuthenticationException,
    NetmikoTimeoutException,
    ReadException,
    ReadTimeout,
)

from pmiptui.lab.runtime import Lab, LabThread
from tests.lab.conftest import device, start_lab

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    thread: LabThread = start_lab(
        tmp_path_factory.mktemp("faulty"),
        faults=["lma1:delay=400", "mag1:auth-fail", "mag2:reject-config=encap"],
    )
    yield thread.lab
    thread.stop()


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    thread: LabThread = start_lab(
        tmp_path_factory.mktemp("broken"),
        faults=["lma1:drop-after=700", "mag1:trickle", "mag2:hang"],
    )
    yield thread.lab
    thread.stop()


def test_delay_slows_every_answer(faulty: Lab) -> None:
    with ConnectHandler(**device(faulty, "lma1")) as conn:
        conn.enable()
        started = time.monotonic()
        conn.send_command("show clock")
        assert time.monotonic() - started >= 0.4


def test_auth_fail_is_an_authentication_error(faulty: Lab) -> None:
    with pytest.raises(NetmikoAuthenticationException):
        ConnectHandler(**device(faulty, "mag1"))


def test_reject_config_refuses_matching_lines(faulty: Lab) -> None:
    with ConnectHandler(**device(faulty, "mag2")) as conn:
        conn.enable()
        with pytest.raises(ConfigInvalidException, match="encap gre-ipv4"):
            conn.send_config_set(
                ["ipv6 mobile pmipv6-domain D1", "encap gre-ipv4"],
                error_pattern=r"% Invalid input",
            )
        conn.exit_config_mode()
        assert "encap gre-ipv4" not in conn.send_command("show running-config | section domain")


def test_drop_after_cuts_the_connection_mid_output(broken: Lab) -> None:
    with ConnectHandler(**device(broken, "lma1")) as conn:
        conn.enable()
        with pytest.raises((ReadTimeout, ReadException, OSError, EOFError)):
            conn.send_command("show running-config", read_timeout=5)


def test_trickle_still_delivers_everything_slowly(broken: Lab) -> None:
    with ConnectHandler(**device(broken, "mag1")) as conn:
        conn.enable()
        started = time.monotonic()
        text = conn.send_command("show version", read_timeout=30)
        assert "Configuration register is 0x2102" in text
        assert time.monotonic() - started > 0.1


def test_hang_stops_answering_after_login(broken: Lab) -> None:
    with pytest.raises((NetmikoTimeoutException, ReadTimeout, OSError)):
        ConnectHandler(**device(broken, "mag2", conn_timeout=5, read_timeout_override=3))


def test_saved_config_survives_a_restart(tmp_path: Path) -> None:
    thread = start_lab(tmp_path)
    try:
        with ConnectHandler(**device(thread.lab, "mag1")) as conn:
            conn.enable()
            conn.send_config_set(["ipv6 mobile pmipv6-mag mag1 domain D1", "binding maximum 77"])
            assert "[OK]" in conn.save_config()
    finally:
        thread.stop()
    again = start_lab(tmp_path)
    try:
        with ConnectHandler(**device(again.lab, "mag1")) as conn:
            conn.enable()
            assert "binding maximum 77" in conn.send_command("show running-config")
    finally:
        again.stop()
