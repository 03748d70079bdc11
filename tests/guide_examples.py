"""The guide's 24 configuration procedures with their example blocks, errata applied.

Each example line is a ``(mode, command)`` pair: the mode whose prompt the line is typed
at, and the command text. Prompt spelling slips are fixed throughout by naming modes
rather than copying prompts: E51 (variant mode spellings), E53 (missing ``#``), E54
(space-padded prompts), E55 (``Router`` hostname). ``!`` separator lines are dropped.
Where the guide has no example block, the block is assembled from the DETAILED STEPS
examples of that procedure, in step order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pmiptui.ios.grammar_domain import D_LMA, D_MAG, D_MAP, D_MN, DOMAIN
from pmiptui.ios.grammar_lma import CUST, LMA, LMA_MAG, MLL, NETWORK, ROLE, TPT
from pmiptui.ios.grammar_mag import ADDR_DYN, HACCESS, MAG, MAG_LMA, PROFILE
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, USER_EXEC

Role = Literal["mag", "lma", "domain", "both"]
Line = tuple[str, str]

U, P, C, ACL, VRF = USER_EXEC, PRIV_EXEC, CONFIG, "config-ext-nacl", "config-vrf"


@dataclass(frozen=True, slots=True, kw_only=True)
class Procedure:
    """One configuration procedure of the guide and its corrected example block."""

    id: str
    """Kebab-case identifier, e.g. ``lma-minimum``."""
    title: str
    """Title as the guide gives it."""
    chapter: int
    """Guide chapter."""
    role: Role
    """Which router it configures: MAG, LMA, domain-only, or both."""
    lines: tuple[Line, ...]
    """Example block as (mode, command) pairs, errata applied."""


_AAA_DOMAIN: tuple[Line, ...] = (
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain D1 load-aaa"),
    (C, "end"),  # joins the guide's two example blocks (not an erratum)
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain D11 load-aaa"),
    (C, "ipv6 mobile pmipv6-domain D11"),
    (DOMAIN, "encap gre-ipv4"),  # E26: "gre-ipv4" alone
    (DOMAIN, "auth-option spi 67 key ascii key1"),
)

_MAG_EXAMPLE: tuple[Line, ...] = (
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain D2"),
    (DOMAIN, "lma lma1"),
    (D_LMA, "ipv4-address 10.1.1.1"),
    (D_LMA, "ipv6-address 2001:0DB8:2:3::1"),
    (D_LMA, "exit"),
    (DOMAIN, "lma lma2"),
    (D_LMA, "ipv4-address 10.2.1.1"),
    (D_LMA, "ipv6-address 2001:0DB8:2:4::1"),
    (D_LMA, "exit"),
    (DOMAIN, "nai example1@example.com"),
    (D_MN, "lma lma1"),
    (D_MN, "exit"),
    (DOMAIN, "nai example2@example.com"),
    (D_MN, "lma lma2"),
    (D_MN, "exit"),
    (DOMAIN, "exit"),  # E09: missing exit from the domain before the global command
    (C, "ipv6 mobile pmipv6-mag mag1 domain D2"),
    (MAG, "address ipv6 2001:DB8:0:0:E000::F"),
    (MAG, "address ipv4 10.2.1.1"),
    (MAG, "interface gigabitethernet 0/0/0"),  # E10: prompt "ipv6-mag-config"
    (MAG, "role 3gpp"),  # E10
    (MAG, "apn a"),  # E10
    (MAG, "exit"),  # E10
)

_DOMAIN_EXAMPLE_HEAD: tuple[Line, ...] = (
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain D2"),
    (DOMAIN, "replay-protection timestamp window 200"),
    (DOMAIN, "auth-option spi 100 key ascii hi"),
    (DOMAIN, "encap ipv6-in-ipv6"),
    (DOMAIN, "lma lma1"),
    (D_LMA, "ipv4-address 10.1.1.1"),
    (D_LMA, "ipv6-address 2001:0DB8:2:3::1"),
    (D_LMA, "exit"),
    (DOMAIN, "mag mag1"),
    (D_MAG, "ipv4-address 10.1.3.1"),
    (D_MAG, "ipv6-address 2001:0DB8:2:5::1"),
    (D_MAG, "exit"),
)

_MAG_DOMAIN_DETAILED: tuple[Line, ...] = (
    *_DOMAIN_EXAMPLE_HEAD,
    (DOMAIN, "nai example1@example.com"),
    (D_MN, "lma lma1"),
    (D_MN, "int att gigabitethernet l2-addr 02c7.f800.0422"),  # E27: "12-addr"
    (D_MN, "gre-encap-key up 1234"),
    (D_MN, "gre-encap-key down 5678"),
    (D_MN, "service ipv4"),
    (D_MN, "end"),
)

_MAG_DETAILED: tuple[Line, ...] = (  # from DETAILED STEPS (no example block)
    (U, "enable"),
    (P, "configure terminal"),
    (C, "vrf definition vrf1"),
    (VRF, "exit"),
    (C, "ipv6 mobile pmipv6-mag mag1 domain dn1"),
    (MAG, "role 3gpp"),
    (MAG, "apn apn2"),
    (MAG, "local-routing-mag"),
    (MAG, "discover-mn-detach poll interval 11 timeout 3 retries 4"),
    (MAG, "address ipv4 10.1.3.1"),
    (MAG, "address ipv6 2001:0DB8:2:4::1"),
    (MAG, "sessionmgr"),
    (MAG, "interface gigabitethernet 0/0/0"),
    (MAG, "binding maximum 200"),
    (MAG, "binding lifetime 5000"),
    (MAG, "binding refresh-time 2000"),
    (MAG, "binding init-retx-time 110"),
    (MAG, "binding max-retx-time 4000"),
    (MAG, "replay-protection timestamp window 200"),
    (MAG, "bri delay min 500"),
    (MAG, "bri delay max 4500"),
    (MAG, "bri retry 6"),
    (MAG, "lma lma3 dn1"),
    (MAG_LMA, "auth-option spi decimal 258 key hex BDF"),
    (MAG_LMA, "ipv4-address 172.16.0.1"),
    (MAG_LMA, "vrfid vrf1"),
    (MAG_LMA, "encap gre-ipv4"),
    (MAG_LMA, "end"),
    (P, "show ipv6 mobile pmipv6 mag mag1 globals"),
)

_DOMAIN_MINIMUM: tuple[Line, ...] = (
    *_DOMAIN_EXAMPLE_HEAD,
    (DOMAIN, "nai example@example.com"),
    (D_MN, "lma lma1"),
    (D_MN, "int att GigabitETHERNET l2-addr 02c7.f800.0422"),  # E27: "12-addr"
    (D_MN, "gre-encap-key up 1234"),
    (D_MN, "gre-encap-key down 5678"),
    (D_MN, "service ipv4"),
    (D_MN, "network example1"),  # E32: "network-name example1"
    (D_MN, "end"),
)

_DOMAIN_DETAILED: tuple[Line, ...] = (  # from DETAILED STEPS (no example block)
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain dn1"),
    (DOMAIN, "fixed-link-local-address FE80::CE00:BFF:FEFC:0"),
    (DOMAIN, "fixed-link-layer-address aaaa.bbbb.cccc"),
    (DOMAIN, "replay-protection timestamp window 200"),
    (DOMAIN, "auth-option spi 67 key ascii key1"),
    (DOMAIN, "encap gre-ipv4"),
    (DOMAIN, "local-routing-mag"),
    (DOMAIN, "mag mag1"),
    (D_MAG, "ipv4-address 192.0.2.254"),
    (D_MAG, "ipv6-address 2001:0DB8:2:3::1"),
    (D_MAG, "exit"),
    (DOMAIN, "mag mag2"),  # E07: steps 15-18 are the second MAG, not mag1 again
    (D_MAG, "ipv4-address 192.0.2.254"),  # E58: address collision kept as in the guide
    (D_MAG, "ipv6-address 2001:0DB8:2:4::2"),
    (D_MAG, "exit"),
    (DOMAIN, "mn-profile-load-aaa"),
    (DOMAIN, "nai example1@example.com"),
    (D_MN, "lma lma1"),
    (D_MN, "service ipv4"),
    (D_MN, "network network1"),
    (D_MN, "end"),  # E06: the MN block ends with end, no exit
)

_LMA_MINIMUM: tuple[Line, ...] = (
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain D2"),
    (DOMAIN, "lma lma1"),
    (D_LMA, "ipv4-address 10.1.1.1"),
    (D_LMA, "ipv6-address 2001:0DB8:2:3::1"),
    (D_LMA, "exit"),
    (DOMAIN, "lma lma2"),
    (D_LMA, "ipv4-address 10.2.1.1"),
    (D_LMA, "ipv6-address 2001:0DB8:2:4::1"),
    (D_LMA, "exit"),
    (DOMAIN, "nai example1@example.com"),
    (D_MN, "network example1"),  # E32: "network-name example1"
    (D_MN, "exit"),
    (DOMAIN, "nai example2@example.com"),
    (D_MN, "network example1"),  # E32
    (D_MN, "exit"),
    (DOMAIN, "exit"),  # E09: missing exit from the domain
    (C, "ipv6 mobile pmipv6-lma lma1 domain D2"),
    (LMA, "address ipv6 2001:DB8:0:0:E000::F"),
    (LMA, "address ipv4 10.2.1.1"),
    (LMA, "network example1"),  # E11/E32: "-lma-mn" prompt and "network-name"
    (NETWORK, "pool ipv4 v4pool pfxlen 24"),  # E12: literal "number"; E51 prompt
    (NETWORK, "pool ipv6 v6pool pfxlen 24"),  # E12
    (NETWORK, "exit"),
    (LMA, "default profile example2@example.com"),
    (LMA, "exit"),  # E10: prompt "ipv6-mag-config"
)

_LMA_DETAILED: tuple[Line, ...] = (  # from DETAILED STEPS (no example block)
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ip local pool v4pool 172.16.23.1 172.16.23.10"),
    (C, "ipv6 local pool v6pool 2001:0DB8::/29 64"),
    (C, "ipv6 mobile pmipv6-lma lma1 domain dn1"),
    (LMA, "enable aaa accounting"),
    (LMA, "network network1"),
    (NETWORK, "pool ipv4 v4pool pfxlen 24"),
    (NETWORK, "pool ipv6 v6pool pfxlen 24"),  # E28: "pxlen"
    (NETWORK, "exit"),
    (LMA, "default profile profile1"),
    (LMA, "address ipv4 192.0.2.1"),
    (LMA, "address ipv6 2001:DB8::1"),
    (LMA, "bce maximum 200"),
    (LMA, "bce lifetime 5000"),
    (LMA, "bce refresh-time 2000"),
    (LMA, "bce delete-wait-time 2000"),  # E44: milliseconds
    (LMA, "replay-protection timestamp window 200"),
    (LMA, "bri delay min 500"),
    (LMA, "bri delay max 4500"),
    (LMA, "bri retries 6"),
    (LMA, "mag mag3 dn1"),
    (LMA_MAG, "auth-option spi decimal 258 key hex FFFFF"),
    (LMA_MAG, "ipv4-address 192.0.2.254"),  # E13: prompt "config-ipv6-pmipv6mag-lma"
    (LMA_MAG, "ipv6-address 2001:0DB8:2:5::1"),  # E13
    (LMA_MAG, "encap gre-ipv4"),  # E13
    (LMA_MAG, "end"),  # E13
    (P, "show ipv6 mobile pmipv6 lma lma1 globals"),
)

_LMA_VRF_AWARE: tuple[Line, ...] = (
    (P, "configure terminal"),  # E29: "configure"
    (C, "ipv6 mobile pmipv6-lma lma1 domain example.com"),
    (LMA, "hnp maximum 2"),  # E51: prompt "config-pmipv6-lma" throughout
    (LMA, "heartbeat interval 300 retries 3"),
    (LMA, "bce maximum 2500"),
    (LMA, "bce lifetime 2500"),
    (LMA, "bce delete-wait-time 2000"),
    (LMA, "replay-protection timestamp window 200"),
    (LMA, "bri delay min 500"),
    (LMA, "bri retries 6"),
    (LMA, "dynamic mag learning"),
    (LMA, "dscp control-plane 50"),
    (LMA, "mobility-service mobile-local-loop"),
    (MLL, "customer cust1 vrf vrf1"),
    (CUST, "auth-option spi 87E key ascii key1"),
    (CUST, "heartbeat interval 300 retries 10"),
    (CUST, "network unauthorized"),
    (CUST, "transport vrf transport_vrf"),
    (TPT, "address ipv6 2001:DB8::1"),
    (TPT, "end"),
)

_LMA_3GMA: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ip local pool v4pool 209.165.201.1 209.165.201.10"),
    (C, "ipv6 local pool v6pool 2001:0DB8::/32 64"),
    (C, "ipv6 unicast-routing"),
    (C, "ipv6 mobile pmipv6-lma lma1 domain dn1"),
    (LMA, "address ipv6 2001:DB8::1"),
    (LMA, "network network1"),
    (NETWORK, "pool ipv4 v4pool pfxlen 24"),
    (NETWORK, "pool ipv6 v6pool pfxlen 24"),
    (NETWORK, "exit"),
    (LMA, "default profile profile1"),
    (LMA, "role 3gma"),
    (ROLE, "interface Ethernet 1"),
    (ROLE, "rat wlan priority 2"),
    (ROLE, "end"),
    (P, "show ipv6 mobile pmipv6 lma binding"),
)

_UDP_ENCAP: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),  # E29: "configuration terminal"
    (C, "ipv6 mobile pmipv6-domain D1"),
    (DOMAIN, "encap udptunnel"),  # E30: "encaps"
    (DOMAIN, "end"),
)

_ROAMING: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),  # E29: "configuration terminal"
    (C, "ipv6 mobile pmipv6-mag mag1 domain D1"),  # E31: "pmipv6-ma"
    (MAG, "address dynamic"),
    (ADDR_DYN, "roaming interface Ethernet 0/0"),
    (ADDR_DYN, "end"),
)

_MULTIPATH_LMA_MAG: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),  # E29: "configuration terminal"
    (C, "ipv6 mobile pmipv6-lma LMA1 domain D1"),
    (LMA, "multipath"),
    (LMA, "end"),
)

_ACCESS_LISTS: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),  # E29: "configuration terminal"
    (C, "ip access-list extended tcp"),
    (ACL, "permit tcp any any"),
    (ACL, "exit"),
    (C, "ip access-list extended icmp"),
    (ACL, "permit icmp any any"),
    (ACL, "exit"),
    (C, "ip access-list extended udp"),
    (ACL, "permit udp any any"),
    (ACL, "exit"),
    (C, "ip access-list extended LB010ACL"),
    (ACL, "permit ip any 10.255.224.0 0.0.0.255"),
    (ACL, "end"),
)

_DOMAIN_MOBILE_MAPS: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain dn1"),
    (DOMAIN, "mobile-map mobilemap1 10"),
    (D_MAP, "match access-list LB010ACL"),
    (D_MAP, "set link-type lte_intf 3g_intf null"),  # E35: "lte_intf_3g_intf"
    (D_MAP, "exit"),
    (DOMAIN, "mobile-map mobilemap1 20"),
    (D_MAP, "match access-list icmp"),
    (D_MAP, "set link-type lte_intf 3g_intf wifi_intf null"),  # E35
    (D_MAP, "end"),
)

_LMA_MOBILE_MAP: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-lma lma1 domain dn1"),
    (LMA, "mobile-map mobilemap1"),  # E16/E18: domain prompt and sequence number
    (LMA, "interface gigabitethernet 0/0/0"),  # E16/E17: stays in LMA mode
    (LMA, "end"),  # E16
)

_LMA_MTU: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-lma lma1 domain dn1"),
    (LMA, "tunnel mtu 1360"),
    (LMA, "end"),
)

_LMA_TUNNEL_ACL: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ip access-list extended acl1"),
    (ACL, "deny ip host 10.2.2.2 any"),
    (ACL, "permit ip any any"),  # E15: shown at the global prompt
    (ACL, "exit"),  # E15: missing exit
    (C, "ipv6 mobile pmipv6-lma lma1 domain dn1"),  # E14: LMA, not MAG
    (LMA, "tunnel acl acl1"),
    (LMA, "end"),
)

_LMA_POOLS: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-lma lma1 domain dn1"),
    (LMA, "network name"),
    (NETWORK, "mobile-network pool 10.20.2.1 pool-prefix 24 network-prefix 30"),
    (NETWORK, "mobile-network pool 10.20.3.1 pool-prefix 24 network-prefix 30"),
    (NETWORK, "end"),
)

_LMA_HEARTBEAT: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-lma lma1 domain dn1"),
    (LMA, "heartbeat interval 300 retries 2 label label1 natreboot"),
    (LMA, "end"),
)

_MULTIPATH_LMA: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain D1"),
    (DOMAIN, "mobile-map MAP1 12"),
    (D_MAP, "match access-list voice"),
    (D_MAP, "set link-type lte_intf 3g_intf"),
    (D_MAP, "exit"),  # E20: leave the domain submodes first
    (DOMAIN, "exit"),  # E20
    (C, "ipv6 mobile pmipv6-lma LMA1 domain D1"),
    (LMA, "address ipv4 9.9.9.1"),
    (LMA, "heartbeat interval 15 retries 1"),
    (LMA, "bce maximum 128000"),
    (LMA, "default profile RegularMn"),
    (LMA, "dynamic mag learning"),
    (LMA, "multipath"),
    (LMA, "mobile-map MAP1"),
    (LMA, "tunnel mtu 1360"),
    (LMA, "interface Ethernet0/2"),
    (LMA, "network net1"),
    (NETWORK, "pool ipv4 v4pool pfxlen 24"),
    (NETWORK, "mobile-network pool 20.20.2.1 pool-prefix 24 network-prefix 30"),
    (NETWORK, "mobile-network pool 20.20.1.1 pool-prefix 24 network-prefix 30"),
    (NETWORK, "mobile-network pool 30.30.2.1 pool-prefix 24 network-prefix 30"),
    (NETWORK, "exit"),  # E23: missing exit before the next network
    (LMA, "network net2"),
    (NETWORK, "pool ipv4 rv4pool pfxlen 16"),
    (NETWORK, "exit"),  # E23
    (LMA, "network net3"),
    (NETWORK, "pool ipv4 netpool2 pfxlen 24"),
    (NETWORK, "mobile-network pool 31.31.1.1 pool-prefix 24 network-prefix 30"),
    (NETWORK, "mobile-network pool 20.20.4.1 pool-prefix 24 network-prefix 30"),
    (NETWORK, "mobile-network pool 20.20.3.1 pool-prefix 24 network-prefix 30"),
    (NETWORK, "mobile-network pool 30.30.5.1 pool-prefix 23 network-prefix 30"),
    (NETWORK, "end"),
)

_MULTIPATH_MAG: tuple[Line, ...] = (
    (U, "enable"),
    (P, "configure terminal"),
    (C, "ipv6 mobile pmipv6-domain D1"),
    (DOMAIN, "mobile-map MAP1 12"),
    (D_MAP, "match access-list voice"),
    (D_MAP, "traffic-profile haccess-voice"),
    (D_MAP, "exit"),  # E20: leave the domain submodes first
    (DOMAIN, "exit"),  # E20
    (C, "ipv6 mobile pmipv6-mag MAG1 domain D1"),
    (MAG, "address dynamic"),
    (ADDR_DYN, "roaming interface Ethernet1/0 priority 1 egress-att LTE label lte_intf"),
    (ADDR_DYN, "roaming interface Ethernet1/1 priority 2 egress-att 3G label 3g_intf"),
    (ADDR_DYN, "exit"),  # E22: returns to MAG mode
    (MAG, "heartbeat interval 15 retries 1"),
    (MAG, "bce maximum 128000"),  # E51: prompt "config-ipv6-pmipv6- mag"
    (MAG, "multipath"),
    (MAG, "mobile-map MAP1"),
    (MAG, "tunnel mtu 1360"),
    (MAG, "interface Ethernet0/2"),
    (MAG, "lma LMA1 D1"),
    (MAG_LMA, "exit"),  # E21: missing exit from the MAG-LMA mode
    (MAG, "mobility-service hybrid-access"),
    (HACCESS, "profile-definition haccess-voice"),
    (PROFILE, "jitter 50"),
    (PROFILE, "rtt 100"),
    (PROFILE, "packet-loss 2"),
    (PROFILE, "end"),
)


def _p(id: str, title: str, chapter: int, role: Role, lines: tuple[Line, ...]) -> Procedure:
    return Procedure(id=id, title=title, chapter=chapter, role=role, lines=lines)


_AAA_TITLE = "Configuring a Proxy Mobile IPv6 Domain by Using the Configuration from the AAA Server"

PROCEDURES: tuple[Procedure, ...] = (
    _p("mag-domain-aaa", _AAA_TITLE, 2, "domain", _AAA_DOMAIN),
    _p(
        "mag-domain-minimum",
        "Configuring the Minimum Configuration for a MAG to Function",
        2,
        "domain",
        _MAG_EXAMPLE,
    ),
    _p(
        "mag-domain-detailed",
        "Configuring a Detailed Configuration for a MAG When an AAA Server Is Not Available",
        2,
        "domain",
        _MAG_DOMAIN_DETAILED,
    ),
    _p("mag-minimum", "Configuring a Minimum Configuration for a MAG", 2, "mag", _MAG_EXAMPLE),
    _p("mag-detailed", "Configuring a Detailed Configuration for a MAG", 2, "mag", _MAG_DETAILED),
    _p("domain-aaa", _AAA_TITLE, 3, "domain", _AAA_DOMAIN),
    _p(
        "domain-minimum",
        "Configuring a Minimum Configuration for a Domain When an AAA Server Is Not Available",
        3,
        "domain",
        _DOMAIN_MINIMUM,
    ),
    _p(
        "domain-detailed",
        "Configuring a Detailed Configuration for a Domain When the AAA Server Is Not Available",
        3,
        "domain",
        _DOMAIN_DETAILED,
    ),
    _p("lma-minimum", "Configuring a Minimum Configuration for an LMA", 3, "lma", _LMA_MINIMUM),
    _p("lma-detailed", "Configuring a Detailed Configuration for an LMA", 3, "lma", _LMA_DETAILED),
    _p("lma-vrf-aware", "Configuring VRF-Aware LMA", 3, "lma", _LMA_VRF_AWARE),
    _p("lma-3gma", "Configuring LMA in 3GMA Mode", 4, "lma", _LMA_3GMA),
    _p(
        "domain-udp-encap",
        "Configuring UDP Encapsulation for a PMIPv6 Domain",
        5,
        "domain",
        _UDP_ENCAP,
    ),
    _p("mag-roaming-interface", "Configuring Roaming Interface", 5, "mag", _ROAMING),
    _p(
        "multipath-lma-mag",
        "Configuring Multipath under LMA and MAG Configurations",
        5,
        "both",
        _MULTIPATH_LMA_MAG,
    ),
    _p("lma-access-lists", "Configuring Access Lists in LMA", 5, "lma", _ACCESS_LISTS),
    _p(
        "domain-mobile-maps",
        "Configuring Mobile Maps under the PMIPv6 domain",
        5,
        "domain",
        _DOMAIN_MOBILE_MAPS,
    ),
    _p(
        "lma-mobile-map-interface",
        "Configuring a Mobile Map under LMA Configuration and Applying it on an Interface",
        5,
        "lma",
        _LMA_MOBILE_MAP,
    ),
    _p(
        "lma-tunnel-mtu",
        "Configuring the MTU to be Applied on the PMIPv6 Tunnel",
        5,
        "lma",
        _LMA_MTU,
    ),
    _p("lma-tunnel-acl", "Applying an ACL on the PMIPv6 Tunnel", 5, "lma", _LMA_TUNNEL_ACL),
    _p(
        "lma-mobile-network-pools",
        "Configuring Multiple Mobile Network IPv4 or IPv6 Address "
        "Pools for a Network Under LMA Configuration",
        5,
        "lma",
        _LMA_POOLS,
    ),
    _p("lma-heartbeat", "Configuring Heartbeat under LMA Configuration", 5, "lma", _LMA_HEARTBEAT),
    _p("multipath-lma", "Configuring Multipath Management on LMA", 5, "lma", _MULTIPATH_LMA),
    _p("multipath-mag", "Configuring Multipath Management on MAG", 5, "mag", _MULTIPATH_MAG),
)
"""All 24 procedures, in guide order."""

BY_ID: dict[str, Procedure] = {proc.id: proc for proc in PROCEDURES}
"""Procedures by id."""
