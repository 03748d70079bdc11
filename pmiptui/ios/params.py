"""Parameter kinds of the IOS command model and their validators."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import NoReturn

from pmiptui.ios.interfaces import canonical_interface_type

Value = str | int
"""A converted parameter value: integers for integer kinds, normalised text otherwise."""

U32_MAX = 2**32 - 1


class Kind(StrEnum):
    """What a parameter accepts; the values are the names the command index uses."""

    WORD = "word"
    STRING = "string"
    INTEGER = "integer"
    HEX = "hex"
    IPV4 = "ipv4-address"
    IPV4_WILDCARD = "ipv4-wildcard"
    IPV6 = "ipv6-address"
    IPV6_PREFIX = "ipv6-prefix"
    MAC = "mac-address"
    NAI = "nai"
    INTERFACE_TYPE = "interface-type"
    INTERFACE_NUMBER = "interface-number"
    SPI = "spi"
    URL = "url"
    LINE = "line"


@dataclass(frozen=True, slots=True, kw_only=True)
class ParamError:
    """Why a typed value was refused, naming the parameter and the rule it broke."""

    param: str
    """Placeholder name of the refused parameter."""
    text: str
    """The text that was typed."""
    rule: str
    """The rule, phrased to complete "must be ..."."""

    @property
    def message(self) -> str:
        """One-line explanation for screens and logs."""
        return f"{self.param}: {self.text!r} must be {self.rule}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Param:
    """One typed argument of a command, named by the guide's placeholder."""

    name: str
    """Placeholder name, e.g. ``domain-name``; also the key in matched values."""
    kind: Kind
    """What the parameter accepts."""
    low: int | None = None
    """Lowest accepted integer (integer kinds only)."""
    high: int | None = None
    """Highest accepted integer (integer kinds only)."""
    secret: bool = False
    """Key material or a password: mask it in logs, screens and exports."""
    unit: str | None = None
    """Unit of an integer value, when the guide gives one."""
    help: str = ""
    """Short description for wizards and ``?`` help."""

    def check(self, text: str) -> Value | ParamError:
        """Convert typed text to a value, or explain which rule it breaks."""
        try:
            return _RULES[self.kind](self, text)
        except _Refused as refused:
            return ParamError(param=self.name, text=text, rule=str(refused))

    @property
    def range_text(self) -> str | None:
        """The integer range as IOS help shows it (``<1-255>``), if bounded."""
        if self.kind is not Kind.INTEGER or self.low is None or self.high is None:
            return None
        return f"<{self.low}-{self.high}>"


class _Refused(Exception):
    """Raised by a rule function with the rule text the value broke."""


def _fail(rule: str) -> NoReturn:
    """Refuse the value being checked, naming the rule."""
    raise _Refused(rule)


_WORD_RE = re.compile(r"^\S+$")
_HEX_RE = re.compile(r"^(0[xX])?[0-9a-fA-F]+$")
_MAC_RE = re.compile(r"^[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}$")
_IFNUM_RE = re.compile(r"^\d+(/\d+)*(\.\d+)?(:\d+)?$")
_NAI_RE = re.compile(r"^([^@\s]*)@([^@\s]+)$")
_URL_RE = re.compile(r"^([a-z][a-z0-9-]*:\S*|startup-config|running-config)$", re.IGNORECASE)


def _word(p: Param, text: str) -> Value:
    if not _WORD_RE.match(text):
        _fail("a single word without spaces")
    return text


def _integer(p: Param, text: str) -> Value:
    low = 0 if p.low is None else p.low
    high = U32_MAX if p.high is None else p.high
    if not (text.isascii() and text.isdigit()):
        _fail(f"a whole number in the range {low}-{high}")
    value = int(text)
    if not low <= value <= high:
        _fail(f"in the range {low}-{high}")
    return value


def _hex(p: Param, text: str) -> Value:
    if not _HEX_RE.match(text):
        _fail("hexadecimal digits (0-9, A-F)")
    return text


def _spi(p: Param, text: str) -> Value:
    if not _HEX_RE.match(text):
        _fail("a hexadecimal SPI (0-9, A-F)")
    if int(text, 16) > U32_MAX:
        _fail("a 32-bit SPI (at most FFFFFFFF)")
    return text


def _ipv4(p: Param, text: str) -> Value:
    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        _fail("an IPv4 address in dotted-decimal form (A.B.C.D)")


def _ipv4_wildcard(p: Param, text: str) -> Value:
    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        _fail("a wildcard mask in dotted-decimal form (A.B.C.D)")


def ios_ipv6(text: str) -> str:
    """Return an IPv6 address the way IOS prints it: compressed, upper case."""
    return ipaddress.IPv6Address(text).compressed.upper()


def _ipv6(p: Param, text: str) -> Value:
    if "%" in text or "/" in text:
        _fail("an IPv6 address (X:X:X:X::X) without prefix length or zone")
    try:
        return ios_ipv6(text)
    except ValueError:
        _fail("an IPv6 address (X:X:X:X::X)")


def _ipv6_prefix(p: Param, text: str) -> Value:
    address, slash, length = text.partition("/")
    if not slash or not length.isdigit() or int(length) > 128:
        _fail("an IPv6 prefix X:X:X:X::X/<0-128>")
    try:
        return f"{ios_ipv6(address)}/{int(length)}"
    except ValueError:
        _fail("an IPv6 prefix X:X:X:X::X/<0-128>")


def _mac(p: Param, text: str) -> Value:
    if not _MAC_RE.match(text):
        _fail("a MAC address in the form xxxx.xxxx.xxxx")
    return text.lower()


def _nai(p: Param, text: str) -> Value:
    if not _NAI_RE.match(text):
        _fail("a network access identifier [user]@realm")
    return text


def _interface_type(p: Param, text: str) -> Value:
    found = canonical_interface_type(text)
    if found is None:
        _fail("a known interface type (e.g. GigabitEthernet)")
    return found


def _interface_number(p: Param, text: str) -> Value:
    if not _IFNUM_RE.match(text):
        _fail("an interface number such as 0/0/0, 1 or 0/1.100")
    return text


def _url(p: Param, text: str) -> Value:
    if not _URL_RE.match(text):
        _fail("a file URL such as flash:archive")
    return text


def _line(p: Param, text: str) -> Value:
    if not text.strip():
        _fail("some text")
    return text


_RULES = {
    Kind.WORD: _word,
    Kind.STRING: _word,
    Kind.INTEGER: _integer,
    Kind.HEX: _hex,
    Kind.IPV4: _ipv4,
    Kind.IPV4_WILDCARD: _ipv4_wildcard,
    Kind.IPV6: _ipv6,
    Kind.IPV6_PREFIX: _ipv6_prefix,
    Kind.MAC: _mac,
    Kind.NAI: _nai,
    Kind.INTERFACE_TYPE: _interface_type,
    Kind.INTERFACE_NUMBER: _interface_number,
    Kind.SPI: _spi,
    Kind.URL: _url,
    Kind.LINE: _line,
}


def param(
    name: str,
    kind: Kind,
    help: str = "",
    *,
    low: int | None = None,
    high: int | None = None,
    secret: bool = False,
    unit: str | None = None,
) -> Param:
    """Build a :class:`Param` (short form used by the grammar tables)."""
    return Param(name=name, kind=kind, help=help, low=low, high=high, secret=secret, unit=unit)
