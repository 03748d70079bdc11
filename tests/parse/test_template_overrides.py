"""Override templates replace shipped ones everywhere a template is read: TTP, the one-pass
engine, and parse worker processes; a broken override is one clear error naming the file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui.errors import InputError
from pmiptui.parse import parse
from pmiptui.parse import template_dirs as dirs
from pmiptui.parse.templates import template_dir, template_text, use_template_dirs
from tests.benchmarks.bench_parse import mag_binding_output
from tests.parse.fixtures import FIXTURES
from tests.parse.test_fast_vs_ttp import outcome

BINDING = "cisco_xe_show_ipv6_mobile_pmipv6_mag_binding.ttp"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def shipped_templates_after() -> Iterator[None]:
    """Every test ends with no override in use (state, environment and caches)."""
    yield
    use_template_dirs([])
    assert dirs.ENV_VAR not in os.environ


def status_override(folder: Path) -> Path:
    """An override of the MAG binding template for a router that prints `Status:` where
    the modelled format has `State:`."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (template_dir() / BINDING).read_text()
    assert "[Binding][MN]: State: {{ state }}" in text
    path = folder / BINDING
    path.write_text(text.replace("[Binding][MN]: State: ", "[Binding][MN]: Status: "))
    return path


def status_output(count: int) -> str:
    return mag_binding_output(count).replace("[Binding][MN]: State:", "[Binding][MN]: Status:")


@pytest.mark.parametrize("engine", ["auto", "fast", "ttp"])
def test_an_override_changes_the_parse_on_every_engine(tmp_path: Path, engine: str) -> None:
    text = status_output(3)
    before = parse("mag-bindings", text, engine=engine)  # type: ignore[arg-type]
    assert len(before.unparsed) == 3 and before.records[0].state is None
    use_template_dirs([status_override(tmp_path / "ov").parent])
    after = parse("mag-bindings", text, engine=engine)  # type: ignore[arg-type]
    assert after.unparsed == [] and after.warnings == []
    assert [binding.state for binding in after.records] == ["BCE_ACTIVE"] * 3


def test_the_one_pass_engine_and_ttp_agree_under_an_override(tmp_path: Path) -> None:
    use_template_dirs([status_override(tmp_path).parent])
    texts = [status_output(5)] + [
        txt.read_text().replace("State:", "Status:")
        for txt in sorted((FIXTURES / "mag-bindings").glob("*.txt"))
    ]
    for text in texts:
        assert outcome("mag-bindings", text, "auto") == outcome("mag-bindings", text, "ttp")


def test_a_kind_sharing_the_template_uses_the_override_too(tmp_path: Path) -> None:
    use_template_dirs([status_override(tmp_path).parent])
    assert parse("mag-binding-total", status_output(4)).unparsed == []


def test_going_back_to_the_shipped_templates_clears_every_cache(tmp_path: Path) -> None:
    use_template_dirs([status_override(tmp_path).parent])
    assert parse("mag-bindings", status_output(2)).unparsed == []
    use_template_dirs([])
    assert len(parse("mag-bindings", status_output(2)).unparsed) == 2
    assert template_text(BINDING) == (template_dir() / BINDING).read_text()


def test_workers_learn_the_folders_from_the_environment(tmp_path: Path) -> None:
    override = status_override(tmp_path)
    use_template_dirs([tmp_path])
    assert dirs.ENV_VAR in os.environ
    dirs._dirs = None  # as a freshly started worker process sees it
    assert dirs.override_dirs() == (tmp_path,)
    assert dirs.source(BINDING).path == override


def test_an_override_edited_after_start_is_refused_not_used(tmp_path: Path) -> None:
    override = status_override(tmp_path)
    use_template_dirs([tmp_path])
    override.write_text(override.read_text() + "\n<!-- edited -->\n")
    template_text.cache_clear()  # a worker started later reads the file again
    with pytest.raises(InputError, match="changed since pmiptui started"):
        template_text(BINDING)


def test_misspelt_overrides_are_returned(tmp_path: Path) -> None:
    (tmp_path / "cisco_xe_show_ipv6_mobile_pmipv6_mag_bindings.ttp").write_text("x")
    (tmp_path / "README.txt").write_text("notes")
    found = use_template_dirs([tmp_path])
    assert found == [tmp_path / "cisco_xe_show_ipv6_mobile_pmipv6_mag_bindings.ttp"]


def _invalid_xml(path: Path) -> None:
    path.write_text('<group name="bindings*">\nTotal {{ total }}\n</grop>\n')


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 4)


def _nul_text(path: Path) -> None:
    path.write_text("\x00\x01 not xml {{ x }}")


def _no_group(path: Path) -> None:
    path.write_text("")


def _folder(path: Path) -> None:
    path.mkdir()


def _loop(path: Path) -> None:
    path.symlink_to(path)


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.ttp")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _bad_regex(path: Path) -> None:
    path.write_text('<group name="bindings*">\n{{ x | re("(") }} end\n</group>\n')


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_invalid_xml, "not a valid TTP template (ParseError: mismatched tag"),
        (_garbage, "not UTF-8 text"),
        (_nul_text, "not a valid TTP template"),
        (_no_group, "it has no <group>"),
        (_folder, "is a folder, not a template file"),
        (_loop, "cannot read (Too many levels of symbolic links)"),
        (_dangling, "cannot read (No such file or directory)"),
        (_fifo, "not a regular file"),
        (_bad_regex, "not a valid TTP template"),
    ],
)
def test_a_broken_override_is_one_clear_error(tmp_path: Path, make, says: str) -> None:
    path = tmp_path / BINDING
    make(path)
    with pytest.raises(InputError) as raised:
        use_template_dirs([tmp_path])
    message = raised.value.message
    assert message.startswith(f"template {path}: ") and says in message
    assert "\n" not in message and "Traceback" not in message
    # Nothing changed: the shipped templates stay in use.
    assert dirs.override_dirs() == () and dirs.ENV_VAR not in os.environ
    assert parse("mag-bindings", mag_binding_output(2)).unparsed == []


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        use_template_dirs([tmp_path / "absent"])


# Workers need `__main__` to be a file, which it is not in a pytest-xdist worker: this
# runs in a fresh interpreter (as tests/parse/test_isolated.py does).
_WORKER_SCRIPT = """
import sys
from multiprocessing import get_context
from pathlib import Path

from pmiptui.parse import isolated, parse
from pmiptui.parse.templates import template_text, use_template_dirs
from tests.parse.test_template_overrides import BINDING, status_output

if __name__ == "__main__":
    text = status_output(100)
    assert isolated.goes_to_worker("mag-bindings", len(text))
    shipped = isolated.parse_isolated("mag-bindings", text)  # a pool with the shipped template
    assert isolated._pool is not None and len(shipped.unparsed) == 100
    use_template_dirs([Path(sys.argv[1])])
    assert isolated._pool is None  # stopped: new workers must read the override
    result = isolated.parse_isolated("mag-bindings", text)
    assert isolated._pool is not None, "parsed in this process, not in a worker"
    assert result.unparsed == [] and result.warnings == [], result.unparsed[:3]
    assert set(result.records.column("state")) >= {"BCE_ACTIVE"}
    assert result == parse("mag-bindings", text)
    with get_context("spawn").Pool(1) as pool:  # any spawned worker (TTP's chunk pool too)
        assert pool.apply(template_text, (BINDING,)) == template_text(BINDING)
    isolated.shutdown()
    print("checked")
"""


def test_a_large_output_parsed_in_a_worker_uses_the_override(tmp_path: Path) -> None:
    status_override(tmp_path / "ov")
    script = tmp_path / "check.py"
    script.write_text(_WORKER_SCRIPT)
    env = {k: v for k, v in os.environ.items() if k != dirs.ENV_VAR}
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "ov")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "checked" in done.stdout
