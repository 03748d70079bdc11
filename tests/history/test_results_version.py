"""A stored poll keeps the router's release and platform."""

from __future__ import annotations

from pmiptui.history.results import result_from, result_text
from pmiptui.model.poll import PollResult
from pmiptui.model.version import DeviceVersion


def test_the_version_comes_back_from_the_store() -> None:
    version = DeviceVersion(release="17.03.04a", platform="ASR1001-X")
    result = PollResult(router="mag1", started=1.0, finished=2.0, version=version)
    assert result_from(result_text(result)).version == version
    assert result_from(result_text(PollResult(router="m", started=1, finished=2))).version is None
