"""Flash file commands of a lab router: `copy running-config`, `dir`, `more`, `delete`.

Each takes the router and the matched line; a session's console dispatches to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pmiptui.ios.matcher import CommandMatch
from pmiptui.lab.render_safety import utc
from pmiptui.lab.router import SimRouter, split_url
from pmiptui.lab.shell import Ask, Reply, accepts

_DISK_BYTES = {"bootflash": 7897796608, "flash": 7897796608, "nvram": 33554432}
_SYSTEM_BYTES = 16228321
"""Bytes the (unlisted) system files take on every file system."""


def copy_running(router: SimRouter, found: CommandMatch) -> Reply:
    """`copy running-config URL`: asks the destination name as IOS does, then writes."""
    url = str(found.values["url"])
    default = url.rsplit(":", 1)[-1]

    def answer(typed: str) -> Reply:
        target = url if not typed.strip() else f"{url.split(':', 1)[0]}:{typed.strip()}"
        text = router.running_text()
        router.write_file(target, text)
        size = len(text)
        return Reply(output=f"{size} bytes copied in 0.012 secs ({size} bytes/sec)\n")

    return Reply(ask=Ask(prompt=f"Destination filename [{default}]? ", answer=answer))


def list_files(router: SimRouter, found: CommandMatch) -> Reply:
    """`dir [FILESYSTEM:]`, bootflash: by default."""
    system = split_url(str(found.values.get("filesystem", "bootflash:")))[0]
    return Reply(output=show_dir(system, router.files, router.file_times, router.started))


def more(router: SimRouter, found: CommandMatch) -> Reply:
    """`more URL`: the file's text."""
    url = str(found.values["url"])
    text = router.read_file(url)
    if text is None:
        return Reply(output=f"%Error opening {url} (No such file or directory)\n")
    return Reply(output=text if not text or text.endswith("\n") else text + "\n")


def delete(router: SimRouter, found: CommandMatch) -> Reply:
    """`delete [/force] URL`: without /force, the name and a `[confirm]` are asked first."""
    url = str(found.values["url"])
    if found.values.get("/force"):
        return _remove(router, url)
    system, name = split_url(url)

    def named(typed: str) -> Reply:
        target = url if not typed.strip() else f"{system}:{typed.strip()}"

        def confirmed(reply: str) -> Reply:
            return _remove(router, target) if accepts(reply) else Reply()

        return Reply(ask=Ask(prompt=f"Delete {target}? [confirm]", answer=confirmed))

    return Reply(ask=Ask(prompt=f"Delete filename [{name}]? ", answer=named))


def _remove(router: SimRouter, url: str) -> Reply:
    if not router.delete_file(url):
        return Reply(output=f"%Error deleting {url} (No such file or directory)\n")
    return Reply()


def show_dir(
    filesystem: str, files: Mapping[str, str], times: Mapping[str, float], start: float
) -> str:
    """`dir FILESYSTEM:` in IOS XE's layout; files without a time date from `start`."""
    system = filesystem.rstrip(":/").lower()
    rows = sorted(
        (name, len(text), times.get(url, start))
        for url, text in files.items()
        for fs, name in (split_url(url),)
        if fs == system and name
    )
    total = _DISK_BYTES.get(system, _DISK_BYTES["bootflash"])
    used = _SYSTEM_BYTES + sum(size for _name, size, _when in rows)
    lines = [f"Directory of {system}:/", ""]
    for inode, (name, size, when) in enumerate(rows, 11):
        stamp = utc(when, "%b {day} %Y %H:%M:%S +00:00")
        lines.append(f"{inode:>5}  -rw-{size:>17}  {stamp}  {name}")
    if not rows:
        lines.append("No files in directory")
    lines += ["", f"{total} bytes total ({max(0, total - used)} bytes free)"]
    return "\n".join(lines) + "\n"


FileCommand = Callable[[SimRouter, CommandMatch], Reply]
COMMANDS: dict[str, FileCommand] = {
    "copy running-config <url>": copy_running,
    "dir [<filesystem>]": list_files,
    "more <url>": more,
    "delete [/force] <url>": delete,
}
"""The file commands by the syntax they are declared with in `pmiptui.ios.exec_commands`."""
