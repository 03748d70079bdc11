"""MAG commands: the local MAG, its LMA peers, roaming interfaces and hybrid access."""

from __future__ import annotations

from pmiptui.ios.grammar_domain import AUTH_OPTION
from pmiptui.ios.params import Kind, param
from pmiptui.ios.spec import IFACE, CommandSpec, cmd

MAG = "config-ipv6-pmipv6-mag"
MAG_LMA = "config-ipv6-pmipv6mag-lma"
ADDR_DYN = f"{MAG}-addr-dyn"
HACCESS = f"{MAG}-haccess-svc"
PROFILE = f"{MAG}-haccess-profile-def-svc"

_MS = "milliseconds"

COMMANDS: tuple[CommandSpec, ...] = (
    cmd(
        "config",
        "ipv6 mobile pmipv6-mag <mag-id> domain <domain-name>",
        "Start the MAG function in a domain and edit it.",
        enters=MAG,
    ),
    # -- config-ipv6-pmipv6-mag
    cmd(MAG, "address ipv4 <ipv4-address>", "IPv4 address the MAG signals from."),
    cmd(MAG, "address ipv6 <ipv6-address>", "IPv6 address the MAG signals from."),
    cmd(MAG, "address dynamic", "List roaming interfaces with learnt addresses.", enters=ADDR_DYN),
    cmd(MAG, "sessionmgr", "Hand MN session handling to the session manager."),
    cmd(MAG, "generate grekey", "Let the MAG allocate GRE keys itself."),
    cmd(
        MAG,
        "interface <type> <number>",
        "Serve mobile nodes on this access interface.",
        p=IFACE,
        repeat=True,
    ),
    cmd(MAG, "role {3gpp | lte | wimax | wlan}", "Access technology the MAG acts for."),
    cmd(
        MAG,
        "apn <apn-name>",
        "Access point name given to MAG subscribers.",
        note="required when the role is 3gpp",
    ),
    cmd(MAG, "local-routing-mag", "Route between local MNs without the LMA."),
    cmd(
        MAG,
        "discover-mn-detach poll interval <interval-seconds> timeout <timeout-seconds> "
        "retries <retry-count>",
        "Poll attached MNs to notice when they leave.",
        p=[
            param("interval-seconds", Kind.INTEGER, "seconds between polls", unit="seconds"),
            param("timeout-seconds", Kind.INTEGER, "seconds to wait for an answer", unit="seconds"),
            param("retry-count", Kind.INTEGER, "polls before the MN counts as gone"),
        ],
    ),
    cmd(MAG, "binding maximum <number>", "Cap on binding update list entries."),
    cmd(MAG, "binding lifetime <seconds>", "Longest lifetime asked for in a binding update."),
    cmd(MAG, "binding refresh-time <seconds>", "How often bindings are refreshed."),
    cmd(
        MAG,
        "binding init-retx-time <milliseconds>",
        "First wait for an acknowledgement before resending a binding update.",
    ),
    cmd(
        MAG, "binding max-retx-time <milliseconds>", "Longest wait between binding update resends."
    ),
    cmd(
        MAG,
        "replay-protection timestamp [window <seconds>]",
        "Timestamp check on binding signalling, with its tolerance.",
    ),
    cmd(MAG, "bri delay min <milliseconds>", "Shortest wait before a revocation is sent."),
    cmd(
        MAG,
        "bri delay max <milliseconds>",
        "Longest wait for a revocation acknowledgement before resending.",
    ),
    cmd(MAG, "bri retry <number>", "Resends of a revocation before giving up."),
    cmd(MAG, "lma <lma-id> <domain-name>", "Describe an LMA this MAG talks to.", enters=MAG_LMA),
    cmd(MAG, "multipath", "Build tunnels over several roaming interfaces at once."),
    cmd(
        MAG,
        "heartbeat [interval <interval> retries <retries>]",
        "Probe the LMA periodically to detect path failures.",
    ),
    cmd(MAG, "bce maximum <number>", "Cap on cache entries kept by the MAG."),
    cmd(MAG, "mobile-map <map-name>", "Apply a domain mobile map to MAG traffic."),
    cmd(MAG, "tunnel mtu <mtu-size>", "MTU of the MAG-LMA tunnels."),
    cmd(MAG, "mobility-service hybrid-access", "Edit the hybrid access service.", enters=HACCESS),
    # -- config-ipv6-pmipv6mag-lma
    cmd(MAG_LMA, AUTH_OPTION, "SPI and shared key for signalling with this LMA."),
    cmd(MAG_LMA, "ipv4-address <ipv4-address>", "An IPv4 address of this LMA.", repeat=True),
    cmd(MAG_LMA, "vrfid <vrf-name>", "VRF through which this LMA is reached."),
    cmd(MAG_LMA, "encap {gre-ipv4 | ipv6-in-ipv6}", "Tunnel type towards this LMA."),
    # -- config-ipv6-pmipv6-mag-addr-dyn
    cmd(
        ADDR_DYN,
        "roaming interface <type> <number> "
        "[priority <interface-priority> egress-att <interface-attribute> label <label>]",
        "Use an uplink as a roaming interface, with its rank, access type and label.",
        p=[
            *IFACE,
            param("interface-priority", Kind.INTEGER, "preference; lower is preferred"),
            param("interface-attribute", Kind.WORD, "egress access type, e.g. LTE"),
            param("label", Kind.WORD, "link label that mobile maps refer to"),
        ],
        repeat=True,
    ),
    # -- hybrid access
    cmd(HACCESS, "profile-definition <profile-name>", "Define a traffic profile.", enters=PROFILE),
    cmd(
        PROFILE,
        "jitter <value>",
        "Highest tolerated jitter.",
        p=[param("value", Kind.INTEGER, "jitter in milliseconds", unit=_MS)],
    ),
    cmd(
        PROFILE,
        "rtt <value>",
        "Highest tolerated round-trip time.",
        p=[param("value", Kind.INTEGER, "round-trip time in milliseconds", unit=_MS)],
    ),
    cmd(
        PROFILE,
        "packet-loss <value>",
        "Highest tolerated packet loss.",
        p=[param("value", Kind.INTEGER, "loss in percent", low=0, high=100, unit="percent")],
    ),
)
"""MAG commands, in guide order."""
