"""LMA commands: the local LMA, networks and pools, MAG peers, 3GMA role, mobile local loop."""

from __future__ import annotations

from pmiptui.ios.grammar_domain import AUTH_OPTION
from pmiptui.ios.params import Kind, param
from pmiptui.ios.spec import IFACE, CommandSpec, cmd

LMA = "config-ipv6-pmipv6-lma"
NETWORK = "config-ipv6-pmipv6lma-network"
LMA_MAG = "config-ipv6-pmipv6lma-mag"
ROLE = "config-ipv6-pmipv6lma-role"
MLL = "config-pmipv6-lma-ml1"
CUST = f"{MLL}-cust"
TPT = f"{MLL}-cust-tpt"

_I = Kind.INTEGER


def _mobile_network(family: str, kind: Kind, bits: int) -> CommandSpec:
    """Declare ``mobile-network pool|v6pool`` for one address family."""
    return cmd(
        NETWORK,
        f"mobile-network {family} <address> pool-prefix <pool-prefix> "
        "network-prefix <network-prefix>",
        "Carve mobile network prefixes out of a block of addresses.",
        p=[
            param("address", kind, "first address of the block"),
            param("pool-prefix", _I, "prefix length of the block", low=0, high=bits),
            param(
                "network-prefix", _I, "prefix length handed to each mobile router", low=0, high=bits
            ),
        ],
        repeat=True,
    )


COMMANDS: tuple[CommandSpec, ...] = (
    cmd(
        "config",
        "ipv6 mobile pmipv6-lma <lma-id> domain <domain-name>",
        "Start the LMA function in a domain and edit it.",
        enters=LMA,
    ),
    # -- config-ipv6-pmipv6-lma
    cmd(LMA, "address ipv4 <ipv4-address>", "IPv4 address the LMA signals from."),
    cmd(LMA, "address ipv6 <ipv6-address>", "IPv6 address the LMA signals from."),
    cmd(
        LMA,
        "network <network-name>",
        "Create or edit a network of home address pools.",
        enters=NETWORK,
        repeat=True,
    ),
    cmd(
        LMA,
        "default profile <profile-name>",
        "Profile applied to mobile nodes that have none of their own.",
    ),
    cmd(LMA, "enable aaa accounting", "Send accounting records for MN sessions."),
    cmd(LMA, "bce maximum <number>", "Cap on binding cache entries."),
    cmd(LMA, "bce lifetime <seconds>", "Longest lifetime granted to a binding."),
    cmd(LMA, "bce refresh-time <seconds>", "Refresh interval offered for bindings."),
    cmd(
        LMA,
        "bce delete-wait-time <milliseconds>",
        "Delay before a binding is removed once its MAG reports the MN gone.",
    ),
    cmd(
        LMA,
        "replay-protection timestamp [window <seconds>]",
        "Timestamp check on binding signalling, with its tolerance.",
    ),
    cmd(LMA, "bri delay min <milliseconds>", "Shortest wait before a revocation is sent."),
    cmd(
        LMA,
        "bri delay max <milliseconds>",
        "Longest wait for a revocation acknowledgement before resending.",
    ),
    cmd(LMA, "bri retries <number>", "Resends of a revocation before giving up."),
    cmd(LMA, "mag <mag-id> <domain-name>", "Describe a MAG this LMA accepts.", enters=LMA_MAG),
    cmd(LMA, "hnp maximum <number>", "Home network prefixes allowed per mobile node."),
    cmd(
        LMA,
        "heartbeat [interval <interval> retries <retries> [label <label>] [natreboot]]",
        "Probe MAGs periodically; optionally per link label and across NAT reboots.",
    ),
    cmd(LMA, "dynamic mag learning", "Accept MAGs that are not configured as peers."),
    cmd(
        LMA,
        "dscp control-plane <dscp-value>",
        "DSCP marking of PMIPv6 signalling.",
        p=[param("dscp-value", _I, "DSCP code point", low=0, high=63)],
    ),
    cmd(
        LMA, "mobility-service mobile-local-loop", "Edit the mobile local loop service.", enters=MLL
    ),
    cmd(LMA, "multipath", "Accept several tunnels per mobile node, one per MAG uplink."),
    cmd(LMA, "mobile-map <map-name>", "Apply a domain mobile map to LMA traffic."),
    cmd(
        LMA,
        "interface <type> <number>",
        "Interface on which the mobile map applies.",
        p=IFACE,
        repeat=True,
    ),
    cmd(LMA, "tunnel mtu <mtu-size>", "MTU of the LMA-MAG tunnels."),
    cmd(LMA, "tunnel acl <acl-list-name>", "Filter tunnel traffic with an access list."),
    cmd(
        LMA,
        "role 3gma",
        "Act as a 3G mobility anchor.",
        enters=ROLE,
        note="configure at least one interface in the 3GMA role",
    ),
    # -- config-ipv6-pmipv6lma-network
    cmd(
        NETWORK,
        "pool ipv4 <pool-name> pfxlen <number>",
        "IPv4 local pool for home addresses, with the prefix length handed out.",
        p=[param("number", _I, "prefix length", low=0, high=32)],
    ),
    cmd(
        NETWORK,
        "pool ipv6 <pool-name> pfxlen <number>",
        "IPv6 local pool for home prefixes, with the prefix length handed out.",
        p=[param("number", _I, "prefix length", low=0, high=128)],
    ),
    _mobile_network("pool", Kind.IPV4, 32),
    _mobile_network("v6pool", Kind.IPV6, 128),
    # -- config-ipv6-pmipv6lma-mag
    cmd(LMA_MAG, AUTH_OPTION, "SPI and shared key for signalling with this MAG."),
    cmd(LMA_MAG, "ipv4-address <ipv4-address>", "An IPv4 address of this MAG.", repeat=True),
    cmd(LMA_MAG, "ipv6-address <ipv6-address>", "An IPv6 address of this MAG.", repeat=True),
    cmd(LMA_MAG, "encap {gre-ipv4 | ipv6-in-ipv6}", "Tunnel type towards this MAG."),
    # -- config-ipv6-pmipv6lma-role
    cmd(ROLE, "interface <type> <number>", "Interface that serves in the 3GMA role.", p=IFACE),
    cmd(
        ROLE,
        "rat <rat-type> priority <priority-number>",
        "Rank a radio access type for 3GMA selection.",
        p=[
            param("rat-type", Kind.WORD, "radio access type, e.g. wlan"),
            param("priority-number", _I, "rank of the access type"),
        ],
    ),
    # -- mobile local loop
    cmd(
        MLL,
        "customer <customer-name> vrf <vrf-name>",
        "Create or edit a local loop customer and its VRF.",
        p=[param("customer-name", Kind.WORD, "customer name")],
        enters=CUST,
        key=("customer-name",),
        note="the VRF must already exist",
    ),
    cmd(
        CUST,
        "auth-option spi <hex-value> key ascii <ascii-string>",
        "SPI and shared key for this customer's signalling.",
        p=[param("hex-value", Kind.SPI, "security parameter index in hexadecimal")],
    ),
    cmd(
        CUST,
        "heartbeat interval <interval-value> retries <retries-value>",
        "Probe this customer's MAGs periodically.",
        p=[
            param("interval-value", _I, "seconds between probes", unit="seconds"),
            param("retries-value", _I, "missed probes before a path is down"),
        ],
    ),
    cmd(CUST, "network unauthorized", "Serve MNs of this customer without authorisation."),
    cmd(
        CUST,
        "transport [vrf <vrf-name>]",
        "Edit the customer's transport addresses.",
        enters=TPT,
        key=(),
    ),
    cmd(
        TPT,
        "address ipv6 <ipv6-address>",
        "IPv6 transport address for this customer.",
        note="one IPv4 and one IPv6 transport address at most",
    ),
)
"""LMA commands, in guide order."""
