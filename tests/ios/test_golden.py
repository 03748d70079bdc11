"""Golden tests against the checked command index: every example matches and round-trips."""

from __future__ import annotations

import re
from typing import Any

from pmiptui.ios import CliError, CommandMatch, parse_line, render
from pmiptui.ios.commands import CONFIG_COMMANDS, guide_commands
from pmiptui.ios.modes import MODES, PRIV_EXEC
from pmiptui.ios.spec import ANY_CONFIG


def _shape(syntax: str) -> str:
    """Syntax with placeholder names blanked and spacing collapsed, for comparison."""
    return " ".join(re.sub(r"<[^>]+>", "<>", syntax).split())


def _match(mode: str, line: str) -> CommandMatch:
    found = parse_line(mode, line)
    assert not isinstance(found, CliError), f"{mode}: {line!r} -> {found.render()} {found.detail}"
    return found


def test_every_guide_example_matches_its_command(index: dict[str, Any]) -> None:
    count = 0
    for entry in index["commands"]:
        for example in entry["guide_examples"]:
            found = _match(entry["mode"], example)
            assert _shape(found.command.syntax) == _shape(entry["syntax"]), example
            assert found.mode == entry["mode"]
            count += 1
    assert count > 150


def test_render_round_trips_every_example(index: dict[str, Any]) -> None:
    for entry in index["commands"]:
        for example in entry["guide_examples"]:
            found = _match(entry["mode"], example)
            line = render(found.command, found.values, found.negated)
            assert line == found.line
            again = _match(entry["mode"], line)
            assert again.command is found.command
            assert dict(again.values) == dict(found.values)
            assert again.line == line


def test_canonical_text_differs_from_examples_only_by_normalisation(
    index: dict[str, Any],
) -> None:
    for entry in index["commands"]:
        for example in entry["guide_examples"]:
            found = _match(entry["mode"], example)
            assert found.line.split()[0] == example.split()[0]
            if "interface" not in example and ":" not in example:
                assert found.line == example


def test_all_index_config_commands_are_modelled(index: dict[str, Any]) -> None:
    ours = {(c.mode, _shape(c.syntax)) for c in CONFIG_COMMANDS}
    theirs = {(c["mode"], _shape(c["syntax"])) for c in index["commands"]}
    assert len(index["commands"]) == 113
    assert theirs <= ours, sorted(theirs - ours)
    assert len(guide_commands()) == 113


def test_all_index_modes_are_modelled(index: dict[str, Any]) -> None:
    for mode in index["modes"]:
        assert mode["name"] in MODES
        ours = MODES[mode["name"]]
        assert ours.parent == mode["parent"]
        assert _shape(ours.entered_by or "") == _shape(mode["entered_by"] or "")
    assert len([m for m in MODES.values() if m.guide]) == len(index["modes"]) == 22


def test_index_entering_commands_agree(index: dict[str, Any]) -> None:
    by_key = {(c.mode, _shape(c.syntax)): c for c in CONFIG_COMMANDS}
    for entry in index["commands"]:
        ours = by_key[(entry["mode"], _shape(entry["syntax"]))]
        assert ours.enters == entry["enters_mode"], entry["syntax"]
        secret = {p["name"] for p in entry["params"] if p.get("secret")}
        assert secret == set(ours.secret_params), entry["syntax"]


def test_canonical_exec_commands_of_the_index_match(index: dict[str, Any]) -> None:
    for entry in index["exec_commands"]:
        syntax = entry["syntax"]
        if entry["mode"] == "any configuration mode":
            found = _match("config-ipv6-pmipv6-lma", syntax)
            assert found.command.mode == ANY_CONFIG
            continue
        if syntax.startswith("show ipv6 pmipv6") or syntax == "show ipv6 mobile lma globals":
            continue  # E48: non-canonical spellings, not modelled
        line = syntax.replace("<mag-id>", "mag1").replace("<lma-id>", "lma1")
        mode = "user-exec" if entry["mode"] == "user-exec" else PRIV_EXEC
        assert _match(mode, line).line == line
        for example in entry.get("guide_examples", []):
            assert _match(PRIV_EXEC, example).line == example
