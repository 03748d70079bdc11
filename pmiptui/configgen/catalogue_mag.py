"""Procedures that configure the local MAG (guide chapters 2 and 5)."""

from __future__ import annotations

from pmiptui.configgen import rules
from pmiptui.configgen.catalogue_domain import mag_side_domain
from pmiptui.configgen.catalogue_parts import (
    auth_option,
    domain_enter,
    interface,
    mag_apn,
    mag_enter,
    mag_role,
    opt,
    replay,
    roaming_interfaces,
    step,
)
from pmiptui.configgen.procedure import Group, Procedure
from pmiptui.ios.grammar_mag import MAG, MAG_LMA
from pmiptui.ios.modes import CONFIG

MAG_MINIMUM = Procedure(
    id="mag-minimum",
    title="Configuring a Minimum Configuration for a MAG",
    role="mag",
    chapter=2,
    help="Bring up a MAG: its signalling address, access interface and role; the domain "
    "it joins may be defined in the same run.",
    steps=(
        Group(
            name="domain",
            title="domain definition",
            minimum=0,
            maximum=1,
            help="The domain's LMAs and mobile nodes, as the guide's example sets them up "
            "before the MAG.",
            steps=(domain_enter(None), *mag_side_domain(numbered=False)),
        ),
        mag_enter(3),
        step(MAG, "address ipv6 <ipv6-address>", 4, "IPv6 source of the MAG's signalling."),
        opt(MAG, "address ipv4 <ipv4-address>", None, "IPv4 source of the MAG's signalling."),
        opt(MAG, "sessionmgr", 5, "Leave mobile node session handling to the session manager."),
        opt(MAG, "generate grekey", 6, "Have the MAG pick GRE keys on its own."),
        interface(MAG, 7, "Access interface on which mobile nodes attach."),
        mag_role(8),
        mag_apn(9),
    ),
    rules=(
        rules.apn_for_3gpp(),
        rules.unique("domain[].lmas[]", ["lma-id"], "LMA"),
        *rules.mobile_nodes("domain[].nais[]"),
        rules.domain_lma("domain[].nais[].lma-id", ("domain[].lmas[].lma-id",)),
    ),
)

MAG_DETAILED = Procedure(
    id="mag-detailed",
    title="Configuring a Detailed Configuration for a MAG",
    role="mag",
    chapter=2,
    help="Every MAG setting: role, detach polling, addresses, binding timers, revocation "
    "and the LMAs it signals to, reached through a VRF.",
    steps=(
        step(CONFIG, "vrf definition <vrf-name>", 3, "Create the VRF the LMA is reached through."),
        mag_enter(5),
        mag_role(6),
        mag_apn(7),
        step(MAG, "local-routing-mag", 8, "Switch traffic between local nodes without the LMA."),
        step(
            MAG,
            "discover-mn-detach poll interval <interval-seconds> timeout <timeout-seconds> "
            "retries <retry-count>",
            9,
            "Probe attached nodes to notice when one has left: period, wait and attempts.",
        ),
        step(MAG, "address ipv4 <ipv4-address>", 10, "IPv4 source of the MAG's signalling."),
        step(MAG, "address ipv6 <ipv6-address>", 11, "IPv6 source of the MAG's signalling."),
        step(MAG, "sessionmgr", 12, "Leave mobile node session handling to the session manager."),
        interface(MAG, 13, "Access interface on which mobile nodes attach."),
        step(MAG, "binding maximum <number>", 14, "Most binding entries the MAG keeps."),
        step(MAG, "binding lifetime <seconds>", 15, "Binding lifetime requested, in seconds."),
        step(MAG, "binding refresh-time <seconds>", 16, "Seconds between binding refreshes."),
        step(
            MAG,
            "binding init-retx-time <milliseconds>",
            17,
            "Wait before the first resend of an unanswered binding update (ms).",
        ),
        step(
            MAG,
            "binding max-retx-time <milliseconds>",
            18,
            "Ceiling for the growing wait between resends (ms).",
        ),
        replay(MAG, 19),
        step(MAG, "bri delay min <milliseconds>", 20, "Least wait before a revocation goes out."),
        step(MAG, "bri delay max <milliseconds>", 21, "Most wait for a revocation answer."),
        step(MAG, "bri retry <number>", 22, "Revocation resends before giving up."),
        Group(
            name="lmas",
            title="LMA peer",
            help="One entry per LMA the MAG signals to (steps 23-27).",
            steps=(
                step(
                    MAG,
                    "lma <lma-id> <domain-name>",
                    23,
                    "Name an LMA peer and its domain (the MAG's domain unless given).",
                ),
                auth_option(MAG_LMA, 24),
                step(MAG_LMA, "ipv4-address <ipv4-address>", 25, "The LMA's IPv4 address."),
                step(MAG_LMA, "vrfid <vrf-name>", 26, "VRF through which this LMA is reached."),
                step(
                    MAG_LMA,
                    "encap {gre-ipv4 | ipv6-in-ipv6}",
                    27,
                    "Tunnel type towards this LMA.",
                ),
            ),
        ),
    ),
    rules=(
        rules.apn_for_3gpp(),
        rules.unique("lmas[]", ["lma-id"], "LMA peer"),
        rules.domain_lma("lmas[].lma-id", ()),
        *rules.auth_option_forms("lmas[]"),
    ),
)

UNIQUE_ROAMING = rules.unique("roaming-interfaces[]", ["type", "number"], "roaming interface")
"""Shared with the multipath MAG procedure."""

MAG_ROAMING_INTERFACE = Procedure(
    id="mag-roaming-interface",
    title="Configuring Roaming Interface",
    role="mag",
    chapter=5,
    help="Give a MAG uplinks whose addresses are learnt dynamically, so it can roam between them.",
    steps=(
        mag_enter(3),
        step(MAG, "address dynamic", 4, "Open the list of uplinks with learnt addresses."),
        roaming_interfaces(5),
    ),
    rules=(UNIQUE_ROAMING,),
)
