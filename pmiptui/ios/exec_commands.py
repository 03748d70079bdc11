"""Exec commands: the guide's show/clear/debug commands and the platform ones Netmiko uses.

Commands declared in user exec are also valid in privileged exec, as on IOS.
"""

from __future__ import annotations

from pmiptui.ios.modes import CONFIG, PRIV_EXEC, USER_EXEC
from pmiptui.ios.params import Kind, param
from pmiptui.ios.spec import CommandSpec, Effect, Source, cmd
from pmiptui.show_commands import show_words

_P = Source.PLATFORM
_SCREEN = [param("lines", Kind.INTEGER, "0 means no limit", low=0, high=512)]
_HOST = param("host", Kind.WORD, "host name or address")
_WIDTH = [param("columns", Kind.INTEGER, "characters per line", low=0, high=512)]
_FILESYSTEM = [param("filesystem", Kind.URL, "file system, e.g. bootflash:")]

_SHOW_WHAT = {
    **show_words(),  # the registry's show commands, each with its help line
    "bindings": "the binding table (alternative spelling the guide uses)",
}


def _pmipv6_shows(role: str) -> list[CommandSpec]:
    """``show ipv6 mobile pmipv6 mag|lma [<id>] globals|binding|bindings|stats|tunnel``."""
    ident = f"{role}-id"
    return [
        cmd(
            PRIV_EXEC,
            f"show ipv6 mobile pmipv6 {role} [<{ident}>] {what}",
            f"Show the {role.upper()}'s {text.removeprefix('the ')}.",
            pipe=True,
        )
        for what, text in _SHOW_WHAT.items()
    ]


COMMANDS: tuple[CommandSpec, ...] = (
    cmd(USER_EXEC, "enable", "Enter privileged exec.", enters=PRIV_EXEC, source=_P, key=()),
    cmd(USER_EXEC, "exit", "Close the session.", effect=Effect.LOGOUT, source=_P),
    cmd(USER_EXEC, "logout", "Close the session.", effect=Effect.LOGOUT, source=_P),
    cmd(USER_EXEC, "terminal length <lines>", "Lines per page of output.", p=_SCREEN, source=_P),
    cmd(USER_EXEC, "terminal width <columns>", "Width of the terminal.", p=_WIDTH, source=_P),
    cmd(USER_EXEC, "show version", "Show software version and uptime.", pipe=True, source=_P),
    cmd(USER_EXEC, "show clock", "Show the system time.", source=_P),
    cmd(USER_EXEC, "show users", "Show the sessions open on the router.", pipe=True, source=_P),
    cmd(
        USER_EXEC,
        "show history",
        "Show the session's command history.",
        pipe=True,
        source=_P,
    ),
    cmd(USER_EXEC, "ping <host>", "Send echo requests to a host.", p=[_HOST], source=_P),
    cmd(USER_EXEC, "traceroute <host>", "Trace the path to a host.", p=[_HOST], source=_P),
    cmd(
        USER_EXEC,
        "ssh -l <username> <host>",
        "Open an SSH session to another device.",
        p=[_HOST, param("username", Kind.WORD, "login name")],
        source=_P,
    ),
    cmd(PRIV_EXEC, "disable", "Return to user exec.", effect=Effect.DISABLE, source=_P),
    cmd(
        PRIV_EXEC,
        "configure terminal",
        "Enter global configuration.",
        enters=CONFIG,
        source=_P,
        key=(),
    ),
    cmd(
        PRIV_EXEC,
        "configure terminal revert timer <minutes>",
        "Enter configuration; roll back unless confirmed in time.",
        p=[param("minutes", Kind.INTEGER, "minutes before rollback", low=1, high=120)],
        enters=CONFIG,
        source=_P,
        key=(),
    ),
    cmd(
        PRIV_EXEC,
        "configure terminal lock",
        "Enter configuration holding the exclusive lock (needs `configuration mode exclusive "
        "manual`).",
        enters=CONFIG,
        source=_P,
        key=(),
    ),
    cmd(PRIV_EXEC, "configure confirm", "Keep the changes made under a revert timer.", source=_P),
    cmd(
        PRIV_EXEC, "configure revert now", "Roll back to the archived configuration now.", source=_P
    ),
    cmd(
        PRIV_EXEC,
        "configure replace <url> [force]",
        "Replace the running configuration with a saved one.",
        source=_P,
    ),
    cmd(
        PRIV_EXEC,
        "copy running-config <url>",
        "Save the running configuration to a file.",
        source=_P,
    ),
    cmd(PRIV_EXEC, "write memory", "Save the running configuration as startup.", source=_P),
    cmd(PRIV_EXEC, "show running-config", "Show the running configuration.", pipe=True, source=_P),
    cmd(PRIV_EXEC, "show startup-config", "Show the saved configuration.", pipe=True, source=_P),
    cmd(PRIV_EXEC, "show archive", "List archived configurations.", pipe=True, source=_P),
    cmd(
        PRIV_EXEC,
        "show archive config rollback timer",
        "Show the pending Rollback Confirmed Change, if any.",
        source=_P,
    ),
    cmd(
        PRIV_EXEC,
        "show configuration lock",
        "Show which session holds the exclusive configuration lock.",
        source=_P,
    ),
    cmd(
        PRIV_EXEC,
        "dir [<filesystem>]",
        "List the files of a file system.",
        p=_FILESYSTEM,
        source=_P,
    ),
    cmd(PRIV_EXEC, "more <url>", "Show the contents of a file.", source=_P),
    cmd(
        PRIV_EXEC, "delete [/force] <url>", "Delete a file; /force skips the questions.", source=_P
    ),
    cmd(PRIV_EXEC, "show ip interface brief", "Show IPv4 interface status.", pipe=True, source=_P),
    cmd(
        PRIV_EXEC, "show ipv6 interface brief", "Show IPv6 interface status.", pipe=True, source=_P
    ),
    cmd(PRIV_EXEC, "show reload", "Show whether a reload is scheduled.", source=_P),
    cmd(PRIV_EXEC, "reload", "Restart the router.", source=_P),
    *_pmipv6_shows("mag"),
    *_pmipv6_shows("lma"),
    cmd(PRIV_EXEC, "clear ipv6 mobile pmipv6 mag", "Reset MAG state (arguments not given)."),
    cmd(
        PRIV_EXEC,
        "clear ipv6 mobile pmipv6 lma",
        "Reset LMA state (arguments not given).",
        source=_P,
    ),
    cmd(PRIV_EXEC, "debug ipv6 mobile mag event", "Trace MAG events."),
    cmd(PRIV_EXEC, "debug ipv6 mobile mag info", "Trace MAG details."),
    cmd(PRIV_EXEC, "debug ipv6 mobile lma event", "Trace LMA events."),
    cmd(PRIV_EXEC, "debug ipv6 mobile lma info", "Trace LMA details."),
    cmd(PRIV_EXEC, "debug ipv6 mobile packets", "Trace PMIPv6 packets."),
    cmd(PRIV_EXEC, "undebug all", "Stop every trace.", source=_P),
)
"""Exec commands."""
