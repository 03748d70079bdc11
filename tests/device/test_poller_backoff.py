"""The SSH poller's backoff: the next try comes back as `retry_at`, the message unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmiptui.device import poller as poller_module
from pmiptui.device.poller import BACKOFF_FIRST_SEC, SshPoller
from pmiptui.errors import ConnectFailed
from pmiptui.inventory import Inventory


class _Refused:
    """A RouterSession whose `open` always fails."""

    opened = 0

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        pass

    def open(self) -> _Refused:
        _Refused.opened += 1
        raise ConnectFailed("mag1: connection refused at 127.0.0.1:2201")


def test_backing_off_returns_the_error_unchanged_with_retry_at(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [1_000.0]
    monkeypatch.setattr(poller_module.time, "time", lambda: now[0])
    monkeypatch.setattr(poller_module, "RouterSession", _Refused)
    inventory = Inventory(
        path=Path("inventory.yaml"),
        devices={"mag1": {"host": "127.0.0.1", "port": 2201, "role": "mag"}},
        groups={},
    )
    poller = SshPoller(inventory)
    first = poller.poll("mag1", ["globals"])
    assert first.error == "mag1: connection refused at 127.0.0.1:2201"
    assert first.error_title == "Cannot connect"
    assert first.retry_at == 1_000.0 + BACKOFF_FIRST_SEC
    now[0] += 0.5
    backed_off = poller.poll("mag1", ["globals"])
    assert backed_off.error == first.error and backed_off.error_title == first.error_title
    assert backed_off.retry_at == first.retry_at
    assert _Refused.opened == 1  # no connection attempted while backing off
    now[0] = first.retry_at or 0.0
    again = poller.poll("mag1", ["globals"])
    assert _Refused.opened == 2
    assert again.retry_at == now[0] + 2 * BACKOFF_FIRST_SEC
