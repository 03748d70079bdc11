"""Procedures that configure the PMIPv6 domain (guide chapters 2, 3 and 5, domain side)."""

from __future__ import annotations

from pmiptui.configgen import rules
from pmiptui.configgen.catalogue_parts import (
    auth_option,
    domain_encap,
    domain_enter,
    domain_lmas,
    domain_mags,
    interface,
    mag_apn,
    mag_enter,
    mag_role,
    mn_apn,
    mn_gre_keys,
    mn_int_att,
    mn_lma,
    mn_nai,
    mn_network,
    mn_service,
    mobile_maps,
    opt,
    replay,
    set_link_type,
    step,
)
from pmiptui.configgen.procedure import Group, Procedure, Rule
from pmiptui.ios.grammar_domain import DOMAIN
from pmiptui.ios.grammar_mag import MAG
from pmiptui.ios.modes import CONFIG

_UNIQUE_LMAS = rules.unique("lmas[]", ["lma-id"], "LMA")
_UNIQUE_MAGS = rules.unique("mags[]", ["mag-id"], "MAG")
_NAIS = rules.mobile_nodes("nais[]")
_MN_OR_AAA = rules.at_least_one(
    "", ["nais", "mn-profile-load-aaa"], "needs a mobile node unless mn-profile-load-aaa is on"
)


def _aaa(id: str, chapter: int) -> Procedure:
    """The AAA-loaded domain; chapter 2 and chapter 3 print the same procedure."""
    return Procedure(
        id=id,
        title="Configuring a Proxy Mobile IPv6 Domain by Using the Configuration "
        "from the AAA Server",
        role="domain",
        chapter=chapter,
        help="Let the AAA server supply the domain; local settings may be added on top.",
        steps=(
            step(
                CONFIG,
                "ipv6 mobile pmipv6-domain <domain-name> load-aaa",
                3,
                "Fetch the domain's whole definition from the AAA server.",
            ),
            Group(
                name="local",
                title="local domain setting",
                minimum=0,
                maximum=1,
                help="Settings typed on the router besides the AAA ones (the guide's "
                "second example).",
                steps=(
                    domain_enter(None),
                    opt(
                        DOMAIN,
                        "encap {gre-ipv4 | ipv6-in-ipv6 | udptunnel}",
                        None,
                        "Tunnel type between MAGs and LMAs.",
                    ),
                    auth_option(DOMAIN, None, optional=True),
                ),
            ),
        ),
        rules=rules.auth_option_forms("local[]"),
    )


MAG_DOMAIN_AAA = _aaa("mag-domain-aaa", 2)
DOMAIN_AAA = _aaa("domain-aaa", 3)


def mag_side_domain(numbered: bool) -> tuple[Group, Group]:
    """The domain's LMAs (steps 4-6) and mobile nodes (steps 8-11) as a MAG needs them."""
    n = (lambda number: number) if numbered else (lambda number: None)
    return (
        domain_lmas(n(4), n(5), help="One entry per LMA (steps 4-6, repeated; ERRATA E01)."),
        Group(
            name="nais",
            title="mobile node",
            help="One entry per mobile node or realm (steps 8-11, repeated; ERRATA E02).",
            steps=(mn_nai(n(8)), mn_lma(n(9)), mn_service(n(10), optional=True)),
        ),
    )


MAG_DOMAIN_MINIMUM = Procedure(
    id="mag-domain-minimum",
    title="Configuring the Minimum Configuration for a MAG to Function",
    role="domain",
    chapter=2,
    help="The smallest domain a MAG can work in: its LMAs and the mobile nodes it serves.",
    steps=(
        domain_enter(3),
        *mag_side_domain(numbered=True),
        Group(
            name="mag",
            title="local MAG",
            minimum=0,
            maximum=1,
            help="The MAG on this router, as the guide's example adds after the domain.",
            steps=(
                mag_enter(None),
                opt(MAG, "address ipv6 <ipv6-address>", None, "IPv6 source of its signalling."),
                opt(MAG, "address ipv4 <ipv4-address>", None, "IPv4 source of its signalling."),
                interface(MAG, None, "Access interface facing mobile nodes.", optional=True),
                mag_role(None, optional=True),
                mag_apn(None),
            ),
        ),
    ),
    rules=(
        _UNIQUE_LMAS,
        *_NAIS,
        rules.domain_lma("nais[].lma-id"),
        rules.apn_for_3gpp("mag[]"),
    ),
)

MAG_DOMAIN_DETAILED = Procedure(
    id="mag-domain-detailed",
    title="Configuring a Detailed Configuration for a MAG When an AAA Server Is Not Available",
    role="domain",
    chapter=2,
    help="A complete local domain for MAGs: security, tunnelling, LMAs, MAGs and per-node "
    "profiles, without an AAA server.",
    steps=(
        opt(
            CONFIG,
            "service password-encryption",
            4,
            "Keep keys and passwords obscured in the saved configuration (a global "
            "command, so typed before the domain; ERRATA E08).",
        ),
        domain_enter(3),
        replay(DOMAIN, 5),
        auth_option(DOMAIN, 6),
        domain_encap(7),
        opt(DOMAIN, "local-routing-mag", 8, "Let a MAG switch traffic between its own nodes."),
        domain_lmas(9, 10, help="One entry per LMA (steps 9-11, repeated; ERRATA E03)."),
        domain_mags(13, None, 14, ipv4_optional=True, help="One entry per MAG (steps 13-15)."),
        opt(
            DOMAIN,
            "mn-profile-load-aaa",
            16,
            "Take mobile node profiles from AAA; local entries then only override them.",
        ),
        Group(
            name="nais",
            title="mobile node",
            minimum=0,
            help="One entry per mobile node (steps 17-23, repeated; ERRATA E04); none are "
            "needed when profiles come from AAA.",
            steps=(
                mn_nai(17),
                mn_lma(18),
                mn_int_att(19),
                mn_gre_keys(20, minimum=1),
                mn_service(21),
                mn_apn(22, optional=True),
            ),
        ),
    ),
    rules=(
        _MN_OR_AAA,
        _UNIQUE_LMAS,
        _UNIQUE_MAGS,
        *_NAIS,
        rules.domain_lma("nais[].lma-id"),
        *rules.auth_option_forms(),
    ),
)

DOMAIN_MINIMUM = Procedure(
    id="domain-minimum",
    title="Configuring a Minimum Configuration for a Domain When an AAA Server Is Not Available",
    role="domain",
    chapter=3,
    help="A local domain for an LMA: the MAGs it accepts and the mobile nodes with the "
    "network each one's addresses come from.",
    steps=(
        domain_enter(3),
        replay(DOMAIN, None, optional=True),
        auth_option(DOMAIN, None, optional=True),
        domain_encap(None, optional=True),
        domain_lmas(None, None, minimum=0, help="LMAs of the domain (in the guide's example)."),
        domain_mags(4, 5, 6, ipv4_optional=False, help="One entry per MAG (steps 4-7, repeated)."),
        Group(
            name="nais",
            title="mobile node",
            help="One entry per mobile node (steps 9-12, repeated; ERRATA E05).",
            steps=(
                mn_nai(9),
                mn_lma(None, optional=True),
                mn_int_att(None, optional=True),
                mn_gre_keys(None, minimum=0),
                mn_service(11),
                mn_network(10),
            ),
        ),
    ),
    rules=(
        _UNIQUE_LMAS,
        _UNIQUE_MAGS,
        *_NAIS,
        rules.domain_lma("nais[].lma-id"),
        *rules.auth_option_forms(),
    ),
)

DOMAIN_DETAILED = Procedure(
    id="domain-detailed",
    title="Configuring a Detailed Configuration for a Domain When the AAA Server Is Not Available",
    role="domain",
    chapter=3,
    help="A complete local domain for an LMA: fixed link addresses, security, tunnelling, "
    "MAGs and per-node profiles.",
    steps=(
        domain_enter(3),
        step(
            DOMAIN,
            "fixed-link-local-address <ipv6-address>",
            4,
            "One link-local address every MAG shows to the nodes, so moves go unnoticed.",
        ),
        step(
            DOMAIN,
            "fixed-link-layer-address <hardware-address>",
            5,
            "One MAC address every MAG shows to the nodes (xxxx.xxxx.xxxx).",
        ),
        replay(DOMAIN, 6),
        auth_option(DOMAIN, 7),
        domain_encap(8),
        step(DOMAIN, "local-routing-mag", 9, "Let a MAG switch traffic between its own nodes."),
        domain_mags(
            10,
            11,
            12,
            ipv4_optional=False,
            help="One entry per MAG (steps 10-13, repeated; the guide's steps 15-18 are the "
            "second entry, ERRATA E07).",
        ),
        opt(
            DOMAIN,
            "mn-profile-load-aaa",
            19,
            "Take mobile node profiles from AAA; local entries then only override them.",
        ),
        Group(
            name="nais",
            title="mobile node",
            minimum=0,
            help="One entry per mobile node (steps 20-23, repeated; ERRATA E06).",
            steps=(mn_nai(20), mn_lma(21), mn_service(22), mn_network(23)),
        ),
    ),
    rules=(
        _MN_OR_AAA,
        _UNIQUE_MAGS,
        *_NAIS,
        rules.domain_lma("nais[].lma-id"),
        *rules.auth_option_forms(),
    ),
)

DOMAIN_MOBILE_MAPS = Procedure(
    id="domain-mobile-maps",
    title="Configuring Mobile Maps under the PMIPv6 domain",
    role="domain",
    chapter=5,
    help="Mobile maps steer each class of traffic, picked by an access list, onto preferred links.",
    steps=(
        domain_enter(3),
        mobile_maps(
            4,
            5,
            set_link_type(6),
            help="One entry per map name and sequence number (steps 4-7; 8-10 are the second).",
        ),
    ),
    rules=(rules.unique("mobile-maps[]", ["map-name", "sequence-number"], "mobile map entry"),),
)

UNIQUE_MOBILE_MAPS: Rule = DOMAIN_MOBILE_MAPS.rules[0]
"""Shared with the multipath procedures, which define mobile maps too."""
