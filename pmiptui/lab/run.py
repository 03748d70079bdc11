"""`pmiptui lab`: run the lab in the foreground until Ctrl-C or SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from pmiptui.errors import PmipError
from pmiptui.lab.runtime import Lab, LabOptions
from pmiptui.lab.topology import Topology


def default_state_dir() -> Path:
    """Where the lab keeps saved configs, host key and inventory unless told otherwise."""
    return Path.home() / ".local" / "state" / "pmiptui" / "lab"


async def _serve_until_stopped(lab: Lab, state_dir: Path) -> None:
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):  # before "lab running" tells anyone
        loop.add_signal_handler(signum, stopped.set)
    await lab.start()
    inventory = lab.write_inventory(state_dir)
    for spec in lab.topology.routers:
        print(f"{spec.name:<10} {spec.role.upper():<4} {lab.options.host}:{lab.port(spec.name)}")
    print(f"inventory: {inventory}")
    print("lab running; Ctrl-C stops it", flush=True)
    try:
        await stopped.wait()
    finally:
        await lab.stop()
        print("lab stopped", file=sys.stderr)


def run_lab(topology: Topology, options: LabOptions) -> int:
    """Run the lab in the foreground; returns the exit status."""
    state_dir = options.state_dir or default_state_dir()
    options.state_dir = state_dir
    try:
        asyncio.run(_serve_until_stopped(Lab(topology, options), state_dir))
    except OSError as error:
        raise PmipError(
            f"cannot listen on {options.host} from port {options.port_base}: "
            f"{error.strerror or error}; choose another --port-base (0 picks free ports)",
            title="Lab",
        ) from None
    return 0
