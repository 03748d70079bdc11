"""The `pmiptui` command: argument parsing and the composition root for each subcommand.

argparse (standard library) keeps the entry point dependency-free and fast to start.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pmiptui import __version__
from pmiptui.cli_options import add_host_keys_option
from pmiptui.errors import InputError, PmipError
from pmiptui.lab.faults import HELP as FAULT_HELP
from pmiptui.model.drift import Drift
from pmiptui.model.version import unchecked_notice
from pmiptui.redact import mask_known, mask_secrets
from pmiptui.show_commands import POLL_KINDS
from pmiptui.templates_cli import add_templates_option, apply_template_settings
from pmiptui.terminal_text import one_line

Handler = Callable[[argparse.Namespace], int]


def _stderr(text: str) -> None:
    """One line on stderr, escaped and masked: messages quote router output and typed values;
    a terminal must show their control characters (ESC, CR, bidi overrides), not act on
    them, and no secret pmiptui knows of may show."""
    print(one_line(mask_known(text)), file=sys.stderr)


def _read_input(source: str) -> str:
    """Text from a file path, or standard input for `-`."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file")
    if path.is_dir():
        raise InputError(f"{source}: is a folder, not a file")
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError(f"{source}: cannot read ({error.strerror})") from None


def cmd_parse(args: argparse.Namespace) -> int:
    """`pmiptui parse KIND FILE|-`: router output to records on stdout, problems on stderr."""
    from pmiptui.parse import parse

    result = parse(args.kind, _read_input(args.file))
    for warning in result.warnings:
        _stderr(f"warning: {warning}")
    for line in result.unparsed:
        _stderr(f"unparsed line {line.number}: {line.text.strip()}")
    records = result.record if result.records and _single(args.kind) else result.records
    if args.format != "json" and isinstance(next(iter(result.records), None), int):
        records = [{"total": count} for count in records]  # the `*-binding-total` counts
    _print_records(records, args.format, args.kind)
    if args.strict and (result.unparsed or result.warnings):
        print("error: --strict: the output was not fully understood (see above)", file=sys.stderr)
        return 4
    return 0


def cmd_lab(args: argparse.Namespace) -> int:
    """`pmiptui lab`: run the simulated routers in the foreground."""
    from pmiptui.lab.faults import faults_by_router
    from pmiptui.lab.run import run_lab
    from pmiptui.lab.runtime import LabOptions
    from pmiptui.lab.topology import load_topology

    topology = load_topology(Path(args.topology) if args.topology else None)
    faults = faults_by_router(args.fault)
    unknown = set(faults) - {r.name for r in topology.routers}
    if unknown:
        raise InputError(f"--fault names routers the topology lacks: {', '.join(sorted(unknown))}")
    if not 0 <= args.port_base <= 65535 - len(topology.routers):
        raise InputError(f"--port-base {args.port_base}: choose a port from 1024 to 65000")
    options = LabOptions(
        port_base=args.port_base,
        state_dir=Path(args.state_dir) if args.state_dir else None,
        bindings=args.bindings,
        seed=args.seed,
        faults=faults,
    )
    return run_lab(topology, options)


def cmd_config_list(_args: argparse.Namespace) -> int:
    """`pmiptui config list`: one procedure id per line."""
    from pmiptui.configgen.catalogue import CATALOGUE

    for procedure_id in CATALOGUE:
        print(procedure_id)
    return 0


def cmd_config_show(args: argparse.Namespace) -> int:
    """`pmiptui config show ID`: a procedure's steps and parameters."""
    from pmiptui.configgen.catalogue import get
    from pmiptui.configgen.describe import describe

    sys.stdout.write(describe(get(args.id)))
    return 0


def cmd_config_render(args: argparse.Namespace) -> int:
    """`pmiptui config render ID --values FILE`: the CLI lines, secrets masked unless asked."""
    from pmiptui.configgen.catalogue import get
    from pmiptui.configgen.plan import InvalidValues, build_plan, preview
    from pmiptui.configgen.values_file import load_values

    procedure = get(args.id)
    try:
        lines = build_plan(procedure, load_values(args.values))
    except InvalidValues as invalid:
        for error in invalid.errors:
            _stderr(f"invalid: {error}")
        _stderr(f"error: {procedure.id}: {len(invalid.errors)} invalid value(s)")
        return invalid.exit_code
    if args.prompts:
        print("\n".join(preview(lines, args.hostname)))
    else:
        for line in lines:
            print(line.text if args.reveal_secrets else line.shown)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """`pmiptui show ROUTER WHAT`: one poll of one router, printed for scripts and cron."""
    from pmiptui.console import with_host_keys
    from pmiptui.device.poller import SshPoller
    from pmiptui.inventory import load_inventory

    inventory = load_inventory(args.inventory)
    [target] = with_host_keys([inventory.router(args.router)], args.host_keys)
    poller = SshPoller(inventory, names=[args.router], targets={args.router: target})
    try:
        result = poller.poll(args.router, dict.fromkeys([args.what, "version"]))
    finally:
        poller.close()
    if result.error is not None:
        _stderr(f"error: {args.router}: {result.error}")
        return 6 if result.error_title not in ("Parse error", "Router error") else 3
    if result.unparsed:
        _stderr(f"warning: {result.unparsed} line(s) of output were not understood")
    drift = [entry for entry in result.drift if entry.kind == args.what]
    _list_drift(drift)
    notice = unchecked_notice(args.router, result.version)
    if notice is not None:
        _stderr(f"note: {notice}")
    data = getattr(result, args.what)
    if isinstance(data, str | int):  # the config's text, a binding count
        print(data)
        return _strict_exit(args.strict and bool(drift))
    fmt = "json" if args.json else "csv" if args.csv else "table"
    if fmt == "table" and result.version is not None and args.what != "version":
        print(result.version.summary)  # a header for people; JSON and CSV stay bare records
    _print_records(data, fmt, args.what)
    return _strict_exit(args.strict and bool(drift))


def _list_drift(drift: Sequence[Drift]) -> None:
    """What the parser did not understand of a poll's output, a line each on stderr."""
    for entry in drift:
        for line in entry.lines:
            if line.number is None:
                _stderr(f"warning: {entry.command}: {line.text}")
            else:
                _stderr(f"unparsed line {line.number} of {entry.command}: {line.text.strip()}")
        if entry.more:
            _stderr(f"... and {entry.more} more line(s) or warning(s) of {entry.command}")


def _strict_exit(drifted: bool) -> int:
    """4 when `--strict` was given and the output was not fully understood, else 0."""
    if drifted:
        print("error: --strict: the output was not fully understood (see above)", file=sys.stderr)
        return 4
    return 0


def _print_records(records: object, fmt: str, title: str) -> None:
    if fmt == "json":
        from pmiptui.present.export import to_json

        sys.stdout.write(to_json(records))
    elif fmt == "csv":
        from pmiptui.present.export import to_csv

        sys.stdout.write(to_csv(records))
    else:
        from rich.console import Console

        from pmiptui.present.rich_table import rich_table

        Console().print(rich_table(records, title=title))


def cmd_console(args: argparse.Namespace) -> int:
    """`pmiptui [--inventory F]`: the live console; on the built-in lab when no inventory exists."""
    from pmiptui.console import run_console, run_store_console, user_inventory, user_settings

    inventory = Path(args.inventory) if getattr(args, "inventory", None) else user_inventory()
    store = getattr(args, "store", None) or user_settings().get("store")
    if store is not None and args.command != "demo":
        if not isinstance(store, str):
            raise InputError("store: in config.yaml must be a URL, e.g. sqlite:///path")
        return run_store_console(
            store,
            inventory,
            poll_interval=getattr(args, "poll_interval", None),
            host_keys=getattr(args, "host_keys", None),
        )
    demo = args.command == "demo" or inventory is None
    return run_console(
        None if demo else inventory,
        demo=demo,
        bindings=getattr(args, "bindings", None),
        poll_interval=getattr(args, "poll_interval", None),
        host_keys=getattr(args, "host_keys", None),
    )


def cmd_poller(args: argparse.Namespace) -> int:
    """`pmiptui poller`: poll a share of the inventory into a store until SIGTERM."""
    from pmiptui.daemon.run import PollerOptions, run_poller
    from pmiptui.daemon.shards import Shard, parse_shard

    return run_poller(
        PollerOptions(
            inventory=Path(args.inventory) if args.inventory else None,
            store=args.store,
            shard=parse_shard(args.shard) if args.shard else Shard(),
            metrics=args.metrics,
            poll_interval=args.poll_interval,
            retention_hours=args.retention_hours,
            host_keys=args.host_keys,
        )
    )


def _single(kind: str) -> bool:
    from pmiptui.parse.kinds import KINDS

    return KINDS[kind].single


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    from pmiptui.parse.kinds import KINDS

    parser = argparse.ArgumentParser(
        prog="pmiptui",
        description="Operator console for Cisco IOS XE Proxy Mobile IPv6 (MAG and LMA).",
    )
    parser.add_argument("--version", action="version", version=f"pmiptui {__version__}")
    parser.add_argument(
        "--inventory",
        metavar="FILE",
        help="open the console on these routers (default: ~/.config/pmiptui/inventory.yaml, "
        "else the built-in lab)",
    )
    parser.add_argument("--poll-interval", type=float, metavar="SEC", help="seconds between polls")
    parser.add_argument(
        "--store",
        metavar="URL",
        help="show what `pmiptui poller` records in this store (sqlite:///PATH or "
        "postgresql://USER@HOST/DB) instead of polling; also `store:` in config.yaml",
    )
    add_host_keys_option(parser)
    add_templates_option(parser)
    parser.set_defaults(handler=cmd_console)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "demo",
        help="start the built-in lab in the background and open the console on it",
        description="Start the simulated PMIPv6 network (1 LMA, 2 MAGs) on free loopback "
        "ports and open the live console on it. Nothing to configure.",
    )
    p.add_argument("--bindings", type=int, metavar="N", help="number of mobile nodes")
    p.add_argument("--poll-interval", type=float, metavar="SEC", help="seconds between polls")
    p.set_defaults(handler=cmd_console)

    p = sub.add_parser(
        "parse",
        help="parse saved router output into typed records",
        description="Parse the output of one PMIPv6 show command (as saved from a router or "
        "returned by Netmiko) into typed records. Lines the parser did not understand are "
        "listed on stderr.",
    )
    p.add_argument("kind", choices=list(KINDS), metavar="KIND", help=", ".join(KINDS))
    p.add_argument("file", metavar="FILE|-", help="file with the raw output, or - for stdin")
    p.add_argument("--format", choices=["json", "table", "csv"], default="json")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 4 when any line was left unparsed or a record looks cut short",
    )
    p.set_defaults(handler=cmd_parse)

    p = sub.add_parser(
        "lab",
        help="run the built-in simulated PMIPv6 network over SSH",
        description="Run simulated IOS XE routers (one LMA, two MAGs by default) on 127.0.0.1, "
        "each with a working PMIPv6 configuration and live mobile nodes. Writes "
        "DIR/inventory.yaml for the other subcommands. Ctrl-C stops it.",
    )
    p.add_argument("--topology", metavar="FILE", help="topology YAML (default: built-in)")
    p.add_argument(
        "--port-base",
        type=int,
        default=2200,
        metavar="N",
        help="first router listens on N, the next on N+1, ... (0: any free port)",
    )
    p.add_argument(
        "--state-dir",
        metavar="DIR",
        help="saved configs, host key and inventory (default ~/.local/state/pmiptui/lab)",
    )
    p.add_argument("--bindings", type=int, metavar="N", help="number of mobile nodes")
    p.add_argument("--seed", type=int, metavar="S", help="random seed for mobility")
    p.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="ROUTER:KIND[=ARG]",
        help=FAULT_HELP,
    )
    p.set_defaults(handler=cmd_lab)

    p = sub.add_parser(
        "show",
        help="poll one router once and print its PMIPv6 state",
        description="Connect to one router of the inventory, run one PMIPv6 show command, "
        "and print the parsed records (for scripts and cron). Exit 6 when the router cannot "
        "be reached, 3 when its output cannot be parsed, 4 with --strict when a line was not "
        "understood (the lines are listed on stderr).",
    )
    p.add_argument(
        "--inventory", metavar="FILE", help="inventory YAML (default: the one `pmiptui lab` writes)"
    )
    p.add_argument("router", metavar="ROUTER")
    p.add_argument("what", choices=POLL_KINDS, metavar="WHAT", help=", ".join(POLL_KINDS))
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="records as JSON")
    form.add_argument("--csv", action="store_true", help="records as CSV")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 4 when any line was left unparsed or a record looks cut short",
    )
    add_host_keys_option(p)
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser(
        "poller",
        help="poll routers headless and record every poll into a shared store",
        description="Poll the inventory's routers (or a share of them, --shard) on the "
        "console's cadences and record every poll into a store, for consoles opened with "
        "--store. Runs in the foreground, logs a line per event to stderr, stops on SIGTERM.",
    )
    p.add_argument("--inventory", metavar="FILE", help="routers to poll")
    p.add_argument(
        "--store",
        required=True,
        metavar="URL",
        help="sqlite:///PATH (one poller per file) or postgresql://USER@HOST/DB",
    )
    p.add_argument("--shard", metavar="K/N", help="poll share K of N (by a hash of the name)")
    p.add_argument("--metrics", metavar="HOST:PORT", help="serve Prometheus /metrics here")
    p.add_argument("--poll-interval", type=float, metavar="SEC", help="seconds between polls")
    p.add_argument(
        "--retention-hours",
        type=float,
        metavar="H",
        help="keep polls this long (default: retention_hours: in config.yaml, else 24)",
    )
    add_host_keys_option(p)
    p.set_defaults(handler=cmd_poller)

    config = sub.add_parser(
        "config",
        help="guided configuration procedures from the PMIPv6 guide",
        description="List, inspect and render the configuration procedures of the PMIPv6 "
        "configuration guide.",
    )
    steps = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    c = steps.add_parser("list", help="one procedure id per line")
    c.set_defaults(handler=cmd_config_list)
    c = steps.add_parser("show", help="a procedure's steps and parameters")
    c.add_argument("id", metavar="ID")
    c.set_defaults(handler=cmd_config_show)
    c = steps.add_parser("render", help="the CLI lines for a values file")
    c.add_argument("id", metavar="ID")
    c.add_argument(
        "--values",
        required=True,
        metavar="FILE.yaml",
        help="YAML keyed by the guide's placeholder names (domain-name, mag-id, ...)",
    )
    c.add_argument("--prompts", action="store_true", help="show IOS prompts, as a session would")
    c.add_argument("--hostname", default="Router", help="hostname for --prompts")
    c.add_argument(
        "--reveal-secrets",
        action="store_true",
        help="print auth-option keys in clear (they are masked by default)",
    )
    c.set_defaults(handler=cmd_config_render)
    from pmiptui.capture_cli import add_capture_parser
    from pmiptui.config_cli import add_config_parser
    from pmiptui.recover_cli import add_recover_parser
    from pmiptui.templates_cli import add_templates_parser

    add_config_parser(steps)
    add_recover_parser(steps)
    add_templates_parser(sub)
    add_capture_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run one subcommand, turning every PmipError into a one-line message.

    Messages are printed escaped (:func:`one_line`): they may quote values files, router
    output or exception text, none of which may drive the operator's terminal.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        if args.command not in ("templates", "lab"):  # list shows a broken override itself
            apply_template_settings(args.templates)
        return handler(args)
    except PmipError as error:
        _stderr(f"error: {error.message}")
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last guard: one line, never a traceback by default
        if os.environ.get("PMIPTUI_DEBUG"):
            raise
        _stderr(
            f"internal error: {type(error).__name__}: {mask_secrets(str(error))} "
            "(set PMIPTUI_DEBUG=1 for details)"
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
