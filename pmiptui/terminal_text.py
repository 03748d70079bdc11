"""Text made safe to print on an operator's terminal: what a terminal would act on is shown escaped.

Router output, values files and error messages can carry control characters: ESC sequences
recolour, move the cursor or retitle the window, CR overwrites a line, bidi overrides and
zero-width characters make text read differently from what it is. ``printable`` shows each
such character as a visible escape (``\\x1b``, ``\\u202e``) and leaves everything else,
printable non-ASCII letters included, as it is. A backslash typed in the text stays a single
backslash: the output is for reading, not for parsing back.
"""

from __future__ import annotations

import re
import unicodedata

from pmiptui.redact import mask_secrets

__all__ = ["acted_on", "escape_char", "excerpt", "one_line", "printable"]

_ACTED_ON = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
"""Unicode categories a terminal acts on or hides: controls, format (bidi, zero-width),
lone surrogates, unassigned code points, line and paragraph separators."""

_NAMED = {"\t": "\\t", "\r": "\\r", "\n": "\\n"}
"""Controls shown by their familiar escape rather than a code."""

_CANDIDATES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\U0010ffff]")
"""Every character that may need escaping except newline; ASCII text is checked only for
controls, so plain text passes through at regex speed."""

_CANDIDATES_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\U0010ffff]")
"""As ``_CANDIDATES``, newline included."""


def escape_char(ch: str) -> str:
    """One character as a visible escape: ``\\t``, ``\\x1b``, ``\\u202e`` or ``\\U000e0041``."""
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def acted_on(ch: str) -> bool:
    """True when a terminal would act on ``ch`` or hide it (newline included)."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    return code > 0x7F and unicodedata.category(ch) in _ACTED_ON


def _escaped(found: re.Match[str]) -> str:
    ch = found.group()
    return escape_char(ch) if acted_on(ch) else ch


def printable(text: str) -> str:
    """``text`` with every control, format and separator character escaped; newlines kept.

    C0 controls (TAB shown as ``\\t``, CR as ``\\r``), DEL, C1 controls, Unicode format
    characters (bidi overrides and isolates, zero-width spaces, BOM, tags), line and paragraph
    separators, lone surrogates and unassigned code points are escaped. ``printable`` of its
    own output changes nothing.
    """
    return _CANDIDATES.sub(_escaped, text)


def one_line(text: str) -> str:
    """:func:`printable`, with newlines escaped too: for one-line contexts such as errors."""
    return _CANDIDATES_ONE_LINE.sub(_escaped, text)


def excerpt(text: str, limit: int = 32) -> str:
    """The start of ``text`` as :func:`one_line` shows it, at most ``limit`` characters.

    A longer text ends in ``…(N characters)`` with its full length, so that a 10,000-character
    value gives a short, honest message.
    """
    shown: list[str] = []
    used = 0
    for ch in text:
        piece = escape_char(ch) if acted_on(ch) else ch
        if used + len(piece) > limit:
            return "".join(shown) + f"…({len(text)} characters)"
        shown.append(piece)
        used += len(piece)
    return "".join(shown)


def shown(text: str) -> str:
    """What pmiptui may put on an operator's terminal: secrets masked, controls escaped."""
    return printable(mask_secrets(text))
