"""The poller's log: one line per event on stderr, UTC time first, secrets masked.

Lines read well in `journalctl` and in a terminal alike:
`2026-12-01T02:30:00Z pmiptui-poller INFO poll failed router=mag1 error="..."`.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

from pmiptui.redact import mask_known
from pmiptui.terminal_text import one_line

LOGGER = "pmiptui.poller"


class _Line(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))
        message = one_line(mask_known(record.getMessage()))
        return f"{stamp} pmiptui-poller {record.levelname} {message}"


def poller_log(stream: TextIO | None = None) -> logging.Logger:
    """The poller's logger, writing single lines to `stream` (stderr by default)."""
    logger = logging.getLogger(LOGGER)
    logger.handlers.clear()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(_Line())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def fields(**values: object) -> str:
    """`key=value` pairs; a value with spaces is quoted."""
    shown = []
    for key, value in values.items():
        text = str(value)
        shown.append(f'{key}="{text}"' if " " in text or not text else f"{key}={text}")
    return " ".join(shown)
