"""`pmiptui capture ROUTER`: save one router's raw output and its parse into one bundle.

`add_capture_parser(sub)` registers `capture` on the top-level sub-command parsers. The
bundle's layout is documented in `pmiptui.device.capture`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from pmiptui.cli_options import add_host_keys_option, router_target
from pmiptui.errors import InputError
from pmiptui.terminal_text import shown

DEFAULT_READ_TIMEOUT_S = 120.0
"""A busy ASR's full binding table takes a while; a capture is run once, by hand."""

EPILOG = """\
The bundle (mode 0600) holds, under one folder: manifest.json (pmiptui version, router,
role, IOS XE release and platform, each command with its kind, UTC time, duration and
size), each command's output as received (show-version.txt, <kind>.txt), its parse
result (<kind>.json) and the lines the parser left (<kind>.unparsed.txt). Passwords,
enable secrets and keys (auth-option ... key ...) are masked in every file. Send it to
the pmiptui maintainers, or check the templates with it.

exit codes: 0 captured, 2 bad input (unknown router, --out exists), 3 the router refused
            a command (the bundle is written), 6 unreachable, login refused, or the session
            broke (after a break, the bundle holds what came before)"""


def add_capture_parser(sub: argparse._SubParsersAction[Any]) -> argparse.ArgumentParser:
    """Register `capture` on the top-level sub-command parsers; returns its parser."""
    p: argparse.ArgumentParser = sub.add_parser(
        "capture",
        help="save one router's raw show output and its parse into a .tar.gz bundle",
        description="Connect to one router of the inventory, run `show version`, every show\n"
        "command the console polls for its role and its PMIPv6 running config, and save\n"
        "each output (secrets masked) beside its parse result in one bundle.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("router", metavar="ROUTER", help="router name in the inventory")
    p.add_argument("--inventory", metavar="FILE", help="inventory YAML (default: the lab's)")
    p.add_argument(
        "--out",
        metavar="FILE.tar.gz",
        help="where to write the bundle (default: pmiptui-capture-<router>-<UTC stamp>.tar.gz "
        "in the current folder); never overwritten",
    )
    p.add_argument(
        "--read-timeout",
        type=float,
        default=DEFAULT_READ_TIMEOUT_S,
        metavar="SEC",
        help=f"how long one command may take (default {DEFAULT_READ_TIMEOUT_S:g})",
    )
    add_host_keys_option(p)
    p.set_defaults(handler=cmd_capture)
    return p


def cmd_capture(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """`pmiptui capture`: see EPILOG. A failure after login still writes the bundle, then
    raises one PmipError saying what happened and where the bundle is."""
    from pmiptui.device.capture import capture_router
    from pmiptui.device.capture_bundle import default_path, write_bundle

    out = out or sys.stdout
    wanted = Path(args.out) if args.out else None
    if wanted is not None and (wanted.exists() or wanted.is_symlink()):
        raise InputError(f"{args.out}: already exists; choose another --out")
    if args.read_timeout <= 0:
        raise InputError("--read-timeout must be more than 0 seconds")
    target = router_target(args)
    capture = capture_router(target, read_timeout=args.read_timeout)
    path = wanted or default_path(capture)
    manifest = write_bundle(capture, path)
    if capture.error is not None:
        error = capture.error
        kept = len(capture.commands)
        raise type(error)(
            f"{error.message} (bundle with {kept} output(s) written to {path})", title=error.title
        )
    print(shown(_summary(path, manifest)), file=out)
    failed = [c["kind"] for c in manifest["commands"] if c.get("parse_error")]
    if failed:
        print(shown(f"note: not parsed: {', '.join(failed)} (see their .json)"), file=out)
    return 0


def _summary(path: Path, manifest: dict[str, Any]) -> str:
    """One line: where the bundle is and what it holds."""
    commands = manifest["commands"]
    unparsed = sum(c.get("unparsed") or 0 for c in commands)
    version = manifest["ios_xe"]
    software = " on ".join(v for v in (version["release"], version["platform"]) if v)
    return (
        f"wrote {path}: {len(commands)} outputs of {manifest['router']} "
        f"({manifest['role']}{', IOS XE ' + software if software else ''}), "
        f"{unparsed} unparsed line(s)"
    )
