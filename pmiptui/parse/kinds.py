"""The registry of parseable command outputs: one entry per `pmiptui parse KIND`."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Builder = Callable[[dict[str, Any]], "Built"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Built:
    """What a builder makes of TTP's result: the records and any warnings about them."""

    records: list[Any]
    warnings: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Kind:
    """One parseable command: its template, its record builder and how to recognise its output."""

    name: str
    command: str
    template: str
    builder: str
    """`module:function` that turns TTP's dict into records; imported on first use."""
    signature: str
    """Regex that finds a line only this command prints; tells foreign output apart.

    A `| include` kind (`*-binding-total`) shares its line with the full command's kind,
    which is listed first, so foreign output is named after the full command.
    """
    columns: str | None = None
    """`module:function` that builds the records straight from the block columns of plain
    output (see `fast_scan.tile`), or returns None to leave the output to `builder`."""
    keep_indent: bool = False
    single: bool = False
    """True when the output is one record (running-config), not a list."""

    def build(self, data: dict[str, Any]) -> Built:
        """Run this kind's builder on TTP's result."""
        module, function = self.builder.split(":")
        return getattr(importlib.import_module(module), function)(data)

    def build_columns(self, data: dict[str, Any], blocks: dict[str, list[Any]]) -> Built | None:
        """Run this kind's column builder (only for kinds that have one)."""
        assert self.columns is not None
        module, function = self.columns.split(":")
        return getattr(importlib.import_module(module), function)(data, blocks)

    def recognises(self, text: str) -> bool:
        """True when a cleaned line is one only this command prints."""
        return re.search(self.signature, text) is not None


def _show(role: str, what: str) -> str:
    return f"cisco_xe_show_ipv6_mobile_pmipv6_{role}_{what}.ttp"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            name="mag-globals",
            command="show ipv6 mobile pmipv6 mag globals",
            template=_show("mag", "globals"),
            builder="pmiptui.parse.build_globals:build_mag",
            signature=r"^Mag Identifier : ",
        ),
        Kind(
            name="lma-globals",
            command="show ipv6 mobile pmipv6 lma globals",
            template=_show("lma", "globals"),
            builder="pmiptui.parse.build_globals:build_lma",
            signature=r"^LMA Identifier : ",
        ),
        Kind(
            name="mag-bindings",
            command="show ipv6 mobile pmipv6 mag binding",
            template=_show("mag", "binding"),
            builder="pmiptui.parse.build_bindings:build_mag",
            columns="pmiptui.parse.build_bindings:columns_mag",
            signature=r"^(?:Total MAG bindings : |\[Binding\]\[MN\]\[PEER\]: LMA: )",
        ),
        Kind(
            name="lma-bindings",
            command="show ipv6 mobile pmipv6 lma binding",
            template=_show("lma", "binding"),
            builder="pmiptui.parse.build_bindings:build_lma",
            columns="pmiptui.parse.build_bindings:columns_lma",
            signature=r"^(?:Total LMA bindings : |\[Binding\]\[MN\]\[PEER\]: MAG: )",
        ),
        Kind(
            name="mag-binding-total",
            command="show ipv6 mobile pmipv6 mag binding | include ^Total",
            template=_show("mag", "binding"),
            builder="pmiptui.parse.build_bindings:build_mag_total",
            signature=r"^Total MAG bindings : ",
        ),
        Kind(
            name="lma-binding-total",
            command="show ipv6 mobile pmipv6 lma binding | include ^Total",
            template=_show("lma", "binding"),
            builder="pmiptui.parse.build_bindings:build_lma_total",
            signature=r"^Total LMA bindings : ",
        ),
        Kind(
            name="mag-stats",
            command="show ipv6 mobile pmipv6 mag stats",
            template=_show("mag", "stats"),
            builder="pmiptui.parse.build_stats:build_mag",
            signature=r"^MAG Statistics",
        ),
        Kind(
            name="lma-stats",
            command="show ipv6 mobile pmipv6 lma stats",
            template=_show("lma", "stats"),
            builder="pmiptui.parse.build_stats:build_lma",
            signature=r"^LMA Statistics",
        ),
        Kind(
            name="mag-tunnel",
            command="show ipv6 mobile pmipv6 mag tunnel",
            template=_show("mag", "tunnel"),
            builder="pmiptui.parse.build_tunnels:build_mag",
            signature=r"^Total MAG tunnels : ",
        ),
        Kind(
            name="lma-tunnel",
            command="show ipv6 mobile pmipv6 lma tunnel",
            template=_show("lma", "tunnel"),
            builder="pmiptui.parse.build_tunnels:build_lma",
            signature=r"^Total LMA tunnels : ",
        ),
        Kind(
            name="running-config",
            command="show running-config | section ipv6 mobile",
            template="cisco_xe_show_running-config_pipe_section_ipv6_mobile.ttp",
            builder="pmiptui.parse.build_config:build",
            signature=r"^ipv6 mobile pmipv6-(domain|mag|lma) ",
            keep_indent=True,
            single=True,
        ),
    )
}
