"""Platform configuration commands pmiptui needs beside PMIPv6: global items, VRFs, ACLs,
the config archive, interfaces, and the mode commands ``end``, ``exit`` and ``do``."""

from __future__ import annotations

from pmiptui.ios.params import Kind, param
from pmiptui.ios.spec import ANY_CONFIG, IFACE, CommandSpec, Effect, Source, cmd

VRF = "config-vrf"
ACL = "config-ext-nacl"
ARCHIVE = "config-archive"
IF = "config-if"

_P = Source.PLATFORM
_I = Kind.INTEGER

COMMENT = cmd(ANY_CONFIG, "!", "A comment line; ignored.", effect=Effect.COMMENT, source=_P)
"""Spec matched for blank lines and lines starting with ``!``."""

COMMANDS: tuple[CommandSpec, ...] = (
    # -- global configuration, from the guide's procedures
    cmd(
        "config",
        "service password-encryption",
        "Store passwords and keys in the configuration in obscured form.",
    ),
    cmd("config", "vrf definition <vrf-name>", "Create or edit a VRF.", enters=VRF),
    cmd(
        "config",
        "ip local pool <pool-name> <low-ip-address> <high-ip-address>",
        "Define a range of IPv4 addresses to hand out.",
        p=[
            param("low-ip-address", Kind.IPV4, "first address of the range"),
            param("high-ip-address", Kind.IPV4, "last address of the range"),
        ],
        key=("pool-name",),
    ),
    cmd(
        "config",
        "ipv6 local pool <pool-name> <prefix>/<prefix-length> <assigned-length>",
        "Define an IPv6 prefix to carve into delegated prefixes.",
        p=[
            param("prefix", Kind.IPV6, "pool prefix"),
            param("prefix-length", _I, "length of the pool prefix", low=0, high=128),
            param("assigned-length", _I, "length of each delegated prefix", low=0, high=128),
        ],
        key=("pool-name",),
    ),
    cmd("config", "ipv6 unicast-routing", "Forward IPv6 packets."),
    cmd(
        "config",
        "ip access-list extended <access-list-name>",
        "Create or edit a named extended IPv4 access list.",
        p=[param("access-list-name", Kind.WORD, "access list name")],
        enters=ACL,
        repeat=True,
    ),
    # -- config-ext-nacl: entries accumulate, as in any IOS access list
    cmd(
        ACL,
        "permit <protocol> any any",
        "Allow a protocol between any hosts.",
        p=[param("protocol", Kind.WORD, "ip, tcp, udp, icmp, ...")],
        repeat=True,
    ),
    cmd(
        ACL,
        "permit ip any <destination-address> <destination-wildcard>",
        "Allow IP traffic towards a destination range.",
        p=[
            param("destination-address", Kind.IPV4, "destination network"),
            param("destination-wildcard", Kind.IPV4_WILDCARD, "wildcard bits"),
        ],
        repeat=True,
    ),
    cmd(
        ACL,
        "deny <protocol> host <addr> any",
        "Drop a protocol from one source host.",
        p=[
            param("protocol", Kind.WORD, "ip, tcp, udp, icmp, ..."),
            param("addr", Kind.IPV4, "source host"),
        ],
        repeat=True,
    ),
    # -- platform items
    cmd(
        "config",
        "hostname <hostname>",
        "Name of the router, shown in the prompt.",
        p=[param("hostname", Kind.WORD, "router name")],
        source=_P,
    ),
    cmd("config", "archive", "Edit the configuration archive settings.", enters=ARCHIVE, source=_P),
    cmd(
        "config",
        "configuration mode exclusive {auto | manual}",
        "Let one session at a time configure: `auto` locks on every `configure terminal`, "
        "`manual` only on `configure terminal lock`.",
        source=_P,
    ),
    cmd("config", "interface <type> <number>", "Edit an interface.", p=IFACE, enters=IF, source=_P),
    cmd(ACL, "remark <line>", "A comment inside the access list.", repeat=True, source=_P),
    cmd(
        VRF,
        "rd <route-distinguisher>",
        "Route distinguisher of the VRF.",
        p=[param("route-distinguisher", Kind.WORD, "ASN:nn or A.B.C.D:nn")],
        source=_P,
    ),
    cmd(VRF, "description <line>", "Free-text description.", source=_P),
    cmd(ARCHIVE, "path <url>", "Where archived configurations are written.", source=_P),
    cmd(
        ARCHIVE,
        "maximum <copies>",
        "How many archived configurations to keep.",
        p=[param("copies", _I, "number of archive copies", low=1, high=14)],
        source=_P,
    ),
    cmd(ARCHIVE, "write-memory", "Archive the configuration on every save.", source=_P),
    cmd(
        ARCHIVE,
        "time-period <minutes>",
        "Archive the configuration periodically.",
        p=[param("minutes", _I, "interval in minutes", low=1, high=525600)],
        source=_P,
    ),
    cmd(IF, "description <line>", "Free-text description.", source=_P),
    cmd(IF, "vrf forwarding <vrf-name>", "Place the interface in a VRF.", source=_P),
    cmd(
        IF,
        "ip address <ipv4-address> <mask>",
        "Primary IPv4 address and mask.",
        p=[param("mask", Kind.IPV4, "network mask")],
        source=_P,
    ),
    cmd(
        IF,
        "ipv6 address <ipv6-prefix>",
        "An IPv6 address with its prefix length.",
        p=[param("ipv6-prefix", Kind.IPV6_PREFIX, "address/prefix-length")],
        repeat=True,
        source=_P,
    ),
    cmd(IF, "ipv6 enable", "Enable IPv6 with a link-local address only.", source=_P),
    cmd(IF, "shutdown", "Administratively disable the interface.", source=_P),
    # -- every configuration mode
    cmd(
        ANY_CONFIG,
        "end",
        "Leave configuration and return to privileged exec.",
        effect=Effect.END,
        source=_P,
    ),
    cmd(ANY_CONFIG, "exit", "Leave this mode for its parent.", effect=Effect.EXIT, source=_P),
    cmd(
        ANY_CONFIG,
        "do <line>",
        "Run an exec command without leaving configuration.",
        p=[param("line", Kind.LINE, "exec command line")],
        effect=Effect.DO,
        source=_P,
    ),
)
"""Platform commands."""
