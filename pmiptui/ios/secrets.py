"""The secrets of a configuration, found by the IOS command model's meaning of each line."""

from __future__ import annotations

from pmiptui.ios.config_tree import parse_running_config, walk
from pmiptui.redact import remember_secret


def config_secrets(running: str) -> set[str]:
    """The values of every secret parameter (auth-option keys…) in a running-config text."""
    found: set[str] = set()
    for _depth, node in walk(parse_running_config(running)):
        command = node.command
        if command is None:
            continue
        for name in command.secret_params:
            value = node.values.get(name)
            if isinstance(value, str) and value:
                found.add(value)
    return found


def remember_config_secrets(running: str) -> None:
    """Mask this config's secrets in every text pmiptui shows or writes from now on."""
    for value in config_secrets(running):
        remember_secret(value)
