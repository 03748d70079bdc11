"""The IOS XE release and platform a router runs (`show version`), and which releases the
output formats were checked against."""

from __future__ import annotations

import re
from dataclasses import dataclass

CHECKED_RELEASES: tuple[str, ...] = ("16.7",)
"""Release trains (major.minor) pmiptui's output formats were checked against.

Honestly only one: the formats come from the *IP Mobility: PMIPv6 Configuration Guide*
(IOS XE Fuji 16.7.x), whose `globals` samples are the only real device output, and the
built-in lab, which prints 16.07.01. Any other release may print its tables differently.
"""

_TRAIN = re.compile(r"^0*(\d+)\.0*(\d+)")


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviceVersion:
    """What `show version` says about the software and hardware; None where it does not say."""

    release: str | None = None
    """The IOS XE release as printed: `16.07.01`, `17.03.04a`."""
    platform: str | None = None
    """The chassis model: `ASR1001-X`, `CSR1000V`, `ISR4331/K9`."""

    @property
    def summary(self) -> str:
        """One line for people: `IOS XE 17.03.04a on ASR1001-X`."""
        text = f"IOS XE {self.release or 'release unknown'}"
        return f"{text} on {self.platform}" if self.platform else text

    @property
    def checked(self) -> bool:
        """True when the release is of a train the formats were checked against (unknown: no)."""
        return release_train(self.release) in CHECKED_RELEASES


def release_train(release: str | None) -> str | None:
    """The major.minor train of a release, leading zeros dropped: `16.07.01` → `16.7`."""
    found = _TRAIN.match(release or "")
    return f"{found.group(1)}.{found.group(2)}" if found else None


def version_line(version: DeviceVersion | None) -> str | None:
    """The release line of a router's Globals: its summary, with a caution when its release
    is not a checked one; None while it is not known."""
    if version is None:
        return None
    if version.release is None or version.checked:
        return version.summary
    return f"{version.summary} (formats checked against {_checked()} only)"


def _checked() -> str:
    return ", ".join(f"{train}.x" for train in CHECKED_RELEASES)


def unchecked_notice(router: str, version: DeviceVersion | None) -> str | None:
    """The caution for a router whose release the formats were not checked against, else None
    (also when its release is not known: there is nothing to warn about yet)."""
    if version is None or version.release is None or version.checked:
        return None
    return (
        f"{router} runs IOS XE {version.release}; pmiptui's formats were checked against "
        f"{_checked()}: parse drift is possible"
    )
