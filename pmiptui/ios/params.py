"""Parameter kinds of the IOS command model and their validators.

Every kind takes values as an operator can type them at an IOS prompt: printable ASCII
(0x21-0x7E, spaces only in free-text lines) and never ``?``. IOS acts on ``?`` the moment it
arrives (it prints help), control characters edit or abort the line (Ctrl-Z ends config mode,
Ctrl-C aborts, ESC starts a sequence), and non-ASCII text is not what the router stores.
Refusals name the field and say what is wrong, in text that is safe to print.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import NoReturn

from pmiptui.ios.interfaces import canonical_interface_type
from pmiptui.terminal_text import excerpt, one_line

Value = str | int
"""A converted parameter value: integers for integer kinds, normalised text otherwise."""

U32_MAX = 2**32 - 1

MAX_WORD_LENGTH = 64
"""Longest word or name (domain, MAG/LMA id, ACL, VRF, pool, map, label) unless the grammar
gives a parameter its own ``max_length``; IOS names of these objects are short."""

MAX_SECRET_LENGTH = 128
"""Longest key or password (``auth-option ... key ascii|hex``)."""

MAX_TEXT_LENGTH = 255
"""Longest value of every other kind: NAIs (RFC 7542 asks for 253 octets), URLs, free text."""


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
    """The rule, phrased to complete "must be ..."; it says what is wrong when the value holds
    a character no IOS value may hold, and is always safe to print."""
    secret: bool = False
    """The value is key material: the message never shows it."""

    @property
    def message(self) -> str:
        """One-line explanation for screens and logs: terminal-safe, the value shortened."""
        shown = "the secret" if self.secret else f"'{excerpt(self.text, 24)}'"
        return one_line(f"{self.param}: {shown} must be {self.rule}")


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
    max_length: int | None = None
    """Longest accepted text; None means the kind's default (:attr:`length_limit`)."""

    def check(self, text: str) -> Value | ParamError:
        """Convert typed text to a value, or explain which rule it breaks.

        The alphabet and the length are checked before the kind's own rule, so no kind can
        let a control character, ``?`` or non-ASCII text through. Spaces are left to the
        kind's rule: only free-text lines take them, and a word says "without spaces".
        """
        try:
            problem = alphabet_problem(text, spaces=True, reveal=not self.secret)
            if problem is not None:
                _fail(f"{self.shape}; {problem}")
            if len(text) > self.length_limit:
                _fail(f"{self._noun} of at most {self.length_limit} characters; it has {len(text)}")
            return _RULES[self.kind](self, text)
        except _Refused as refused:
            return ParamError(param=self.name, text=text, rule=str(refused), secret=self.secret)

    @property
    def length_limit(self) -> int:
        """Longest accepted text: ``max_length``, else the default for secrets, words or text."""
        if self.max_length is not None:
            return self.max_length
        if self.secret:
            return MAX_SECRET_LENGTH
        if self.kind in (Kind.WORD, Kind.STRING):
            return MAX_WORD_LENGTH
        return MAX_TEXT_LENGTH

    @property
    def shape(self) -> str:
        """What a value looks like, phrased to complete "must be ..." (for hints and refusals)."""
        if self.kind is Kind.INTEGER:
            low = 0 if self.low is None else self.low
            high = U32_MAX if self.high is None else self.high
            return f"a whole number in the range {low}-{high}"
        return _SHAPES[self.kind]

    @property
    def _noun(self) -> str:
        if self.kind is Kind.LINE:
            return "a line"
        if self.kind in (Kind.WORD, Kind.STRING):
            return "a word"
        return "a value"

    @property
    def range_text(self) -> str | None:
        """The integer range as IOS help shows it (``<1-255>``), if bounded."""
        if self.kind is not Kind.INTEGER or self.low is None or self.high is None:
            return None
        return f"<{self.low}-{self.high}>"


_SHAPES: dict[Kind, str] = {
    Kind.WORD: "a single word of printable ASCII without spaces or '?'",
    Kind.STRING: "a single word of printable ASCII without spaces or '?'",
    Kind.HEX: "hexadecimal digits (0-9, A-F)",
    Kind.IPV4: "an IPv4 address in dotted-decimal form (A.B.C.D)",
    Kind.IPV4_WILDCARD: "a wildcard mask in dotted-decimal form (A.B.C.D)",
    Kind.IPV6: "an IPv6 address (X:X:X:X::X)",
    Kind.IPV6_PREFIX: "an IPv6 prefix X:X:X:X::X/<0-128>",
    Kind.MAC: "a MAC address in the form xxxx.xxxx.xxxx",
    Kind.NAI: "a network access identifier [user]@realm",
    Kind.INTERFACE_TYPE: "a known interface type (e.g. GigabitEthernet)",
    Kind.INTERFACE_NUMBER: "an interface number such as 0/0/0, 1 or 0/1.100",
    Kind.SPI: "a hexadecimal SPI (0-9, A-F)",
    Kind.URL: "a file URL such as flash:archive",
    Kind.LINE: "a line of printable ASCII without '?'",
}
"""What each kind looks like (integers: :attr:`Param.shape`), phrased to complete "must be"."""

_CONTROL_NAMES = {0x00: "NUL", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL"}
"""Names operators know control characters by; other C0 controls are shown as Ctrl-<key>."""


def alphabet_problem(text: str, *, spaces: bool = False, reveal: bool = True) -> str | None:
    """What makes ``text`` untypeable at an IOS prompt, as "it contains ...", or None.

    Accepted: printable ASCII 0x21-0x7E except ``?``, and the space when ``spaces`` is true.
    The first offending character is named by code point, never shown raw; with ``reveal``
    false (key material) only its class is named.
    """
    for ch in text:
        if "!" <= ch <= "~":
            if ch == "?":
                return "it contains '?', the IOS help key"
            continue
        if ch == " ":
            if spaces:
                continue
            return "it contains a space"
        return f"it contains {describe_char(ch, reveal=reveal)}"
    return None


def describe_char(ch: str, *, reveal: bool = True) -> str:
    """A character no IOS value may hold, in words: ``a control character (U+001A, Ctrl-Z)``.

    With ``reveal`` false only the class is named (``a control character``), for secrets.
    """
    code = ord(ch)
    category = unicodedata.category(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        kind, name = "a control character", _control_name(code)
    elif category == "Cf":
        kind, name = "an invisible formatting character", None
    elif category in ("Zs", "Zl", "Zp"):
        kind, name = "a non-ASCII space", None
    else:
        kind, name = "a non-ASCII character", f"'{ch}'" if category[0] in "LNPS" else None
    if not reveal:
        return kind
    point = f"U+{code:04X}"
    if name is None:
        return f"{kind} ({point})"
    return f"{kind} ({name}, {point})" if name.startswith("'") else f"{kind} ({point}, {name})"


def _control_name(code: int) -> str | None:
    """NUL, TAB, LF, CR, ESC, DEL, or Ctrl-<key> for other C0 controls; None for C1."""
    if code in _CONTROL_NAMES:
        return _CONTROL_NAMES[code]
    return f"Ctrl-{chr(code + 0x40)}" if code < 0x20 else None


class _Refused(Exception):
    """Raised by a rule function with the rule text the value broke."""


def _fail(rule: str) -> NoReturn:
    """Refuse the value being checked, naming the rule."""
    raise _Refused(rule)


_HEX_RE = re.compile(r"(0[xX])?[0-9a-fA-F]+")
_MAC_RE = re.compile(r"[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}")
_IFNUM_RE = re.compile(r"[0-9]+(/[0-9]+)*(\.[0-9]+)?(:[0-9]+)?")
_NAI_RE = re.compile(r"([^@\s]*)@([^@\s]+)")
_URL_RE = re.compile(r"[a-z][a-z0-9-]*:\S*|startup-config|running-config", re.IGNORECASE)
"""Matched with ``fullmatch``: ``$`` would also accept a trailing newline."""


def _word(p: Param, text: str) -> Value:
    if not text or " " in text:
        _fail("a single word without spaces")
    return text


def _integer(p: Param, text: str) -> Value:
    low = 0 if p.low is None else p.low
    high = U32_MAX if p.high is None else p.high
    if not (text.isascii() and text.isdigit()):
        _fail(p.shape)
    value = int(text)
    if not low <= value <= high:
        _fail(f"in the range {low}-{high}")
    return value


def _hex(p: Param, text: str) -> Value:
    if not _HEX_RE.fullmatch(text):
        _fail(_SHAPES[Kind.HEX])
    return text


def _spi(p: Param, text: str) -> Value:
    if not _HEX_RE.fullmatch(text):
        _fail(_SHAPES[Kind.SPI])
    if int(text, 16) > U32_MAX:
        _fail("a 32-bit SPI (at most FFFFFFFF)")
    return text


def _ipv4(p: Param, text: str) -> Value:
    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        _fail(_SHAPES[Kind.IPV4])


def _ipv4_wildcard(p: Param, text: str) -> Value:
    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        _fail(_SHAPES[Kind.IPV4_WILDCARD])


def ios_ipv6(text: str) -> str:
    """Return an IPv6 address the way IOS prints it: compressed, upper case."""
    return ipaddress.IPv6Address(text).compressed.upper()


def _ipv6(p: Param, text: str) -> Value:
    if "%" in text or "/" in text:
        _fail("an IPv6 address (X:X:X:X::X) without prefix length or zone")
    try:
        return ios_ipv6(text)
    except ValueError:
        _fail(_SHAPES[Kind.IPV6])


def _ipv6_prefix(p: Param, text: str) -> Value:
    address, slash, length = text.partition("/")
    if not slash or not length.isdigit() or int(length) > 128:
        _fail(_SHAPES[Kind.IPV6_PREFIX])
    try:
        return f"{ios_ipv6(address)}/{int(length)}"
    except ValueError:
        _fail(_SHAPES[Kind.IPV6_PREFIX])


def _mac(p: Param, text: str) -> Value:
    if not _MAC_RE.fullmatch(text):
        _fail(_SHAPES[Kind.MAC])
    return text.lower()


def _nai(p: Param, text: str) -> Value:
    if not _NAI_RE.fullmatch(text):
        _fail(_SHAPES[Kind.NAI])
    return text


def _interface_type(p: Param, text: str) -> Value:
    found = canonical_interface_type(text)
    if found is None:
        _fail(_SHAPES[Kind.INTERFACE_TYPE])
    return found


def _interface_number(p: Param, text: str) -> Value:
    if not _IFNUM_RE.fullmatch(text):
        _fail(_SHAPES[Kind.INTERFACE_NUMBER])
    return text


def _url(p: Param, text: str) -> Value:
    if not _URL_RE.fullmatch(text):
        _fail(_SHAPES[Kind.URL])
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
    max_length: int | None = None,
) -> Param:
    """Build a :class:`Param` (short form used by the grammar tables)."""
    return Param(
        name=name,
        kind=kind,
        help=help,
        low=low,
        high=high,
        secret=secret,
        unit=unit,
        max_length=max_length,
    )
