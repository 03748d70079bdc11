"""Reading a router's running-config, the one text every change starts from and ends on."""

from __future__ import annotations

from pmiptui.configgen.diff import normalize
from pmiptui.device.session import RouterSession
from pmiptui.ios.secrets import remember_config_secrets

SLOW_S = 120.0
"""Read timeout for whole-config commands."""


def read_running(session: RouterSession) -> str:
    """`show running-config`, normalised (no CR, no header or timestamp lines).

    The secrets the command model finds in it are masked in every output from now on.
    """
    text = session.send("show running-config", read_timeout=SLOW_S, doing="reading running-config")
    running = normalize(text)
    remember_config_secrets(running)
    return running
