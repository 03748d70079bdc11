"""The IOS XE release and platform read from `show version` (the `version` parse kind).

Only two facts are taken: which software and which box printed the output. The other lines
of `show version` (uptime, memory, licences) are of no use to pmiptui and are not reported
as unparsed: they are not drift.
"""

from __future__ import annotations

import re

from pmiptui.model.version import DeviceVersion
from pmiptui.parse.kinds import Built

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


def read_version(text: str) -> DeviceVersion:
    """The release and platform in `show version` output; fields it lacks are None.

    Tolerant: any text (an error, nothing) gives a record, for a capture's manifest.
    """
    text = text.replace("\r\n", "\n")
    release = _first(text, _XE_BANNER, _XE_LINE, _IOS_LINE)
    platform = _first(text, _PLATFORM, _MODEL_NUMBER)
    return DeviceVersion(release=release, platform=platform)


def read_kind(texts: list[str]) -> Built:
    """The `version` parse kind's reader: one record, a warning for each fact not found."""
    version = read_version("\n".join(texts))
    warnings = [
        f"show version: no {name} found"
        for name, value in (("release", version.release), ("platform", version.platform))
        if value is None
    ]
    return Built(records=[version], warnings=warnings)


def _first(text: str, *patterns: re.Pattern[str]) -> str | None:
    """The group of the first pattern that matches `text`."""
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            return found.group(1)
    return None
