"""`pmiptui config apply` end to end against the lab: exit codes, output, audit log."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from pmiptui.config_cli import add_config_parser
from pmiptui.configgen.procedure import Procedure, Step
from pmiptui.errors import PmipError
from pmiptui.ios.grammar_domain import AUTH_OPTION
from pmiptui.lab.runtime import LabThread
from tests.device.conftest import MINIMUM_VALUES

pytestmark = [pytest.mark.lab, pytest.mark.usefixtures("pristine")]

KEY = "Sup3rS3cretKey"
AUTH = Procedure(
    id="test-domain-auth",
    title="Domain authentication",
    role="domain",
    chapter=0,
    steps=(
        Step(mode="config", syntax="ipv6 mobile pmipv6-domain <domain-name>"),
        Step(mode="config-ipv6-pmipv6-domain", syntax=AUTH_OPTION),
    ),
)


def run(argv: list[str]) -> int:
    """Parse and run like `pmiptui config …`: PmipError becomes `error: …` and its exit code."""
    parser = argparse.ArgumentParser(prog="pmiptui")
    config = parser.add_subparsers().add_parser("config")
    add_config_parser(config.add_subparsers())
    args = parser.parse_args(["config", *argv])
    try:
        return args.handler(args)
    except PmipError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return error.exit_code


@pytest.fixture
def inventory_file(pristine: LabThread, tmp_path: Path) -> Path:
    return pristine.lab.write_inventory(tmp_path)


def _values(tmp_path: Path, values: dict[str, object]) -> str:
    path = tmp_path / "values.yaml"
    path.write_text(yaml.safe_dump(values))
    return str(path)


def _apply(inventory: Path, router: str, values: str, *extra: str) -> int:
    return run(
        [
            "apply",
            "--inventory",
            str(inventory),
            router,
            "mag-domain-minimum",
            "--values",
            values,
            *extra,
        ]
    )


def _audit(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_dry_run_shows_the_diff_and_sends_nothing(
    pristine: LabThread,
    inventory_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    audit_log: Path,
) -> None:
    router = pristine.lab.routers["mag1"]
    before = pristine.call(router.running_text)
    code = _apply(inventory_file, "mag1", _values(tmp_path, MINIMUM_VALUES), "--dry-run")
    out = capsys.readouterr().out
    assert code == 0
    assert "+ lma lmaX" in out and "+  ipv6-address 2001:DB8::9" in out
    assert "dry run: nothing was sent" in out
    assert not any(e.line.startswith("configure") for e in router.log)
    assert pristine.call(router.running_text) == before
    assert not audit_log.exists()


def test_invalid_values_list_every_error_and_never_connect(
    pristine: LabThread, inventory_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    router = pristine.lab.routers["mag1"]
    sessions, logged = router.sessions.opened, len(router.log)
    bad = {
        "domain-name": "D1",
        "lmas": [{"lma-id": "lmaX", "ipv6-address": "not-an-address"}],
        "nais": [{"realm": "example.com", "lma-id": "lmaX", "service": "triple"}],
    }
    code = _apply(inventory_file, "mag1", _values(tmp_path, bad), "--yes")
    err = capsys.readouterr().err
    assert code == 2
    assert "lmas[1].ipv6-address" in err and "nais[1].service" in err
    assert "nothing was sent" in err
    assert (router.sessions.opened, len(router.log)) == (sessions, logged)


def test_typed_confirmation_must_name_the_router(
    pristine: LabThread,
    inventory_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("mag2\n"))
    code = _apply(inventory_file, "mag1", _values(tmp_path, MINIMUM_VALUES))
    out = capsys.readouterr().out
    assert code == 1
    assert "Type the router name (mag1) to apply:" in out
    assert not any(e.line.startswith("configure") for e in pristine.lab.routers["mag1"].log)


def test_applied_exits_0_verifies_saves_and_audits(
    pristine: LabThread,
    inventory_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    audit_log: Path,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("mag1\n"))
    code = _apply(
        inventory_file, "mag1", _values(tmp_path, MINIMUM_VALUES), "--save", "--ticket", "CHG-42"
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "read-back: PMIPv6 configuration exactly as predicted" in out
    assert "saved: write memory [OK]" in out
    startup = pristine.call(lambda: pristine.lab.routers["mag1"].files["nvram:startup-config"])
    assert "nai u1@example.com" in startup
    (record,) = _audit(audit_log)
    assert record["result"] == "applied" and record["ticket"] == "CHG-42"
    assert record["router"] == "mag1" and record["procedure"] == "mag-domain-minimum"
    assert record["saved"] is True and record["operator"]
    assert str(record["time"]).endswith("+00:00")


def test_rejected_exits_5_with_line_and_router_message(
    pristine: LabThread,
    inventory_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    audit_log: Path,
) -> None:
    router = pristine.lab.routers["mag2"]
    before = pristine.call(router.running_text)
    code = _apply(inventory_file, "mag2", _values(tmp_path, MINIMUM_VALUES), "--yes", "--save")
    err = capsys.readouterr().err
    assert code == 5
    assert "REJECTED at line 7 (service dual): % Invalid input detected" in err
    assert pristine.call(router.running_text) == before
    (record,) = _audit(audit_log)
    assert record["result"] == "rejected_rolled_back"
    assert record["failed_line"] == "7: service dual"
    assert record["saved"] is False


def test_unreachable_router_exits_6(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text(
        "gone:\n  device_type: cisco_xe\n  host: 127.0.0.1\n  port: 1\n"
        "  username: admin\n  password: admin\n  secret: admin\n  role: mag\n"
    )
    code = run(
        [
            "apply",
            "--inventory",
            str(inventory),
            "gone",
            "mag-domain-minimum",
            "--values",
            _values(tmp_path, MINIMUM_VALUES),
            "--yes",
        ]
    )
    err = capsys.readouterr().err
    assert code == 6
    assert err.strip() == "error: cannot reach gone at 127.0.0.1:1: connection refused"


def test_unknown_router_exits_2_listing_names(
    inventory_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _apply(inventory_file, "mag9", _values(tmp_path, MINIMUM_VALUES), "--yes")
    err = capsys.readouterr().err
    assert code == 2
    assert "lma1, mag1, mag2" in err


def test_secrets_never_reach_screen_or_audit_log(
    pristine: LabThread,
    inventory_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    audit_log: Path,
) -> None:
    import pmiptui.config_cli

    monkeypatch.setattr(pmiptui.config_cli, "find_procedure", lambda _id: AUTH)
    values = _values(tmp_path, {"domain-name": "D1", "spi-hex-value": "100", "ascii-string": KEY})
    code = run(
        ["apply", "--inventory", str(inventory_file), "mag1", AUTH.id, "--values", values, "--yes"]
    )
    captured = capsys.readouterr()
    assert code == 0, captured
    assert "auth-option spi 100 key ascii ***" in captured.out
    assert KEY not in captured.out + captured.err
    text = audit_log.read_text()
    assert KEY not in text
    assert "key ascii ***" in text
    router = pristine.lab.routers["mag1"]
    assert KEY in pristine.call(router.running_text)  # it did reach the router
    assert not any(KEY in e.line for e in router.log)


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["apply", "--help"])
    out = capsys.readouterr().out
    for code in ("0", "2", "5", "6", "7"):
        assert f"\n  {code}  " in out
