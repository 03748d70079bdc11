"""CLI modes: exec levels and configuration modes, their prompts and parents."""

from __future__ import annotations

from dataclasses import dataclass

USER_EXEC = "user-exec"
PRIV_EXEC = "privileged-exec"
CONFIG = "config"


@dataclass(frozen=True, slots=True, kw_only=True)
class Mode:
    """One CLI mode; ``name`` is the text IOS shows inside the prompt's parentheses."""

    name: str
    """Mode name; for configuration modes also the prompt text, e.g. ``config-vrf``."""
    parent: str | None
    """Mode that ``exit`` returns to."""
    entered_by: str | None
    """Syntax of the command that enters the mode."""
    help: str
    """One-line description."""
    guide: bool = True
    """The guide uses this mode (platform modes are ``False``)."""

    @property
    def is_exec(self) -> bool:
        """True for the two exec levels."""
        return self.name in (USER_EXEC, PRIV_EXEC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Frame:
    """One level of a session's mode stack: the mode and the config block it edits."""

    mode: str
    """Mode name."""
    path: tuple[tuple[object, ...], ...] = ()
    """Identities of the block headers from the top of the running-config to this block."""


ModeStack = tuple[Frame, ...]
"""A session's modes, outermost first; the last frame is the current mode."""


def _m(
    name: str, parent: str | None, entered_by: str | None, help: str, guide: bool = True
) -> Mode:
    return Mode(name=name, parent=parent, entered_by=entered_by, help=help, guide=guide)


_DOMAIN = "config-ipv6-pmipv6-domain"
_MAG = "config-ipv6-pmipv6-mag"
_LMA = "config-ipv6-pmipv6-lma"
_HACCESS = "config-ipv6-pmipv6-mag-haccess-svc"
_MLL = "config-pmipv6-lma-ml1"

MODES: dict[str, Mode] = {
    m.name: m
    for m in (
        _m(USER_EXEC, None, None, "unprivileged exec level after login"),
        _m(PRIV_EXEC, USER_EXEC, "enable", "privileged exec level"),
        _m(CONFIG, PRIV_EXEC, "configure terminal", "global configuration"),
        _m("config-vrf", CONFIG, "vrf definition <vrf-name>", "one VRF definition"),
        _m(
            "config-ext-nacl",
            CONFIG,
            "ip access-list extended <access-list-name>",
            "entries of one named extended IPv4 access list",
        ),
        _m(
            _DOMAIN,
            CONFIG,
            "ipv6 mobile pmipv6-domain <domain-name>",
            "settings shared by the MAGs and LMAs of one PMIPv6 domain",
        ),
        _m(f"{_DOMAIN}-lma", _DOMAIN, "lma <lma-id>", "an LMA peer known to the domain"),
        _m(f"{_DOMAIN}-mag", _DOMAIN, "mag <mag-id>", "a MAG peer known to the domain"),
        _m(
            f"{_DOMAIN}-mn",
            _DOMAIN,
            "nai [<user>]@<realm>",
            "the profile of one mobile node, by NAI",
        ),
        _m(
            f"{_DOMAIN}-mobile-map",
            _DOMAIN,
            "mobile-map <map-name> <sequence-number>",
            "one entry of a mobile map steering traffic onto links",
        ),
        _m(
            _MAG,
            CONFIG,
            "ipv6 mobile pmipv6-mag <mag-id> domain <domain-name>",
            "the local MAG function",
        ),
        _m(
            "config-ipv6-pmipv6mag-lma",
            _MAG,
            "lma <lma-id> <domain-name>",
            "an LMA peer as seen from the local MAG",
        ),
        _m(
            f"{_MAG}-addr-dyn",
            _MAG,
            "address dynamic",
            "roaming interfaces whose addresses are learnt dynamically",
        ),
        _m(_HACCESS, _MAG, "mobility-service hybrid-access", "hybrid access service of the MAG"),
        _m(
            "config-ipv6-pmipv6-mag-haccess-profile-def-svc",
            _HACCESS,
            "profile-definition <profile-name>",
            "link quality thresholds of one traffic profile",
        ),
        _m(
            _LMA,
            CONFIG,
            "ipv6 mobile pmipv6-lma <lma-id> domain <domain-name>",
            "the local LMA function",
        ),
        _m(
            "config-ipv6-pmipv6lma-network",
            _LMA,
            "network <network-name>",
            "address pools of one LMA network",
        ),
        _m(
            "config-ipv6-pmipv6lma-mag",
            _LMA,
            "mag <mag-id> <domain-name>",
            "a MAG peer as seen from the local LMA",
        ),
        _m(
            "config-ipv6-pmipv6lma-role",
            _LMA,
            "role 3gma",
            "the LMA acting as a 3G mobility anchor",
        ),
        _m(
            _MLL, _LMA, "mobility-service mobile-local-loop", "mobile local loop service of the LMA"
        ),
        _m(
            f"{_MLL}-cust",
            _MLL,
            "customer <customer-name> vrf <vrf-name>",
            "one mobile local loop customer",
        ),
        _m(
            f"{_MLL}-cust-tpt",
            f"{_MLL}-cust",
            "transport [vrf <vrf-name>]",
            "transport addresses of a mobile local loop customer",
        ),
        _m("config-archive", CONFIG, "archive", "configuration archive settings", guide=False),
        _m("config-if", CONFIG, "interface <type> <number>", "one interface", guide=False),
    )
}
"""Every mode by name."""


def prompt(hostname: str, mode: str) -> str:
    """Build the IOS prompt: ``lma1>``, ``lma1#`` or ``lma1(config-ipv6-pmipv6-lma)#``."""
    if mode == USER_EXEC:
        return f"{hostname}>"
    if mode == PRIV_EXEC:
        return f"{hostname}#"
    if mode not in MODES:
        raise KeyError(f"unknown mode {mode!r}")
    return f"{hostname}({mode})#"


def is_config_mode(mode: str) -> bool:
    """True for global configuration and every configuration submode."""
    return mode in MODES and not MODES[mode].is_exec


def ancestors(mode: str) -> list[str]:
    """The mode and its parents, innermost first."""
    chain: list[str] = []
    current: str | None = mode
    while current is not None:
        chain.append(current)
        current = MODES[current].parent
    return chain
