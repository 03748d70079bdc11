"""The catalogue against the IOS model and the guide: ids, steps, numbering and help."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from pmiptui.configgen.catalogue import CATALOGUE, get
from pmiptui.configgen.procedure import Group, Procedure, Step
from pmiptui.errors import InputError
from pmiptui.ios.commands import EXEC_COMMANDS
from pmiptui.ios.modes import is_config_mode
from tests.guide_examples import BY_ID, PROCEDURES

SHARED_KEYS = frozenset({"domain-name"})
"""Values keys several steps of one scope read on purpose (the block being configured)."""


def scopes(items: tuple[Step | Group, ...]) -> list[tuple[Step | Group, ...]]:
    """The step list of the procedure and of every group in it."""
    found = [items]
    for item in items:
        if isinstance(item, Group):
            found.extend(scopes(item.steps))
    return found


def groups(items: tuple[Step | Group, ...]) -> list[Group]:
    out: list[Group] = []
    for item in items:
        if isinstance(item, Group):
            out.extend([item, *groups(item.steps)])
    return out


def optional_groups_steps(items: tuple[Step | Group, ...], inside: bool = False) -> list[Step]:
    """Steps that are rendered only when an optional group is given."""
    out: list[Step] = []
    for item in items:
        if isinstance(item, Group):
            out.extend(optional_groups_steps(item.steps, inside or item.minimum == 0))
        elif inside:
            out.append(item)
    return out


PARAMS = [pytest.param(p, id=p.id) for p in CATALOGUE.values()]


def test_ids_titles_and_order_follow_the_guide_examples() -> None:
    assert list(CATALOGUE) == [p.id for p in PROCEDURES]
    for procedure in CATALOGUE.values():
        guide = BY_ID[procedure.id]
        assert (procedure.title, procedure.role, procedure.chapter) == (
            guide.title,
            guide.role,
            guide.chapter,
        )


def test_get_names_the_valid_ids() -> None:
    assert get("lma-heartbeat") is CATALOGUE["lma-heartbeat"]
    with pytest.raises(InputError) as raised:
        get("lma-hartbeat")
    assert "lma-hartbeat" in str(raised.value)
    assert all(pid in str(raised.value) for pid in CATALOGUE)


@pytest.mark.parametrize("procedure", PARAMS)
def test_every_step_is_a_config_command_of_the_model(procedure: Procedure) -> None:
    exec_syntaxes = {c.syntax for c in EXEC_COMMANDS}
    for _, step in procedure.walk():
        command = step.command  # raises KeyError when the model lacks it
        assert is_config_mode(step.mode), step.syntax
        assert command.effect is None, f"{step.syntax}: mode commands are not steps"
        assert step.syntax not in exec_syntaxes
        assert set(step.alias) <= {p.name for p in command.params} | set(command.grammar.keys)


@pytest.mark.parametrize("procedure", PARAMS)
def test_no_two_steps_of_one_scope_read_the_same_value(procedure: Procedure) -> None:
    for items in scopes(procedure.steps):
        keys = Counter(key for item in items if isinstance(item, Step) for key in set(item.names))
        keys.update(item.name for item in items if isinstance(item, Group))
        keys.update(
            item.key
            for item in items
            if isinstance(item, Step) and item.optional and not item.names
        )
        assert {k for k, n in keys.items() if n > 1} <= SHARED_KEYS, procedure.id


@pytest.mark.parametrize("procedure", PARAMS)
def test_steps_carry_guide_numbers_of_matching_summary_steps(
    procedure: Procedure, index: dict[str, Any]
) -> None:
    position = [p.id for p in PROCEDURES].index(procedure.id)
    summary = index["procedures"][position]["steps"]
    numbered = [step for _, step in procedure.walk() if step.number is not None]
    assert numbered, procedure.id
    for step in numbered:
        assert 3 <= step.number <= len(summary), (procedure.id, step.syntax)
        text = summary[step.number - 1]
        if text.startswith("Do one of the following"):
            text = text.split(": ", 1)[1]
        first_words = {choice.split()[0] for choice in text.split(" OR ")}
        assert step.syntax.split()[0] in first_words, (procedure.id, step.number, text)


@pytest.mark.parametrize("procedure", PARAMS)
def test_steps_beyond_the_summary_are_optional(procedure: Procedure) -> None:
    """An unnumbered step comes from an example line: optional, or in an optional group."""
    in_optional_group = {id(s) for s in optional_groups_steps(procedure.steps)}
    for _, step in procedure.walk():
        if step.number is None:
            assert step.optional or id(step) in in_optional_group, (procedure.id, step.syntax)


@pytest.mark.parametrize("procedure", PARAMS)
def test_everything_has_help(procedure: Procedure) -> None:
    assert procedure.help
    assert all(step.help for _, step in procedure.walk())
    assert all(group.help and group.title for group in groups(procedure.steps))


def _help_texts() -> list[str]:
    texts: list[str] = []
    for procedure in CATALOGUE.values():
        texts.append(procedure.help)
        texts.extend(step.help for _, step in procedure.walk())
        texts.extend(group.help for group in groups(procedure.steps))
    return texts


def copied(text: str, guide_text: str) -> bool:
    """The text, or any run of six of its words, appears in the (normalised) guide."""
    words = text.lower().split()
    if len(words) < 6:
        return False
    runs = (" ".join(words[i : i + 6]) for i in range(len(words) - 5))
    return any(run in guide_text for run in runs)


def test_the_copy_check_finds_a_guide_sentence(guide_text: str) -> None:
    assert copied(
        "Configures the replay protection mechanism within the PMIPv6 domain.", guide_text
    )
    assert not copied("Drop signalling whose timestamp is too old.", guide_text)


def test_no_help_text_is_copied_from_the_guide(guide_text: str) -> None:
    assert [text for text in sorted(set(_help_texts())) if copied(text, guide_text)] == []
