"""`pmiptui lab` in a process of its own at the lowest priority, for the benches.

A real router does not share the console's CPU: at nice 19 the lab takes what the console
leaves rather than time the console needs, even on a small machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start_lab(state: Path, *options: str) -> subprocess.Popen[str]:
    """Start the lab on free ports with `options`; returns once every router listens."""
    command = [str(Path(sys.executable).with_name("pmiptui")), "lab", "--port-base", "0"]
    command += ["--state-dir", str(state), *options]
    lab = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, preexec_fn=lambda: os.nice(19)
    )
    assert lab.stdout is not None
    for line in lab.stdout:
        if line.startswith("lab running"):
            return lab
    raise SystemExit(f"the lab ended before it listened (exit {lab.wait()})")
