"""Labs and inventory targets for the apply tests (real SSH, unmodified Netmiko)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui.configgen.catalogue_domain import MAG_DOMAIN_MINIMUM
from pmiptui.configgen.plan import PlanLine, build_plan
from pmiptui.inventory import Inventory, load_inventory
from pmiptui.lab.runtime import LabThread
from tests.lab.conftest import start_lab

MINIMUM_VALUES = {
    "domain-name": "D1",
    "lmas": [{"lma-id": "lmaX", "ipv6-address": "2001:db8::9"}],
    "nais": [{"user": "u1", "realm": "example.com", "lma-id": "lmaX", "service": "dual"}],
}
"""Adds an LMA and a mobile node to the lab's domain D1: seven lines, `service dual` last."""


def minimum_plan() -> list[PlanLine]:
    """The plan the tests apply: MAG_DOMAIN_MINIMUM with MINIMUM_VALUES."""
    return build_plan(MAG_DOMAIN_MINIMUM, MINIMUM_VALUES)


@pytest.fixture(scope="module")
def lab_thread(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabThread]:
    """mag1 accepts everything; mag2 refuses any `service` line."""
    thread = start_lab(tmp_path_factory.mktemp("lab"), faults=["mag2:reject-config=^service"])
    yield thread
    thread.stop()


@pytest.fixture(scope="module")
def inventory(lab_thread: LabThread, tmp_path_factory: pytest.TempPathFactory) -> Inventory:
    """The inventory the lab writes, as `pmiptui lab` does."""
    folder: Path = tmp_path_factory.mktemp("inventory")
    return load_inventory(lab_thread.lab.write_inventory(folder))


@pytest.fixture(autouse=True)
def audit_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's audit records in its own file."""
    path = tmp_path / "audit.jsonl"
    monkeypatch.setenv("PMIPTUI_AUDIT_LOG", str(path))
    return path


@pytest.fixture
def pristine(lab_thread: LabThread) -> Iterator[LabThread]:
    """Give the test the lab as it is, and put every router's config back afterwards."""
    routers = lab_thread.lab.routers
    saved = lab_thread.call(
        lambda: {name: (r.running, dict(r.files)) for name, r in routers.items()}
    )
    yield lab_thread

    def restore() -> None:
        for name, (running, files) in saved.items():  # type: ignore[union-attr]
            routers[name].cancel_revert()
            routers[name].set_running(running)
            routers[name].files = files

    lab_thread.call(restore)
