"""Building blocks of the LMA procedures: local pools, networks and their pools."""

from __future__ import annotations

from typing import Any

from pmiptui.configgen.catalogue_parts import step
from pmiptui.configgen.procedure import Group, Step
from pmiptui.ios.grammar_lma import LMA, NETWORK
from pmiptui.ios.modes import CONFIG


def local_pools(ipv4: int | None, ipv6: int | None, *, minimum: int) -> tuple[Group, Group]:
    """Global `ip local pool` and `ipv6 local pool` definitions, one group each."""
    return (
        Group(
            name="ip-local-pools",
            title="IPv4 local pool",
            minimum=minimum,
            help="Named IPv4 ranges the LMA networks draw home addresses from.",
            steps=(
                step(
                    CONFIG,
                    "ip local pool <pool-name> <low-ip-address> <high-ip-address>",
                    ipv4,
                    "Name a range of IPv4 home addresses, first to last.",
                ),
            ),
        ),
        Group(
            name="ipv6-local-pools",
            title="IPv6 local pool",
            minimum=minimum,
            help="Named IPv6 prefixes the LMA networks draw home prefixes from.",
            steps=(
                step(
                    CONFIG,
                    "ipv6 local pool <pool-name> <prefix>/<prefix-length> <assigned-length>",
                    ipv6,
                    "Name an IPv6 prefix and the length of each prefix carved from it.",
                ),
            ),
        ),
    )


def network_enter(number: int | None) -> Step:
    return step(
        LMA, "network <network-name>", number, "Open a named LMA network of home address pools."
    )


def pool_ipv4(number: int | None, **kw: Any) -> Step:
    return step(
        NETWORK,
        "pool ipv4 <pool-name> pfxlen <number>",
        number,
        "IPv4 local pool of this network and the prefix length given out.",
        alias={"pool-name": "pool-ipv4"},
        **kw,
    )


def pool_ipv6(number: int | None, **kw: Any) -> Step:
    return step(
        NETWORK,
        "pool ipv6 <pool-name> pfxlen <number>",
        number,
        "IPv6 local pool of this network and the prefix length given out.",
        alias={"pool-name": "pool-ipv6"},
        **kw,
    )


def mobile_network_pools(v4: int | None, v6: int | None) -> tuple[Group, Group]:
    """Mobile network pools of a network, IPv4 and IPv6, each an optional repeat group."""
    text = "Split a block into prefixes for mobile routers: block length, then each one's."
    return (
        Group(
            name="mobile-network-pools",
            title="IPv4 mobile network pool",
            minimum=0,
            help="IPv4 blocks for mobile routers' networks.",
            steps=(
                step(
                    NETWORK,
                    "mobile-network pool <address> pool-prefix <pool-prefix> "
                    "network-prefix <network-prefix>",
                    v4,
                    text,
                ),
            ),
        ),
        Group(
            name="mobile-network-v6pools",
            title="IPv6 mobile network pool",
            minimum=0,
            help="IPv6 blocks for mobile routers' networks.",
            steps=(
                step(
                    NETWORK,
                    "mobile-network v6pool <address> pool-prefix <pool-prefix> "
                    "network-prefix <network-prefix>",
                    v6,
                    text,
                ),
            ),
        ),
    )


def networks(*steps: Step | Group, help: str = "") -> Group:
    """The LMA's networks (repeat for each network)."""
    return Group(
        name="networks",
        title="LMA network",
        help=help or "One entry per network of home address pools.",
        steps=steps,
    )


def default_profile(number: int | None) -> Step:
    return step(
        LMA,
        "default profile <profile-name>",
        number,
        "Profile for mobile nodes that have no profile of their own.",
    )
