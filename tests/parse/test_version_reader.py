"""The release and platform read from `show version`: the pure reader and the `version` kind."""

from __future__ import annotations

import time

import pytest

from pmiptui.errors import ForeignOutput, RouterError
from pmiptui.lab.version import show_version
from pmiptui.model.version import DeviceVersion, release_train, unchecked_notice
from pmiptui.parse import parse
from pmiptui.parse.version_reader import read_version

ASR_17 = """\
Cisco IOS XE Software, Version 17.03.04a
Cisco IOS Software [Amsterdam], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), \
Version 17.3.4a, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
ROM: 16.9(5r)
asr-pe1 uptime is 12 weeks, 3 days, 1 hour, 7 minutes
cisco ASR1002-HX (2KH) processor (revision 2KH) with 3755197K/6147K bytes of memory.
Processor board ID FXS2031Q0BL
"""

CSR = """\
Cisco IOS XE Software, Version 16.09.04
Cisco IOS Software [Fuji], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), \
Version 16.9.4, RELEASE SOFTWARE (fc2)
cisco CSR1000V (VXE) processor (revision VXE) with 2070899K/3075K bytes of memory.
"""

ISR = """\
Cisco IOS XE Software, Version 17.06.05
cisco ISR4331/K9 (1RU) processor with 1795060K/6147K bytes of memory.
"""

XE_3 = """\
Cisco IOS Software, ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 15.5(3)S4, \
RELEASE SOFTWARE (fc1)
IOS XE Version: 03.16.04b.S
cisco ASR1001-X (1NG) processor (revision 1NG) with 3744458K/6147K bytes of memory.
"""

CAT9K = """\
Cisco IOS XE Software, Version 17.09.04a
Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a
Model Number                       : C9300-24T
"""


@pytest.mark.parametrize(
    ("text", "release", "platform"),
    [
        (ASR_17, "17.03.04a", "ASR1002-HX"),
        (CSR, "16.09.04", "CSR1000V"),
        (ISR, "17.06.05", "ISR4331/K9"),
        (XE_3, "03.16.04b.S", "ASR1001-X"),
        (CAT9K, "17.09.04a", "C9300-24T"),
    ],
)
def test_release_and_platform(text: str, release: str, platform: str) -> None:
    assert read_version(text) == DeviceVersion(release=release, platform=platform)


def test_the_labs_show_version() -> None:
    text = show_version("mag1", time.time() - 3600, "FXS0000LAB1")
    assert read_version(text) == DeviceVersion(release="16.07.01", platform="ASR1001-X")


def test_ios_release_when_there_is_no_xe_banner() -> None:
    text = "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M5, RELEASE"
    assert read_version(text).release == "15.7(3)M5"


@pytest.mark.parametrize("text", ["", "% Invalid input detected at '^' marker.\n", "garbage\n"])
def test_nothing_known_is_none(text: str) -> None:
    assert read_version(text) == DeviceVersion()


def test_windows_line_ends() -> None:
    assert read_version(ISR.replace("\n", "\r\n")) == DeviceVersion(
        release="17.06.05", platform="ISR4331/K9"
    )


def test_the_version_kind_reads_the_labs_output() -> None:
    text = "show version\n" + show_version("mag1", time.time() - 60, "FXS1") + "mag1#"
    result = parse("version", text)
    assert result.records == [DeviceVersion(release="16.07.01", platform="ASR1001-X")]
    assert result.unparsed == [] and result.warnings == []


def test_the_version_kind_warns_of_a_missing_platform() -> None:
    result = parse("version", XE_3.splitlines()[0] + "\n")
    assert result.record == DeviceVersion(release="15.5(3)S4")
    assert result.warnings == ["show version: no platform found"]


def test_the_version_kind_refuses_an_error_and_foreign_output() -> None:
    with pytest.raises(RouterError):
        parse("version", "% Invalid input detected at '^' marker.\n")
    with pytest.raises(ForeignOutput):
        parse("version", "Total MAG bindings : 0\n")


@pytest.mark.parametrize(
    ("release", "train"),
    [("16.07.01", "16.7"), ("17.03.04a", "17.3"), ("03.16.04b.S", "3.16"), ("x", None)],
)
def test_release_train(release: str, train: str | None) -> None:
    assert release_train(release) == train


def test_a_checked_release_is_no_news() -> None:
    assert DeviceVersion(release="16.07.01").checked
    assert DeviceVersion(release="16.7.4").checked
    assert unchecked_notice("mag1", DeviceVersion(release="16.07.01")) is None
    assert unchecked_notice("mag1", DeviceVersion()) is None
    assert unchecked_notice("mag1", None) is None


def test_an_unchecked_release_is_a_notice() -> None:
    assert unchecked_notice("mag1", DeviceVersion(release="17.9.4")) == (
        "mag1 runs IOS XE 17.9.4; pmiptui's formats were checked against 16.7.x: "
        "parse drift is possible"
    )


def test_summary() -> None:
    assert DeviceVersion(release="17.03.04a", platform="ASR1001-X").summary == (
        "IOS XE 17.03.04a on ASR1001-X"
    )
    assert DeviceVersion(release="16.07.01").summary == "IOS XE 16.07.01"
