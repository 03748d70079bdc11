"""`pmiptui config apply`: plan, diff, confirm, apply all-or-nothing, verify, save, audit.

`add_config_parser(actions)` registers the `apply` action on the `pmiptui config`
sub-command's action parsers; `cli.py` owns the rest of `pmiptui config`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any, TextIO

from pmiptui.cli_options import add_host_keys_option, router_target
from pmiptui.terminal_text import shown

if TYPE_CHECKING:
    from pmiptui.configgen.plan import PlanLine
    from pmiptui.configgen.procedure import Procedure
    from pmiptui.device.apply import ApplyResult
    from pmiptui.device.session import RouterSession
    from pmiptui.device.verify import Verification

EXIT_APPLIED = 0
EXIT_ABORTED = 1
EXIT_INVALID = 2
EXIT_REJECTED = 5
EXIT_UNREACHABLE = 6
EXIT_ROLLBACK_FAILED = 7
EXIT_UNVERIFIED = 8
EXIT_REFUSED = 9

EPILOG = """\
exit codes:
  0  applied and verified (and saved with --save); or --dry-run; or nothing to change
  1  not confirmed at the prompt: nothing was sent
  2  invalid values or bad input (every field error is listed): nothing was sent
  5  the router refused a line: the change was rolled back (the line and the router's
     message are printed)
  6  cannot connect, log in, or the router stopped answering; if that happened before the
     change was confirmed, pmiptui reconnected and rolled it back
  7  ROLLBACK FAILED or CONFIRM UNKNOWN: the router holds a whole configuration, but which
     one could not be proven (read the message; settle it with `pmiptui config recover`)
  8  applied, but the read-back differs from the prediction or could not finish: not
     saved, check the router
  9  refused: another change holds the router (another pmiptui on this host, a session in
     exclusive configuration mode) or one is pending there; nothing was sent

The change is all-or-nothing: the prior config is saved on the router in a snapshot of
this change's own (bootflash:pmiptui-<router>-<time>-<pid>.cfg, removed when the change
ends), the lines go in under `configure terminal revert timer 5` (the router rolls back by
itself unless confirmed), and any refused line rolls everything back. Only one change runs
per router: pmiptui processes on this host take a lock ($PMIPTUI_LOCK_DIR, default
/tmp/pmiptui-locks), and a router in `configuration mode exclusive manual` is configured
with `configure terminal lock`. Each attempt is recorded in the audit log
($PMIPTUI_AUDIT_LOG, default ~/.local/state/pmiptui/audit.jsonl)."""


def add_config_parser(actions: argparse._SubParsersAction[Any]) -> argparse.ArgumentParser:
    """Register `apply` on the `pmiptui config` action parsers; returns its parser."""
    p = actions.add_parser(
        "apply",
        help="apply a procedure to a router, all-or-nothing, with rollback",
        description="Build a procedure's CLI lines from a values file, show the change to the\n"
        "router's PMIPv6 configuration, apply it all-or-nothing after a typed confirmation,\n"
        "then read it back and verify it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("router", metavar="ROUTER", help="router name in the inventory (mag1)")
    p.add_argument("id", metavar="ID", help="procedure id (see `pmiptui config list`)")
    p.add_argument("--values", required=True, metavar="FILE.yaml", help="the procedure's values")
    p.add_argument(
        "--inventory",
        metavar="FILE",
        help="inventory YAML (default: the lab's, ~/.local/state/pmiptui/lab/inventory.yaml)",
    )
    p.add_argument("--dry-run", action="store_true", help="show the change, send nothing")
    p.add_argument("--yes", action="store_true", help="skip the typed confirmation")
    p.add_argument("--save", action="store_true", help="write memory once verification passed")
    p.add_argument("--ticket", metavar="T", help="change ticket id, kept in the audit log")
    add_host_keys_option(p)
    p.set_defaults(handler=cmd_config_apply)
    return p


def find_procedure(procedure_id: str) -> Procedure:
    """The catalogue's procedure; InputError naming the valid ids when there is none."""
    from pmiptui.configgen.catalogue import get

    return get(procedure_id)


def cmd_config_apply(
    args: argparse.Namespace,
    *,
    out: TextIO | None = None,
    ask: Callable[[str], str] = input,
) -> int:
    """`pmiptui config apply`: see the module doc and the exit codes in EPILOG."""
    from pmiptui.configgen.plan import InvalidValues, build_plan
    from pmiptui.configgen.values_file import load_values

    out = out or sys.stdout
    procedure = find_procedure(args.id)
    values = load_values(args.values)
    try:
        plan = build_plan(procedure, values)
    except InvalidValues as invalid:
        for error in invalid.errors:
            print(f"invalid: {shown(str(error))}", file=sys.stderr)
        print(
            f"error: {procedure.id}: {len(invalid.errors)} invalid value(s); nothing was sent",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if not plan:
        print(f"{procedure.id}: the values produce no configuration lines", file=out)
        return EXIT_APPLIED

    target = router_target(args)

    from pmiptui.device.change import exclusive_change
    from pmiptui.device.session import RouterSession

    # A dry run sends nothing, so it holds no change lock.
    lock = (
        nullcontext()
        if args.dry_run
        else exclusive_change(target, procedure.id, ticket=args.ticket)
    )
    with lock, RouterSession(target) as session:
        return _apply(args, procedure, plan, session, out, ask)


def _rules_against_router(procedure: Procedure, args: argparse.Namespace, running: str) -> int:
    """Re-check the cross-field rules against the router's own config (peers, domain encap)."""
    from pmiptui.configgen.diff import pmipv6_section
    from pmiptui.configgen.plan import InvalidValues, build_plan
    from pmiptui.configgen.values_file import load_values
    from pmiptui.errors import ParseError
    from pmiptui.parse import parse

    section = pmipv6_section(running)
    if not section.strip():
        return 0
    try:
        current = parse("running-config", section).record
    except ParseError:
        return 0
    try:
        build_plan(procedure, load_values(args.values), current)
    except InvalidValues as invalid:
        for error in invalid.errors:
            print(f"invalid: {shown(str(error))}", file=sys.stderr)
        print(
            f"error: {procedure.id}: {len(invalid.errors)} value(s) conflict with the router's "
            "configuration; nothing was changed",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return 0


def _apply(
    args: argparse.Namespace,
    procedure: Procedure,
    plan: list[PlanLine],
    session: RouterSession,
    out: TextIO,
    ask: Callable[[str], str],
) -> int:
    from pmiptui.device.change import prepare_change, run_change

    name = session.target.name
    prepared = prepare_change(session, plan)
    refused = _rules_against_router(procedure, args, prepared.before)
    if refused:
        return refused
    preview = prepared.diff
    print(f"{procedure.id} on {name}: {len(plan)} line(s) to send", file=out)
    for line in plan:
        print(f"  {shown(line.shown)}", file=out)
    if not preview.changed:
        print(f"no change: {name} already has this PMIPv6 configuration", file=out)
        return EXIT_APPLIED
    print("change to the PMIPv6 configuration:", file=out)
    print(shown(preview.unified), file=out)
    if args.dry_run:
        print("dry run: nothing was sent", file=out)
        return EXIT_APPLIED
    if not args.yes:
        try:
            typed = ask(f"Type the router name ({name}) to apply: ")
        except EOFError:
            typed = ""
        if typed.strip() != name:
            print("not confirmed: nothing was sent", file=out)
            return EXIT_ABORTED

    run = run_change(session, procedure.id, plan, prepared, ticket=args.ticket, save=args.save)
    return _report(run.result, run.verification, run.saved, args.save, out)


def _report(
    result: ApplyResult,
    verification: Verification | None,
    saved: bool,
    wanted_save: bool,
    out: TextIO,
) -> int:
    from pmiptui.device.outcome import Status

    def say(text: str) -> None:
        print(shown(text), file=sys.stderr)

    for note in result.notes:
        print(f"note: {shown(note)}", file=out)
    where = (
        f"line {result.failed_line.number} ({result.failed_line.text})"
        if result.failed_line
        else "before any line"
    )
    lost = f"while {result.lost_in}" if result.lost_in else f"at {where}"
    if result.status is Status.REJECTED_ROLLED_BACK:
        say(f"REJECTED at {where}: {result.router_message}")
        say(result.verification)
        return EXIT_REJECTED
    if result.status is Status.INTERRUPTED_ROLLED_BACK:
        say(f"INTERRUPTED {lost}: {result.router_message}")
        say(f"NOT APPLIED: {result.verification}")
        return EXIT_UNREACHABLE
    if result.status in (Status.ROLLBACK_FAILED, Status.CONFIRM_UNKNOWN):
        bar = "!" * 72
        headline = (
            "ROLLBACK FAILED" if result.status is Status.ROLLBACK_FAILED else "CONFIRM UNKNOWN"
        )
        say(bar)
        say(f"{headline} on {result.router}: WHICH WHOLE CONFIG IT HOLDS IS UNPROVEN")
        say(f"the change failed {lost}: {result.router_message}")
        say(result.verification)
        if result.snapshot:
            say(f"the prior config is kept on the router in {result.snapshot}")
        say(bar)
        return EXIT_ROLLBACK_FAILED
    if result.status is Status.CONFIRMED_UNVERIFIED:
        say(f"APPLIED AND CONFIRMED, NOT VERIFIED on {result.router}: {result.verification}")
        return EXIT_UNVERIFIED
    print(shown(f"applied to {result.router}: {result.verification}"), file=out)
    if verification is None:
        return EXIT_APPLIED
    for check in verification.lines:
        mark = "ok     " if check.present else "MISSING"
        block = " > ".join(check.block)
        print(shown(f"  {mark} {check.line}" + (f"   [in {block}]" if block else "")), file=out)
    if verification.section_matches:
        print("read-back: PMIPv6 configuration exactly as predicted", file=out)
    else:
        print("read-back DIFFERS from the prediction (predicted vs router):", file=out)
        print(shown(verification.mismatch.unified), file=out)
    if verification.changes:
        print(f"in effect ({verification.role} globals, before -> after):", file=out)
        for change in verification.changes:
            print(f"  {change.field}: {change.before} -> {change.after}", file=out)
    elif verification.role is not None:
        print(f"{verification.role} globals: no operational value changed", file=out)
    if verification.globals_note:
        print(f"note: {shown(verification.globals_note)}", file=out)
    if not verification.passed:
        print("verification FAILED: not saved; check the router", file=sys.stderr)
        return EXIT_UNVERIFIED
    if saved:
        print("saved: write memory [OK]", file=out)
    elif not wanted_save:
        print("not saved (running-config only); pass --save to write memory", file=out)
    return EXIT_APPLIED
