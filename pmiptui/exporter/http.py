"""The `/metrics` HTTP endpoint: the fleet collector on its own registry, served in a thread."""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
from types import TracebackType
from wsgiref.simple_server import WSGIServer

from prometheus_client import (
    GCCollector,
    PlatformCollector,
    ProcessCollector,
    start_http_server,
)
from prometheus_client.registry import CollectorRegistry

from pmiptui.errors import InputError
from pmiptui.exporter.fleet_metrics import FleetMetrics
from pmiptui.model.poll import PollResult, RouterInfo

__all__ = ["MetricsServer", "parse_address", "serve"]

_TITLE = "Metrics address"
_USAGE = "give HOST:PORT, e.g. 127.0.0.1:9100, [::1]:9100 or :9100 for every interface"


class MetricsServer:
    """A running metrics endpoint; `close()` stops it and frees the port."""

    def __init__(
        self,
        *,
        fleet: FleetMetrics,
        registry: CollectorRegistry,
        server: WSGIServer,
        thread: threading.Thread,
    ) -> None:
        self.fleet = fleet
        """The collector the poll threads feed with `observe`."""
        self.registry = registry
        """The registry served: the fleet plus this process's own metrics."""
        self._server = server
        self._thread = thread
        self._closed = False
        self.host: str = str(server.server_address[0])
        """The address listened on, as a string (IPv6 without brackets)."""
        self.port: int = int(server.server_address[1])
        """The port listened on (the one picked when port 0 was asked for)."""

    @property
    def url(self) -> str:
        """Where Prometheus scrapes, e.g. `http://127.0.0.1:9100/metrics`."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/metrics"

    def track(self, info: RouterInfo) -> None:
        """`FleetMetrics.track` on the fleet served: up 0 until the first successful poll."""
        self.fleet.track(info)

    def observe(self, info: RouterInfo, result: PollResult) -> None:
        """`FleetMetrics.observe` on the fleet served; safe from any poll thread."""
        self.fleet.observe(info, result)

    def forget(self, router: str) -> None:
        """`FleetMetrics.forget` on the fleet served."""
        self.fleet.forget(router)

    def close(self) -> None:
        """Stop serving and close the socket; harmless when already closed."""
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> MetricsServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MetricsServer({self.url})"


def parse_address(address: str) -> tuple[str, int]:
    """(host, port) from `HOST:PORT`, `[IPV6]:PORT` or `:PORT` (every IPv4 interface)."""
    text = address.strip()
    if text.startswith("["):
        host, sep, port_text = text[1:].partition("]:")
        if not sep:
            raise InputError(f"metrics address {address!r}: {_USAGE}", title=_TITLE)
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise InputError(
                f"metrics address {address!r}: {host!r} is not an IPv6 address", title=_TITLE
            ) from None
    else:
        host, sep, port_text = text.rpartition(":")
        if not sep:
            raise InputError(f"metrics address {address!r}: {_USAGE}", title=_TITLE)
        if ":" in host:
            raise InputError(
                f"metrics address {address!r}: write an IPv6 address in brackets, "
                f"e.g. [{host}]:{port_text}",
                title=_TITLE,
            )
        host = host or "0.0.0.0"  # `:PORT` asks for every interface
    if not (port_text.isascii() and port_text.isdigit()) or not 0 <= int(port_text) <= 65535:
        raise InputError(
            f"metrics address {address!r}: the port must be a number from 0 to 65535 "
            "(0 picks a free one)",
            title=_TITLE,
        )
    return host, int(port_text)


def serve(address: str, fleet: FleetMetrics | None = None) -> MetricsServer:
    """Serve `fleet` (a new one when None) and this process's metrics at `address`.

    The registry is our own, not prometheus_client's global one, so nothing else that
    registers metrics in this process leaks into the scrape.
    """
    host, port = parse_address(address)
    fleet = fleet if fleet is not None else FleetMetrics()
    registry = CollectorRegistry()
    registry.register(fleet)
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    GCCollector(registry=registry)
    try:
        server, thread = start_http_server(port, addr=host, registry=registry)
    except OSError as error:
        raise InputError(
            f"metrics address {address!r}: {_bind_problem(error, host, port)}", title=_TITLE
        ) from None
    return MetricsServer(fleet=fleet, registry=registry, server=server, thread=thread)


def _bind_problem(error: OSError, host: str, port: int) -> str:
    """The reason a bind failed, in words an operator can act on."""
    if isinstance(error, socket.gaierror):
        return f"cannot resolve host {host!r} ({error.strerror})"
    if error.errno == errno.EADDRINUSE:
        return f"port {port} is already in use on {host} (is another poller running?)"
    if error.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (ports below 1024 need privileges)"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine"
    return f"cannot listen on {host} port {port} ({error.strerror or error})"
