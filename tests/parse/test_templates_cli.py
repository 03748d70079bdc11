"""`pmiptui templates list|check` and the override settings (`--templates`, `templates:`)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui import console, templates_cli
from pmiptui.errors import InputError, PmipError
from pmiptui.parse import template_dirs
from pmiptui.parse.kinds import KINDS
from pmiptui.parse.templates import template_dir, use_template_dirs
from pmiptui.terminal_text import one_line
from tests.benchmarks.bench_parse import mag_binding_output
from tests.parse.test_template_overrides import BINDING, status_output, status_override

STATS = "cisco_xe_show_ipv6_mobile_pmipv6_mag_stats.ttp"


@pytest.fixture(autouse=True)
def own_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty config folder per test (never the operator's); shipped templates after."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setattr(console, "CONFIG_DIR", config)
    yield config
    use_template_dirs([])


def _has_templates(parser: argparse.ArgumentParser) -> bool:
    return any(
        isinstance(action, argparse._SubParsersAction) and "templates" in action.choices
        for action in parser._actions
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `pmiptui ARGV`: through `cli.main` once it has the subcommand, else the same way."""
    from pmiptui import cli

    if _has_templates(cli.build_parser()):
        code = cli.main(argv)
    else:
        parser = argparse.ArgumentParser(prog="pmiptui")
        templates_cli.add_templates_option(parser)
        templates_cli.add_templates_parser(parser.add_subparsers(dest="command"))
        args = parser.parse_args(argv)
        try:
            code = args.handler(args)
        except PmipError as error:
            print(f"error: {one_line(error.message)}", file=sys.stderr)
            code = error.exit_code
    out = capsys.readouterr()
    return code, out.out, out.err


def rows(out: str) -> dict[str, str]:
    """`templates list` rows: kind → the rest of its line."""
    found = {}
    for line in out.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0] in KINDS:
            found[parts[0]] = parts[1].strip()
    return found


def good_override(folder: Path) -> Path:
    """A copy of the MAG stats template with its description changed: parses the same."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / STATS
    path.write_text((template_dir() / STATS).read_text().replace("<doc>", "<doc>\nMine.", 1))
    return path


# --- templates list -------------------------------------------------------------------


def test_list_names_every_kind_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["templates", "list"], capsys)
    assert code == 0, err
    found = rows(out)
    assert set(found) == set(KINDS)
    assert found["running-config"].endswith("read by pmiptui.parse.config_reader (no template)")
    assert found["version"].endswith("read by pmiptui.parse.version_reader (no template)")
    readers = ("running-config", "version")
    assert all(found[kind].endswith(" shipped") for kind in found if kind not in readers)
    assert "override folder: none" in out


def test_list_shows_an_override_from_templates_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    override = status_override(tmp_path / "ov")
    code, out, err = run(["--templates", str(tmp_path / "ov"), "templates", "list"], capsys)
    assert code == 0, err
    found = rows(out)
    for kind in ("mag-bindings", "mag-binding-total"):  # both read the binding template
        assert found[kind] == f"{BINDING}   override {override}"
    assert found["lma-bindings"].endswith(" shipped")


def test_list_finds_the_default_folder_in_the_config_dir(
    own_config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    override = good_override(own_config_dir / "templates")
    code, out, _err = run(["templates", "list"], capsys)
    assert code == 0 and rows(out)["mag-stats"].endswith(f"override {override}")


def test_list_reads_templates_from_config_yaml(
    own_config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good_override(own_config_dir / "templates")  # not used: config.yaml names another
    override = good_override(own_config_dir / "mine")
    (own_config_dir / "config.yaml").write_text("templates: mine\n")
    code, out, _err = run(["templates", "list"], capsys)
    assert code == 0 and rows(out)["mag-stats"].endswith(f"override {override}")


def test_list_marks_a_broken_override_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / STATS).write_text("<group name='stats'>\nMAG {{ x }}\n")
    code, out, _err = run(["--templates", str(tmp_path), "templates", "list"], capsys)
    assert code == 2
    assert "BROKEN: template" in rows(out)["mag-stats"]


def test_hostile_names_are_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ov\x1b]0;owned\x07"
    good_override(folder)
    (folder / "evil\x1b[2J\u202e.ttp").write_text("x")
    code, out, err = run(["--templates", str(folder), "templates", "list"], capsys)
    assert code == 0
    assert "\x1b" not in out + err and "\u202e" not in out + err and "\x07" not in out + err
    assert "ov\\x1b]0;owned\\x07" in out
    assert "evil\\x1b[2J\\u202e.ttp: no shipped template has this name" in err


# --- templates check ------------------------------------------------------------------


def test_check_a_good_override_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good_override(tmp_path / "ov")
    code, out, err = run(["templates", "check", str(tmp_path / "ov")], capsys)
    assert code == 0, out + err
    assert "mag-stats" in out and "busy" in out and "clean" in out
    assert "with problems" in out and " 0 with problems" in out


def test_check_an_override_leaving_lines_unparsed_exits_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status_override(tmp_path / "ov")  # the fixtures print `State:`, it expects `Status:`
    code, out, _err = run(["templates", "check", str(tmp_path / "ov")], capsys)
    assert code == 4
    assert "NOT UNDERSTOOD" in out
    assert "mag-bindings many: unparsed line 4: [Binding][MN]: State: BCE_ACTIVE" in out
    assert "mag-bindings many: warning: binding mn1@example.com: no State line" in out


def test_check_a_fixture_meant_to_fail_does_not_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good_override(tmp_path / "ov")
    _code, out, _err = run(["templates", "check", str(tmp_path / "ov")], capsys)
    assert "TruncatedOutput, as expected" in out  # tests/fixtures/mag-stats/truncated


def test_check_captures_with_and_without_their_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status_override(tmp_path / "ov")
    capture = tmp_path / "asr.txt"
    capture.write_text(status_output(3))
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _err = run(
        ["templates", "check", str(empty), "--capture", f"mag-bindings:{capture}"], capsys
    )
    assert code == 4 and f"mag-bindings {capture}: unparsed line 5: " in out
    monkeypatch.setattr(templates_cli, "FIXTURES", tmp_path / "no-tests")  # an installed wheel
    code, out, err = run(
        ["templates", "check", str(tmp_path / "ov"), "--capture", str(capture)], capsys
    )
    assert code == 0, out + err
    assert "fixtures are not in this installation" in err
    assert "1 case(s): 1 clean" in out


def test_check_a_broken_override_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / BINDING).write_bytes(b"\xff\xfe\x00garbage")
    code, out, err = run(["templates", "check", str(tmp_path)], capsys)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"error: template {tmp_path / BINDING}: not UTF-8 text (byte 0xff at offset 0)"
    ]


@pytest.mark.parametrize(
    ("capture", "says"),
    [
        ("absent.txt", "cannot read"),
        ("unknown.txt", "cannot tell which command printed it"),
        ("mag-bindings:absent.txt", "cannot read"),
    ],
)
def test_check_a_bad_capture_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], capture: str, says: str
) -> None:
    (tmp_path / "unknown.txt").write_text("hello\n")
    capture = capture.replace("absent.txt", str(tmp_path / "absent.txt")).replace(
        "unknown.txt", str(tmp_path / "unknown.txt")
    )
    code, _out, err = run(["templates", "check", "--capture", capture], capsys)
    assert code == 2 and says in err and len(err.splitlines()) == 1


def test_check_escapes_a_hostile_capture_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = tmp_path / "cap\x1b[31m\r.txt"
    capture.write_text(status_output(1))
    code, out, err = run(["templates", "check", "--capture", str(capture)], capsys)
    assert code == 4
    assert "\x1b" not in out + err and "\r" not in out + err
    assert "cap\\x1b[31m\\r.txt" in out


def test_check_with_nothing_to_check_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(["templates", "check", str(tmp_path)], capsys)
    assert code == 0 and "nothing to check" in out


# --- settings -------------------------------------------------------------------------


def test_apply_uses_the_option_before_config_yaml(tmp_path: Path, own_config_dir: Path) -> None:
    status_override(tmp_path / "ov")
    good_override(own_config_dir / "templates")
    assert templates_cli.apply_template_settings(str(tmp_path / "ov")) == [tmp_path / "ov"]
    assert template_dirs.override_dirs() == (tmp_path / "ov",)
    assert os.environ[template_dirs.ENV_VAR]
    assert templates_cli.apply_template_settings(None) == [own_config_dir / "templates"]


@pytest.mark.parametrize(
    ("given", "settings", "says"),
    [
        ("absent", {}, "--templates absent: no such folder"),
        (None, {"templates": 3}, "config.yaml: templates: must be a folder path"),
        (None, {"templates": "absent"}, "config.yaml: templates: absent: no such folder"),
    ],
)
def test_apply_refuses_a_bad_setting(
    given: str | None, settings: dict[str, object], says: str
) -> None:
    with pytest.raises(InputError, match=says):
        templates_cli.apply_template_settings(given, settings)


def test_apply_refuses_a_broken_override_naming_it(tmp_path: Path) -> None:
    (tmp_path / BINDING).mkdir()
    with pytest.raises(InputError, match=f"template {tmp_path / BINDING}: is a folder"):
        templates_cli.apply_template_settings(str(tmp_path), {})


def test_apply_warns_of_a_misspelt_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cisco_xe_show_ipv6_mobile_pmipv6_mag_bindings.ttp").write_text("x")
    templates_cli.apply_template_settings(str(tmp_path))
    assert "mag_bindings.ttp: no shipped template has this name" in capsys.readouterr().err


def test_an_applied_override_reaches_parse(tmp_path: Path) -> None:
    from pmiptui.parse import parse

    status_override(tmp_path / "ov")
    assert len(parse("mag-bindings", status_output(2)).unparsed) == 2
    templates_cli.apply_template_settings(str(tmp_path / "ov"))
    assert parse("mag-bindings", status_output(2)).unparsed == []
    assert parse("mag-bindings", mag_binding_output(2)).unparsed != []


def test_the_option_works_before_and_after_a_subcommand() -> None:
    parser = argparse.ArgumentParser(prog="pmiptui")
    templates_cli.add_templates_option(parser)
    sub = parser.add_subparsers(dest="command")
    templates_cli.add_templates_option(sub.add_parser("parse"), subcommand=True)
    assert parser.parse_args(["--templates", "A", "parse"]).templates == "A"
    assert parser.parse_args(["parse", "--templates", "B"]).templates == "B"
    assert parser.parse_args(["parse"]).templates is None


def _bundle(path: Path, outputs: dict[str, str]) -> Path:
    """A `pmiptui capture` bundle: one folder with a manifest and the outputs."""
    import io
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        files = {"manifest.json": "{}", "show-version.txt": "Cisco IOS XE Software\n"}
        for kind, text in outputs.items():
            files |= {f"{kind}.txt": text, f"{kind}.unparsed.txt": "", f"{kind}.json": "[]"}
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"pmiptui-capture-mag1/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_check_reads_each_output_of_a_capture_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates_cli, "FIXTURES", tmp_path / "no-tests")
    status_override(tmp_path / "ov")
    stats = (Path(__file__).parents[1] / "fixtures" / "mag-stats" / "busy.txt").read_text()
    bundle = _bundle(
        tmp_path / "cap.tar.gz", {"mag-bindings": status_output(2), "mag-stats": stats}
    )
    code, out, err = run(
        ["templates", "check", str(tmp_path / "ov"), "--capture", str(bundle)], capsys
    )
    assert code == 0, out + err
    assert "2 case(s): 2 clean" in out and "pmiptui-capture-mag1/mag-stats.txt" in out
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _err = run(
        ["templates", "check", str(empty), "--capture", f"mag-bindings:{bundle}"], capsys
    )
    assert code == 4 and "1 case(s): 0 clean, 1 with problems" in out
