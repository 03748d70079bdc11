"""Procedures of the multipath features (guide chapter 5): UDP tunnels, multipath on LMA and
MAG, and the full multipath set-ups that tie domain mobile maps to links."""

from __future__ import annotations

from pmiptui.configgen import rules
from pmiptui.configgen.catalogue_domain import UNIQUE_MOBILE_MAPS
from pmiptui.configgen.catalogue_lma import UNIQUE_NETWORKS
from pmiptui.configgen.catalogue_mag import UNIQUE_ROAMING
from pmiptui.configgen.catalogue_parts import (
    domain_encap,
    domain_enter,
    interface,
    lma_enter,
    mag_enter,
    mobile_maps,
    roaming_interfaces,
    set_link_type,
    step,
    traffic_profile,
)
from pmiptui.configgen.catalogue_parts_lma import (
    default_profile,
    mobile_network_pools,
    network_enter,
    networks,
    pool_ipv4,
)
from pmiptui.configgen.procedure import Group, Procedure
from pmiptui.ios.grammar_domain import DOMAIN
from pmiptui.ios.grammar_lma import LMA
from pmiptui.ios.grammar_mag import HACCESS, MAG, PROFILE

_MULTIPATH_HELP = "Allow one tunnel per uplink for each mobile node (needs UDP tunnelling)."

DOMAIN_UDP_ENCAP = Procedure(
    id="domain-udp-encap",
    title="Configuring UDP Encapsulation for a PMIPv6 Domain",
    role="domain",
    chapter=5,
    help="Carry the domain's tunnels over UDP, which multipath requires.",
    steps=(
        domain_enter(3),
        step(
            DOMAIN,
            "encap {gre-ipv4 | ipv6-in-ipv6 | udptunnel}",
            4,
            "Switch the domain's tunnels to UDP (the procedure fixes udptunnel).",
            fixed={"encap": "udptunnel"},
        ),
    ),
)

MULTIPATH_LMA_MAG = Procedure(
    id="multipath-lma-mag",
    title="Configuring Multipath under LMA and MAG Configurations",
    role="both",
    chapter=5,
    help="Switch multipath on for the LMA, the MAG, or both; the domain must already use "
    "UDP tunnels.",
    steps=(
        Group(
            name="lma",
            title="LMA",
            minimum=0,
            maximum=1,
            help="The LMA on this router (steps 3-5).",
            steps=(lma_enter(3), step(LMA, "multipath", 4, _MULTIPATH_HELP)),
        ),
        Group(
            name="mag",
            title="MAG",
            minimum=0,
            maximum=1,
            help="The MAG on this router (steps 6-8).",
            steps=(mag_enter(6), step(MAG, "multipath", 7, _MULTIPATH_HELP)),
        ),
    ),
    rules=(
        rules.at_least_one("", ["lma", "mag"], "configure the LMA, the MAG or both"),
        rules.multipath_needs_udptunnel(on=("lma", "mag")),
    ),
)

_ENCAP_FOR_MULTIPATH = domain_encap(None, optional=True)
"""Not a guide step: lets the run set the encapsulation multipath depends on."""


MULTIPATH_LMA = Procedure(
    id="multipath-lma",
    title="Configuring Multipath Management on LMA",
    role="lma",
    chapter=5,
    help="Multipath on an LMA: domain mobile maps send each traffic class over preferred "
    "links, and the LMA's networks supply addresses and mobile network prefixes.",
    steps=(
        domain_enter(3),
        _ENCAP_FOR_MULTIPATH,
        mobile_maps(4, 5, set_link_type(6)),
        lma_enter(7),
        step(LMA, "address ipv4 <ipv4-address>", 8, "IPv4 source of the LMA's signalling."),
        step(
            LMA,
            "heartbeat [interval <interval> retries <retries> [label <label>] [natreboot]]",
            9,
            "Check MAGs are alive: seconds between probes, misses tolerated.",
        ),
        step(LMA, "bce maximum <number>", 10, "Most binding cache entries kept."),
        default_profile(11),
        step(LMA, "dynamic mag learning", 12, "Admit MAGs that are not listed as peers."),
        step(LMA, "multipath", 13, _MULTIPATH_HELP),
        step(LMA, "mobile-map <map-name>", 14, "Domain mobile map to apply (ERRATA E18)."),
        step(LMA, "tunnel mtu <mtu-size>", 15, "Largest packet, in bytes, the tunnels carry."),
        interface(LMA, 16, "Interface whose traffic the map steers."),
        networks(
            network_enter(17),
            pool_ipv4(18, optional=True),
            mobile_network_pools(18, None)[0],
            help="One entry per network; each needs an IPv4 pool, IPv4 mobile network pools "
            "or both (step 18).",
        ),
    ),
    rules=(
        UNIQUE_MOBILE_MAPS,
        UNIQUE_NETWORKS,
        rules.member_of("map-name", ("mobile-maps[].map-name",), "domain's mobile maps"),
        rules.at_least_one(
            "networks[]",
            ["pool-ipv4", "mobile-network-pools"],
            "needs an IPv4 pool or a mobile network pool",
        ),
        rules.multipath_needs_udptunnel(encap="encap"),
    ),
)

MULTIPATH_MAG = Procedure(
    id="multipath-mag",
    title="Configuring Multipath Management on MAG",
    role="mag",
    chapter=5,
    help="Multipath on a MAG: roaming uplinks with labels, domain mobile maps tied to "
    "hybrid-access traffic profiles, and the LMA it tunnels to.",
    steps=(
        domain_enter(3),
        _ENCAP_FOR_MULTIPATH,
        mobile_maps(4, 5, traffic_profile(6)),
        mag_enter(7),
        step(MAG, "address dynamic", 8, "Open the list of uplinks with learnt addresses."),
        roaming_interfaces(9),
        step(
            MAG,
            "heartbeat [interval <interval> retries <retries>]",
            11,
            "Check the LMA is reachable: seconds between probes, misses tolerated.",
        ),
        step(MAG, "bce maximum <number>", 12, "Most cache entries the MAG keeps (ERRATA E47)."),
        step(MAG, "multipath", 13, _MULTIPATH_HELP),
        step(MAG, "mobile-map <map-name>", 14, "Domain mobile map to apply (ERRATA E18)."),
        step(MAG, "tunnel mtu <mtu-size>", 15, "Largest packet, in bytes, the tunnels carry."),
        interface(MAG, 16, "Access interface on which mobile nodes attach."),
        Group(
            name="lmas",
            title="LMA peer",
            help="One entry per LMA the MAG tunnels to (step 17).",
            steps=(
                step(
                    MAG,
                    "lma <lma-id> <domain-name>",
                    17,
                    "Name an LMA peer and its domain (the MAG's domain unless given).",
                ),
            ),
        ),
        step(
            MAG,
            "mobility-service hybrid-access",
            18,
            "Open the hybrid access service (from MAG mode; ERRATA E21).",
        ),
        Group(
            name="profile-definitions",
            title="traffic profile",
            help="One entry per hybrid-access profile (steps 19-22).",
            steps=(
                step(HACCESS, "profile-definition <profile-name>", 19, "Name a traffic profile."),
                step(PROFILE, "jitter <value>", 20, "Worst jitter a link may show, in ms."),
                step(PROFILE, "rtt <value>", 21, "Worst round-trip time a link may show, in ms."),
                step(
                    PROFILE,
                    "packet-loss <value>",
                    22,
                    "Worst loss a link may show, in percent.",
                ),
            ),
        ),
    ),
    rules=(
        UNIQUE_MOBILE_MAPS,
        UNIQUE_ROAMING,
        rules.unique("lmas[]", ["lma-id"], "LMA peer"),
        rules.unique("profile-definitions[]", ["profile-name"], "traffic profile"),
        rules.member_of("map-name", ("mobile-maps[].map-name",), "domain's mobile maps"),
        rules.member_of(
            "mobile-maps[].profile-name",
            ("profile-definitions[].profile-name",),
            "traffic profiles defined here",
        ),
        rules.domain_lma("lmas[].lma-id", ()),
        rules.multipath_needs_udptunnel(encap="encap"),
    ),
)
