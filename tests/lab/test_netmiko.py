"""Unmodified Netmiko (cisco_xe) against the lab over real SSH: no mocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netmiko import BaseConnection, ConnectHandler, SSHDetect
from netmiko.exceptions import ConfigInvalidException

from pmiptui.ios.modes import CONFIG, is_config_mode
from pmiptui.lab.runtime import Lab
from pmiptui.parse import parse
from tests.guide_examples import PROCEDURES, Procedure
from tests.lab.conftest import device

IOS_ERRORS = r"% (Invalid input|Incomplete command|Ambiguous command)"
pytestmark = pytest.mark.lab


def test_sshdetect_answers_cisco_xe(lab: Lab) -> None:
    params = device(lab, "mag1", device_type="autodetect")
    assert SSHDetect(**params).autodetect() == "cisco_xe"


def test_prompts_enable_and_show_version(lab: Lab) -> None:
    with ConnectHandler(**device(lab, "lma1")) as conn:
        assert conn.find_prompt() == "lma1>"
        conn.enable()
        assert conn.find_prompt() == "lma1#"
        assert "Cisco IOS XE Software" in conn.send_command("show version")
        assert conn.send_command("sh run | i ^hostname").strip() == "hostname lma1"


@pytest.mark.parametrize(
    ("router", "kinds"),
    [
        ("lma1", ["lma-globals", "lma-bindings", "lma-stats", "lma-tunnel"]),
        ("mag1", ["mag-globals", "mag-bindings", "mag-stats", "mag-tunnel"]),
    ],
)
def test_every_show_command_parses(lab: Lab, router: str, kinds: list[str]) -> None:
    from pmiptui.parse.kinds import KINDS

    with ConnectHandler(**device(lab, router)) as conn:
        conn.enable()
        for kind in [*kinds, "running-config"]:
            output = conn.send_command(KINDS[kind].command, read_timeout=60)
            result = parse(kind, output)
            assert result.records, kind
            assert result.unparsed == [], (kind, result.unparsed[:3])
            assert result.warnings == [], (kind, result.warnings[:3])


def test_abbreviated_commands_work(lab: Lab) -> None:
    with ConnectHandler(**device(lab, "mag2")) as conn:
        conn.enable()
        out = conn.send_command("sh run | sec ipv6 mob")
        assert parse("running-config", out).record.mags[0].mag_id == "mag2"


@pytest.fixture(scope="module")
def scratch(lab: Lab) -> Iterator[BaseConnection]:
    """One privileged session with mag2, shared by the procedure tests."""
    with ConnectHandler(**device(lab, "mag2")) as conn:
        conn.enable()
        yield conn


@pytest.mark.parametrize("procedure", PROCEDURES, ids=lambda p: p.id)
def test_guide_examples_apply_cleanly(scratch: BaseConnection, procedure: Procedure) -> None:
    lines = [line for mode, line in procedure.lines if is_config_mode(mode) and line != "end"]
    output = scratch.send_config_set(lines, error_pattern=IOS_ERRORS)
    assert "% " not in output
    scratch.exit_config_mode()
    assert scratch.find_prompt() == "mag2#"


def test_invalid_line_raises_and_names_it(lab: Lab) -> None:
    with ConnectHandler(**device(lab, "mag1")) as conn:
        conn.enable()
        with pytest.raises(ConfigInvalidException, match="mobile-map M 256"):
            conn.send_config_set(
                ["ipv6 mobile pmipv6-domain D1", "mobile-map M 256"], error_pattern=IOS_ERRORS
            )
        conn.exit_config_mode()
        assert conn.check_config_mode() is False


def test_ios_error_texts(lab: Lab) -> None:
    with ConnectHandler(**device(lab, "mag1")) as conn:
        conn.enable()
        assert "% Incomplete command." in conn.send_command("show ipv6 mobile")
        assert "% Ambiguous command:" in conn.send_command("s")
        bad = conn.send_command("show ipv6 mobile pmipv6 mag mag1 nonsense")
        assert "% Invalid input detected at '^' marker." in bad
        assert CONFIG == "config"


def test_archive_revert_timer_and_configure_replace(lab: Lab) -> None:
    with ConnectHandler(**device(lab, "lma1")) as conn:
        conn.enable()
        before = conn.send_command("show running-config | section ipv6 mobile")
        conn.send_command("configure terminal revert timer 5", expect_string=r"\(config\)#")
        conn.send_config_set(
            ["ipv6 mobile pmipv6-lma lma1 domain D1", "bce maximum 10"], enter_config_mode=False
        )
        conn.exit_config_mode()
        assert "bce maximum 10" in conn.send_command("show running-config | section ipv6 mobile")
        assert "Rollback Confirmed Change timer" in conn.send_command("show archive")
        assert "Rollback Done" in conn.send_command("configure revert now")
        assert conn.send_command("show running-config | section ipv6 mobile") == before
        out = conn.send_command(
            "copy running-config bootflash:before.cfg", expect_string=r"Destination filename"
        )
        out += conn.send_command("\n", expect_string=r"#")
        assert "bytes copied" in out
        conn.send_config_set(["ipv6 mobile pmipv6-lma lma1 domain D1", "bce maximum 11"])
        assert "Rollback Done" in conn.send_command("configure replace bootflash:before.cfg force")
        assert conn.send_command("show running-config | section ipv6 mobile") == before
        assert "No Rollback Confirmed Change pending" in conn.send_command("configure confirm")
