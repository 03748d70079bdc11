"""Procedures that configure the PMIPv6 domain (guide chapters 2 and 3, domain side)."""

from __future__ import annotations

from pmiptui.configgen.procedure import Group, Procedure, Step

DOMAIN = "config-ipv6-pmipv6-domain"
D_LMA = "config-ipv6-pmipv6-domain-lma"
D_MN = "config-ipv6-pmipv6-domain-mn"

MAG_DOMAIN_MINIMUM = Procedure(
    id="mag-domain-minimum",
    title="Configuring the Minimum Configuration for a MAG to Function",
    role="domain",
    chapter=2,
    help="The smallest domain a MAG can work in: its LMAs and the mobile nodes it serves.",
    steps=(
        Step(
            mode="config",
            syntax="ipv6 mobile pmipv6-domain <domain-name>",
            number=3,
            help="Create or edit the PMIPv6 domain; the following steps are inside it.",
        ),
        Group(
            name="lmas",
            title="LMA",
            help="Each LMA the domain's MAGs may register with (guide steps 4-6, repeated).",
            steps=(
                Step(mode=DOMAIN, syntax="lma <lma-id>", number=4, help="Name the LMA."),
                Step(
                    mode=D_LMA,
                    syntax="ipv4-address <ipv4-address>",
                    optional=True,
                    help="The LMA's IPv4 transport address, if it has one.",
                ),
                Step(
                    mode=D_LMA,
                    syntax="ipv6-address <ipv6-address>",
                    number=5,
                    help="The LMA's IPv6 transport address.",
                ),
            ),
        ),
        Group(
            name="nais",
            title="mobile node",
            help="Each mobile node (or realm) the domain serves (guide steps 8-11, repeated).",
            steps=(
                Step(
                    mode=DOMAIN,
                    syntax="nai [<user>]@<realm>",
                    number=8,
                    help="The mobile node's identifier; leave out the user for a whole realm.",
                ),
                Step(mode=D_MN, syntax="lma <lma-id>", number=9, help="The LMA that anchors it."),
                Step(
                    mode=D_MN,
                    syntax="service {dual | ipv4 | ipv6}",
                    number=10,
                    optional=True,
                    help="Which home addresses it gets: IPv4, IPv6 or both.",
                ),
            ),
        ),
    ),
)
