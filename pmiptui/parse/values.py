"""Pure converters from IOS display values to typed values."""

from __future__ import annotations

import ipaddress
import re
import socket
from typing import Any

from pmiptui.errors import ParseError

_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_V4 = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
"""Dotted quads `ipaddress` accepts and prints back unchanged."""
_HEX_V6 = re.compile(r"[0-9A-Fa-f:]+")

_TRUE = {"enabled", "enable", "yes", "true", "on", "up"}
_FALSE = {"disabled", "disable", "no", "false", "off", "down"}
_UNIT_MS = {"msec": 1, "ms": 1, "sec": 1000, "s": 1000, "min": 60_000}
_ENCAPS = {
    "ipv6_in_ipv6": "ipv6-in-ipv6",
    "ipv6-in-ipv6": "ipv6-in-ipv6",
    "ipv6inipv6": "ipv6-in-ipv6",
    "gre in ipv4": "gre-ipv4",
    "gre_ipv4": "gre-ipv4",
    "gre-ipv4": "gre-ipv4",
    "gre": "gre-ipv4",
    "udp tunnel": "udptunnel",
    "udptunnel": "udptunnel",
    "udp_tunnel": "udptunnel",
    "ipv6/ipv6": "ipv6-in-ipv6",
    "gre/ipv4": "gre-ipv4",
    "udp/ipv4": "udptunnel",
}


def to_bool(text: str | None, *, field: str = "value") -> bool | None:
    """`enabled`/`disabled` (any case) to True/False."""
    if text is None:
        return None
    word = str(text).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ParseError(f"{field}: expected enabled or disabled, got {text!r}")


def to_int(text: object, *, field: str = "value") -> int | None:
    """An integer value; TTP may already have converted it."""
    if text is None:
        return None
    if isinstance(text, int):
        return text
    try:
        return int(str(text).strip())
    except ValueError:
        raise ParseError(f"{field}: expected a number, got {text!r}") from None


def to_duration(value: object, unit: str | None, *, want: str, field: str) -> int | None:
    """A number printed with `(sec)` or `(msec)`, converted to the unit the field is named for."""
    number = to_int(value, field=field)
    if number is None:
        return None
    have = (unit or want).strip().lower()
    if have not in _UNIT_MS:
        raise ParseError(f"{field}: unknown unit {unit!r}")
    millis = number * _UNIT_MS[have]
    return millis // _UNIT_MS[want]


def to_encap(text: str | None) -> str | None:
    """IOS encapsulation labels (`IPV6_IN_IPV6`, `GRE in IPV4`) to config keywords."""
    if text is None:
        return None
    key = " ".join(str(text).split()).lower()
    return _ENCAPS.get(key, key)


def canonical_ip(text: str) -> tuple[str, int] | None:
    """`str(ip_address(text))` and its max prefix length, in C for the plain forms.

    Dotted quads without leading zeros print back unchanged; colon-hex IPv6 (no embedded
    IPv4, no scope) round-trips through inet_pton/inet_ntop, whose RFC 5952 form is the one
    `ipaddress` prints. Anything else (or invalid) gives None: ask `ipaddress`.
    """
    if _CANONICAL_V4.fullmatch(text):
        return text, 32
    if ":" in text and _HEX_V6.fullmatch(text):
        try:
            packed = socket.inet_pton(socket.AF_INET6, text)
        except (OSError, ValueError):
            return None
        shown = socket.inet_ntop(socket.AF_INET6, packed)
        return (shown, 128) if "." not in shown else None
    return None


_CANONICAL_V4_LINES = re.compile(rf"(?:{_CANONICAL_V4.pattern}\n)*{_CANONICAL_V4.pattern}")


def all_canonical_v4(texts: list[str]) -> bool:
    """True when every text is a dotted quad `to_ip` returns unchanged: one regex over them
    all, instead of one call per address."""
    return bool(texts) and _CANONICAL_V4_LINES.fullmatch("\n".join(texts)) is not None


def to_ip(text: str | None, *, field: str = "address") -> str | None:
    """An IPv4 or IPv6 address in canonical text form (IPv6 lower case, compressed)."""
    if text is None:
        return None
    address = str(text).strip()
    fast = canonical_ip(address)
    if fast is not None:
        return fast[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        raise ParseError(f"{field}: not an IP address: {text!r}") from None


def to_prefix(text: str | None, *, field: str = "prefix") -> str | None:
    """An IPv4 or IPv6 prefix (`2001:DB8:1::/64`) with its address in canonical text form."""
    if text is None:
        return None
    address, _, length = str(text).strip().partition("/")
    fast = canonical_ip(address)
    try:
        shown, most = fast if fast is not None else _slow_ip(address)
        bits = int(length)
    except ValueError:
        raise ParseError(f"{field}: not an IP prefix: {text!r}") from None
    if not 0 <= bits <= most:
        raise ParseError(f"{field}: prefix length out of range: {text!r}")
    return f"{shown}/{bits}"


def _slow_ip(address: str) -> tuple[str, int]:
    ip = ipaddress.ip_address(address)
    return str(ip), ip.max_prefixlen


def listed(value: object) -> list[Any]:
    """TTP gives a dict for one match and a list for several: always a list, never None."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def words_to_ipv6(text: str | None) -> str | None:
    """IOS prints an IPv6 address as four hex words (`0xFE800000 0x0 0x0 0x2`): make it fe80::2."""
    if text is None:
        return None
    words = str(text).split()
    if len(words) != 4:
        try:
            return str(ipaddress.IPv6Address(str(text).strip()))
        except ValueError:
            raise ParseError(f"link-local address: cannot read {text!r}") from None
    try:
        number = 0
        for word in words:
            number = (number << 32) | int(word, 16)
        return str(ipaddress.IPv6Address(number))
    except ValueError:
        raise ParseError(f"link-local address: cannot read {text!r}") from None


def split_list(text: object) -> list[str]:
    """A TTP joinmatches result (space-joined) back to a list."""
    if text is None:
        return []
    if isinstance(text, list):
        return [str(item) for item in text]
    return str(text).split()
