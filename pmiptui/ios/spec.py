"""The command record and the one-line declaration helper the grammar tables use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from pmiptui.ios.params import Kind, Param, param
from pmiptui.ios.syntax import Grammar, compile_syntax

ANY_CONFIG = "*config"
"""Pseudo mode name for commands valid in every configuration mode (``end``, ``exit``, ``do``)."""


class Effect(StrEnum):
    """Session effect of a command beyond editing the configuration."""

    EXIT = "exit"
    END = "end"
    DO = "do"
    DISABLE = "disable"
    LOGOUT = "logout"
    COMMENT = "comment"


class Source(StrEnum):
    """Where the command's syntax comes from."""

    GUIDE = "guide"
    PLATFORM = "platform"


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandSpec:
    """One command: the mode it runs in, its syntax, typed parameters and config semantics."""

    mode: str
    """Mode the command is typed in (a mode name, or :data:`ANY_CONFIG`)."""
    syntax: str
    """Canonical syntax in the notation of :mod:`pmiptui.ios.syntax`."""
    help: str
    """One-line description."""
    grammar: Grammar = field(repr=False, compare=False)
    """Compiled syntax."""
    enters: str | None = None
    """Mode the command enters, if it opens a block."""
    repeatable: bool = False
    """Several lines of this command may coexist in one block (each distinct line kept)."""
    key: tuple[str, ...] | None = None
    """Parameters naming an instance (pools by name, blocks by id); ``None`` for plain lines."""
    effect: Effect | None = None
    """Session effect (exit, end, do, ...)."""
    source: Source = Source.GUIDE
    """Guide command or platform command."""
    pipe: bool = False
    """Exec command whose output may be filtered with ``| include`` and friends."""
    note: str = ""
    """Constraint the guide states in prose (not enforced by the matcher)."""

    @property
    def uid(self) -> str:
        """Stable identifier: mode and syntax."""
        return f"{self.mode}|{self.syntax}"

    @property
    def params(self) -> tuple[Param, ...]:
        """Parameters in order of appearance."""
        return self.grammar.params

    @property
    def secret_params(self) -> frozenset[str]:
        """Names of parameters holding key material or passwords."""
        return frozenset(p.name for p in self.grammar.params if p.secret)


W = Kind.WORD
I = Kind.INTEGER  # noqa: E741

COMMON: dict[str, Param] = {
    p.name: p
    for p in (
        param("domain-name", W, "PMIPv6 domain name"),
        param("mag-id", W, "MAG identifier"),
        param("lma-id", W, "LMA identifier"),
        param("vrf-name", W, "VRF name"),
        param("pool-name", W, "address pool name"),
        param("network-name", W, "LMA network name"),
        param("profile-name", W, "profile name"),
        param("map-name", W, "mobile map name"),
        param("acl-list-name", W, "access list name"),
        param("apn-name", W, "access point name"),
        param("label", W, "link label"),
        param("ipv4-address", Kind.IPV4, "IPv4 address"),
        param("ipv6-address", Kind.IPV6, "IPv6 address"),
        param("seconds", I, "time in seconds", unit="seconds"),
        param("milliseconds", I, "time in milliseconds", unit="milliseconds"),
        param("number", I, "count"),
        param("interval", I, "interval in seconds", unit="seconds"),
        param("retries", I, "number of retries"),
        param("mtu-size", I, "tunnel MTU in bytes", unit="bytes"),
        param("spi-hex-value", Kind.SPI, "security parameter index in hexadecimal"),
        param("spi-decimal-value", I, "security parameter index in decimal"),
        param("ascii-string", Kind.STRING, "shared key as text", secret=True),
        param("hex-string", Kind.HEX, "shared key in hexadecimal", secret=True),
        param("url", Kind.URL, "file location, e.g. flash:archive"),
        param("line", Kind.LINE, "free text up to the end of the line"),
        param("regex", Kind.LINE, "regular expression"),
    )
}
"""Placeholders shared by many commands; a declaration may override any of them."""

IFACE = (
    param("type", Kind.INTERFACE_TYPE, "interface type, e.g. GigabitEthernet"),
    param("number", Kind.INTERFACE_NUMBER, "interface number, e.g. 0/0/0"),
)
"""The ``<type> <number>`` pair of interface commands."""


def cmd(
    mode: str,
    syntax: str,
    help: str,
    *,
    p: Iterable[Param] = (),
    enters: str | None = None,
    repeat: bool = False,
    key: tuple[str, ...] | None = None,
    effect: Effect | None = None,
    source: Source = Source.GUIDE,
    pipe: bool = False,
    note: str = "",
) -> CommandSpec:
    """Declare one command from its syntax line; blocks are keyed by all their params."""
    table = dict(COMMON)
    table.update({x.name: x for x in p})
    grammar = compile_syntax(syntax, table)
    if key is None and enters is not None:
        key = tuple(x.name for x in grammar.params)
    return CommandSpec(
        mode=mode,
        syntax=syntax,
        help=help,
        grammar=grammar,
        enters=enters,
        repeatable=repeat,
        key=key,
        effect=effect,
        source=source,
        pipe=pipe,
        note=note,
    )
