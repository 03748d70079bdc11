"""The metrics endpoint over real HTTP, and the addresses it refuses."""

from __future__ import annotations

import errno
import re
import socket
import urllib.request
from collections.abc import Iterator

import pytest

from pmiptui.errors import InputError
from pmiptui.exporter import FleetMetrics, MetricsServer, parse_address, serve
from pmiptui.exporter.http import _bind_problem
from pmiptui.model.poll import RouterInfo
from tests.exporter.scrape import LMA, MAG, T0, failed_poll, lma_poll, parse

L = {"router": "lma1", "role": "lma", "domain": "D1"}
GONE = RouterInfo(name="old-mag", host="192.0.2.99", role="mag")


@pytest.fixture
def server() -> Iterator[MetricsServer]:
    with serve("127.0.0.1:0") as running:
        yield running


def get(url: str) -> tuple[str, str]:
    """The body and content type at `url`."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode(), response.headers["Content-Type"]


def test_a_scrape_over_http_shows_what_was_observed(server: MetricsServer) -> None:
    server.observe(LMA, lma_poll())
    server.track(MAG)
    server.observe(MAG, failed_poll(MAG, T0))
    server.track(GONE)
    server.forget(GONE.name)

    body, content_type = get(server.url)
    got = parse(body)

    assert server.host == "127.0.0.1"
    assert server.port > 0
    assert server.url == f"http://127.0.0.1:{server.port}/metrics"
    assert content_type.startswith("text/plain")
    assert got.value("pmiptui_router_up", **L) == 1
    assert got.value("pmiptui_bindings", **L) == 3
    assert got.value("pmiptui_bindings_limit", **L) == 1000
    assert got.value("pmiptui_pba_rejected_total", **L) == 12
    assert got.value("pmiptui_peer_bindings", **L, peer="MAG1") == 2
    assert got.value("pmiptui_router_up", router="mag1", role="mag", domain="") == 0
    assert got.names("mag1") == {"pmiptui_router_up"}
    assert got.names(GONE.name) == set()
    # This process's own metrics come along; the global registry's do not.
    assert "process_cpu_seconds_total" in got.names()
    assert "python_info" in got.names()


def test_a_given_fleet_is_the_one_served() -> None:
    fleet = FleetMetrics()
    fleet.observe(LMA, lma_poll())

    with serve("127.0.0.1:0", fleet) as server:
        assert server.fleet is fleet
        assert parse(get(server.url)[0]).value("pmiptui_bindings", **L) == 3


def test_close_frees_the_port() -> None:
    server = serve("127.0.0.1:0")
    port = server.port
    get(server.url)

    server.close()
    server.close()  # a second close is harmless

    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    with serve(f"127.0.0.1:{port}") as again:
        assert again.port == port
        get(again.url)


def _has_ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback here")
def test_an_ipv6_address_in_brackets() -> None:
    with serve("[::1]:0") as server:
        assert server.host == "::1"
        assert server.url == f"http://[::1]:{server.port}/metrics"
        server.fleet.observe(LMA, lma_poll())
        assert parse(get(server.url)[0]).value("pmiptui_router_up", **L) == 1


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1:9100", ("127.0.0.1", 9100)),
        ("localhost:0", ("localhost", 0)),
        (":9100", ("0.0.0.0", 9100)),
        ("[::1]:9100", ("::1", 9100)),
        ("[::]:9100", ("::", 9100)),
        (" 10.0.0.1:65535 ", ("10.0.0.1", 65535)),
    ],
)
def test_addresses_accepted(address: str, expected: tuple[str, int]) -> None:
    assert parse_address(address) == expected


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("nonsense", "give HOST:PORT, e.g. 127.0.0.1:9100"),
        ("", "give HOST:PORT"),
        ("9100", "give HOST:PORT"),
        ("127.0.0.1:99999", "the port must be a number from 0 to 65535"),
        ("127.0.0.1:http", "the port must be a number from 0 to 65535"),
        ("127.0.0.1:-1", "the port must be a number from 0 to 65535"),
        ("127.0.0.1:", "the port must be a number from 0 to 65535"),
        ("127.0.0.1:²", "the port must be a number from 0 to 65535"),
        ("::1:9100", "write an IPv6 address in brackets, e.g. [::1]:9100"),
        ("[::1]9100", "give HOST:PORT"),
        ("[lma1]:9100", "'lma1' is not an IPv6 address"),
    ],
)
def test_bad_addresses_are_input_errors(address: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        serve(address)

    assert message in str(raised.value)
    assert str(raised.value).startswith(f"metrics address {address!r}: ")
    assert raised.value.title == "Metrics address"
    assert raised.value.exit_code == 2


def test_a_port_in_use_is_an_input_error() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        with pytest.raises(
            InputError, match=re.escape(f"port {port} is already in use on 127.0.0.1")
        ):
            serve(f"127.0.0.1:{port}")


def test_an_address_of_another_machine_is_an_input_error() -> None:
    with pytest.raises(InputError, match=re.escape("192.0.2.1 is not an address of this machine")):
        serve("192.0.2.1:0")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
            "cannot resolve host 'nohost' (Name or service not known)",
        ),
        (OSError(errno.EACCES, "Permission denied"), "ports below 1024 need privileges"),
        (OSError(errno.ENETDOWN, "Network is down"), "cannot listen on nohost port 80 (Network"),
    ],
)
def test_other_bind_failures_are_said_in_words(error: OSError, message: str) -> None:
    assert message in _bind_problem(error, "nohost", 80)
