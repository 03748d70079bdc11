"""Text of `show users`, in the layout of IOS and IOS XE.

Modelled on IOS output (as in ntc-templates' `cisco_ios_show_users` fixtures), not captured
from a device. Lines are numbered absolutely as on an ASR1000 (con 0 is line 0, aux 0 line
1, so `vty 0` is line 2); only VTY lines with a session are listed, as IOS does without
`all`. A `*` marks the session that asked. Idle time is `hh:mm:ss` under a day, then `1d02h`,
then `2w3d`, as IOS abbreviates it. The interface table (PPP and async users) is always
empty in the lab.
"""

from __future__ import annotations

from collections.abc import Iterable

from pmiptui.lab.sessions import VtySession

HEADER = "    Line       User       Host(s)              Idle       Location\n"
INTERFACES = "\n  Interface    User               Mode         Idle     Peer Address\n\n"


def idle_text(seconds: float) -> str:
    """IOS's idle time: `00:01:12`, `1d02h` past a day, `2w3d` past a week."""
    total = int(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days >= 7:
        return f"{days // 7}w{days % 7}d"
    if days:
        return f"{days}d{hours:02d}h"
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def user_row(session: VtySession, *, current: bool, now: float) -> str:
    """One session's row: mark, line number, line name, user, outbound host, idle, location."""
    mark = "*" if current else " "
    name = f"vty {session.vty}"
    idle = idle_text(session.idle(now))
    return (
        f"{mark}{session.line:>3} {name:<10}{session.user:<10} {'idle':<20} {idle} {session.peer}"
    )


def show_users(sessions: Iterable[VtySession], *, current: int, now: float) -> str:
    """`show users` for the open `sessions`; `current` is the number of the asking session."""
    rows = [user_row(s, current=s.number == current, now=now) + "\n" for s in sessions]
    return HEADER + "".join(rows) + INTERFACES
