"""Golden tests: each procedure, given the guide's example values, renders the example block.

The example side is `tests.guide_examples.BY_ID[id].lines`, read through the IOS model
(`parse_line(mode, line).line`), so both sides use the model's canonical text: compressed
upper-case IPv6, joined interface names, expanded interface types. Exec lines (`enable`,
`configure terminal`, `show ...`) and `end` are dropped; a `configure terminal` after the
first starts a new block, matched by `<id>-<n>.yaml`. `exit`s at the very end of a block are
ignored, since a plan ends with `end`.

The example blocks these tests rely on carry the following typo fixes from ERRATA.md:

- E06, E07: the detailed domain's MN block ends without `exit`; steps 15-18 are a second MAG.
- E09, E20, E21, E23: `exit`s the guide leaves out before a command of a parent mode.
- E10, E11, E13, E16, E51, E53, E54, E55: prompts that name the wrong or a misspelt mode.
- E12, E28: `pool ... pfxlen 24` (not the literal `number`; `pfxlen`, not `pxlen`).
- E14: `ipv6 mobile pmipv6-lma` for the tunnel ACL procedure.
- E15: the ACL entry typed in ACL mode, followed by its `exit`.
- E17, E18: LMA/MAG `mobile-map <map-name>` without a sequence number, entering no mode.
- E22: `exit` from `address dynamic` returns to MAG mode.
- E26: `encap gre-ipv4` (not `gre-ipv4`).
- E27: `l2-addr` (not `12-addr`).
- E29: `configure terminal` (not `configuration terminal` or `configure`).
- E30: `encap udptunnel` (not `encaps`).
- E31: `ipv6 mobile pmipv6-mag` (not `pmipv6-ma`).
- E32: `network example1` (not `network-name example1`).
- E35: link labels as separate words (`lte_intf 3g_intf`).
- E38: `heartbeat ... label label1 natreboot` with balanced optional parts.
- E44: `bce delete-wait-time` in milliseconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pmiptui.configgen.catalogue import CATALOGUE
from pmiptui.configgen.plan import build_plan
from pmiptui.ios import CliError, parse_line
from pmiptui.ios.modes import PRIV_EXEC, USER_EXEC
from tests.guide_examples import BY_ID

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "procedures"


def example_blocks(procedure_id: str) -> list[list[tuple[str, str]]]:
    """The config-mode `(mode, canonical line)` pairs of each example block."""
    blocks: list[list[tuple[str, str]]] = [[]]
    for mode, line in BY_ID[procedure_id].lines:
        if mode in (USER_EXEC, PRIV_EXEC):
            if line == "configure terminal" and blocks[-1]:
                blocks.append([])
            continue
        if line == "end":
            continue
        found = parse_line(mode, line)
        assert not isinstance(found, CliError), f"{procedure_id}: {line!r}"
        blocks[-1].append((mode, found.line))
    for block in blocks:
        while block and block[-1][1] == "exit":
            block.pop()
    return blocks


def fixture_files(procedure_id: str) -> list[Path]:
    """`<id>.yaml`, or `<id>-1.yaml`, `<id>-2.yaml`, ... for several example blocks."""
    single = FIXTURES / f"{procedure_id}.yaml"
    if single.exists():
        return [single]
    return sorted(FIXTURES.glob(f"{procedure_id}-[0-9].yaml"))


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


CASES = [
    pytest.param(pid, index, path, id=path.stem)
    for pid in CATALOGUE
    for index, path in enumerate(fixture_files(pid))
]


def test_every_procedure_has_a_values_file_per_example_block() -> None:
    for pid in CATALOGUE:
        assert len(fixture_files(pid)) == len(example_blocks(pid)), pid
    assert {p.stem.rstrip("-0123456789") for p in FIXTURES.glob("*.yaml")} <= set(CATALOGUE)


@pytest.mark.parametrize(("procedure_id", "index", "path"), CASES)
def test_plan_renders_the_example_block(procedure_id: str, index: int, path: Path) -> None:
    plan = build_plan(CATALOGUE[procedure_id], load(path))
    expected = example_blocks(procedure_id)[index]
    assert [line.text for line in plan] == [line for _, line in expected]
    assert [line.mode for line in plan] == [mode for mode, _ in expected]
