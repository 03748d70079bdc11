"""Start the lab on free loopback ports for the tests that need real SSH, and stop it after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmiptui.lab.faults import faults_by_router
from pmiptui.lab.runtime import Lab, LabOptions, LabThread
from pmiptui.lab.topology import load_topology

SMALL = 40


def start_lab(state_dir: Path, *, faults: list[str] = (), mobile_nodes: int = SMALL) -> LabThread:  # type: ignore[assignment]
    """A lab with the default topology on free ports."""
    options = LabOptions(
        port_base=0,
        state_dir=state_dir,
        bindings=mobile_nodes,
        seed=7,
        faults=faults_by_router(list(faults)),
    )
    thread = LabThread(load_topology(), options)
    thread.start()
    return thread


def device(lab: Lab, name: str, **extra: Any) -> dict[str, Any]:
    """Netmiko ConnectHandler arguments for one lab router."""
    return {
        "device_type": "cisco_xe",
        "host": "127.0.0.1",
        "port": lab.port(name),
        "username": "admin",
        "password": "admin",
        "secret": "admin",
        "fast_cli": False,
        "conn_timeout": 10,
        **extra,
    }


@pytest.fixture(scope="module")
def lab_thread(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabThread]:
    thread = start_lab(tmp_path_factory.mktemp("lab"))
    yield thread
    thread.stop()


@pytest.fixture(scope="module")
def lab(lab_thread: LabThread) -> Lab:
    return lab_thread.lab
