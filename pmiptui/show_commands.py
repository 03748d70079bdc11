"""The registry of show commands pmiptui polls and parses: each declared once, here.

Every entry says which router role runs it, the exact IOS command, the TTP template and
record builder of its output (or, for the running-config, the reader of its lines), the
`PollResult` field its records go to (also its cadence key and `pmiptui show` word), how
often it runs by default, and the word the lab's exec grammar and renderer know it by. The
poller, `pmiptui show` and `pmiptui parse`, the cadences, the lab and the README's table all
read it (see CONTRIBUTING.md: a new show command is a template, a fixture, a builder, an
entry here and a lab renderer).
Plain data, standard library only: every layer may import it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Result = Literal["records", "own", "first", "text"]
"""How a poll keeps the parsed output: every record, the record of the router's own
instance (globals), the first record (stats, a count), or the raw text (config)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowCommand:
    """One show command: how to run it, parse it, keep it, and play it in the lab."""

    kind: str
    """The parse kind (`pmiptui parse KIND`): `mag-bindings`."""
    field: str
    """The poll kind: the `PollResult` field, cadence key and `pmiptui show` word."""
    role: str | None
    """`mag` or `lma`; None for a command every router runs."""
    command: str
    """Exactly what the poller sends."""
    template: str | None = None
    """The TTP template's file name in `ttp_templates/`; None for a `reader` kind."""
    builder: str = ""
    """`module:function` turning TTP's result into records (template kinds)."""
    reader: str | None = None
    """`module:function` reading the cleaned lines straight into records, instead of a
    template and builder (running-config: the IOS command model's config tree)."""
    signature: str
    """Regex finding a line only this command prints (tells foreign output apart)."""
    result: Result = "records"
    every_sec: float = 0.0
    """Default cadence (0: every poll; `math.inf`: on connect only; see `model.cadence`)."""
    word: str | None = None
    """The keyword after `show ipv6 mobile pmipv6 ROLE [ID]` (lab grammar and renderer)."""
    help: str = ""
    """One line for the lab's `?` help on that keyword."""
    columns: str | None = None
    """`module:function` building the records straight from plain output's block columns."""
    keep_indent: bool = False
    single: bool = False
    """True when the output is one record (running-config), not a list."""


def _pmipv6(role: str, word: str, pipe: str = "") -> str:
    return f"show ipv6 mobile pmipv6 {role} {word}{pipe}"


def _template(role: str, word: str) -> str:
    return f"cisco_xe_show_ipv6_mobile_pmipv6_{role}_{word}.ttp"


def _per_role(role: str) -> tuple[ShowCommand, ...]:
    upper = role.upper()
    peer = "LMA" if role == "mag" else "MAG"
    build = "pmiptui.parse.build_"
    return (
        ShowCommand(
            kind=f"{role}-globals",
            field="globals",
            role=role,
            command=_pmipv6(role, "globals"),
            template=_template(role, "globals"),
            builder=f"{build}globals:build_{role}",
            signature=r"^Mag Identifier : " if role == "mag" else r"^LMA Identifier : ",
            result="own",
            every_sec=600.0,
            word="globals",
            help="global settings and counters",
        ),
        ShowCommand(
            kind=f"{role}-bindings",
            field="bindings",
            role=role,
            command=_pmipv6(role, "binding"),
            template=_template(role, "binding"),
            builder=f"{build}bindings:build_{role}",
            columns=f"{build}bindings:columns_{role}",
            signature=rf"^(?:Total {upper} bindings : |\[Binding\]\[MN\]\[PEER\]: {peer}: )",
            every_sec=60.0,
            word="binding",
            help="the binding table",
        ),
        ShowCommand(
            kind=f"{role}-binding-total",
            field="binding_total",
            role=role,
            command=_pmipv6(role, "binding", " | include ^Total"),
            template=_template(role, "binding"),
            builder=f"{build}bindings:build_{role}_total",
            signature=rf"^Total {upper} bindings : ",
            result="first",
            word="binding",
        ),
        ShowCommand(
            kind=f"{role}-stats",
            field="stats",
            role=role,
            command=_pmipv6(role, "stats"),
            template=_template(role, "stats"),
            builder=f"{build}stats:build_{role}",
            signature=rf"^{upper} Statistics",
            result="first",
            word="stats",
            help="signalling statistics",
        ),
        ShowCommand(
            kind=f"{role}-tunnel",
            field="tunnels",
            role=role,
            command=_pmipv6(role, "tunnel"),
            template=_template(role, "tunnel"),
            builder=f"{build}tunnels:build_{role}",
            signature=rf"^Total {upper} tunnels : ",
            word="tunnel",
            help="the tunnels to peers",
        ),
    )


SHOW_COMMANDS: tuple[ShowCommand, ...] = (
    *_per_role("mag"),
    *_per_role("lma"),
    ShowCommand(
        kind="running-config",
        field="config",
        role=None,
        command="show running-config | section ipv6 mobile",
        reader="pmiptui.parse.config_reader:read_kind",
        signature=r"^ipv6 mobile pmipv6-(domain|mag|lma) ",
        result="text",
        every_sec=600.0,
        keep_indent=True,
        single=True,
    ),
    ShowCommand(
        kind="version",
        field="version",
        role=None,
        command="show version",
        reader="pmiptui.parse.version_reader:read_kind",
        signature=r"^(?:Cisco IOS XE Software, Version |IOS XE Version: |Cisco IOS Software)",
        result="first",
        every_sec=math.inf,
        single=True,
    ),
)
"""Every show command, MAG ones first; the order a poll runs them in within a role."""

POLL_KINDS: tuple[str, ...] = tuple(dict.fromkeys(c.field for c in SHOW_COMMANDS))
"""What a poll can fetch, one show command each per role (each a `PollResult` field)."""


def for_role(role: str) -> dict[str, ShowCommand]:
    """The show commands a router of `role` runs, by poll kind, in registry order."""
    return {c.field: c for c in SHOW_COMMANDS if c.role in (role, None)}


def show_words() -> dict[str, str]:
    """Each keyword of `show ipv6 mobile pmipv6 ROLE [ID] WORD` with its help line."""
    words = {c.word: c.help for c in SHOW_COMMANDS if c.word and c.help}
    return words


def markdown_table() -> str:
    """The README's table of parse kinds, one row per command (MAG and LMA folded)."""
    rows = [("KIND", "command", "poll kind", "default cadence"), ("---",) * 4]
    for field in POLL_KINDS:
        pair = [c for c in SHOW_COMMANDS if c.field == field]
        first = pair[0]
        command = first.command
        if first.role is not None:
            command = command.replace(f" {first.role} ", " {mag|lma} ")
        every = (
            "every poll"
            if first.every_sec == 0
            else "on connect"
            if math.isinf(first.every_sec)
            else f"{first.every_sec:g} s"
        )
        kinds = ", ".join(f"`{c.kind}`" for c in pair)
        rows.append((kinds, f"`{command}`", f"`{field}`", every))
    return "".join(
        "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |\n" for row in rows
    )
