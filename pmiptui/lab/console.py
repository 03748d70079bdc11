"""The CLI of one session with a lab router: modes, exec commands, config lines, errors."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator

from pmiptui.ios.cli_error import CliError, ErrorKind
from pmiptui.ios.config_tree import apply
from pmiptui.ios.matcher import CommandMatch, resolve, tokenize
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, USER_EXEC, Frame, ModeStack, is_config_mode, prompt
from pmiptui.ios.pipes import Pipe, section
from pmiptui.ios.spec import Effect
from pmiptui.lab.command_history import CommandHistory
from pmiptui.lab.flash import COMMANDS as FILE_COMMANDS
from pmiptui.lab.flash import FileCommand
from pmiptui.lab.pager import DEFAULT_LENGTH
from pmiptui.lab.render_safety import (
    ALREADY_PENDING,
    LOCKED_BANNER,
    cannot_lock,
    locked_by,
    show_configuration_lock,
    show_rollback_timer,
)
from pmiptui.lab.render_users import show_users
from pmiptui.lab.router import ConfigLock, SimRouter
from pmiptui.lab.shell import Ask, Reply, accepts
from pmiptui.lab.version import show_version

_CONFIG_BANNER = "Enter configuration commands, one per line.  End with CNTL/Z.\n"
_LOCK = "configure terminal lock"
_GUARDED = frozenset(
    {
        "configure terminal",
        _LOCK,
        "configure terminal revert timer <minutes>",
        "configure replace <url> [force]",
        "configure revert now",
        "configure confirm",
    }
)
"""Commands refused to every session but the one holding the exclusive lock."""


def _lines(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


class RouterConsole:
    """One SSH session's view of a router: its mode stack and terminal settings."""

    def __init__(self, router: SimRouter, *, user: str = "admin", peer: str = "127.0.0.1") -> None:
        self.router = router
        self.user = user
        """Login name of the session."""
        self.peer = peer
        """Remote address of the session."""
        self.stack: ModeStack = (Frame(mode=USER_EXEC),)
        self.length = DEFAULT_LENGTH
        """`terminal length`: lines per screen for the ` --More-- ` pager (0: no paging)."""
        self.width = 80
        self.history = CommandHistory()
        """The lines typed in this session, for `show history`."""
        self._bad_secrets = 0
        record = router.session_opened(self)
        self.session = record.number
        """Number of this session on its router (1 for the first since the router started)."""
        self.vty = record.vty
        """VTY line of this session (0 for `vty 0`), the lowest free one at login."""
        self.tty = record.line
        """The absolute terminal line number of this session (vty 0 is tty 2)."""

    @property
    def mode(self) -> str:
        """The current mode name."""
        return self.stack[-1].mode

    @property
    def in_config(self) -> bool:
        """True while the session is in global configuration or a submode."""
        return is_config_mode(self.mode)

    @property
    def pid(self) -> int:
        """The made-up IOS process number of this session."""
        return 100 + self.session

    @property
    def line(self) -> str:
        """The VTY line name of this session."""
        return f"vty{self.vty}"

    def close(self) -> None:
        """The SSH session ended, however it ended: free what it held."""
        self.router.session_closed(self.session)

    def prompt(self) -> str:
        """The IOS prompt for the current mode."""
        return prompt(self.router.hostname, self.mode)

    def execute(self, line: str) -> Reply:
        """Answer one typed line."""
        self.router.session_input(self.session)
        self.history.add(line)
        if not line.strip():
            return Reply()
        mode, width = self.mode, len(self.prompt())
        if is_config_mode(mode):
            reply = self._config_line(line, width)
        else:
            reply = self._exec_line(line, width)
        if not self.in_config:
            self.router.release_lock(self.session)
        return reply

    def _refuse(self, error: CliError, width: int, line: str) -> Reply:
        self.router.record(self.session, self.mode, line, f"error: {error.kind}")
        return Reply(output=error.render(width) + "\n")

    def _config_line(self, line: str, width: int) -> Reply:
        reject = self.router.faults.reject_config
        if reject is not None and reject.search(line):
            error = CliError(
                kind=ErrorKind.INVALID, column=len(line) - len(line.lstrip()), line=line
            )
            return self._refuse(error, width, line)
        found = resolve(self.stack, line)
        if isinstance(found, CliError):
            return self._refuse(found, width, line)
        if found.command.effect is Effect.DO and found.inner is not None:
            return self._run_exec(found.inner, line)
        running, self.stack = apply(self.router.running, self.stack, found)
        self.router.record(self.session, found.mode, line, "ok")
        self.router.set_running(running)
        return Reply()

    def _exec_line(self, line: str, width: int) -> Reply:
        found = resolve(self.stack, line)
        if isinstance(found, CliError):
            return self._refuse(found, width, line)
        return self._run_exec(found, line)

    def _run_exec(self, found: CommandMatch, line: str) -> Reply:
        refused = self._refusal(found, line)
        if refused is not None:
            return refused
        self.router.record(self.session, self.mode, line, "ok")
        syntax = found.command.syntax
        handler = _HANDLERS.get(syntax)
        if found.command.effect is Effect.LOGOUT:
            return Reply(close=True)
        if found.command.effect is Effect.DISABLE:
            self.stack = (Frame(mode=USER_EXEC),)
            return Reply()
        if handler is not None:
            return handler(self, found)
        if syntax.startswith("show ipv6 mobile pmipv6"):
            return self._show_pmipv6(found)
        if syntax.startswith(("debug", "undebug")):
            return Reply(output="")
        if syntax.startswith("clear ipv6 mobile pmipv6"):
            self.router.clear_pmipv6()
            return Reply()
        return Reply(output=f"% '{found.line}' is not supported in the lab\n")

    def _refusal(self, found: CommandMatch, line: str) -> Reply | None:
        """Why the router will not run this exec command now, or None when it will."""
        syntax = found.command.syntax
        if syntax == _LOCK and self.router.exclusive_mode() != "manual":
            # Without `configuration mode exclusive manual` IOS has no `lock` keyword.
            column = tokenize(line)[-1][1]
            error = CliError(kind=ErrorKind.INVALID, column=column, line=line)
            return self._refuse(error, len(self.prompt()), line)
        lock = self.router.lock
        if syntax in _GUARDED and lock is not None and lock.session != self.session:
            self.router.record(self.session, self.mode, line, "refused: locked")
            return Reply(output=locked_by(lock))
        return None

    def _enter_config(self, found: CommandMatch) -> Reply:
        """Push global configuration, taking the exclusive lock when asked or in `auto`."""
        wants = found.command.syntax == _LOCK or self.router.exclusive_mode() == "auto"
        if not wants or self.router.lock is not None:
            self.stack = (*self.stack, Frame(mode=CONFIG))
            return Reply(output=_CONFIG_BANNER)
        others = self.router.configuring(besides=self.session)
        if others:
            return Reply(output=cannot_lock([(c.user, c.line, c.peer) for c in others]))
        self.router.take_lock(
            ConfigLock(
                session=self.session,
                user=self.user,
                pid=self.pid,
                tty=self.tty,
                peer=self.peer,
                command=found.line,
                since=time.time(),
            )
        )
        self.stack = (*self.stack, Frame(mode=CONFIG))
        return Reply(output=LOCKED_BANNER + _CONFIG_BANNER)

    def _show_pmipv6(self, found: CommandMatch) -> Reply:
        words = found.line.split("|")[0].split()
        role, what = words[4], words[-1]
        ident = words[5] if len(words) == 7 else None
        if what == "bindings":
            what = "binding"
        body = self.router.show_pmipv6(role, what, ident)
        return Reply(output=_filtered(body, found.pipe))

    # exec handlers -------------------------------------------------------------------

    def _enable(self, _found: CommandMatch) -> Reply:
        if self.mode == PRIV_EXEC:
            return Reply()

        def check(secret: str) -> Reply:
            if secret == self.router.topology.enable_secret:
                self.stack = (Frame(mode=PRIV_EXEC),)
                self._bad_secrets = 0
                return Reply()
            self._bad_secrets += 1
            if self._bad_secrets >= 3:
                self._bad_secrets = 0
                return Reply(output="% Bad secrets\n\n")
            return Reply(ask=Ask(prompt="Password: ", answer=check, echo=False))

        return Reply(ask=Ask(prompt="Password: ", answer=check, echo=False))

    def _terminal(self, found: CommandMatch) -> Reply:
        if "lines" in found.values:
            self.length = int(found.values["lines"])  # type: ignore[arg-type]
        if "columns" in found.values:
            self.width = int(found.values["columns"])  # type: ignore[arg-type]
        return Reply()

    def _version(self, found: CommandMatch) -> Reply:
        text = show_version(self.router.hostname, self.router.started, self.router.serial)
        return Reply(output=_filtered([text], found.pipe))

    def _configure(self, found: CommandMatch) -> Reply:
        return self._enter_config(found)

    def _configure_revert(self, found: CommandMatch) -> Reply:
        if self.router.archive_path() is None:
            return Reply(output="Rollback Confirmed Change requires config archive to be enabled\n")
        pending = self.router.revert
        if pending is not None and pending.session != self.session:
            return Reply(output=ALREADY_PENDING)
        reply = self._enter_config(found)
        if self.in_config:
            minutes = int(found.values["minutes"])  # type: ignore[arg-type]
            self.router.start_revert(minutes, user=self.user, session=self.session)
        return reply

    def _confirm(self, _found: CommandMatch) -> Reply:
        if self.router.revert is None:
            return Reply(output="% No Rollback Confirmed Change pending\n")
        self.router.cancel_revert()
        return Reply()

    def _revert_now(self, _found: CommandMatch) -> Reply:
        if not self.router.revert_now():
            return Reply(output="% No Rollback Confirmed Change pending\n")
        return Reply(output="Rollback Done\n\n")

    def _replace(self, found: CommandMatch) -> Reply:
        url = str(found.values["url"])
        text = self.router.read_file(url)
        if text is None:
            return Reply(output=f"%Error opening {url} (No such file or directory)\n")
        if not found.values.get("force"):

            def answer(reply: str) -> Reply:
                if not accepts(reply):
                    return Reply()
                self.router.replace_config(text)
                return Reply(output="Total number of passes: 1\nRollback Done\n\n")

            return Reply(
                ask=Ask(
                    prompt="This will apply all necessary additions and deletions\n"
                    "to replace the current running configuration with the\n"
                    "contents of the specified configuration file, which is\n"
                    "assumed to be a complete configuration, not a partial\n"
                    "configuration. Enter Y if you are sure you want to proceed. ? [no]: ",
                    answer=answer,
                )
            )
        self.router.replace_config(text)
        return Reply(output="Total number of passes: 1\nRollback Done\n\n")

    def _write(self, _found: CommandMatch) -> Reply:
        self.router.save()
        return Reply(output="Building configuration...\n[OK]\n")

    def _running(self, found: CommandMatch) -> Reply:
        text = self.router.running_text()
        if found.pipe is None:
            size = len(text)
            text = f"Building configuration...\n\nCurrent configuration : {size} bytes\n{text}"
        return Reply(output=_filtered([_lines(text)], found.pipe))

    def _startup(self, found: CommandMatch) -> Reply:
        text = self.router.files.get("nvram:startup-config", "")
        return Reply(output=_filtered([_lines(text)], found.pipe))

    def _archive(self, found: CommandMatch) -> Reply:
        path = self.router.archive_path()
        lines = [
            "The maximum archive configurations allowed is 10.",
            f"Archive path: {path or 'not configured'}",
        ]
        if self.router.revert is not None:
            left = max(0, int(self.router.revert.deadline - time.time()))
            lines.append(f"Rollback Confirmed Change timer: {left} seconds left")
        return Reply(output=_filtered(["\n".join(lines) + "\n"], found.pipe))

    def _clock(self, _found: CommandMatch) -> Reply:
        return Reply(output=time.strftime("*%H:%M:%S.000 UTC %a %b %d %Y\n", time.gmtime()))

    def _rollback_timer(self, _found: CommandMatch) -> Reply:
        return Reply(output=show_rollback_timer(self.router.revert))

    def _show_lock(self, _found: CommandMatch) -> Reply:
        return Reply(output=show_configuration_lock(self.router.lock, time.time()))

    def _users(self, found: CommandMatch) -> Reply:
        sessions = self.router.sessions.records()
        text = show_users(sessions, current=self.session, now=time.time())
        return Reply(output=_filtered([text], found.pipe))


_Handler = Callable[[RouterConsole, CommandMatch], Reply]


def _on_router(command: FileCommand) -> _Handler:
    """A session handler running a command that needs only the router."""
    return lambda console, found: command(console.router, found)


_HANDLERS: dict[str, _Handler] = {
    "enable": RouterConsole._enable,
    "terminal length <lines>": RouterConsole._terminal,
    "terminal width <columns>": RouterConsole._terminal,
    "show version": RouterConsole._version,
    "configure terminal": RouterConsole._configure,
    _LOCK: RouterConsole._configure,
    "configure terminal revert timer <minutes>": RouterConsole._configure_revert,
    "configure confirm": RouterConsole._confirm,
    "configure revert now": RouterConsole._revert_now,
    "configure replace <url> [force]": RouterConsole._replace,
    "write memory": RouterConsole._write,
    "show running-config": RouterConsole._running,
    "show startup-config": RouterConsole._startup,
    "show archive": RouterConsole._archive,
    "show clock": RouterConsole._clock,
    "show archive config rollback timer": RouterConsole._rollback_timer,
    "show configuration lock": RouterConsole._show_lock,
    "show users": RouterConsole._users,
    "show history": lambda console, found: Reply(
        output=_filtered([console.history.render()], found.pipe)
    ),
    **{syntax: _on_router(command) for syntax, command in FILE_COMMANDS.items()},
}


def _filtered(chunks: Iterable[str], pipe: Pipe | None) -> Iterator[str]:
    """Apply `| include/exclude/begin/section/count` lazily, line by line where IOS can."""
    if pipe is None:
        yield from chunks
        return
    if pipe.kind == "section":
        yield _lines(section("".join(chunks), pipe.regex))
        return
    pattern = re.compile(pipe.regex)
    started, count = False, 0
    for chunk in chunks:
        kept = []
        for text in chunk.splitlines():
            hit = pattern.search(text) is not None
            if (pipe.kind == "include" and hit) or (pipe.kind == "exclude" and not hit):
                kept.append(text)
            elif pipe.kind == "begin" and (started or hit):
                started = True
                kept.append(text)
            elif pipe.kind == "count" and hit:
                count += 1
        if kept:
            yield "\n".join(kept) + "\n"
    if pipe.kind == "count":
        yield f"Number of lines which match regexp = {count}\n"
