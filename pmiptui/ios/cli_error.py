"""CLI parse errors and the exact texts IOS prints for them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorKind(StrEnum):
    """The three ways IOS refuses a line."""

    INVALID = "invalid"
    INCOMPLETE = "incomplete"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True, slots=True, kw_only=True)
class CliError:
    """A refused line: kind, column of the offending token, and a diagnostic detail."""

    kind: ErrorKind
    """Which IOS message applies."""
    column: int
    """0-based column in the typed line where the ``^`` marker goes."""
    line: str
    """The line as typed."""
    detail: str = ""
    """Why, in words (e.g. the broken value rule); IOS itself does not print it."""

    def render(self, prompt_len: int = 0) -> str:
        """The IOS error text; ``prompt_len`` is the prompt width before the echoed line."""
        if self.kind is ErrorKind.INVALID:
            caret = " " * (prompt_len + self.column) + "^"
            return f"{caret}\n% Invalid input detected at '^' marker."
        if self.kind is ErrorKind.INCOMPLETE:
            return "% Incomplete command."
        return f'% Ambiguous command:  "{self.line.strip()}"'

    def shifted(self, offset: int, line: str) -> CliError:
        """The same error relative to a longer line that embeds this one at ``offset``."""
        return CliError(kind=self.kind, column=self.column + offset, line=line, detail=self.detail)
