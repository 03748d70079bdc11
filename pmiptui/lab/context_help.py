"""The text IOS prints for `?` and the line Tab leaves, over the IOS model's help query."""

from __future__ import annotations

from pmiptui.ios.cli_error import CliError
from pmiptui.ios.help import Listing, complete, context_help

UNRECOGNIZED = "% Unrecognized command"
"""What IOS prints when no keyword starts with the partial word before `?`."""


def help_text(mode: str, line: str, prompt_len: int) -> str:
    """The listing `?` prints below `prompt + line + "?"`, ending with a blank line.

    `prompt_len` places the `^` of an invalid-input error under the offending word of the
    echoed line.
    """
    found = context_help(mode, line)
    if isinstance(found, CliError):
        return found.render(prompt_len) + "\n\n"
    return render_listing(found)


def render_listing(listing: Listing) -> str:
    """IOS's layout: partial-word matches on one line; else one item a line, help aligned."""
    if listing.partial:
        if not listing.items:
            return UNRECOGNIZED + "\n\n"
        return "".join(f"{item.word}  " for item in listing.items) + "\n\n"
    width = max((len(item.word) for item in listing.items), default=0)
    rows = (f"  {item.word:<{width}}  {item.help}".rstrip() for item in listing.items)
    return "".join(f"{row}\n" for row in rows) + "\n"


def tab_line(mode: str, line: str) -> str | None:
    """The line after Tab: its last word completed plus a space; None to ring the bell."""
    return complete(mode, line)
