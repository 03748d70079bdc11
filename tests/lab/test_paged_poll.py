"""A pmiptui poll over a session that kept paging on: ` --More-- ` answered with spaces, as a
screen scraper would, and the parsers still give whole records and no unparsed lines."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from netmiko.cisco import CiscoIosSSH

from pmiptui.device.poll_commands import poll_with
from pmiptui.device.poller import router_info
from pmiptui.inventory import load_inventory
from pmiptui.lab.pager import MORE
from pmiptui.lab.runtime import LabThread
from pmiptui.model.poll import POLL_KINDS, PollResult, RouterInfo
from pmiptui.parse import parse
from pmiptui.parse.clean import split_lines
from tests.lab.conftest import device, start_lab

pytestmark = pytest.mark.lab
ROUTER = "lma1"


class PagingKept(CiscoIosSSH):
    """Netmiko's cisco_xe driver without its `terminal length 0` at login."""

    def disable_paging(self, *_args: Any, **_kwargs: Any) -> str:
        return ""


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabThread, Path]]:
    """A lab with a long binding table whose clock is stopped, so two polls see the same."""
    state = tmp_path_factory.mktemp("paged")
    thread = start_lab(state, mobile_nodes=300)
    network = thread.lab.network
    assert network is not None
    thread.call(lambda: setattr(network, "tick", lambda: None))
    yield thread, thread.lab.write_inventory(state)
    thread.stop()


def scraper(conn: CiscoIosSSH, prompt: str) -> Callable[[str], str]:
    """`show` as a person would run it: type the command, press space at each ` --More-- `,
    stop at the prompt; the echoed command and the prompt are cut, the pager noise kept."""
    end = re.compile(rf"\n{re.escape(prompt)}[ \t]*$")

    def show(command: str) -> str:
        conn.write_channel(command + "\n")
        text = ""
        deadline = time.monotonic() + 60
        while not end.search(text):
            assert time.monotonic() < deadline, text[-300:]
            data = conn.read_channel()
            if not data:
                time.sleep(0.01)
                continue
            text += data
            if text.endswith(MORE):
                conn.write_channel(" ")
        _echoed, found, body = text.partition(command + "\n")
        assert found, text[:300]
        tail = end.search(body)
        return body[: tail.start() + 1] if tail else ""

    return show


def polls(frozen: tuple[LabThread, Path]) -> tuple[PollResult, PollResult]:
    """One poll with paging at 24 lines, then one with `terminal length 0`, same session."""
    thread, inventory = frozen
    info: RouterInfo = router_info(load_inventory(inventory).router(ROUTER), 5.0)
    conn = PagingKept(**device(thread.lab, ROUTER))
    try:
        conn.enable()
        show = scraper(conn, f"{ROUTER}#")
        paged = poll_with(info, show, POLL_KINDS)
        show("terminal length 0")
        whole = poll_with(info, show, POLL_KINDS)
    finally:
        conn.disconnect()
    return paged, whole


def test_a_paged_poll_gives_the_same_records(frozen: tuple[LabThread, Path]) -> None:
    paged, whole = polls(frozen)
    assert paged.error is None and whole.error is None
    assert MORE in paged.raw["bindings"] and MORE not in whole.raw["bindings"]
    assert paged.raw["bindings"].count(MORE) > 10
    assert paged.unparsed == 0 and paged.drift == []
    assert paged.bindings and len(paged.bindings) == paged.binding_total
    for kind in ("globals", "bindings", "binding_total", "stats", "tunnels", "version"):
        assert getattr(paged, kind) == getattr(whole, kind), kind
    # The config is kept as text: pager noise cleans off with the parsers' own splitter.
    assert paged.config is not None and whole.config is not None
    assert [line.rstrip() for line in split_lines(paged.config)] == whole.config.split("\n")
    config = parse("running-config", paged.raw["config"])
    assert config.unparsed == [] and config.records == parse("running-config", whole.config).records
