"""Run a whole lab: build the network and its routers, serve each on a port, tick one clock.

This is the composition of the lab: routers are state plus methods, the network holds the
mobility state they share, and each SSH session gets a console made here for its router.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from pmiptui.lab.console import RouterConsole
from pmiptui.lab.faults import Faults
from pmiptui.lab.network import LabNetwork
from pmiptui.lab.router import SimRouter
from pmiptui.lab.server import ConsoleFactory, Listener, Login, host_key, serve, stop
from pmiptui.lab.sessions import VtySession
from pmiptui.lab.topology import Topology

T = TypeVar("T")

TICK_SECONDS = 1.0
"""Period of the lab's one clock: each tick advances the network's mobility one step."""


def build_network(
    topology: Topology,
    *,
    state_dir: Path | None = None,
    mobile_nodes: int | None = None,
    seed: int | None = None,
    faults: dict[str, Faults] | None = None,
) -> LabNetwork:
    """Build every router of `topology` and the network they share (`network.routers`).

    `mobile_nodes` and `seed` default to the topology's own.
    """
    faults = faults or {}
    routers = {
        spec.name: SimRouter(
            topology, spec, state_dir=state_dir, faults=faults.get(spec.name, Faults())
        )
        for spec in topology.routers
    }
    network = LabNetwork(
        topology,
        routers,
        mobile_nodes=topology.mobile_nodes if mobile_nodes is None else mobile_nodes,
        seed=topology.seed if seed is None else seed,
    )
    for router in routers.values():
        router.join(network)
    return network


def console_factory(router: SimRouter) -> ConsoleFactory:
    """What the SSH server calls for each new session: a console on `router`."""

    def new_console(user: str, peer: str) -> RouterConsole:
        return RouterConsole(router, user=user, peer=peer)

    return new_console


@dataclass(slots=True, kw_only=True)
class LabOptions:
    """How to run the lab; every field has the default a new user gets."""

    port_base: int = 0
    """First port; 0 lets the system pick a free port for each router."""
    state_dir: Path | None = None
    bindings: int | None = None
    seed: int | None = None
    faults: dict[str, Faults] = field(default_factory=dict)
    host: str = "127.0.0.1"


@dataclass(slots=True)
class Lab:
    """A running lab: its routers, the ports they listen on, and its inventory file."""

    topology: Topology
    options: LabOptions
    routers: dict[str, SimRouter] = field(default_factory=dict)
    listeners: list[Listener] = field(default_factory=list)
    network: LabNetwork | None = None
    _ticker: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Build the network and every router, start each router's SSH server and the clock."""
        key = host_key(self.options.state_dir)
        login = Login(
            username=self.topology.username,
            password=self.topology.password,
            enable_secret=self.topology.enable_secret,
        )
        self.network = build_network(
            self.topology,
            state_dir=self.options.state_dir,
            mobile_nodes=self.options.bindings,
            seed=self.options.seed,
            faults=self.options.faults,
        )
        self.routers.update(self.network.routers)
        for spec in self.topology.routers:
            port = self.options.port_base + spec.port_offset if self.options.port_base else 0
            listener = Listener(
                name=spec.name, port=port, faults=self.options.faults.get(spec.name, Faults())
            )
            factory = console_factory(self.routers[spec.name])
            await serve(listener, factory, login=login, key=key, host=self.options.host)
            self.listeners.append(listener)
        self._ticker = asyncio.get_running_loop().create_task(self._clock(self.network))

    @staticmethod
    async def _clock(network: LabNetwork) -> None:
        """The lab's one clock: the whole network moves one step per tick."""
        while True:
            await asyncio.sleep(TICK_SECONDS)
            network.tick()

    async def stop(self) -> None:
        """Stop the servers and the mobility clock."""
        if self._ticker is not None:
            self._ticker.cancel()
        await stop(self.listeners)

    def set_faults(self, name: str, faults: Faults) -> None:
        """Replace one router's faults while the lab runs (on the lab's loop).

        New logins see them at once; open sessions from their next line or write, except
        `hang` and `delay`, which a session reads when it starts.
        """
        self.routers[name].faults = faults
        for listener in self.listeners:
            if listener.name == name:
                listener.faults = faults

    def port(self, name: str) -> int:
        """The port one router listens on."""
        return next(listener.port for listener in self.listeners if listener.name == name)

    def sessions(self, name: str) -> list[VtySession]:
        """The SSH sessions open on one router, by VTY line (on the lab's loop)."""
        return self.routers[name].sessions.records()

    def session_counts(self) -> dict[str, int]:
        """How many SSH sessions are open on each router (on the lab's loop)."""
        return {name: len(router.sessions.records()) for name, router in self.routers.items()}

    def inventory(self) -> dict[str, object]:
        """The inventory for this lab, in pmiptui's Netmiko-style inventory format."""
        devices: dict[str, object] = {}
        for spec in self.topology.routers:
            devices[spec.name] = {
                "device_type": "cisco_xe",
                "host": self.options.host,
                "port": self.port(spec.name),
                "username": self.topology.username,
                "password": self.topology.password,
                "secret": self.topology.enable_secret,
                "role": spec.role,
                "pmipv6_id": spec.id,
                "domain": self.topology.domain,
                "group": "lab",
                # The lab's key is made on its first start: trust it then, in the lab's own
                # known_hosts (next to the inventory), and refuse it if it ever changes.
                "host_key_policy": "accept-new",
                "known_hosts": "known_hosts",
            }
        devices["lab"] = [spec.name for spec in self.topology.routers]
        return devices

    def write_inventory(self, folder: Path) -> Path:
        """Write `inventory.yaml` for the running lab into `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "inventory.yaml"
        header = "# Written by `pmiptui lab` for the running lab. Lab-only credentials.\n"
        path.write_text(header + yaml.safe_dump(self.inventory(), sort_keys=False))
        return path


class LabThread:
    """A lab running on its own event loop in a background thread (tests, `pmiptui demo`)."""

    def __init__(self, topology: Topology, options: LabOptions) -> None:
        self.lab = Lab(topology, options)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="pmiptui-lab", daemon=True)
        self._started: Future[None] = Future()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self.lab.start())
        except BaseException as error:  # handed to the starting thread, which re-raises it
            self._started.set_exception(error)
            return
        self._started.set_result(None)
        self._loop.run_forever()

    def start(self, timeout: float = 30) -> Lab:
        """Start the lab and wait until every router listens."""
        self._thread.start()
        self._started.result(timeout)
        return self.lab

    def call(self, function: Callable[[], T]) -> T:
        """Run `function` on the lab's loop (routers are not thread-safe) and return its result."""

        async def wrapper() -> T:
            return function()

        return asyncio.run_coroutine_threadsafe(wrapper(), self._loop).result(30)

    def set_faults(self, name: str, faults: Faults) -> None:
        """Replace one router's faults from any thread; see :meth:`Lab.set_faults`."""
        self.call(lambda: self.lab.set_faults(name, faults))

    def sessions(self, name: str) -> list[VtySession]:
        """The SSH sessions open on one router, from any thread; see :meth:`Lab.sessions`."""
        return self.call(lambda: self.lab.sessions(name))

    def session_counts(self) -> dict[str, int]:
        """Open SSH sessions per router, from any thread; see :meth:`Lab.session_counts`."""
        return self.call(self.lab.session_counts)

    def stop(self) -> None:
        """Stop the servers, end every open session, and stop the thread."""
        if not self._loop.is_running():
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _shutdown(self) -> None:
        await self.lab.stop()
        current = asyncio.current_task()
        others = [task for task in asyncio.all_tasks() if task is not current]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)
