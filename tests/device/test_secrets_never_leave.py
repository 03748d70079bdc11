"""A key typed into a procedure never appears in anything a full apply writes or prints:
stdout, stderr, the audit log, the router's own command log, the result records.

Keys are generated over the whole alphabet IOS accepts for a word (printable ASCII without
space and `?`), so keys that look like keywords (`chain-…`, `hex.…`) are covered.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmiptui.config_cli import cmd_config_apply
from pmiptui.lab.runtime import LabThread
from tests.device.safety_kit import PROCEDURES, pristine_router
from tests.lab.conftest import start_lab

pytestmark = [pytest.mark.lab, pytest.mark.slow]

ALPHABET = "".join(c for c in string.printable if c.isprintable() and c not in " ?")
KEYS = st.one_of(
    st.text(ALPHABET, min_size=6, max_size=40),
    st.sampled_from(["chain", "hex", "ascii", "generate", "config-key"]).flatmap(
        lambda lead: st.text(ALPHABET, min_size=5, max_size=20).map(lambda rest: f"{lead}-{rest}")
    ),
)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabThread, Path]]:
    folder = tmp_path_factory.mktemp("secrets")
    # mag2 refuses the nai's `service` line, so every apply also takes the rollback path.
    thread = start_lab(folder, faults=["mag2:reject-config=^service"], mobile_nodes=5)
    yield thread, thread.lab.write_inventory(folder / "inventory")
    thread.stop()


def _apply(inventory: Path, router: str, values: Path, tmp: Path) -> tuple[int, str]:
    args = argparse.Namespace(
        id="mag-domain-detailed",
        values=str(values),
        inventory=str(inventory),
        router=router,
        dry_run=False,
        yes=True,
        save=False,
        ticket=None,
        host_keys=None,
    )
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cmd_config_apply(args, out=out)
    return code, out.getvalue() + err.getvalue()


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(key=KEYS)
def test_no_output_of_a_full_apply_contains_the_key(
    lab: tuple[LabThread, Path], tmp_path_factory: pytest.TempPathFactory, key: str
) -> None:
    thread, inventory = lab
    tmp = tmp_path_factory.mktemp("apply")
    values = yaml.safe_load((PROCEDURES / "mag-domain-detailed.yaml").read_text())
    values["ascii-string"] = key
    values_file = tmp / "values.yaml"
    values_file.write_text(yaml.safe_dump(values))
    audit = tmp / "audit.jsonl"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PMIPTUI_AUDIT_LOG", str(audit))
        patch.setenv("PMIPTUI_LOCK_DIR", str(tmp / "locks"))
        texts = []
        for router in ("mag1", "mag2"):  # mag1 applies it, mag2 refuses a line and rolls back
            with pristine_router(thread, router):
                code, printed = _apply(inventory, router, values_file, tmp)
                assert code in (0, 5), printed
                texts.append(printed)
                sim = thread.lab.routers[router]
                texts.extend(e.line for e in sim.log)
    texts.append(audit.read_text())
    leaks = [text for text in texts if key in text]
    assert not leaks, leaks[:3]
