"""The IOS command model: modes, commands, parameters, matching, rendering, running-config.

The lab and the configuration wizards both derive from this package; it imports only the
standard library.
"""

from __future__ import annotations

from pmiptui.ios.cli_error import CliError, ErrorKind
from pmiptui.ios.commands import ALL_COMMANDS, CONFIG_COMMANDS, EXEC_COMMANDS, commands_in, find
from pmiptui.ios.config_tree import (
    ConfigNode,
    apply,
    empty_tree,
    parse_running_config,
    render_running_config,
    section,
)
from pmiptui.ios.matcher import CommandMatch, parse_line, resolve
from pmiptui.ios.modes import MODES, Frame, Mode, ModeStack, prompt
from pmiptui.ios.params import Kind, Param, ParamError
from pmiptui.ios.pipes import Pipe, apply_pipe
from pmiptui.ios.render import render
from pmiptui.ios.spec import CommandSpec, Effect

__all__ = [
    "ALL_COMMANDS",
    "CONFIG_COMMANDS",
    "EXEC_COMMANDS",
    "MODES",
    "CliError",
    "CommandMatch",
    "CommandSpec",
    "ConfigNode",
    "Effect",
    "ErrorKind",
    "Frame",
    "Kind",
    "Mode",
    "ModeStack",
    "Param",
    "ParamError",
    "Pipe",
    "apply",
    "apply_pipe",
    "commands_in",
    "empty_tree",
    "find",
    "parse_line",
    "parse_running_config",
    "prompt",
    "render",
    "render_running_config",
    "resolve",
    "section",
]
