"""Command-line options shared by several subcommands (kept apart so each subcommand module
can register them without importing the whole CLI)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmiptui.inventory import RouterTarget


def add_host_keys_option(parser: argparse.ArgumentParser) -> None:
    """`--host-keys {known_hosts,accept-new}`: how routers' SSH host keys are checked."""
    parser.add_argument(
        "--host-keys",
        choices=["known_hosts", "accept-new"],
        help="check routers' SSH host keys against known_hosts files only (default), or "
        "accept-new: record a router's first key, refuse a changed one (overrides the "
        "inventory's and config.yaml's host_key_policy)",
    )


def router_target(args: argparse.Namespace) -> RouterTarget:
    """The router named by `args.router` in `--inventory` (else the lab's), with `--host-keys`."""
    from pmiptui.console import with_host_keys
    from pmiptui.inventory import load_inventory

    target = load_inventory(Path(args.inventory) if args.inventory else None).router(args.router)
    [target] = with_host_keys([target], getattr(args, "host_keys", None))
    return target
