"""IOS XE interface type names and their abbreviation rules."""

from __future__ import annotations

import re

INTERFACE_TYPES: tuple[str, ...] = (
    "BDI",
    "Cellular",
    "Dialer",
    "Ethernet",
    "FastEthernet",
    "FortyGigabitEthernet",
    "GigabitEthernet",
    "HundredGigE",
    "Loopback",
    "Port-channel",
    "Serial",
    "TenGigabitEthernet",
    "Tunnel",
    "TwentyFiveGigE",
    "Vlan",
    "Wlan-GigabitEthernet",
)
"""Interface types a PMIPv6 router in pmiptui may name, spelled as IOS prints them."""

_SPLIT_RE = re.compile(r"^([A-Za-z][A-Za-z-]*?)(\d[\d/.:]*)$")


def canonical_interface_type(text: str) -> str | None:
    """Expand a case-insensitive type name or unique prefix (``gi``) to its IOS spelling."""
    lowered = text.lower()
    if not lowered:
        return None
    for name in INTERFACE_TYPES:
        if name.lower() == lowered:
            return name
    matches = [name for name in INTERFACE_TYPES if name.lower().startswith(lowered)]
    return matches[0] if len(matches) == 1 else None


def split_interface_name(text: str) -> tuple[str, str] | None:
    """Split a joined name such as ``Gi0/0/0`` into its type text and number text."""
    found = _SPLIT_RE.match(text)
    return (found.group(1), found.group(2)) if found else None


def canonical_interface(text: str) -> str | None:
    """Normalise a joined interface name (``gi0/0/0``) to ``GigabitEthernet0/0/0``."""
    parts = split_interface_name(text)
    if parts is None:
        return None
    kind = canonical_interface_type(parts[0])
    return None if kind is None else kind + parts[1]
