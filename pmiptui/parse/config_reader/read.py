"""The running-config read into one `PmipConfig`, on the IOS command model's config tree.

`pmiptui.ios.config_tree` parses the lines by indentation and matches each one in its block's
mode with the same grammar the wizards and the lab type commands with; the block readers
(`domain`, `mag`, `lma`) turn the matched lines into records. A line is taken by the record
of the block it sits in: a line the grammar does not know, or one in the wrong block, is
reported by its index (`ConfigRead.unknown`). Values are typed by the grammar; addresses are
normalised (IPv6 compressed lower case, MAC dotted lower case), interface names joined
(`Ethernet0/2`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmiptui.ios.config_tree import ConfigNode, parse_running_config, walk
from pmiptui.model.config import Domain, LmaInstance, MagInstance, PmipConfig
from pmiptui.parse.clean import clean_lines
from pmiptui.parse.config_reader.domain import DomainReader
from pmiptui.parse.config_reader.lines import head
from pmiptui.parse.config_reader.lma import LmaReader
from pmiptui.parse.config_reader.mag import MagReader
from pmiptui.parse.kinds import Built

_SKIPPED = ("!", "Building configuration", "Current configuration")


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfigRead:
    """What the reader made of the lines: the record, warnings, and the lines it did not take."""

    config: PmipConfig
    warnings: list[str]
    unknown: list[int]
    """Indexes (0-based, into the lines given) of lines no record took."""


def pmip_config(text: str) -> PmipConfig:
    """The PMIPv6 configuration in running-config `text`, as Netmiko or the lab returns it
    (cleaned first: echo, prompts, pager noise); other lines are ignored.

    Raises RouterError when the text is an IOS error message instead.
    """
    return read_lines([line.text for line in clean_lines(text, keep_indent=True)]).config


def read_lines(lines: Sequence[str]) -> ConfigRead:
    """Read running-config lines (indentation kept) into one `PmipConfig`."""
    tree = parse_running_config("\n".join(lines))
    kept: list[int] = []
    for i, line in enumerate(lines):
        if line.rstrip() == "end":  # the tree stops at a top-level `end`
            break
        if _kept(line):
            kept.append(i)
    nodes = [node for _depth, node in walk(tree)]
    reader = _Reader({id(node): index for node, index in zip(nodes, kept, strict=True)})
    config = reader.config(tree)
    return ConfigRead(config=config, warnings=reader.warnings, unknown=sorted(reader.unknown))


def read_kind(texts: list[str]) -> Built:
    """The `running-config` parse kind's reader: one record, its warnings, the lines not taken."""
    read = read_lines(texts)
    return Built(records=[read.config], warnings=read.warnings, unknown=read.unknown)


def _kept(line: str) -> bool:
    """True for the lines `parse_running_config` makes a node of (it stops at `end`)."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(_SKIPPED)


class _Reader(DomainReader, MagReader, LmaReader):
    """The top level: domains (with those loaded from AAA), MAG and LMA instances."""

    def config(self, tree: ConfigNode) -> PmipConfig:
        aaa: list[str] = []
        blocks: list[ConfigNode] = []
        mags: list[MagInstance] = []
        lmas: list[LmaInstance] = []
        for node in tree.children:
            kind = head(node)
            if kind == "ipv6 mobile pmipv6-domain" and node.command is not None:
                if node.command.syntax.endswith("load-aaa"):
                    aaa.append(str(node.values["domain-name"]))
                else:
                    blocks.append(node)
            elif kind == "ipv6 mobile pmipv6-mag":
                mags.append(self.mag(node))
            elif kind == "ipv6 mobile pmipv6-lma":
                lmas.append(self.lma(node))
            else:
                self.skip(node)
        domains: list[Domain] = []
        for name in dict.fromkeys([*aaa, *(str(b.values["domain-name"]) for b in blocks)]):
            own = [b for b in blocks if b.values["domain-name"] == name]
            domains += [self.domain(b, name in aaa) for b in own] or [
                Domain(name=name, load_aaa=True)
            ]
        return PmipConfig(domains=domains, mags=mags, lmas=lmas)
