"""The config-tree reader gives the PmipConfig the TTP running-config template gave.

Its reference outputs were made by the TTP template + `build_config` it replaced: every
running-config fixture's .json, and `guide_procedure_configs.json` for the guide's 24
procedure blocks (typed into the IOS model, printed as running-config). The lab's startup
configs are read back to the instances they were generated from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pmiptui.ios import resolve
from pmiptui.ios.config_tree import apply, empty_tree, render_running_config
from pmiptui.ios.modes import Frame, ModeStack
from pmiptui.ios.pipes import section
from pmiptui.lab.configs import startup_config
from pmiptui.lab.topology import load_topology
from pmiptui.model.config import PmipConfig
from pmiptui.model.serialize import to_data
from pmiptui.parse.clean import clean_lines
from pmiptui.parse.config_reader import pmip_config, read_lines
from pmiptui.redact import mask_secrets
from tests.guide_examples import PROCEDURES, Procedure
from tests.parse.fixtures import FIXTURES

RUNNING = sorted((FIXTURES / "running-config").glob("*.txt"))
GUIDE = json.loads((Path(__file__).parent / "guide_procedure_configs.json").read_text())


def _rendered(proc: Procedure) -> str:
    tree = empty_tree()
    stack: ModeStack = (Frame(mode=proc.lines[0][0]),)
    for _mode, line in proc.lines:
        found = resolve(stack, line)
        tree, stack = apply(tree, stack, found)  # type: ignore[arg-type]
    return render_running_config(tree)


@pytest.mark.parametrize("txt", RUNNING, ids=lambda p: p.stem)
def test_reader_gives_each_fixtures_records_and_unparsed_lines(txt: Path) -> None:
    expected = json.loads(txt.with_suffix(".json").read_text())
    if "error" in expected:
        pytest.skip("an error fixture: the engine's checks, not the reader")
    lines = clean_lines(txt.read_text(), keep_indent=True)
    read = read_lines([line.text for line in lines])
    assert to_data([read.config]) == expected["records"]
    unknown = [[lines[i].number, mask_secrets(lines[i].text)] for i in read.unknown]
    assert unknown == expected["unparsed"]
    assert read.warnings == expected["warnings"]


@pytest.mark.parametrize("proc", PROCEDURES, ids=[p.id for p in PROCEDURES])
def test_reader_gives_each_guide_procedures_config(proc: Procedure) -> None:
    config = pmip_config(_rendered(proc))
    if proc.id not in GUIDE:  # lma-access-lists: no PMIPv6 line at all
        assert config == PmipConfig()
        return
    assert to_data(config) == GUIDE[proc.id]


def test_guide_snapshot_covers_every_procedure_with_pmipv6_lines() -> None:
    assert set(GUIDE) == {p.id for p in PROCEDURES} - {"lma-access-lists"}


def test_reader_reads_back_each_lab_router() -> None:
    topology = load_topology(None)
    for router in topology.routers:
        text = startup_config(topology, router)
        config = pmip_config(section(text, "ipv6 mobile"))
        assert pmip_config(text) == config  # other sections are not PMIPv6 config
        own: list[Any] = config.mags if router.role == "mag" else config.lmas
        ids = [getattr(i, f"{router.role}_id") for i in own]
        assert ids == [router.id]
        assert config.domains and not read_lines(section(text, "ipv6 mobile").splitlines()).unknown


def test_nothing_to_read_is_an_empty_config() -> None:
    assert pmip_config("") == PmipConfig()
    assert pmip_config("hostname r1\n!\nend\n") == PmipConfig()
