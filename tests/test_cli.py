"""`pmiptui` as an operator types it: outputs, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pmiptui(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmiptui.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_help_lists_the_subcommands() -> None:
    out = pmiptui("--help").stdout
    for command in ("parse", "lab", "show", "config"):
        assert command in out


def test_parse_guide_sample_as_json_with_a_warning_on_stderr() -> None:
    run = pmiptui("parse", "mag-globals", str(FIXTURES / "mag-globals" / "guide_sample.txt"))
    assert run.returncode == 0
    records = json.loads(run.stdout)
    assert records[0]["mag_id"] == "M1" and records[0]["max_bindings"] == 3
    assert [p["name"] for p in records[0]["peers"]] == ["LMA1", "LMA2"]
    assert "peer LMA2" in run.stderr


def test_parse_reads_stdin_and_prints_csv_and_table() -> None:
    raw = (FIXTURES / "lma-globals" / "guide_sample.txt").read_text()
    csv_run = pmiptui("parse", "lma-globals", "-", "--format", "csv", stdin=raw)
    assert csv_run.returncode == 0 and csv_run.stdout.startswith("scope,domain,lma_id")
    table = pmiptui("parse", "lma-globals", "-", "--format", "table", stdin=raw)
    assert table.returncode == 0 and "network1" in table.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["parse", "mag-globals", "/no/such/file"], 2, "no such file"),
        (["parse", "mag-globals", str(FIXTURES / "lma-globals" / "guide_sample.txt")], 3,
         "this is the output of"),
        (["config", "show", "no-such-procedure"], 2, "mag-minimum"),
        (["config", "render", "mag-minimum", "--values", "/no/such.yaml"], 2, "no such values"),
    ],
)  # fmt: skip
def test_bad_input_gives_one_line_and_an_exit_code(
    args: list[str], code: int, message: str
) -> None:
    run = pmiptui(*args)
    assert run.returncode == code
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("fmt", "expected"), [("json", "[\n  18\n]\n"), ("csv", "total\n18\n")])
def test_parse_binding_total_prints_the_count(fmt: str, expected: str) -> None:
    case = FIXTURES / "mag-binding-total" / "lab.txt"
    run = pmiptui("parse", "mag-binding-total", str(case), "--format", fmt)
    assert run.returncode == 0 and run.stdout == expected
    assert "18" in pmiptui("parse", "mag-binding-total", str(case), "--format", "table").stdout


def test_parse_strict_fails_on_unparsed_lines() -> None:
    case = FIXTURES / "lma-bindings" / "unknown_line.txt"
    assert pmiptui("parse", "lma-bindings", str(case)).returncode == 0
    strict = pmiptui("parse", "lma-bindings", str(case), "--strict")
    assert strict.returncode == 4 and "unparsed line" in strict.stderr


def test_config_list_show_render() -> None:
    ids = pmiptui("config", "list").stdout.split()
    assert len(ids) == 24 and "lma-vrf-aware" in ids
    shown = pmiptui("config", "show", "mag-minimum").stdout
    assert "ipv6 mobile pmipv6-mag <mag-id> domain <domain-name>" in shown
    values = FIXTURES / "procedures" / "mag-detailed.yaml"
    lines = pmiptui("config", "render", "mag-detailed", "--values", str(values)).stdout.splitlines()
    assert "lma lma3 dn1" in lines
    assert not any("BDF" in line for line in lines), "auth-option keys are masked by default"
    revealed = pmiptui(
        "config", "render", "mag-detailed", "--values", str(values), "--reveal-secrets"
    )
    assert any(line.endswith("key hex BDF") for line in revealed.stdout.splitlines())


def test_config_render_lists_every_invalid_value(tmp_path: Path) -> None:
    values = tmp_path / "bad.yaml"
    values.write_text(
        "mag-id: mag1\ndomain-name: D1\naddress-ipv6: '2001:::1'\nbinding-maximum: -4\n"
    )
    run = pmiptui("config", "render", "mag-detailed", "--values", str(values))
    assert run.returncode == 2
    assert "invalid:" in run.stderr and "Traceback" not in run.stderr


def test_config_render_refuses_unknown_value_names(tmp_path: Path) -> None:
    values = tmp_path / "typo.yaml"
    values.write_text("lma-id: lma1\ndomain-name: D1\nheartbeat-interval: 20\n")
    run = pmiptui("config", "render", "lma-heartbeat", "--values", str(values))
    assert run.returncode == 2
    assert "heartbeat-interval: unknown name; expected one of:" in run.stderr
    assert "interval" in run.stderr


def test_the_console_puts_arrow_buffers_on_the_system_allocator() -> None:
    """pyarrow's mimalloc pool kept a heap per poll thread: RSS grew without end."""
    import pyarrow

    from pmiptui.console import release_freed_memory

    release_freed_memory()
    assert pyarrow.default_memory_pool().backend_name == "system"
