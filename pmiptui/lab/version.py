"""`show version` text in IOS XE 16.x style, enough for Netmiko's SSHDetect to answer cisco_xe.

The version banner below is longer than the line limit because IOS prints it on one line.
"""

from __future__ import annotations

import time

_TEMPLATE = """\
Cisco IOS XE Software, Version 16.07.01
Cisco IOS Software [Fuji], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.7.1, RELEASE SOFTWARE (fc2)
Copyright (c) 1986-2018 by Cisco Systems, Inc.
Compiled Tue 27-Mar-18 13:13 by mcpre

ROM: IOS-XE ROMMON

{hostname} uptime is {uptime}
Uptime for this control processor is {uptime}
System returned to ROM by reload
System image file is "bootflash:asr1000-universalk9.16.07.01.SPA.bin"
Last reload reason: Reload Command

This is a pmiptui lab router: a simulation, not Cisco software.

cisco ASR1001-X (1NG) processor (revision 1NG) with 3745863K/6147K bytes of memory.
Processor board ID {serial}
6 Gigabit Ethernet interfaces
32768K bytes of non-volatile configuration memory.
8388608K bytes of physical memory.
7573503K bytes of eUSB flash at bootflash:.

Configuration register is 0x2102

"""


def _uptime(seconds: float) -> str:
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [f"{days} day{'s' * (days != 1)}"] if days else []
    if hours or days:
        parts.append(f"{hours} hour{'s' * (hours != 1)}")
    parts.append(f"{minutes} minute{'s' * (minutes != 1)}")
    return ", ".join(parts)


def show_version(hostname: str, started: float, serial: str) -> str:
    """The text of `show version` for a lab router started at `started` (epoch seconds)."""
    return _TEMPLATE.format(hostname=hostname, uptime=_uptime(time.time() - started), serial=serial)
