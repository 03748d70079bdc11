"""The IOS XE release and platform read from `show version` (pure; standard library only).

Only two facts are taken, for a capture's manifest: which software and which box printed
the output. Everything else in `show version` is kept as raw text in the bundle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_XE_BANNER = re.compile(r"^Cisco IOS XE Software, Version\s+(?P<v>\S+)", re.MULTILINE)
"""`Cisco IOS XE Software, Version 17.03.04a` (16.x and later)."""
_XE_LINE = re.compile(r"^IOS XE Version:\s*(?P<v>\S+)", re.MULTILINE)
"""`IOS XE Version: 03.16.04b.S` (3.x, where the banner gives the IOS release)."""
_IOS_LINE = re.compile(
    r"^Cisco IOS Software.*?,\s*Version\s+(?P<v>[^,\s]+)", re.MULTILINE | re.IGNORECASE
)
"""`Cisco IOS Software [Fuji], ... Version 16.7.1, RELEASE SOFTWARE (fc2)`: the fallback."""
_PLATFORM = re.compile(
    r"^cisco\s+(?P<p>\S+)\s+(?:\([^)\n]*\)\s+)?processor\b", re.MULTILINE | re.IGNORECASE
)
"""`cisco ASR1001-X (1NG) processor (revision 1NG) with ...`."""
_MODEL_NUMBER = re.compile(r"^Model [Nn]umber\s*:\s*(?P<p>\S+)", re.MULTILINE)
"""`Model Number : C9300-24T` (Catalyst switches), when there is no processor line."""


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionInfo:
    """What `show version` says about the software and hardware; None where it does not say."""

    release: str | None = None
    """The IOS XE release as printed: `16.07.01`, `17.03.04a`."""
    platform: str | None = None
    """The chassis model: `ASR1001-X`, `CSR1000V`, `ISR4331/K9`."""


def parse_version(text: str) -> VersionInfo:
    """The release and platform in `show version` output; fields it lacks are None."""
    release = _first(text, _XE_BANNER, _XE_LINE, _IOS_LINE)
    platform = _first(text, _PLATFORM, _MODEL_NUMBER)
    return VersionInfo(release=release, platform=platform)


def _first(text: str, *patterns: re.Pattern[str]) -> str | None:
    """The group of the first pattern that matches `text`."""
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            return found.group(1)
    return None
