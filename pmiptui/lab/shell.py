"""One SSH session with a lab router: prompt, read a line, answer, with faults applied."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import asyncssh

from pmiptui.lab.faults import Faults
from pmiptui.lab.keyboard import Keyboard, asking, install_keyboard
from pmiptui.lab.keys import KeyReader, can_page
from pmiptui.lab.pager import page_output

_FLUSH_BYTES = 64 * 1024
_TRICKLE_BYTES = 48
_TRICKLE_PAUSE_S = 0.01
CTRL_Z = "\x1a"
_CTRL_Z_SIGNAL = "PMIPTUI-CTRL-Z"


def _on_ctrl_z(_line: str, _pos: int) -> tuple[str, int]:
    """Ctrl-Z ends configuration at once, as on IOS: hand it to the session as a signal."""
    return _CTRL_Z_SIGNAL, -1


@dataclass(frozen=True, slots=True, kw_only=True)
class Ask:
    """A question the router asks before going on (`Password:`, `[confirm]`)."""

    prompt: str
    answer: Callable[[str], Reply]
    """Called with what was typed; returns what to print next."""
    echo: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    """What a router prints for one input line, produced lazily so huge output streams."""

    output: Iterable[str] = ()
    close: bool = False
    """End the session after the output (`exit` from exec mode)."""
    ask: Ask | None = None
    """A question to ask after the output."""


def accepts(typed: str) -> bool:
    """True for what IOS takes as yes to a `[confirm]` or `[no]` question: empty, y, yes."""
    return typed.strip().lower() in ("", "y", "yes")


class Console(Protocol):
    """The per-session CLI of one router: its mode and what each line does."""

    def prompt(self) -> str: ...

    def execute(self, line: str) -> Reply: ...

    def close(self) -> None:
        """The session ended (client left, connection lost, or a fault cut it)."""


FaultSource = Callable[[], Faults]
"""Where a session reads its router's faults, so a running lab can change them."""


class _Cut(Exception):
    """The `drop-after` fault fired: the connection is gone."""


class _Writer:
    """Writes output with the session's faults: trickle, and drop after N bytes."""

    def __init__(self, process: asyncssh.SSHServerProcess[str], faults: FaultSource) -> None:
        self._process = process
        self._faults = faults
        self._sent = 0

    async def write(self, text: str) -> None:
        faults = self._faults()
        limit = faults.drop_after_bytes
        if limit is not None and self._sent + len(text) > limit:
            self._process.stdout.write(text[: max(0, limit - self._sent)])
            await asyncio.sleep(0.05)
            self._process.channel.get_connection().abort()
            raise _Cut
        self._sent += len(text)
        if faults.trickle:
            for start in range(0, len(text), _TRICKLE_BYTES):
                self._process.stdout.write(text[start : start + _TRICKLE_BYTES])
                await self._process.stdout.drain()
                await asyncio.sleep(_TRICKLE_PAUSE_S)
            return
        self._process.stdout.write(text)
        await self._process.stdout.drain()

    async def stream(self, chunks: Iterable[str]) -> None:
        """Write lazily produced output in large pieces, yielding to the loop between them."""
        buffer: list[str] = []
        size = 0
        for chunk in _iterate(chunks):
            buffer.append(chunk)
            size += len(chunk)
            if size >= _FLUSH_BYTES:
                await self.write("".join(buffer))
                buffer, size = [], 0
        if buffer:
            await self.write("".join(buffer))


def _iterate(chunks: Iterable[str]) -> Iterator[str]:
    yield from ([chunks] if isinstance(chunks, str) else chunks)


async def _read_line(process: asyncssh.SSHServerProcess[str]) -> str | None:
    try:
        line = await process.stdin.readline()
    except asyncssh.SignalReceived as signal:
        return CTRL_Z if signal.signal == _CTRL_Z_SIGNAL else ""
    except (asyncssh.BreakReceived, asyncssh.TerminalSizeChanged):
        return ""
    except (asyncssh.DisconnectError, asyncssh.ConnectionLost, BrokenPipeError, OSError):
        return None
    return None if line == "" else line


def _execute(
    process: asyncssh.SSHServerProcess[str],
    console: Console,
    line: str,
    faults: Faults,
    go_down: Callable[[], None],
) -> Reply:
    """Run one typed line; with `drop-on`/`down-on` matching it, cut the connection after."""
    reply = console.execute(line)
    down = faults.down_on is not None and faults.down_on.search(line) is not None
    if down or (faults.drop_on is not None and faults.drop_on.search(line)):
        process.channel.get_connection().abort()
        if down:
            go_down()
        raise _Cut
    return reply


def _stay_up() -> None:
    """The default for a session whose router cannot be taken down."""


async def _print(
    process: asyncssh.SSHServerProcess[str], writer: _Writer, output: Iterable[str], length: int
) -> None:
    """Write one reply's output, through the ` --More-- ` pager when `length` asks for it."""
    if length <= 0 or not can_page(process):
        await writer.stream(output)
        return
    keys = KeyReader(process)
    try:
        await page_output(output, length, writer.write, keys.read)
    finally:
        keys.restore()


async def _answer(
    process: asyncssh.SSHServerProcess[str],
    writer: _Writer,
    reply: Reply,
    *,
    echo: bool = True,
    length: int = 0,
    keyboard: Keyboard | None = None,
) -> bool:
    """Print one reply, asking its questions in turn; False when the session ends.

    `echo` is the session's own echo, put back after a question typed without echo;
    `length` is the session's `terminal length` (0: no paging).
    """
    await _print(process, writer, reply.output, length)
    while reply.ask is not None:
        ask = reply.ask
        await writer.write(ask.prompt)
        if not ask.echo:
            process.channel.set_echo(False)  # type: ignore[attr-defined]
        with asking(keyboard):
            typed = await _read_line(process)
        if not ask.echo:
            process.channel.set_echo(echo)  # type: ignore[attr-defined]
            await writer.write("\n")
        if typed is None:
            return False
        reply = ask.answer(typed.rstrip("\r\n"))
        await _print(process, writer, reply.output, length)
    return not reply.close


async def run_session(
    process: asyncssh.SSHServerProcess[str],
    console: Console,
    fault_source: FaultSource,
    _secret: str,
    go_down: Callable[[], None] = _stay_up,
) -> None:
    """Drive one SSH session until the client leaves, `exit`s, or a fault cuts it.

    `hang` and `delay` are read once when the session starts; the other faults before each
    line and write, so changing a running router's faults reaches its open sessions too.
    The console is closed however the session ends. `go_down` is called when `down-on`
    fires, to take the whole router off the network.
    """
    writer = _Writer(process, fault_source)
    faults = fault_source()
    try:
        if process.command:
            if not faults.hang:
                reply = _execute(process, console, process.command, fault_source(), go_down)
                await _answer(process, writer, reply)
            else:
                await asyncio.sleep(3600)
            return
        if faults.hang:
            while await _read_line(process) is not None:
                pass
            return
        keyboard: Keyboard | None = None
        if hasattr(process.channel, "register_key"):
            process.channel.register_key(CTRL_Z, _on_ctrl_z)
            keyboard = install_keyboard(process.channel, console)  # type: ignore[arg-type]
        if faults.delay_ms:
            # Latency delays the echo too, as on a slow link; so the session echoes lines itself.
            process.channel.set_echo(False)  # type: ignore[attr-defined]
        await writer.write("\n" + console.prompt())
        while True:
            line = await _read_line(process)
            if line is None:
                return
            text = line.rstrip("\r\n")
            if faults.delay_ms:
                await asyncio.sleep(faults.delay_ms / 1000)
                await writer.write(text + "\n")
            if CTRL_Z in text:
                await writer.write("^Z\n")
                text = "end"
            reply = _execute(process, console, text, fault_source(), go_down)
            length = getattr(console, "length", 0)
            echo = not faults.delay_ms
            if not await _answer(
                process, writer, reply, echo=echo, length=length, keyboard=keyboard
            ):
                return
            await writer.write(console.prompt())
    except _Cut:
        return
    except (asyncssh.DisconnectError, asyncssh.ConnectionLost, BrokenPipeError, ConnectionError):
        return
    finally:
        console.close()
        with contextlib.suppress(OSError, asyncssh.Error):
            process.exit(0)
