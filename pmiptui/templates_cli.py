"""`pmiptui templates list|check` and the `--templates DIR` / `templates:` override settings.

`add_templates_option(parser)` adds the top-level `--templates DIR`;
`apply_template_settings(args.templates)` puts the override folder in use before any
parse (call it once at start, for every subcommand but `templates`, which reads the
setting itself so that it can report a broken override rather than refuse to start);
`add_templates_parser(sub)` registers `pmiptui templates`.

The override folder is one: `--templates DIR`, else `templates:` in config.yaml, else
`~/.config/pmiptui/templates/` when it exists. An explicit folder replaces the default
one rather than adding to it, so `--templates EMPTY_DIR` runs the shipped templates.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmiptui.errors import InputError
from pmiptui.terminal_text import one_line

if TYPE_CHECKING:
    from rich.table import Table

    from pmiptui.parse.template_check import Case, CaseReport

EXIT_CLEAN = 0
EXIT_BAD_INPUT = 2
EXIT_NOT_UNDERSTOOD = 4

_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = _ROOT / "tests" / "fixtures"
"""pmiptui's parser fixtures: present in a source checkout, not in an installed wheel."""

EPILOG = """\
An override is a file in the override folder with the name of a shipped template
(`pmiptui templates list` names them); it replaces that template for TTP and the
one-pass engine, in this process and in parse workers. The folder is --templates DIR,
else `templates:` in config.yaml, else ~/.config/pmiptui/templates/ if it exists. An
override that is not a readable, valid TTP template stops pmiptui with one message
naming the file. Overrides are read once at start: restart after editing one.

check exit codes: 0 every case understood; 4 a case left lines unparsed, gave warnings
or failed; 2 bad input (a broken override, an unreadable capture)."""


def add_templates_option(parser: argparse.ArgumentParser, *, subcommand: bool = False) -> None:
    """`--templates DIR`: on the top-level parser, and (`subcommand=True`) on any subcommand
    that should also take it after its name without hiding a top-level value."""
    parser.add_argument(
        "--templates",
        metavar="DIR",
        default=argparse.SUPPRESS if subcommand else None,
        help="read TTP templates from DIR first (a file with a shipped template's name "
        "replaces it); default: templates: in config.yaml, else ~/.config/pmiptui/templates/",
    )


def template_folders(
    given_dir: str | None,
    settings: Mapping[str, Any] | None = None,
    *,
    config_dir: Path | None = None,
) -> list[Path]:
    """The override folders to use (zero or one): `--templates`, else `templates:` in
    config.yaml (read only when needed, relative to its folder), else the default folder
    when it exists."""
    if given_dir is not None:
        folder = Path(given_dir).expanduser()
        if not folder.is_dir():
            raise InputError(f"--templates {given_dir}: no such folder")
        return [folder]
    from pmiptui import console

    base = console.CONFIG_DIR if config_dir is None else config_dir
    if settings is None:
        settings = console.user_settings()
    value = settings.get("templates")
    if value is not None:
        where = base / "config.yaml"
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{where}: templates: must be a folder path")
        folder = base / Path(value).expanduser()
        if not folder.is_dir():
            raise InputError(f"{where}: templates: {value}: no such folder")
        return [folder]
    default = base / "templates"
    return [default] if default.is_dir() else []


def apply_template_settings(
    given_dir: str | None,
    settings: Mapping[str, Any] | None = None,
    *,
    config_dir: Path | None = None,
) -> list[Path]:
    """Put the override folder in use (see `template_folders`); returns it (or nothing).

    Raises InputError naming the file when an override cannot be used. Misspelt `.ttp`
    files in the folder (names no shipped template has) are reported on stderr.
    """
    folders = template_folders(given_dir, settings, config_dir=config_dir)
    _use(folders)
    return folders


def _use(folders: list[Path]) -> None:
    """`use_template_dirs`, with its misspelt files reported on stderr."""
    from pmiptui.parse.templates import use_template_dirs

    for path in use_template_dirs(folders):
        print(f"warning: {one_line(str(path))}: {_MISSPELT}", file=sys.stderr)


_MISSPELT = "no shipped template has this name, so it replaces nothing"


def add_templates_parser(sub: argparse._SubParsersAction[Any]) -> argparse.ArgumentParser:
    """Register `pmiptui templates {list,check}` on the top-level subcommands."""
    p: argparse.ArgumentParser = sub.add_parser(
        "templates",
        help="which TTP templates are in use, and check overrides against known outputs",
        description="List the template each parse kind uses (shipped or an override), or\n"
        "check override templates against pmiptui's fixtures and captured router output.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    a = actions.add_parser("list", help="each kind's template: shipped or override PATH")
    a.set_defaults(handler=cmd_templates_list)
    a = actions.add_parser(
        "check",
        help="run override templates over the fixtures and --capture outputs",
        description="Parse pmiptui's fixtures of every kind whose template DIR overrides\n"
        "(when the source tree's tests/fixtures is present) and every --capture output,\n"
        "and report per case the records, the lines left unparsed and the warnings. A\n"
        "fixture counts only what its shipped baseline does not have.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument(
        "dir", nargs="?", metavar="DIR", help="override folder (default: the one in use)"
    )
    a.add_argument(
        "--capture",
        action="append",
        default=[],
        metavar="[KIND:]FILE",
        help="raw output saved from a router (KIND is told from the output when left out), "
        "or a `pmiptui capture` bundle (.tar.gz: each of its outputs; KIND: only that one) "
        "(repeatable)",
    )
    a.set_defaults(handler=cmd_templates_check)
    return p


def cmd_templates_list(args: argparse.Namespace) -> int:
    """`pmiptui templates list`: each kind's template file in use; 2 if an override is broken."""

    from pmiptui.parse.kinds import KINDS
    from pmiptui.parse.template_dirs import other_files, source
    from pmiptui.parse.templates import check_template

    folders = template_folders(getattr(args, "templates", None))
    table = _table("kind", "template", "in use")
    broken = False
    for kind in KINDS.values():
        if kind.reader is not None:
            reader = kind.reader.split(":")[0]
            table.add_row(*_cells(kind.name, "-", f"read by {reader} (no template)"))
            continue
        found = source(kind.template, folders)
        if not found.override:
            table.add_row(*_cells(kind.name, kind.template, "shipped"))
            continue
        in_use = f"override {found.path}"
        try:
            check_template(found.path)
        except InputError as error:
            broken = True
            in_use += f" (BROKEN: {error.message})"
        table.add_row(*_cells(kind.name, kind.template, in_use))
    _print(table)
    if not folders:
        print("override folder: none (the default is ~/.config/pmiptui/templates/)")
    for folder in folders:
        print(f"override folder: {one_line(str(folder))}")
        for name in other_files(folder):
            print(f"warning: {one_line(str(folder / name))}: {_MISSPELT}", file=sys.stderr)
    return EXIT_BAD_INPUT if broken else EXIT_CLEAN


def cmd_templates_check(args: argparse.Namespace) -> int:
    """`pmiptui templates check [DIR] [--capture [KIND:]FILE ...]`: 0 clean, 4 not, 2 bad input."""
    from pmiptui.parse.kinds import KINDS
    from pmiptui.parse.template_check import check_case, fixture_cases
    from pmiptui.parse.template_dirs import find_override

    if args.dir is not None:
        folder = Path(args.dir)
        if not folder.is_dir():
            raise InputError(f"{args.dir}: no such folder")
        folders = [folder]
    else:
        folders = template_folders(getattr(args, "templates", None))
    captures = [case for spec in args.capture for case in _captures(spec)]
    _use(folders)
    overridden = [
        kind.name
        for kind in KINDS.values()
        if kind.template is not None and find_override(kind.template, folders) is not None
    ]
    cases: list[Case] = []
    if overridden and _source_checkout():
        cases += fixture_cases(FIXTURES, overridden)
    elif overridden:
        print(
            "note: pmiptui's fixtures are not in this installation (a source checkout has "
            "them in tests/fixtures); checking the --capture outputs only",
            file=sys.stderr,
        )
    cases += captures
    if not cases:
        where = ", ".join(one_line(str(folder)) for folder in folders) or "no override folder"
        print(f"nothing to check: no override template in {where} and no --capture")
        return EXIT_CLEAN
    reports = [check_case(case) for case in cases]
    _print(_report_table(reports, {kind: kind in overridden for kind in KINDS}))
    _print_details(reports)
    bad = sum(not report.clean for report in reports)
    print(f"{len(reports)} case(s): {len(reports) - bad} clean, {bad} with problems")
    return EXIT_NOT_UNDERSTOOD if bad else EXIT_CLEAN


def _source_checkout() -> bool:
    """True when pmiptui runs from its source tree, whose tests/fixtures `check` can use."""
    return FIXTURES.is_dir() and (FIXTURES.parent.parent / "pyproject.toml").is_file()


MAX_CAPTURE_BYTES = 256_000_000
"""A captured output larger than this is refused (128,000 bindings are about 75 MB)."""


def _captures(spec: str) -> list[Case]:
    """A `--capture [KIND:]FILE` as cases: one raw output, or each `<kind>.txt` output of a
    `pmiptui capture` bundle (.tar.gz). InputError for a file or kind that cannot be used."""
    from pmiptui.parse.kinds import KINDS
    from pmiptui.parse.template_check import Case, detect_kind

    kind, _, rest = spec.partition(":")
    kind_given = kind in KINDS and rest != ""
    import tarfile

    path = Path(rest if kind_given else spec)
    shown_path = one_line(str(path))
    if path.is_dir():
        raise InputError(f"--capture {shown_path}: is a folder, not a file")
    if path.is_file() and tarfile.is_tarfile(path):
        cases = [case for case in _bundle(path) if not kind_given or case.kind == kind]
        if not cases:
            raise InputError(f"--capture {shown_path}: the bundle holds no output to check")
        return cases
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(f"--capture {shown_path}: cannot read ({error.strerror})") from None
    if not kind_given:
        detected = detect_kind(raw)
        if detected is None:
            raise InputError(
                f"--capture {shown_path}: cannot tell which command printed it; "
                f"give KIND:FILE (KIND one of {', '.join(KINDS)})"
            )
        kind = detected
    return [Case(kind=kind, name=str(path), raw=raw)]


def _bundle(path: Path) -> list[Case]:
    """The `<kind>.txt` outputs of a capture bundle, read without extracting anything."""
    import tarfile

    from pmiptui.parse.kinds import KINDS
    from pmiptui.parse.template_check import Case

    cases: list[Case] = []
    try:
        with tarfile.open(path, mode="r:*") as tar:
            for member in tar:
                kind = Path(member.name).name.removesuffix(".txt")
                if not member.isreg() or kind not in KINDS or not member.name.endswith(".txt"):
                    continue
                if member.size > MAX_CAPTURE_BYTES:
                    raise InputError(f"--capture {one_line(str(path))}: {member.name} is too large")
                data = tar.extractfile(member)
                if data is None:
                    continue
                raw = data.read().decode("utf-8", errors="replace")
                cases.append(Case(kind=kind, name=f"{path}:{member.name}", raw=raw))
    except (OSError, tarfile.TarError, EOFError) as error:
        raise InputError(
            f"--capture {one_line(str(path))}: cannot read the bundle ({error})"
        ) from None
    return cases


def _report_table(reports: Sequence[CaseReport], overridden: Mapping[str, bool]) -> Table:
    table = _table("kind", "case", "template", "records", "unparsed", "warnings", "result")
    for report in reports:
        if report.problem is not None:
            result = "FAILED"
        elif report.note is not None:
            result = f"{report.note}, as expected"
        else:
            result = "clean" if report.clean else "NOT UNDERSTOOD"
        table.add_row(
            *_cells(
                report.kind,
                report.name,
                "override" if overridden.get(report.kind) else "shipped",
                "-" if report.records is None else str(report.records),
                str(len(report.unparsed)),
                str(len(report.warnings)),
                result,
            )
        )
    return table


def _print_details(reports: Sequence[CaseReport]) -> None:
    """Every new unparsed line, warning and failure, one line each, escaped."""
    for report in reports:
        where = f"{report.kind} {report.name}"
        if report.problem is not None:
            print(one_line(f"{where}: failed: {report.problem}"))
        for line in report.unparsed:
            print(one_line(f"{where}: unparsed line {line.number}: {line.text.strip()}"))
        for warning in report.warnings:
            print(one_line(f"{where}: warning: {warning}"))


def _table(*columns: str) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _cells(*values: str) -> list[Any]:
    """Table cells as plain text: escaped controls, no Rich markup taken from file names."""
    from rich.text import Text

    return [Text(one_line(value)) for value in values]


def _print(table: Table) -> None:
    """A table on stdout: the terminal's width on a terminal, unbroken lines in a pipe."""
    from rich.console import Console

    width = None if sys.stdout.isatty() else 1_000
    console = Console(width=width, highlight=False)
    with console.capture() as captured:
        console.print(table)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
