"""The error tree: every failure an operator can meet, each with a one-line message and a title."""

from __future__ import annotations


class PmipError(Exception):
    """Base of every error pmiptui reports to an operator instead of a traceback."""

    title = "Error"
    exit_code = 1

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class InputError(PmipError):
    """A file or argument given to pmiptui cannot be used (missing file, unknown kind)."""

    title = "Bad input"
    exit_code = 2


class ParseError(PmipError):
    """Router output could not be turned into records."""

    title = "Parse error"
    exit_code = 3


class RouterError(ParseError):
    """The router answered with an IOS error (`% Invalid input detected ...`) instead of output."""

    title = "Router error"


class EmptyOutput(ParseError):
    """The command printed nothing a parser could use."""

    title = "Empty output"


class TruncatedOutput(ParseError):
    """The output stops part-way through a record."""

    title = "Truncated output"


class ForeignOutput(ParseError):
    """The output belongs to another command than the one being parsed."""

    title = "Wrong command output"
