"""Startup configurations for lab routers, built from the guide's procedures.

The lines are replayed through the IOS command model, exactly as if an operator typed them,
so the lab's startup config is always one the model (and so the wizards) accepts.
"""

from __future__ import annotations

from pmiptui.ios.cli_error import CliError
from pmiptui.ios.config_tree import apply, empty_tree, render_running_config
from pmiptui.ios.matcher import resolve
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, Frame, ModeStack
from pmiptui.lab.topology import LabRouter, Topology

V4_POOL = "v4pool"
V6_POOL = "v6pool"
NETWORK = "net1"


def _encap(mag: LabRouter, topology: Topology) -> str:
    """Alternate MAG-LMA encapsulations so the lab shows both GRE and IPv6-in-IPv6 tunnels."""
    return "gre-ipv4" if topology.mags().index(mag) % 2 == 0 else "ipv6-in-ipv6"


def domain_lines(topology: Topology) -> list[str]:
    """The PMIPv6 domain every router carries (guide: minimum domain configuration)."""
    lines = [f"ipv6 mobile pmipv6-domain {topology.domain}"]
    for lma in topology.lmas():
        lines += [f"lma {lma.id}", f"ipv4-address {lma.ipv4}", f"ipv6-address {lma.ipv6}", "exit"]
    for mag in topology.mags():
        lines += [f"mag {mag.id}", f"ipv4-address {mag.ipv4}", f"ipv6-address {mag.ipv6}", "exit"]
    first_lma = topology.lmas()[0].id if topology.lmas() else "lma1"
    lines += [f"nai @{topology.realm}", f"lma {first_lma}", "service dual", "exit", "exit"]
    return lines


def mag_lines(topology: Topology, mag: LabRouter) -> list[str]:
    """A MAG (guide: detailed MAG configuration, minus AAA)."""
    lines = [
        f"ipv6 mobile pmipv6-mag {mag.id} domain {topology.domain}",
        f"address ipv4 {mag.ipv4}",
        f"address ipv6 {mag.ipv6}",
        "discover-mn-detach poll interval 5 timeout 3 retries 3",
        "binding maximum 128000",
        "binding lifetime 3600",
        "binding refresh-time 300",
        "bri delay min 1000",
        "bri delay max 40000",
        "bri retry 6",
    ]
    lines += [f"interface {name}" for name in mag.access_interfaces]
    for lma in topology.lmas():
        lines += [
            f"lma {lma.id} {topology.domain}",
            f"ipv4-address {lma.ipv4}",
            f"encap {_encap(mag, topology)}",
            "exit",
        ]
    return [*lines, "exit"]


def lma_lines(topology: Topology, lma: LabRouter) -> list[str]:
    """An LMA (guide: detailed LMA configuration with local pools)."""
    lines = [
        "ipv6 unicast-routing",
        f"ip local pool {V4_POOL} 10.64.0.1 10.127.255.254",
        f"ipv6 local pool {V6_POOL} 2001:DB8:1000::/36 64",
        f"ipv6 mobile pmipv6-lma {lma.id} domain {topology.domain}",
        f"address ipv4 {lma.ipv4}",
        f"address ipv6 {lma.ipv6}",
        "bce maximum 128000",
        "bce lifetime 3600",
        "bce refresh-time 300",
        "bce delete-wait-time 10000",
        "bri delay min 1000",
        "bri delay max 2000",
        "bri retries 1",
        "hnp maximum 1",
        "heartbeat interval 30 retries 5",
        f"network {NETWORK}",
        f"pool ipv4 {V4_POOL} pfxlen 24",
        f"pool ipv6 {V6_POOL} pfxlen 64",
        "exit",
    ]
    for mag in topology.mags():
        lines += [
            f"mag {mag.id} {topology.domain}",
            f"ipv4-address {mag.ipv4}",
            f"ipv6-address {mag.ipv6}",
            f"encap {_encap(mag, topology)}",
            "exit",
        ]
    return [*lines, "exit"]


def replay(lines: list[str]) -> str:
    """Type the lines into an empty router in global config mode; the resulting running-config."""
    tree = empty_tree()
    stack: ModeStack = (Frame(mode=PRIV_EXEC), Frame(mode=CONFIG))
    for line in lines:
        found = resolve(stack, line)
        if isinstance(found, CliError):
            raise ValueError(f"lab config line {line!r} is refused: {found.render()}")
        tree, stack = apply(tree, stack, found)
    return render_running_config(tree)


def startup_config(topology: Topology, router: LabRouter) -> str:
    """The startup configuration of one lab router."""
    lines = [f"hostname {router.name}", "archive", "path bootflash:archive", "maximum 5", "exit"]
    if router.role == "lma":
        lines += lma_lines(topology, router)[:3]
        lines += domain_lines(topology) + lma_lines(topology, router)[3:]
    else:
        lines += domain_lines(topology) + mag_lines(topology, router)
    return replay(lines)
