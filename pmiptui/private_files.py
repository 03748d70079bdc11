"""Create the files and folders pmiptui keeps for its operator private: files 0600, folders 0700.

History, exports and the audit log hold router state and change records, so other local
users must not read them. Modes are set with chmod after creation, so they hold whatever
the umask (which can only take bits away, and may even take away the owner's).
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create `path` and any missing parents as 0700 folders; existing folders are left as
    they are (they may be shared, like the current directory)."""
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:  # made just now by another process; leave it be
            continue
        folder.chmod(DIR_MODE)
    if not path.is_dir():
        raise NotADirectoryError(f"not a folder: {path}")
    return path


def tighten_dir(path: Path) -> None:
    """Make pmiptui's own folder 0700 if it already exists (an older version may have made
    it 0755); a folder that is missing or someone else's is left alone."""
    try:
        if path.is_dir() and path.stat().st_uid == os.geteuid():
            path.chmod(DIR_MODE)
    except OSError:
        pass  # opening the history will say what is wrong with the folder


def open_private(path: Path, flags: int, *, follow_symlinks: bool = False) -> int:
    """Open (creating) `path` with mode 0600 and return the descriptor; an existing file of
    ours is made 0600 too. Unless `follow_symlinks`, a symlink in its place is refused (OSError), so
    a link planted in a shared folder cannot redirect the write."""
    flags |= os.O_CREAT | os.O_CLOEXEC
    if not follow_symlinks:
        flags |= os.O_NOFOLLOW
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    except PermissionError:
        if os.fstat(fd).st_uid == os.geteuid():
            os.close(fd)
            raise
        # someone else's file, shared on purpose (an audit log): its owner sets its mode
    except BaseException:
        os.close(fd)
        raise
    return fd


def make_private(path: Path) -> None:
    """Create `path` empty as 0600 if it is missing, or make the existing file 0600 (a
    symlink is followed: the operator may keep a file elsewhere on purpose)."""
    os.close(open_private(path, os.O_RDONLY, follow_symlinks=True))


def write_private_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path`, replacing its content; the file is 0600."""
    fd = open_private(path, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def append_private_text(path: Path, text: str) -> None:
    """Append `text` (UTF-8) to `path`, a file the operator chose (a symlink is followed);
    the file is 0600."""
    fd = open_private(path, os.O_WRONLY | os.O_APPEND, follow_symlinks=True)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(text)
