"""`pmiptui config recover`: settle a change that did not finish, after a typed confirmation.

`add_recover_parser(actions)` registers the `recover` action on the `pmiptui config`
sub-command's action parsers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from pmiptui.cli_options import add_host_keys_option, router_target
from pmiptui.terminal_text import shown

if TYPE_CHECKING:
    from pmiptui.device.recover import Action, Unfinished

EXIT_SETTLED = 0
EXIT_ABORTED = 1
EXIT_UNPROVEN = 7

EPILOG = """\
A change that did not finish (a killed apply, a dropped session that could not be
recovered, another operator's change) leaves a Rollback Confirmed Change pending on the
router, or a pmiptui snapshot (bootflash:pmiptui-*.cfg) on its flash; `pmiptui config
apply` refuses to build on it. This command shows what that change did (the snapshot's
PMIPv6 section against the running config) and settles it, either way to a whole config:

  revert   back to the prior config: `configure revert now` (or `configure replace` of the
           snapshot), proven identical to the snapshot
  keep     the current config stays: `configure confirm`

then removes the snapshots. You type the router's name to confirm the choice.

exit codes: 0 settled (or nothing to settle), 1 not confirmed, 6 unreachable,
            7 the revert could not be proven, 9 another session is configuring the router"""


def add_recover_parser(actions: argparse._SubParsersAction[Any]) -> argparse.ArgumentParser:
    """Register `recover` on the `pmiptui config` action parsers; returns its parser."""
    p = actions.add_parser(
        "recover",
        help="settle a change that did not finish (revert or keep), with typed confirmation",
        description="Show and settle a pending confirmed change or a leftover pmiptui "
        "snapshot on a router.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("router", metavar="ROUTER", help="router name in the inventory")
    p.add_argument("--inventory", metavar="FILE", help="inventory YAML (default: the lab's)")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--revert", action="store_true", help="go back to the prior config")
    choice.add_argument("--keep", action="store_true", help="keep (confirm) the current config")
    p.add_argument("--yes", action="store_true", help="skip the typed confirmation")
    p.add_argument("--ticket", metavar="T", help="change ticket id, kept in the audit log")
    add_host_keys_option(p)
    p.set_defaults(handler=cmd_config_recover)
    return p


def cmd_config_recover(
    args: argparse.Namespace,
    *,
    out: TextIO | None = None,
    ask: Callable[[str], str] = input,
) -> int:
    """`pmiptui config recover`: see EPILOG."""
    from pmiptui.device.change import exclusive_change
    from pmiptui.device.recover import inspect
    from pmiptui.device.session import RouterSession

    out = out or sys.stdout
    target = router_target(args)
    with (
        exclusive_change(target, "recover", ticket=args.ticket),
        RouterSession(target) as session,
    ):
        unfinished = inspect(session)
        _describe(unfinished, out)
        if not unfinished.anything:
            return EXIT_SETTLED
        action = _choose(args, unfinished, out, ask)
        if action is None:
            print("not confirmed: nothing was done", file=out)
            return EXIT_ABORTED
        return _settle(args, session, unfinished, action, out)


def _describe(unfinished: Unfinished, out: TextIO) -> None:
    name = unfinished.router
    if not unfinished.anything:
        print(
            f"nothing to recover on {name}: no confirmed change is pending and no pmiptui "
            "snapshot is on the router",
            file=out,
        )
        return
    if unfinished.pending is not None:
        print(f"a confirmed change is pending on {name}: {unfinished.pending.describe()}", file=out)
    else:
        print(f"no confirmed change is pending on {name}", file=out)
    for url in unfinished.snapshots:
        print(f"snapshot left by an unfinished change: {url}", file=out)
    diff = unfinished.diff
    if diff is None:
        print("no readable snapshot: the change cannot be shown", file=out)
    elif diff.changed:
        print("what the unfinished change did (snapshot -> running-config):", file=out)
        print(shown(diff.unified), file=out)
    else:
        print("the running PMIPv6 configuration equals the snapshot's", file=out)


def _choose(
    args: argparse.Namespace, unfinished: Unfinished, out: TextIO, ask: Callable[[str], str]
) -> Action | None:
    from pmiptui.device.recover import Action

    name = unfinished.router
    if args.revert or args.keep:
        action = Action.REVERT if args.revert else Action.KEEP
    else:
        keep = "confirm it" if unfinished.pending is not None else "keep the running config"
        try:
            typed = ask(f"[r] revert to the prior config, [k] {keep}, anything else: quit: ")
        except EOFError:
            return None
        picked = {"r": Action.REVERT, "k": Action.KEEP}.get(typed.strip().lower()[:1])
        if picked is None:
            return None
        action = picked
    if args.yes:
        return action
    try:
        typed = ask(f"Type the router name ({name}) to {action.value}: ")
    except EOFError:
        return None
    return action if typed.strip() == name else None


_AUDIT_RESULT = {"revert": "reverted", "keep": "kept"}


def _settle(
    args: argparse.Namespace, session: Any, unfinished: Unfinished, action: Action, out: TextIO
) -> int:
    from pmiptui.audit import AuditRecord, write_audit
    from pmiptui.device.recover import settle

    settled = settle(session, unfinished, action)
    for note in settled.notes:
        print(f"note: {shown(note)}", file=out)
    for url in settled.removed:
        print(f"removed {url}", file=out)
    write_audit(
        AuditRecord(
            router=settled.router,
            procedure="recover",
            ticket=args.ticket,
            result=_AUDIT_RESULT[action] if settled.proven else f"{action.value}_unproven",
            diff=unfinished.diff.unified if unfinished.diff else "",
            detail=settled.detail,
        )
    )
    if not settled.proven:
        print(shown(f"NOT PROVEN on {settled.router}: {settled.detail}"), file=sys.stderr)
        return EXIT_UNPROVEN
    print(shown(f"{settled.router}: {settled.detail}"), file=out)
    return EXIT_SETTLED
