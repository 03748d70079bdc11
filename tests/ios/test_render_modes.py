"""Rendering from wizard values, prompts, and the package's import footprint."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pmiptui.ios import find, prompt, render
from pmiptui.ios.commands import commands_in
from pmiptui.ios.render import MissingValue

DOMAIN = "config-ipv6-pmipv6-domain"


def test_render_from_wizard_values() -> None:
    auth = find(DOMAIN, commands_in(DOMAIN)[1].syntax)
    assert auth.secret_params == {"ascii-string", "hex-string"}
    values: dict[str, str | int | bool] = {"spi-decimal-value": 258, "hex-string": "BDF"}
    assert render(auth, values) == "auth-option spi decimal 258 key hex BDF"
    assert render(auth, values, redact=True) == "auth-option spi decimal 258 key hex *****"
    heartbeat = find(
        "config-ipv6-pmipv6-lma",
        "heartbeat [interval <interval> retries <retries> [label <label>] [natreboot]]",
    )
    assert render(heartbeat, {}) == "heartbeat"
    assert render(heartbeat, {"interval": 5, "retries": 2}, negated=True) == (
        "no heartbeat interval 5 retries 2"
    )
    assert render(heartbeat, {"interval": 5, "retries": 2, "natreboot": True}) == (
        "heartbeat interval 5 retries 2 natreboot"
    )
    assert render(heartbeat, {}, negated=True) == "no heartbeat"
    encap = find(DOMAIN, "encap {gre-ipv4 | ipv6-in-ipv6 | udptunnel}")
    assert render(encap, {"encap": "udptunnel"}) == "encap udptunnel"
    nai = find(DOMAIN, "nai [<user>]@<realm>")
    assert render(nai, {"user": "u", "realm": "r.com"}) == "nai u@r.com"
    iface = find("config-ipv6-pmipv6-mag", "interface <type> <number>")
    assert render(iface, {"type": "GigabitEthernet", "number": "0/0/1"}) == (
        "interface GigabitEthernet0/0/1"
    )


def test_render_refuses_missing_values() -> None:
    mobile_map = find(DOMAIN, "mobile-map <map-name> <sequence-number>")
    with pytest.raises(MissingValue, match="sequence-number"):
        render(mobile_map, {"map-name": "M"})
    encap = find(DOMAIN, "encap {gre-ipv4 | ipv6-in-ipv6 | udptunnel}")
    with pytest.raises(MissingValue, match="encap"):
        render(encap, {})


def test_prompts() -> None:
    assert prompt("lma1", "config-ipv6-pmipv6-lma") == "lma1(config-ipv6-pmipv6-lma)#"
    assert prompt("lma1", "config-ipv6-pmipv6lma-network") == "lma1(config-ipv6-pmipv6lma-network)#"
    assert prompt("lma1", "privileged-exec") == "lma1#"
    assert prompt("lma1", "user-exec") == "lma1>"
    with pytest.raises(KeyError):
        prompt("lma1", "config-nope")


def test_every_mode_has_commands_and_exit() -> None:
    from pmiptui.ios.modes import MODES

    for name, mode in MODES.items():
        specs = commands_in(name)
        assert specs, name
        if not mode.is_exec:
            assert any(s.syntax == "exit" for s in specs)


def test_model_imports_no_ui_or_device_libraries() -> None:
    code = (
        "import sys, pmiptui.ios\n"
        "bad = [m for m in ('textual', 'netmiko', 'ttp', 'asyncssh') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
