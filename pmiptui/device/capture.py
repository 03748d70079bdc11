"""Capture one router's raw output for every command pmiptui polls, into one bundle file.

`pmiptui capture ROUTER` runs `show version`, each show command the console polls for the
router's role (`pmiptui.show_commands.for_role`, exact command strings) and
`show running-config | section ipv6 mobile`, then writes `capture_bundle.write_bundle`'s
`.tar.gz` (mode 0600). The bundle is what `pmiptui templates check --capture BUNDLE`
reads back, so its layout is a contract:

    <dir>/manifest.json           see below
    <dir>/show-version.txt        `show version`, as received (secrets masked)
    <dir>/show-version.json       {"release": "17.03.04a", "platform": "ASR1001-X"}
    <dir>/<kind>.txt              each polled command's output, as received (secrets masked);
                                  <kind> is the parse kind (`mag-bindings`, `running-config`)
    <dir>/<kind>.json             `pmiptui.parse.parse(kind, text)` of that text:
                                  {"kind", "command", "records": [...], "warnings": [...]},
                                  or {"kind", "command", "error", "error_title"} when it failed
    <dir>/<kind>.unparsed.txt     the lines the parser left, `line N: text` (empty: none);
                                  absent when the parse failed

`<dir>` is `pmiptui-capture-<router>-<UTC stamp>`, the router's name reduced to
`[A-Za-z0-9._-]`. Every member is a regular file (mode 0600) under that one folder. "As
received" is the text `RouterSession.show` returns and the parsers read: the echoed command
and the final prompt removed, line ends made `\n`.

manifest.json:

    {"format": 1, "pmiptui_version": "...", "router": "mag1", "role": "mag",
     "role_source": "inventory" | "running-config",
     "ios_xe": {"release": "16.07.01", "platform": "ASR1001-X"},
     "started_utc": "2026-12-01T03:00:00.123Z", "finished_utc": "...", "duration_ms": 812,
     "commands": [{"command": "show ipv6 mobile pmipv6 mag binding", "kind": "mag-bindings",
                   "field": "bindings", "file": "mag-bindings.txt", "started_utc": "...",
                   "duration_ms": 40, "bytes": 5120, "lines": 98,
                   "records": 12, "unparsed": 0, "warnings": 0,
                   "parse_error": null, "error": null}, ...],
     "error": null | {"message": "...", "title": "Connection lost", "exit_code": 6}}

`kind` (and the parse counts) are null for `show version`: the bundle keeps it apart from
the parse kinds (its `.json` is `version_reader.read_version`'s release and platform);
`unparsed` is null too where the parse failed (`parse_error`). `bytes` is the size of the
output as received, before masking. A command the router refused (`% Invalid input ...`)
keeps its text and an `error`; the capture goes on. A session that breaks ends the
capture: the bundle holds what came before, and the manifest's `error` says what happened.
Nothing in the bundle holds a password, enable secret or key: every text is masked
(`redact.mask_secrets`) after the running config's secret values are learnt
(`ios.secrets.remember_config_secrets`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from pmiptui.device.poll_commands import Send
from pmiptui.device.poller import ROLES, detect_role
from pmiptui.device.session import READ_TIMEOUT_S, RouterSession
from pmiptui.errors import PmipError, RouterError
from pmiptui.inventory import RouterTarget
from pmiptui.parse.clean import clean_lines
from pmiptui.show_commands import ShowCommand, for_role

VERSION_FIELD = "version"
"""The poll kind of `show version` (its registry entry gives the command)."""
VERSION_COMMAND = for_role("mag")[VERSION_FIELD].command
VERSION_NAME = "show-version"
"""The file stem of `show version` in a bundle, which keeps its own layout (no parse kind)."""
RUNNING_FIELD = "config"
"""The poll kind of `show running-config | section ipv6 mobile` (role detection reads it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandCapture:
    """One command's raw output as the router sent it, with when and how long it took."""

    command: str
    name: str
    """The file stem in the bundle: the parse kind, or `show-version`."""
    kind: str | None
    """The parse kind; None for `show version`."""
    field: str | None
    """The poll kind (`PollResult` field); None for `show version`."""
    started: float
    duration_ms: int
    raw: str
    """Unmasked: masked only when written (`capture_bundle`)."""
    error: str | None = None
    """The router's refusal (`% Invalid input ...`), if it refused the command."""


@dataclass(slots=True, kw_only=True)
class Capture:
    """Everything captured from one router, and the error that ended or marred it."""

    router: str
    role: str | None = None
    role_source: str = "inventory"
    started: float = 0.0
    finished: float = 0.0
    commands: list[CommandCapture] = field(default_factory=list)
    error: PmipError | None = None
    """The first refused command (RouterError), unless something ended the capture: a lost
    session (DeviceError), a role that could not be told (InputError)."""


def capture_router(target: RouterTarget, *, read_timeout: float = READ_TIMEOUT_S) -> Capture:
    """Log in to `target` and capture it; DeviceError when no session can be opened (then
    nothing was captured and there is no bundle to write)."""
    with RouterSession(target) as session:
        return capture_with(
            target.name,
            target.role.lower() if target.role else None,
            lambda command: session.show(command, read_timeout=read_timeout),
        )


def capture_with(router: str, role: str | None, send: Send) -> Capture:
    """Run the capture's commands through `send`; failures end up in `Capture.error`.

    `role` None (or not `mag`/`lma`): the running config, read first, tells it.
    """
    capture = Capture(router=router, role=role if role in ROLES else None, started=time.time())
    try:
        _run(capture, VERSION_COMMAND, None, send)
        if capture.role is None:
            running = for_role("mag")[RUNNING_FIELD]
            _run(capture, running.command, running, send)
            capture.role = detect_role(router, capture.commands[-1].raw)
            capture.role_source = "running-config"
        done = {c.kind for c in capture.commands}
        for entry in polled_commands(capture.role):
            if entry.kind not in done:
                _run(capture, entry.command, entry, send)
    except PmipError as error:  # the session broke, or the role could not be told
        capture.error = error
    capture.finished = time.time()
    return capture


def polled_commands(role: str) -> list[ShowCommand]:
    """The registry's commands of `role` a capture runs after `show version` (which it runs
    first, and keeps as `show-version`, whatever the role)."""
    return [entry for entry in for_role(role).values() if entry.field != VERSION_FIELD]


def _run(capture: Capture, command: str, entry: ShowCommand | None, send: Send) -> None:
    """Run one command and keep its output; a refusal is kept as the command's error.

    A DeviceError (the session broke) propagates and ends the capture.
    """
    begun = time.time()
    raw = send(command)
    refused = _refusal(raw)
    capture.commands.append(
        CommandCapture(
            command=command,
            name=entry.kind if entry else VERSION_NAME,
            kind=entry.kind if entry else None,
            field=entry.field if entry else None,
            started=begun,
            duration_ms=int((time.time() - begun) * 1000),
            raw=raw,
            error=refused.message if refused else None,
        )
    )
    if refused is not None and capture.error is None:
        capture.error = RouterError(f"{capture.router} refused `{command}`: {refused.message}")


def _refusal(raw: str) -> RouterError | None:
    """The IOS error the router printed instead of output (`% Invalid input ...`), if any."""
    try:
        clean_lines(raw)
    except RouterError as error:
        return error
    return None
