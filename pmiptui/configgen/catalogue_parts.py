"""Building blocks the catalogue modules share: step constructors and blocks of steps that
several procedures of the guide repeat (domain LMAs, mobile nodes, mobile maps, MAG parts).

Values keys follow the guide's placeholders, with one exception made here: a generic
placeholder (`<number>`, `<seconds>`, `<milliseconds>`, `<value>`) is keyed by the words
of its command, because one mode has many of them (`bce maximum <number>` reads
`bce-maximum`, `replay-protection timestamp [window <seconds>]` reads
`replay-protection-timestamp-window`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pmiptui.configgen.procedure import Group, Step
from pmiptui.ios.commands import find
from pmiptui.ios.grammar_domain import AUTH_OPTION, D_LMA, D_MAG, D_MAP, D_MN, DOMAIN
from pmiptui.ios.grammar_mag import ADDR_DYN, MAG
from pmiptui.ios.modes import CONFIG
from pmiptui.ios.params import Kind

GENERIC = frozenset({"number", "seconds", "milliseconds", "value"})
"""Placeholders keyed by their command's words rather than by their own name."""


def command_words(syntax: str, name: str) -> str:
    """The keywords before `<name>` in a syntax, joined by dashes (`bce-maximum`)."""
    words: list[str] = []
    for token in re.split(r"[\s\[\]{}|]+", syntax):
        if token == f"<{name}>":
            break
        if token and not token.startswith("<"):
            words.append(token)
    return "-".join(words)


def step(
    mode: str,
    syntax: str,
    number: int | None,
    help: str,
    *,
    optional: bool = False,
    alias: Mapping[str, str] | None = None,
    fixed: Mapping[str, Any] | None = None,
    switch: str | None = None,
) -> Step:
    """A step, with generic placeholders keyed by their command's words."""
    keys = {
        p.name: command_words(syntax, p.name)
        for p in find(mode, syntax).grammar.params
        if p.name in GENERIC and p.kind is Kind.INTEGER
    }
    keys.update(alias or {})
    return Step(
        mode=mode,
        syntax=syntax,
        number=number,
        optional=optional,
        switch=switch,
        fixed=dict(fixed or {}),
        help=help,
        alias=keys,
    )


def opt(mode: str, syntax: str, number: int | None, help: str, **kw: Any) -> Step:
    """An optional step."""
    return step(mode, syntax, number, help, optional=True, **kw)


# -- entering the three kinds of block


def domain_enter(number: int | None) -> Step:
    """`ipv6 mobile pmipv6-domain <domain-name>`."""
    return step(
        CONFIG,
        "ipv6 mobile pmipv6-domain <domain-name>",
        number,
        "Open the PMIPv6 domain (created if new); the domain settings follow.",
    )


def lma_enter(number: int | None) -> Step:
    """`ipv6 mobile pmipv6-lma <lma-id> domain <domain-name>`."""
    return step(
        CONFIG,
        "ipv6 mobile pmipv6-lma <lma-id> domain <domain-name>",
        number,
        "Run this router as the named LMA of the domain and open its settings.",
    )


def mag_enter(number: int | None) -> Step:
    """`ipv6 mobile pmipv6-mag <mag-id> domain <domain-name>`."""
    return step(
        CONFIG,
        "ipv6 mobile pmipv6-mag <mag-id> domain <domain-name>",
        number,
        "Run this router as the named MAG of the domain and open its settings.",
    )


# -- settings several modes share


def replay(mode: str, number: int | None, **kw: Any) -> Step:
    """`replay-protection timestamp [window <seconds>]`."""
    return step(
        mode,
        "replay-protection timestamp [window <seconds>]",
        number,
        "Drop signalling whose timestamp is too old; the window is the tolerated skew.",
        **kw,
    )


def auth_option(mode: str, number: int | None, **kw: Any) -> Step:
    """The shared `auth-option spi … key …` syntax."""
    return step(
        mode,
        AUTH_OPTION,
        number,
        "Security association for binding signalling: SPI in hex or decimal, "
        "key as text or hex digits.",
        **kw,
    )


def domain_encap(number: int | None, **kw: Any) -> Step:
    """The domain's `encap {gre-ipv4 | ipv6-in-ipv6 | udptunnel}`."""
    return step(
        DOMAIN,
        "encap {gre-ipv4 | ipv6-in-ipv6 | udptunnel}",
        number,
        "Tunnel type between MAGs and LMAs (multipath needs udptunnel).",
        **kw,
    )


# -- domain blocks


def domain_lmas(lma: int | None, ipv6: int | None, *, minimum: int = 1, help: str = "") -> Group:
    """The domain's LMAs: `lma`, an optional IPv4 address, the IPv6 address."""
    return Group(
        name="lmas",
        title="LMA",
        minimum=minimum,
        help=help or "One entry per LMA of the domain.",
        steps=(
            step(DOMAIN, "lma <lma-id>", lma, "Name an LMA of the domain."),
            opt(D_LMA, "ipv4-address <ipv4-address>", None, "Its IPv4 address, if it has one."),
            step(D_LMA, "ipv6-address <ipv6-address>", ipv6, "Its IPv6 address for signalling."),
        ),
    )


def domain_mags(
    mag: int | None, ipv4: int | None, ipv6: int | None, *, ipv4_optional: bool, help: str
) -> Group:
    """The domain's MAGs: `mag`, its IPv4 and IPv6 addresses."""
    return Group(
        name="mags",
        title="MAG",
        help=help,
        steps=(
            step(DOMAIN, "mag <mag-id>", mag, "Name a MAG of the domain."),
            step(
                D_MAG,
                "ipv4-address <ipv4-address>",
                ipv4,
                "The MAG's IPv4 address.",
                optional=ipv4_optional,
            ),
            step(D_MAG, "ipv6-address <ipv6-address>", ipv6, "The MAG's IPv6 address."),
        ),
    )


def mn_nai(number: int | None) -> Step:
    """`nai [<user>]@<realm>` opening a mobile node profile."""
    return step(
        DOMAIN,
        "nai [<user>]@<realm>",
        number,
        "Identify the mobile node as user@realm; give only the realm to cover all its users.",
    )


def mn_lma(number: int | None, **kw: Any) -> Step:
    return step(D_MN, "lma <lma-id>", number, "LMA that anchors this mobile node.", **kw)


def mn_service(number: int | None, **kw: Any) -> Step:
    return step(
        D_MN,
        "service {dual | ipv4 | ipv6}",
        number,
        "Home address families: IPv4, IPv6 or both (dual).",
        **kw,
    )


def mn_network(number: int | None, **kw: Any) -> Step:
    return step(
        D_MN,
        "network <network-name>",
        number,
        "LMA network whose pools supply this node's home addresses.",
        **kw,
    )


def mn_int_att(number: int | None, **kw: Any) -> Step:
    return step(
        D_MN,
        "int att <interface-access-type> l2-addr <mac-address>",
        number,
        "Access interface type and the node's MAC address (xxxx.xxxx.xxxx).",
        **kw,
    )


def mn_apn(number: int | None, **kw: Any) -> Step:
    return step(D_MN, "apn <apn-name>", number, "Access point name for this node.", **kw)


def mn_gre_keys(number: int | None, *, minimum: int) -> Group:
    """Per-direction GRE keys of a mobile node."""
    return Group(
        name="gre-encap-keys",
        title="GRE key",
        minimum=minimum,
        help="GRE keys of the node's tunnel traffic; set gre-encap-key to up or down.",
        steps=(
            step(
                D_MN,
                "gre-encap-key [down | up] <key-value>",
                number,
                "A GRE key, for uplink or downlink traffic.",
            ),
        ),
    )


def mobile_maps(
    map_number: int | None, match_number: int | None, *last: Step, help: str = ""
) -> Group:
    """Numbered domain mobile-map entries: which traffic, and where it goes."""
    return Group(
        name="mobile-maps",
        title="mobile map entry",
        help=help or "One entry per map name and sequence number.",
        steps=(
            step(
                DOMAIN,
                "mobile-map <map-name> <sequence-number>",
                map_number,
                "Open one numbered entry (1-255) of a mobile map.",
            ),
            step(
                D_MAP,
                "match access-list <acl-list-name>",
                match_number,
                "Access list selecting the traffic of this entry.",
            ),
            *last,
        ),
    )


def set_link_type(number: int | None) -> Step:
    return step(
        D_MAP,
        "set link-type <link-name1> [<link-name2>] [<link-name3>] [null]",
        number,
        "Link labels to prefer, best first; null discards the traffic when all are down.",
    )


def traffic_profile(number: int | None) -> Step:
    return step(
        D_MAP,
        "traffic-profile <profile-name>",
        number,
        "Hybrid-access profile whose limits decide the link for this traffic.",
    )


# -- MAG settings shared by several procedures


def mag_role(number: int | None, **kw: Any) -> Step:
    return step(
        MAG,
        "role {3gpp | lte | wimax | wlan}",
        number,
        "Access technology this MAG stands for; 3gpp also needs an APN.",
        **kw,
    )


def mag_apn(number: int | None) -> Step:
    return opt(MAG, "apn <apn-name>", number, "Access point name; needed for the 3gpp role.")


def interface(mode: str, number: int | None, help: str, **kw: Any) -> Step:
    return step(mode, "interface <type> <number>", number, help, **kw)


def roaming_interfaces(number: int | None) -> Group:
    """Uplinks under `address dynamic` (repeat for each roaming interface)."""
    return Group(
        name="roaming-interfaces",
        title="roaming interface",
        help="One entry per uplink the MAG may use.",
        steps=(
            step(
                ADDR_DYN,
                "roaming interface <type> <number> "
                "[priority <interface-priority> egress-att <interface-attribute> label <label>]",
                number,
                "An uplink with a learnt address; optionally its rank, access type and the "
                "label mobile maps use.",
            ),
        ),
    )
