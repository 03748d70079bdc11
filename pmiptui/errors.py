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


class DeviceError(PmipError):
    """A router could not be reached, logged into, or kept talking (exit code 6)."""

    title = "Router unreachable"
    exit_code = 6


class ConnectFailed(DeviceError):
    """No SSH session could be opened (refused, unreachable, unknown host, SSH failure)."""

    title = "Cannot connect"


class AuthFailed(DeviceError):
    """The router refused the username/password or the enable secret."""

    title = "Authentication failed"


class Timeout(DeviceError):
    """The router stopped answering within the time allowed."""

    title = "Timeout"


class ConnectionLost(DeviceError):
    """An open session ended under us (the router or the network closed it)."""

    title = "Connection lost"


class ConfigRejected(PmipError):
    """The router refused a configuration line; the change was rolled back (exit code 5)."""

    title = "Configuration rejected"
    exit_code = 5


class ChangeRefused(PmipError):
    """Another change holds the router, or one is pending there: nothing was sent (exit 9)."""

    title = "Change refused"
    exit_code = 9
