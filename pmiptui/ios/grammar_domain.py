"""PMIPv6 domain commands: the domain block, its LMA/MAG peers, MN profiles and mobile maps."""

from __future__ import annotations

from pmiptui.ios.params import Kind, param
from pmiptui.ios.spec import CommandSpec, cmd

DOMAIN = "config-ipv6-pmipv6-domain"
D_LMA = f"{DOMAIN}-lma"
D_MAG = f"{DOMAIN}-mag"
D_MN = f"{DOMAIN}-mn"
D_MAP = f"{DOMAIN}-mobile-map"

AUTH_OPTION = (
    "auth-option spi {<spi-hex-value> | decimal <spi-decimal-value>} "
    "key {ascii <ascii-string> | hex <hex-string>}"
)
"""Shared syntax of the domain, MAG-side and LMA-side ``auth-option`` commands."""

_LINK = "name of a link label set on a roaming interface"

COMMANDS: tuple[CommandSpec, ...] = (
    cmd(
        "config",
        "ipv6 mobile pmipv6-domain <domain-name> load-aaa",
        "Fetch the whole domain definition from the AAA server.",
        key=("domain-name",),
    ),
    cmd(
        "config",
        "ipv6 mobile pmipv6-domain <domain-name>",
        "Create or edit a PMIPv6 domain.",
        enters=DOMAIN,
    ),
    # -- config-ipv6-pmipv6-domain
    cmd(
        DOMAIN,
        "replay-protection timestamp [window <seconds>]",
        "Reject signalling whose timestamp is outside the allowed window.",
        p=[param("seconds", Kind.INTEGER, "accepted clock skew in seconds", unit="seconds")],
    ),
    cmd(
        DOMAIN,
        AUTH_OPTION,
        "Set the SPI and shared key that protect binding signalling in the domain.",
    ),
    cmd(
        DOMAIN,
        "encap {gre-ipv4 | ipv6-in-ipv6 | udptunnel}",
        "Choose the tunnel type carrying MN traffic between MAG and LMA.",
    ),
    cmd(
        DOMAIN,
        "local-routing-mag",
        "Let a MAG route traffic between its own attached MNs without the LMA.",
    ),
    cmd(DOMAIN, "lma <lma-id>", "Describe an LMA of the domain.", enters=D_LMA, repeat=True),
    cmd(DOMAIN, "mag <mag-id>", "Describe a MAG of the domain.", enters=D_MAG, repeat=True),
    cmd(DOMAIN, "mn-profile-load-aaa", "Take mobile node profiles from the AAA server."),
    cmd(
        DOMAIN,
        "nai [<user>]@<realm>",
        "Create or edit the profile of a mobile node.",
        p=[
            param("user", Kind.WORD, "user part of the NAI"),
            param("realm", Kind.WORD, "realm part of the NAI"),
        ],
        enters=D_MN,
        repeat=True,
    ),
    cmd(
        DOMAIN,
        "fixed-link-local-address <ipv6-address>",
        "Present the same link-local address to MNs on every MAG access link.",
    ),
    cmd(
        DOMAIN,
        "fixed-link-layer-address <hardware-address>",
        "Present the same MAC address to MNs on every MAG access link.",
        p=[param("hardware-address", Kind.MAC, "MAC address xxxx.xxxx.xxxx")],
    ),
    cmd(
        DOMAIN,
        "mobile-map <map-name> <sequence-number>",
        "Create or edit one numbered entry of a mobile map.",
        p=[param("sequence-number", Kind.INTEGER, "entry number", low=1, high=255)],
        enters=D_MAP,
        repeat=True,
        note="mobile maps can be changed only while no bindings exist",
    ),
    # -- config-ipv6-pmipv6-domain-lma
    cmd(D_LMA, "ipv6-address <ipv6-address>", "IPv6 address the MAGs use to reach this LMA."),
    cmd(D_LMA, "ipv4-address <ipv4-address>", "IPv4 address the MAGs use to reach this LMA."),
    # -- config-ipv6-pmipv6-domain-mag
    cmd(D_MAG, "ipv4-address <ipv4-address>", "IPv4 address of this MAG."),
    cmd(D_MAG, "ipv6-address <ipv6-address>", "IPv6 address of this MAG."),
    # -- config-ipv6-pmipv6-domain-mn
    cmd(D_MN, "lma <lma-id>", "Anchor this mobile node at the named LMA."),
    cmd(D_MN, "service {dual | ipv4 | ipv6}", "Address families offered to this mobile node."),
    cmd(
        D_MN,
        "int att <interface-access-type> l2-addr <mac-address>",
        "Bind the mobile node to an access technology and its MAC address.",
        p=[
            param("interface-access-type", Kind.INTERFACE_TYPE, "access interface type"),
            param("mac-address", Kind.MAC, "MAC address of the mobile node"),
        ],
    ),
    cmd(
        D_MN,
        "gre-encap-key [down | up] <key-value>",
        "GRE key for the mobile node's downlink or uplink traffic.",
        p=[param("key-value", Kind.INTEGER, "GRE key")],
        repeat=True,
    ),
    cmd(D_MN, "apn <apn-name>", "Access point name of the mobile node."),
    cmd(
        D_MN,
        "network <network-name>",
        "LMA network whose pools give the mobile node its addresses.",
    ),
    # -- config-ipv6-pmipv6-domain-mobile-map
    cmd(
        D_MAP,
        "match access-list <acl-list-name>",
        "Traffic selected by this entry, as a named access list.",
    ),
    cmd(
        D_MAP,
        "set link-type <link-name1> [<link-name2>] [<link-name3>] [null]",
        "Links to use for matched traffic, in order; null drops it when none is up.",
        p=[
            param("link-name1", Kind.WORD, _LINK),
            param("link-name2", Kind.WORD, _LINK),
            param("link-name3", Kind.WORD, _LINK),
        ],
    ),
    cmd(
        D_MAP,
        "traffic-profile <profile-name>",
        "Hybrid-access profile whose thresholds apply to matched traffic.",
    ),
)
"""Domain commands, in guide order."""
