"""Every procedure of the catalogue applies cleanly to the lab, and reads back as predicted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from pmiptui.configgen.catalogue import CATALOGUE
from pmiptui.configgen.diff import predict
from pmiptui.configgen.plan import build_plan
from pmiptui.device.apply import Status, apply_plan, read_running
from pmiptui.device.session import RouterSession
from pmiptui.device.verify import verify_change
from pmiptui.inventory import load_inventory
from pmiptui.lab.runtime import LabThread
from tests.lab.conftest import start_lab

VALUES = Path(__file__).resolve().parent.parent / "fixtures" / "procedures"
ROUTER_FOR_ROLE = {"lma": "lma1", "mag": "mag1", "domain": "mag2", "both": "mag2"}
pytestmark = pytest.mark.lab


def _cases() -> list[tuple[str, Path]]:
    return [
        (path.stem.rsplit("-", 1)[0] if path.stem not in CATALOGUE else path.stem, path)
        for path in sorted(VALUES.glob("*.yaml"))
    ]


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, RouterSession]]:
    folder = tmp_path_factory.mktemp("every")
    thread: LabThread = start_lab(folder, mobile_nodes=10)
    inventory = load_inventory(thread.lab.write_inventory(folder))
    opened = {name: RouterSession(inventory.router(name)).open() for name in inventory.names}
    yield opened
    for session in opened.values():
        session.close()
    thread.stop()


@pytest.mark.parametrize(
    ("procedure_id", "values_file"), _cases(), ids=lambda v: getattr(v, "stem", v)
)
def test_procedure_applies_and_reads_back(
    sessions: dict[str, RouterSession], procedure_id: str, values_file: Path
) -> None:
    procedure = CATALOGUE[procedure_id]
    plan = build_plan(procedure, yaml.safe_load(values_file.read_text()))
    session = sessions[ROUTER_FOR_ROLE[procedure.role]]
    before = read_running(session)
    result = apply_plan(session, plan)
    assert result.status is Status.APPLIED, (result.failed_line, result.router_message)
    check = verify_change(
        session,
        plan,
        before=before,
        predicted=predict(before, plan),
        globals_before="",
        role=None,
    )
    assert check.passed, check.mismatch.unified
