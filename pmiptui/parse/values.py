"""Pure converters from IOS display values to typed values."""

from __future__ import annotations

import ipaddress

from pmiptui.errors import ParseError

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


def to_ip(text: str | None, *, field: str = "address") -> str | None:
    """An IPv4 or IPv6 address in canonical text form (IPv6 lower case, compressed)."""
    if text is None:
        return None
    try:
        return str(ipaddress.ip_address(str(text).strip()))
    except ValueError:
        raise ParseError(f"{field}: not an IP address: {text!r}") from None


def to_prefix(text: str | None, *, field: str = "prefix") -> str | None:
    """An IPv4 or IPv6 prefix (`2001:DB8:1::/64`) with its address in canonical text form."""
    if text is None:
        return None
    address, _, length = str(text).strip().partition("/")
    try:
        ip = ipaddress.ip_address(address)
        bits = int(length)
    except ValueError:
        raise ParseError(f"{field}: not an IP prefix: {text!r}") from None
    if not 0 <= bits <= ip.max_prefixlen:
        raise ParseError(f"{field}: prefix length out of range: {text!r}")
    return f"{ip}/{bits}"


def listed(value: object) -> list:
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
