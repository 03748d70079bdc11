"""What every block reader of the running-config shares: line heads, values, handlers, the walk.

A block's lines are taken by handlers keyed by the command's leading keywords (`_head`); a
line no handler takes is reported by its index. The block readers (`domain`, `mag`, `lma`)
build on `BlockReader`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any

from pmiptui.ios.config_tree import ConfigNode, walk
from pmiptui.model.config import AuthOption, Heartbeat, ReplayProtection
from pmiptui.redact import Secret

_SYNTAX_WORD = re.compile(r"[a-z0-9][a-z0-9-]*")

Fields = dict[str, Any]
"""A record's fields, as read so far from its block."""
Handler = Callable[[Fields, ConfigNode], None]
"""Takes one line (and its block) into the record's fields."""


def head(node: ConfigNode) -> str:
    """The command's leading keywords (`bce maximum`, `auth-option spi`); "" for unknown lines."""
    if node.command is None:
        return ""
    words: list[str] = []
    for word in node.command.syntax.split():
        if not _SYNTAX_WORD.fullmatch(word):
            break
        words.append(word)
    return " ".join(words)


def only(node: ConfigNode) -> Any:
    """The single value of a one-parameter line."""
    return next(iter(node.values.values()), None)


def text(node: ConfigNode, name: str) -> str | None:
    """An optional word value as text."""
    value = node.values.get(name)
    return None if value is None else str(value)


def interface(node: ConfigNode) -> str:
    """An interface line's name, joined (`Ethernet0/2`)."""
    return f"{node.values['type']}{node.values['number']}"


def mac(value: Any) -> str:
    """A MAC address, dotted lower case."""
    digits = re.sub(r"[^0-9a-fA-F]", "", str(value)).lower()
    return ".".join(digits[i : i + 4] for i in range(0, 12, 4))


def auth(node: ConfigNode) -> AuthOption:
    """An `auth-option spi …` line."""
    values = node.values
    decimal = values.get("spi-decimal-value")
    hex_spi = values.get("spi-hex-value", values.get("hex-value"))
    key_type = "hex" if "hex-string" in values else "ascii"
    return AuthOption(
        spi=int(str(decimal)) if decimal is not None else int(str(hex_spi), 16),
        spi_form="decimal" if decimal is not None else "hex",
        key_type=key_type,
        key=Secret(str(values.get(f"{key_type}-string", ""))),
    )


def heartbeat(node: ConfigNode) -> Heartbeat:
    """A `heartbeat …` line."""
    values = node.values
    interval = values.get("interval", values.get("interval-value"))
    retries = values.get("retries", values.get("retries-value"))
    label = values.get("label")
    return Heartbeat(
        interval=None if interval is None else int(str(interval)),
        retries=None if retries is None else int(str(retries)),
        label=None if label is None else str(label),
        natreboot=bool(values.get("natreboot")),
    )


def replay(node: ConfigNode) -> ReplayProtection:
    """A `replay-protection timestamp …` line."""
    window = node.values.get("seconds")
    return ReplayProtection(window_sec=None if window is None else int(str(window)))


def set_field(name: str) -> Handler:
    """A one-value line stored as the record field `name`."""

    def handle(fields: Fields, node: ConfigNode) -> None:
        fields[name] = only(node)

    return handle


def flag(name: str) -> Handler:
    """A keyword line that sets the record field `name` to True."""

    def handle(fields: Fields, node: ConfigNode) -> None:
        fields[name] = True

    return handle


def append(name: str, value: Callable[[ConfigNode], Any]) -> Handler:
    """A repeatable line (or block) read by `value` into the list field `name`."""

    def handle(fields: Fields, node: ConfigNode) -> None:
        fields.setdefault(name, []).append(value(node))

    return handle


class BlockReader:
    """Walks blocks line by line, collecting warnings and the lines no record takes."""

    def __init__(self, index: dict[int, int]) -> None:
        self.index = index
        """Line index (into the lines read) of each tree node, by the node's id."""
        self.warnings: list[str] = []
        """What was read but looks wrong (kept as printed)."""
        self.unknown: set[int] = set()
        """Indexes of the lines no record took."""

    def skip(self, node: ConfigNode) -> None:
        """`node` and its whole block are not taken by any record."""
        for _depth, kid in [(0, node), *walk(node)]:
            if id(kid) in self.index:
                self.unknown.add(self.index[id(kid)])

    def address(self, value: Any, where: str) -> str:
        """An IPv4 or IPv6 address in its canonical text form (IPv6 compressed, lower case)."""
        try:
            return str(ipaddress.ip_address(str(value)))
        except ValueError:
            self.warnings.append(f"{where}: {value} is not a valid address; kept as printed")
            return str(value)

    def fields(
        self,
        block: ConfigNode,
        handlers: dict[str, Handler],
        fix: Callable[[ConfigNode], ConfigNode] | None = None,
    ) -> Fields:
        """The record fields of `block`'s lines; lines without a handler are reported.

        `fix` may re-read a line first (it must not change a line no handler takes).
        """
        fields: Fields = {}
        for kid in block.children:
            if fix is not None and head(fixed := fix(kid)) in handlers:
                kid = fixed
            handler = handlers.get(head(kid))
            if handler is None:
                self.skip(kid)
                continue
            handler(fields, kid)
            if kid.command is not None and kid.command.enters is None:
                for grandchild in kid.children:
                    self.skip(grandchild)
        return fields

    def addresses(self, where: str) -> Handler:
        """`ipv4-address A` / `ipv6-address A` of a peer, repeatable."""

        def handle(fields: Fields, node: ConfigNode) -> None:
            name = "ipv4_addresses" if "ipv4-address" in node.values else "ipv6_addresses"
            fields.setdefault(name, []).append(self.address(only(node), where))

        return handle

    def own_address(self, where: str) -> Handler:
        """`address ipv4 A` / `address ipv6 A` of an instance."""

        def handle(fields: Fields, node: ConfigNode) -> None:
            name = "ipv4_address" if "ipv4-address" in node.values else "ipv6_address"
            fields[name] = self.address(only(node), where)

        return handle

    def peer_lines(self, where: str) -> dict[str, Handler]:
        """The lines a MAG's LMA block and an LMA's MAG block share."""
        return {
            "auth-option spi": lambda f, n: f.update(auth_option=auth(n)),
            "ipv4-address": self.addresses(where),
            "ipv6-address": self.addresses(where),
            "encap": set_field("encap"),
        }
