"""The command registry: every config and exec command, looked up by mode."""

from __future__ import annotations

from functools import cache

from pmiptui.ios import exec_commands, grammar_domain, grammar_lma, grammar_mag, grammar_platform
from pmiptui.ios.modes import MODES, PRIV_EXEC, USER_EXEC, is_config_mode
from pmiptui.ios.spec import ANY_CONFIG, CommandSpec, Source

CONFIG_COMMANDS: tuple[CommandSpec, ...] = (
    *grammar_platform.COMMANDS,
    *grammar_domain.COMMANDS,
    *grammar_mag.COMMANDS,
    *grammar_lma.COMMANDS,
)
"""Every configuration command, platform ones first."""

EXEC_COMMANDS: tuple[CommandSpec, ...] = exec_commands.COMMANDS
"""Every exec command."""

ALL_COMMANDS: tuple[CommandSpec, ...] = CONFIG_COMMANDS + EXEC_COMMANDS
"""Every command of the model."""


def _check_registry() -> None:
    """Fail at import if a declaration names an unknown mode or repeats a syntax."""
    seen: set[str] = set()
    for spec in ALL_COMMANDS:
        if spec.mode != ANY_CONFIG and spec.mode not in MODES:
            raise ValueError(f"{spec.syntax!r} runs in unknown mode {spec.mode!r}")
        if spec.enters is not None and spec.enters not in MODES:
            raise ValueError(f"{spec.syntax!r} enters unknown mode {spec.enters!r}")
        if spec.uid in seen:
            raise ValueError(f"duplicate command {spec.uid!r}")
        seen.add(spec.uid)


_check_registry()


@cache
def commands_in(mode: str) -> tuple[CommandSpec, ...]:
    """Commands that can be typed in a mode, the mode's own before the shared ones."""
    if mode not in MODES:
        raise KeyError(f"unknown mode {mode!r}")
    if mode == USER_EXEC:
        return tuple(c for c in EXEC_COMMANDS if c.mode == USER_EXEC)
    if mode == PRIV_EXEC:
        own = tuple(c for c in EXEC_COMMANDS if c.mode == PRIV_EXEC)
        return own + tuple(c for c in EXEC_COMMANDS if c.mode == USER_EXEC)
    own = tuple(c for c in CONFIG_COMMANDS if c.mode == mode)
    return own + tuple(c for c in CONFIG_COMMANDS if c.mode == ANY_CONFIG)


def find(mode: str, syntax: str) -> CommandSpec:
    """Look a command up by mode and exact canonical syntax."""
    for spec in commands_in(mode):
        if spec.syntax == syntax:
            return spec
    raise KeyError(f"no command {syntax!r} in mode {mode!r}")


def guide_commands() -> tuple[CommandSpec, ...]:
    """Configuration commands that come from the guide (not platform additions)."""
    return tuple(c for c in CONFIG_COMMANDS if c.source is Source.GUIDE)


def entering(mode: str) -> CommandSpec | None:
    """The command that enters a configuration mode, if it is a declared one."""
    if not is_config_mode(mode):
        return None
    return next((c for c in ALL_COMMANDS if c.enters == mode), None)
