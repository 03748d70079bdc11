"""The SSH poller: one reused Netmiko session per router, reconnect with exponential backoff.

Every router has its own lock, so polls of one router never overlap, and a router that hangs
holds only its own worker. Failures come back inside the PollResult, never as exceptions.
A router whose inventory entry has no `role` (a plain Netmiko inventory) is asked at its
first poll: its running config says whether it is a MAG or an LMA.
"""

from __future__ import annotations

import getpass
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pmiptui.device.poll_commands import poll_with
from pmiptui.device.session import RouterSession
from pmiptui.errors import DeviceError, InputError, PmipError
from pmiptui.inventory import Ask, Inventory, RouterTarget
from pmiptui.model.cadence import Cadence
from pmiptui.model.poll import PollResult, RouterInfo

BACKOFF_FIRST_SEC = 1.0
BACKOFF_MAX_SEC = 60.0
ROLES = ("mag", "lma")
UNKNOWN_ROLE = "?"
"""`RouterInfo.role` until the first poll has read the role from the router."""
ROLE_COMMAND = "show running-config | section ipv6 mobile"
_ROLE_LINE = re.compile(r"^ipv6 mobile pmipv6-(mag|lma)\b", re.MULTILINE)


@dataclass(slots=True)
class _Backoff:
    delay: float = 0.0
    not_before: float = 0.0
    last_error: str = ""
    last_title: str = ""


def router_info(
    target: RouterTarget, poll_interval_sec: float, cadence: Cadence | None = None
) -> RouterInfo:
    """The credential-free description of an inventory router; its cadence is `cadence`
    (config.yaml's) with the inventory entry's own cadences over it."""
    cadence = (cadence or Cadence()).over(target.cadence)
    return RouterInfo(
        name=target.name,
        host=target.host,
        port=target.port,
        role=target.role.lower() if target.role else UNKNOWN_ROLE,
        pmipv6_id=target.pmipv6_id or target.name,
        domain=target.domain,
        group=target.group,
        poll_interval_sec=poll_interval_sec,
        cadence=cadence,
    )


def detect_role(name: str, running: str) -> str:
    """`mag` or `lma` from the PMIPv6 section of a running config; InputError if unclear."""
    found = set(_ROLE_LINE.findall(running))
    if len(found) == 1:
        return found.pop()
    what = "both `ipv6 mobile pmipv6-mag` and" if found else "neither `ipv6 mobile pmipv6-mag` nor"
    raise InputError(
        f"{name}: cannot tell its role, the running config has {what} `ipv6 mobile pmipv6-lma`; "
        "set `role: mag` or `role: lma` in the inventory",
        title="Role unknown",
    )


def _failed(
    router: str, started: float, error: PmipError, retry_at: float | None = None
) -> PollResult:
    """A poll that ended in `error`, as data."""
    return PollResult(
        router=router,
        started=started,
        finished=time.time(),
        error=error.message,
        error_title=error.title,
        retry_at=retry_at,
    )


class SshPoller:
    """Implements `pmiptui.ports.Poller` over SSH with Netmiko."""

    def __init__(
        self,
        inventory: Inventory,
        *,
        ask: Ask = getpass.getpass,
        read_timeout: float = 30.0,
        poll_interval_sec: float = 5.0,
        cadence: Cadence | None = None,
        names: Iterable[str] | None = None,
        targets: dict[str, RouterTarget] | None = None,
    ) -> None:
        wanted = list(names) if names is not None else inventory.names
        self._targets = {
            name: (targets or {}).get(name) or inventory.router(name) for name in wanted
        }
        self._info = {
            n: router_info(t, poll_interval_sec, cadence) for n, t in self._targets.items()
        }
        self._ask = ask
        self._read_timeout = read_timeout
        self._sessions: dict[str, RouterSession] = {}
        self._locks = {name: threading.Lock() for name in self._targets}
        self._backoff = {name: _Backoff() for name in self._targets}

    def routers(self) -> list[RouterInfo]:
        """The inventory's routers, in file order (role `?` until a first poll found it)."""
        return list(self._info.values())

    def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
        """Poll one router (blocking); errors are returned in the result."""
        kinds = list(kinds)
        with self._locks[router]:
            started = time.time()
            backoff = self._backoff[router]
            if started < backoff.not_before:
                return PollResult(
                    router=router,
                    started=started,
                    finished=started,
                    error=backoff.last_error,
                    error_title=backoff.last_title,
                    retry_at=backoff.not_before,
                )
            try:
                session = self._session(router)
                if self._info[router].role not in ROLES:
                    self._detect_role(router, session)
                result = poll_with(
                    self._info[router],
                    lambda command: session.show(command, read_timeout=self._read_timeout),
                    kinds,
                )
            except DeviceError as error:
                self._drop(router)
                backoff.delay = min(BACKOFF_MAX_SEC, max(BACKOFF_FIRST_SEC, backoff.delay * 2))
                backoff.not_before = time.time() + backoff.delay
                backoff.last_error, backoff.last_title = error.message, error.title
                return _failed(router, started, error, backoff.not_before)
            except PmipError as error:
                return _failed(router, started, error)
            backoff.delay = 0.0
            return result

    def _detect_role(self, router: str, session: RouterSession) -> None:
        """Read the router's role from its running config, once (at its first poll)."""
        running = session.show(ROLE_COMMAND, read_timeout=self._read_timeout, doing="reading role")
        role = detect_role(router, running)
        self._info[router] = replace(self._info[router], role=role)

    def _session(self, router: str) -> RouterSession:
        session = self._sessions.get(router)
        if session is None:
            session = RouterSession(self._targets[router], ask=self._ask).open()
            self._sessions[router] = session
        return session

    def _drop(self, router: str) -> None:
        session = self._sessions.pop(router, None)
        if session is not None:
            session.close()

    def close(self) -> None:
        """Close every open session."""
        for router in list(self._sessions):
            self._drop(router)
