"""Procedures that configure the local LMA (guide chapters 3, 4 and 5)."""

from __future__ import annotations

from pmiptui.configgen import rules
from pmiptui.configgen.catalogue_parts import (
    auth_option,
    domain_enter,
    domain_lmas,
    interface,
    lma_enter,
    mn_lma,
    mn_nai,
    mn_network,
    opt,
    replay,
    step,
)
from pmiptui.configgen.catalogue_parts_lma import (
    default_profile,
    local_pools,
    mobile_network_pools,
    network_enter,
    networks,
    pool_ipv4,
    pool_ipv6,
)
from pmiptui.configgen.procedure import Group, Procedure, Rule
from pmiptui.ios.grammar_lma import CUST, LMA, LMA_MAG, MLL, ROLE, TPT
from pmiptui.ios.modes import CONFIG

POOL_RULES: tuple[Rule, ...] = (
    rules.member_of("networks[].pool-ipv4", ("ip-local-pools[].pool-name",), "IPv4 local pools"),
    rules.member_of("networks[].pool-ipv6", ("ipv6-local-pools[].pool-name",), "IPv6 local pools"),
    rules.unique("ip-local-pools[]", ["pool-name"], "IPv4 local pool"),
    rules.unique("ipv6-local-pools[]", ["pool-name"], "IPv6 local pool"),
)
"""Networks draw from the pools the procedure defines; pool names are unique."""

UNIQUE_NETWORKS = rules.unique("networks[]", ["network-name"], "LMA network")


def _network_with_pools(network: int, v4: int, v6: int) -> Group:
    return networks(network_enter(network), pool_ipv4(v4), pool_ipv6(v6))


LMA_MINIMUM = Procedure(
    id="lma-minimum",
    title="Configuring a Minimum Configuration for an LMA",
    role="lma",
    chapter=3,
    help="Bring up an LMA: its address, a network of home address pools and the default "
    "profile; the domain may be defined in the same run.",
    steps=(
        *local_pools(3, 4, minimum=0),
        opt(CONFIG, "ipv6 unicast-routing", 5, "Turn on IPv6 forwarding."),
        Group(
            name="domain",
            title="domain definition",
            minimum=0,
            maximum=1,
            help="The domain's LMAs and mobile nodes, as the guide's example sets them up "
            "before the LMA.",
            steps=(
                domain_enter(None),
                domain_lmas(None, None),
                Group(
                    name="nais",
                    title="mobile node",
                    help="One entry per mobile node or realm.",
                    steps=(
                        mn_nai(None),
                        mn_lma(None, optional=True),
                        mn_network(None, optional=True),
                    ),
                ),
            ),
        ),
        lma_enter(6),
        step(LMA, "address ipv6 <ipv6-address>", 7, "IPv6 source of the LMA's signalling."),
        opt(LMA, "address ipv4 <ipv4-address>", None, "IPv4 source of the LMA's signalling."),
        _network_with_pools(8, 9, 10),
        default_profile(12),
    ),
    rules=(
        *POOL_RULES,
        UNIQUE_NETWORKS,
        rules.unique("domain[].lmas[]", ["lma-id"], "LMA"),
        *rules.mobile_nodes("domain[].nais[]"),
        rules.domain_lma("domain[].nais[].lma-id", ("domain[].lmas[].lma-id",)),
    ),
)

LMA_DETAILED = Procedure(
    id="lma-detailed",
    title="Configuring a Detailed Configuration for an LMA",
    role="lma",
    chapter=3,
    help="Every LMA setting: pools, accounting, networks, addresses, binding cache and "
    "revocation timers, and the MAGs it accepts.",
    steps=(
        *local_pools(3, 4, minimum=1),
        lma_enter(5),
        step(LMA, "enable aaa accounting", 6, "Report mobile node sessions to AAA accounting."),
        _network_with_pools(7, 8, 9),
        default_profile(11),
        step(LMA, "address ipv4 <ipv4-address>", 12, "IPv4 source of the LMA's signalling."),
        step(LMA, "address ipv6 <ipv6-address>", 13, "IPv6 source of the LMA's signalling."),
        step(LMA, "bce maximum <number>", 14, "Most binding cache entries kept."),
        step(LMA, "bce lifetime <seconds>", 15, "Longest binding lifetime granted, in seconds."),
        step(LMA, "bce refresh-time <seconds>", 16, "Refresh period offered, in seconds."),
        step(
            LMA,
            "bce delete-wait-time <milliseconds>",
            17,
            "Grace before dropping a binding its MAG gave up (ms; ERRATA E44).",
        ),
        replay(LMA, 18),
        step(LMA, "bri delay min <milliseconds>", 19, "Least wait before a revocation goes out."),
        step(LMA, "bri delay max <milliseconds>", 20, "Most wait for a revocation answer."),
        step(LMA, "bri retries <number>", 21, "Revocation resends before giving up."),
        Group(
            name="mags",
            title="MAG peer",
            help="One entry per MAG the LMA accepts (steps 22-26; ERRATA E13).",
            steps=(
                step(
                    LMA,
                    "mag <mag-id> <domain-name>",
                    22,
                    "Name a MAG peer and its domain (the LMA's domain unless given).",
                ),
                auth_option(LMA_MAG, 23),
                step(LMA_MAG, "ipv4-address <ipv4-address>", 24, "The MAG's IPv4 address."),
                step(LMA_MAG, "ipv6-address <ipv6-address>", 25, "The MAG's IPv6 address."),
                step(
                    LMA_MAG, "encap {gre-ipv4 | ipv6-in-ipv6}", 26, "Tunnel type towards this MAG."
                ),
            ),
        ),
    ),
    rules=(
        *POOL_RULES,
        UNIQUE_NETWORKS,
        rules.unique("mags[]", ["mag-id"], "MAG peer"),
        *rules.auth_option_forms("mags[]"),
    ),
)

LMA_VRF_AWARE = Procedure(
    id="lma-vrf-aware",
    title="Configuring VRF-Aware LMA",
    role="lma",
    chapter=3,
    help="An LMA serving customers in separate VRFs through the mobile local loop service.",
    steps=(
        lma_enter(3),
        step(LMA, "hnp maximum <number>", 4, "Home network prefixes one node may hold."),
        step(
            LMA,
            "heartbeat [interval <interval> retries <retries> [label <label>] [natreboot]]",
            5,
            "Check MAGs are alive: seconds between probes, misses tolerated.",
        ),
        step(LMA, "bce maximum <number>", 6, "Most binding cache entries kept."),
        step(LMA, "bce lifetime <seconds>", 7, "Longest binding lifetime granted, in seconds."),
        step(
            LMA,
            "bce delete-wait-time <milliseconds>",
            8,
            "Grace before dropping a binding its MAG gave up (ms).",
        ),
        replay(LMA, 9),
        step(LMA, "bri delay min <milliseconds>", 10, "Least wait before a revocation goes out."),
        step(LMA, "bri retries <number>", 11, "Revocation resends before giving up."),
        step(LMA, "dynamic mag learning", 12, "Admit MAGs that are not listed as peers."),
        step(
            LMA,
            "dscp control-plane <dscp-value>",
            13,
            "DSCP value (0-63) marked on PMIPv6 signalling.",
        ),
        step(
            LMA,
            "mobility-service mobile-local-loop",
            14,
            "Open the mobile local loop service, which keeps customers in their VRFs.",
        ),
        Group(
            name="customers",
            title="local loop customer",
            help="One entry per customer of the mobile local loop (steps 15-20).",
            steps=(
                step(
                    MLL,
                    "customer <customer-name> vrf <vrf-name>",
                    15,
                    "Name a customer and its VRF, which must exist already.",
                ),
                step(
                    CUST,
                    "auth-option spi <hex-value> key ascii <ascii-string>",
                    16,
                    "The customer's SPI (hex) and text key for signalling.",
                ),
                step(
                    CUST,
                    "heartbeat interval <interval-value> retries <retries-value>",
                    17,
                    "Liveness probes for this customer: period in seconds, misses tolerated.",
                ),
                step(
                    CUST,
                    "network unauthorized",
                    18,
                    "Serve this customer's nodes without authorising them.",
                ),
                step(
                    CUST,
                    "transport [vrf <vrf-name>]",
                    19,
                    "Open the transport settings, in the given transport VRF.",
                    alias={"vrf-name": "transport-vrf"},
                ),
                step(TPT, "address ipv6 <ipv6-address>", 20, "IPv6 transport address."),
            ),
        ),
    ),
    rules=(rules.unique("customers[]", ["customer-name"], "customer"),),
)

LMA_3GMA = Procedure(
    id="lma-3gma",
    title="Configuring LMA in 3GMA Mode",
    role="lma",
    chapter=4,
    help="An LMA acting as a 3G mobility anchor, with the interface it serves on and the "
    "rank of each radio access type.",
    steps=(
        *local_pools(3, 4, minimum=1),
        step(CONFIG, "ipv6 unicast-routing", 5, "Turn on IPv6 forwarding."),
        lma_enter(6),
        step(LMA, "address ipv6 <ipv6-address>", 7, "IPv6 source of the LMA's signalling."),
        _network_with_pools(8, 9, 10),
        default_profile(12),
        step(LMA, "role 3gma", 13, "Make the LMA a 3G mobility anchor; its settings follow."),
        interface(
            ROLE,
            14,
            "Interface the anchor serves on (at least one is needed).",
            optional=True,
        ),
        step(
            ROLE,
            "rat <rat-type> priority <priority-number>",
            15,
            "Rank a radio access type (such as wlan) for selection.",
        ),
    ),
    rules=(*POOL_RULES, UNIQUE_NETWORKS, rules.role_3gma_needs_interface()),
)

_ACL = "ip access-list extended <access-list-name>"

LMA_ACCESS_LISTS = Procedure(
    id="lma-access-lists",
    title="Configuring Access Lists in LMA",
    role="lma",
    chapter=5,
    help="Named access lists that mobile map entries use to pick out traffic.",
    steps=(
        Group(
            name="access-lists",
            title="access list",
            help="One entry per access list (steps 3-5, repeated as 6-8, 9-11 and 12-14).",
            steps=(
                step(CONFIG, _ACL, 3, "Open a named extended IPv4 access list."),
                opt(
                    "config-ext-nacl",
                    "permit <protocol> any any",
                    4,
                    "Admit one protocol (ip, tcp, udp, icmp ...) from anywhere to anywhere.",
                    alias={"protocol": "permit"},
                ),
                opt(
                    "config-ext-nacl",
                    "permit ip any <destination-address> <destination-wildcard>",
                    13,
                    "Admit IP traffic towards a network given with wildcard bits.",
                ),
            ),
        ),
    ),
    rules=(
        rules.at_least_one(
            "access-lists[]",
            ["permit", "destination-address"],
            "needs an entry: a protocol to permit or a destination",
        ),
        rules.unique("access-lists[]", ["access-list-name"], "access list"),
    ),
)

LMA_MOBILE_MAP_INTERFACE = Procedure(
    id="lma-mobile-map-interface",
    title="Configuring a Mobile Map under LMA Configuration and Applying it on an Interface",
    role="lma",
    chapter=5,
    help="Apply a mobile map of the domain to the LMA and name the interface it acts on.",
    steps=(
        lma_enter(3),
        step(
            LMA,
            "mobile-map <map-name>",
            4,
            "Domain mobile map to apply (no sequence number here; ERRATA E18).",
        ),
        interface(LMA, 5, "Interface whose traffic the map steers."),
    ),
)

LMA_TUNNEL_MTU = Procedure(
    id="lma-tunnel-mtu",
    title="Configuring the MTU to be Applied on the PMIPv6 Tunnel",
    role="lma",
    chapter=5,
    help="Set the packet size limit of the LMA's PMIPv6 tunnels.",
    steps=(
        lma_enter(3),
        step(LMA, "tunnel mtu <mtu-size>", 4, "Largest packet, in bytes, the tunnels carry."),
    ),
)

LMA_TUNNEL_ACL = Procedure(
    id="lma-tunnel-acl",
    title="Applying an ACL on the PMIPv6 Tunnel",
    role="lma",
    chapter=5,
    help="Define an access list and filter the LMA's tunnel traffic with it.",
    steps=(
        step(CONFIG, _ACL, 3, "Open a named extended IPv4 access list."),
        step(
            "config-ext-nacl",
            "deny <protocol> host <addr> any",
            4,
            "Block one protocol coming from a single host.",
            alias={"protocol": "deny"},
        ),
        step(
            "config-ext-nacl",
            "permit <protocol> any any",
            5,
            "Admit the rest of a protocol's traffic.",
            alias={"protocol": "permit"},
        ),
        lma_enter(7),
        step(
            LMA,
            "tunnel acl <acl-list-name>",
            8,
            "Access list that filters the tunnels (the LMA form; ERRATA E14).",
        ),
    ),
    rules=(rules.member_of("acl-list-name", ("access-list-name",), "access lists defined here"),),
)

LMA_MOBILE_NETWORK_POOLS = Procedure(
    id="lma-mobile-network-pools",
    title="Configuring Multiple Mobile Network IPv4 or IPv6 Address "
    "Pools for a Network Under LMA Configuration",
    role="lma",
    chapter=5,
    help="Give an LMA network blocks of addresses out of which mobile routers get whole "
    "prefixes for the networks behind them.",
    steps=(
        lma_enter(3),
        networks(
            network_enter(4),
            *mobile_network_pools(5, 6),
            help="One entry per network; each needs IPv4 or IPv6 mobile network pools "
            "(steps 5-6, either form).",
        ),
    ),
    rules=(
        UNIQUE_NETWORKS,
        rules.at_least_one(
            "networks[]",
            ["mobile-network-pools", "mobile-network-v6pools"],
            "needs at least one IPv4 or IPv6 mobile network pool",
        ),
    ),
)

LMA_HEARTBEAT = Procedure(
    id="lma-heartbeat",
    title="Configuring Heartbeat under LMA Configuration",
    role="lma",
    chapter=5,
    help="Have the LMA probe its MAGs so a dead path is noticed; optionally per link label "
    "and surviving NAT reboots.",
    steps=(
        lma_enter(3),
        step(
            LMA,
            "heartbeat [interval <interval> retries <retries> [label <label>] [natreboot]]",
            4,
            "Seconds between probes and misses tolerated; a label limits it to one link, "
            "natreboot copes with NAT restarts.",
        ),
    ),
)
