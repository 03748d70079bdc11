"""`SshConfigurator` against the lab: own sessions, apply + verify + audit, rollback, save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmiptui.configgen.plan import build_plan
from pmiptui.device.configurator import SshConfigurator
from pmiptui.errors import ConnectFailed
from pmiptui.inventory import Inventory, RouterTarget
from pmiptui.lab.runtime import LabThread
from pmiptui.model.change import ApplyProgress, ChangeStatus
from pmiptui.redact import Secret
from tests.device.conftest import minimum_plan
from tests.device.test_config_cli import AUTH, KEY

pytestmark = [pytest.mark.lab, pytest.mark.usefixtures("pristine")]


@pytest.fixture
def configurator(inventory: Inventory) -> SshConfigurator:
    return SshConfigurator({name: inventory.router(name) for name in inventory.names})


def _audit(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_running_config_is_read_on_a_fresh_session(
    pristine: LabThread, configurator: SshConfigurator
) -> None:
    router = pristine.lab.routers["mag1"]
    sessions = router.sessions.opened
    text = configurator.running_config("mag1")
    assert "ipv6 mobile pmipv6-mag" in text
    assert "Building configuration" not in text
    assert router.sessions.opened == sessions + 1


def test_applied_verified_audited_and_saved_separately(
    pristine: LabThread, configurator: SshConfigurator, audit_log: Path
) -> None:
    seen: list[ApplyProgress] = []
    plan = minimum_plan()
    outcome = configurator.apply(
        "mag1", "mag-domain-minimum", plan, ticket="CHG-7", on_line=seen.append
    )
    assert outcome.status is ChangeStatus.APPLIED, outcome
    assert outcome.verified is True and outcome.can_save
    assert outcome.failed_line is None and outcome.missing_lines == ()
    assert "+ lma lmaX" in outcome.diff_unified
    assert "exactly as predicted" in outcome.verification_summary
    numbered = [(p.number, p.total, p.text) for p in seen if p.number is not None]
    assert numbered == [(n, len(plan), line.shown) for n, line in enumerate(plan, start=1)]
    assert any(p.number is None and "verifying" in p.text for p in seen)
    running = pristine.call(pristine.lab.routers["mag1"].running_text)
    assert "nai u1@example.com" in running
    startup = pristine.call(lambda: pristine.lab.routers["mag1"].files.get("nvram:startup-config"))
    assert "nai u1@example.com" not in (startup or "")  # apply never saves
    (record,) = _audit(audit_log)
    assert record["result"] == "applied" and record["ticket"] == "CHG-7"
    assert record["saved"] is False

    answer = configurator.save("mag1")
    assert "[OK]" in answer
    startup = pristine.call(lambda: pristine.lab.routers["mag1"].files["nvram:startup-config"])
    assert "nai u1@example.com" in startup
    saved = _audit(audit_log)[-1]
    assert saved["procedure"] == "write memory" and saved["result"] == "saved"

    again = configurator.apply("mag1", "mag-domain-minimum", plan)
    assert again.status is ChangeStatus.NO_CHANGE


def test_rejected_line_rolls_back(
    pristine: LabThread, configurator: SshConfigurator, audit_log: Path
) -> None:
    router = pristine.lab.routers["mag2"]
    before = pristine.call(router.running_text)
    outcome = configurator.apply("mag2", "mag-domain-minimum", minimum_plan())
    assert outcome.status is ChangeStatus.REJECTED_ROLLED_BACK
    assert outcome.failed_line == "7: service dual"
    assert "% Invalid input detected" in outcome.router_message
    assert "identical to the snapshot" in outcome.verification_summary
    assert not outcome.can_save and outcome.verified is None
    assert pristine.call(router.running_text) == before
    (record,) = _audit(audit_log)
    assert record["result"] == "rejected_rolled_back"
    assert record["failed_line"] == "7: service dual"


def test_secrets_never_leave_masked(
    pristine: LabThread, configurator: SshConfigurator, audit_log: Path
) -> None:
    plan = build_plan(AUTH, {"domain-name": "D1", "spi-hex-value": "100", "ascii-string": KEY})
    seen: list[ApplyProgress] = []
    outcome = configurator.apply("mag1", AUTH.id, plan, on_line=seen.append)
    assert outcome.status is ChangeStatus.APPLIED, outcome
    assert KEY in pristine.call(pristine.lab.routers["mag1"].running_text)
    shown = repr(outcome) + repr(seen) + audit_log.read_text()
    shown += configurator.running_config("mag1")
    assert KEY not in shown
    assert "key ascii ***" in outcome.diff_unified


def test_unreachable_router_raises_before_anything_changes(audit_log: Path) -> None:
    gone = RouterTarget(
        name="gone",
        host="127.0.0.1",
        port=1,
        username="admin",
        password=Secret("admin"),
        secret=Secret("admin"),
    )
    configurator = SshConfigurator({"gone": gone})
    with pytest.raises(ConnectFailed):
        configurator.apply("gone", "mag-domain-minimum", minimum_plan())
    assert not audit_log.exists()
