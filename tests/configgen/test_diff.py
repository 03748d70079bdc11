"""Predicting a plan's running-config through the IOS model, and PMIPv6 section diffs."""

from __future__ import annotations

import pytest

from pmiptui.configgen.catalogue_domain import MAG_DOMAIN_MINIMUM
from pmiptui.configgen.diff import config_diff, normalize, pmipv6_section, predict
from pmiptui.configgen.plan import PlanLine, build_plan
from pmiptui.configgen.procedure import Procedure, Step
from pmiptui.errors import InputError
from pmiptui.ios.grammar_domain import AUTH_OPTION
from pmiptui.lab.configs import replay, startup_config
from pmiptui.lab.topology import load_topology

TOPOLOGY = load_topology()
MAG1 = startup_config(TOPOLOGY, TOPOLOGY.routers[1])
VALUES = {
    "domain-name": "D1",
    "lmas": [{"lma-id": "lmaX", "ipv6-address": "2001:db8::9"}],
    "nais": [{"user": "u1", "realm": "example.com", "lma-id": "lmaX", "service": "ipv6"}],
}
KEY = "Sup3rS3cret"
AUTH = Procedure(
    id="t-auth",
    title="auth",
    role="domain",
    chapter=0,
    steps=(
        Step(mode="config", syntax="ipv6 mobile pmipv6-domain <domain-name>"),
        Step(mode="config-ipv6-pmipv6-domain", syntax=AUTH_OPTION),
    ),
)


def _line(mode: str, text: str, after: str) -> PlanLine:
    return PlanLine(mode, text, text, after)


def test_predict_places_lines_in_their_blocks() -> None:
    after = predict(MAG1, build_plan(MAG_DOMAIN_MINIMUM, VALUES))
    section = pmipv6_section(after)
    assert " lma lmaX\n  ipv6-address 2001:DB8::9\n nai u1@example.com\n  lma lmaX\n" in section
    assert "  service ipv6" in section
    assert after.startswith("!\nhostname mag1") and after.endswith("end")


def test_predict_matches_typing_the_lines_into_the_router_model() -> None:
    plan = build_plan(MAG_DOMAIN_MINIMUM, VALUES)
    typed = replay([*_startup_lines(), *[line.text for line in plan]])
    assert predict(MAG1, plan) == typed


def _startup_lines() -> list[str]:
    from pmiptui.lab.configs import domain_lines, mag_lines

    mag = TOPOLOGY.routers[1]
    head = [f"hostname {mag.name}", "archive", "path bootflash:archive", "maximum 5", "exit"]
    return head + domain_lines(TOPOLOGY) + mag_lines(TOPOLOGY, mag)


def test_predict_accepts_the_banner_netmiko_returns() -> None:
    banner = f"Building configuration...\r\n\r\nCurrent configuration : 99 bytes\r\n{MAG1}"
    plan = build_plan(MAG_DOMAIN_MINIMUM, VALUES)
    assert predict(banner, plan) == predict(MAG1, plan)


def test_existing_setting_is_replaced_not_added() -> None:
    plan = [
        _line("config", "ipv6 mobile pmipv6-mag mag1 domain D1", "config-ipv6-pmipv6-mag"),
        _line("config-ipv6-pmipv6-mag", "binding lifetime 7200", "config-ipv6-pmipv6-mag"),
    ]
    diff = config_diff(MAG1, predict(MAG1, plan))
    assert diff.added == [" binding lifetime 7200"]
    assert diff.removed == [" binding lifetime 3600"]
    assert "- binding lifetime 3600\n+ binding lifetime 7200" in diff.unified
    assert diff.changed


def test_no_line_removes_the_block() -> None:
    plan = [
        _line("config", "ipv6 mobile pmipv6-domain D1", "config-ipv6-pmipv6-domain"),
        _line("config-ipv6-pmipv6-domain", "no nai @example.com", "config-ipv6-pmipv6-domain"),
    ]
    diff = config_diff(MAG1, predict(MAG1, plan))
    assert diff.removed == [" nai @example.com", "  lma lma1", "  service dual"]
    assert diff.added == []


def test_refused_line_is_an_input_error() -> None:
    plan = [_line("config", "ipv6 mobile pmipv6-nonsense", "config")]
    with pytest.raises(InputError, match=r"plan line 1 .* refused by the command model"):
        predict(MAG1, plan)


def test_unchanged_config_has_an_empty_diff() -> None:
    diff = config_diff(MAG1, MAG1)
    assert (diff.added, diff.removed, diff.unified, diff.changed) == ([], [], "", False)


def test_pmipv6_section_is_show_run_section_ipv6_mobile() -> None:
    section = pmipv6_section(MAG1)
    assert section.startswith("ipv6 mobile pmipv6-domain D1\n")
    assert "hostname" not in section and "archive" not in section
    assert pmipv6_section(section) == section  # an already sectioned text stays as it is


def test_diff_ignores_lines_outside_pmipv6() -> None:
    other = MAG1.replace("hostname mag1", "hostname renamed")
    assert not config_diff(MAG1, other).changed


def test_normalize_drops_header_timestamps_and_cr() -> None:
    raw = (
        "Building configuration...\r\n\r\nCurrent configuration : 120 bytes\r\n"
        "!\r\n! Last configuration change at 10:00:00 UTC Fri Nov 27 2026\r\n"
        "hostname mag1   \r\n!\r\nend\r\n\r\n"
    )
    assert normalize(raw) == "!\nhostname mag1\n!\nend"


def test_secrets_are_masked_in_every_form() -> None:
    plan = build_plan(AUTH, {"domain-name": "D1", "spi-hex-value": "100", "ascii-string": KEY})
    after = predict(MAG1, plan)
    assert f"key ascii {KEY}" in after  # the prediction itself is exact, for verification
    diff = config_diff(MAG1, after)
    assert diff.added == [" auth-option spi 100 key ascii ***"]
    assert KEY not in diff.unified and KEY not in repr(diff)
    removed = config_diff(after, MAG1)
    assert removed.removed == [" auth-option spi 100 key ascii ***"]
    assert KEY not in removed.unified
