"""YAML is loaded with alias expansion bounded and errors as one line naming the file."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from pmiptui.configgen.values_file import load_values
from pmiptui.errors import InputError
from pmiptui.inventory import load_inventory
from pmiptui.lab.topology import load_topology
from pmiptui.safe_yaml import MAX_ALIAS_NODES, load_yaml


def _bomb(levels: int, *, merge: bool = False) -> str:
    """Billion laughs: each level holds nine aliases of the level below; with `merge`, as
    merge keys, which PyYAML's constructor copies pair by pair."""
    lines = ["a0: &a0 {k: v}" if merge else 'a0: &a0 ["lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels + 1):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} " + (f"{{<<: [{refs}]}}" if merge else f"[{refs}]"))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("bomb", [_bomb(9), _bomb(9, merge=True)], ids=["lists", "merges"])
def test_alias_bomb_is_refused_fast_with_bounded_memory(bomb: str) -> None:
    assert len(bomb) < 500
    started = time.perf_counter()
    with pytest.raises(InputError) as refused:
        load_yaml(bomb, source="inventory.yaml")
    assert time.perf_counter() - started < 0.5
    tracemalloc.start()
    try:
        with pytest.raises(InputError):
            load_yaml(bomb, source="inventory.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000
    message = str(refused.value)
    assert message.startswith("inventory.yaml: ")
    assert "alias" in message and "\n" not in message


def test_inventory_alias_bomb_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "inventory.yaml"
    path.write_text(_bomb(9))
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"inventory\.yaml: .*alias bombs"):
        load_inventory(path)
    assert time.perf_counter() - started < 0.5


def test_anchors_and_merge_keys_of_an_ordinary_inventory_still_load(tmp_path: Path) -> None:
    first = (
        "lma1: &defaults\n"
        "  device_type: cisco_xe\n"
        "  host: 10.0.0.254\n"
        "  username: admin\n"
        "  password: ${ROUTER_PASSWORD}\n"
        "  port: 22\n"
        "  role: lma\n"
    )
    devices = "".join(
        f"mag{n}:\n  <<: *defaults\n  host: 10.0.0.{n}\n  role: mag\n" for n in range(1, 301)
    )
    groups = "mags: &mags [mag1, mag2, mag3]\nedge: *mags\n"
    path = tmp_path / "inventory.yaml"
    path.write_text(first + devices + groups)
    inventory = load_inventory(path)
    assert inventory.devices["mag300"]["device_type"] == "cisco_xe"
    assert inventory.devices["mag7"]["host"] == "10.0.0.7"
    assert inventory.devices["mag7"]["role"] == "mag" and inventory.devices["mag7"]["port"] == 22
    assert inventory.groups["edge"] == ("mag1", "mag2", "mag3")


def test_plain_anchor_reuse_loads() -> None:
    data = load_yaml("a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\n", source="f.yaml")
    assert data == {"a": [1, 2], "b": [1, 2], "c": "text", "d": "text"}


def test_expansion_just_under_the_bound_loads_quickly() -> None:
    width = 100
    per_use = 2 * width + 1
    uses = MAX_ALIAS_NODES // per_use
    keys = ", ".join(f"k{i}: {i}" for i in range(width))
    text = f"base: &b {{{keys}}}\nitems:\n" + "".join("- *b\n" for _ in range(uses))
    started = time.perf_counter()
    data = load_yaml(text, source="big.yaml")
    assert time.perf_counter() - started < 2.0
    assert isinstance(data, dict) and len(data["items"]) == uses
    with pytest.raises(InputError, match="alias"):
        load_yaml(text + "- *b\n" * 2, source="big.yaml")


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(InputError, match=r"^loop\.yaml: .*recursive"):
        load_yaml("a: &a [1, *a]\n", source="loop.yaml")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("mag1: [unclosed\n", "line 2"),
        ("a: 1\n  b: 2\n", "line 2"),
        ("a: *nowhere\n", "line 1"),
        ("a: !!python/object:os.system x\n", "line 1"),
    ],
)
def test_malformed_yaml_is_one_line_naming_file_and_line(text: str, where: str) -> None:
    with pytest.raises(InputError) as refused:
        load_yaml(text, source="values.yaml")
    message = str(refused.value)
    assert message.startswith("values.yaml: not valid YAML at " + where)
    assert "\n" not in message


def test_deep_nesting_is_one_line() -> None:
    with pytest.raises(InputError, match=r"^deep\.yaml: .*nested too deeply"):
        load_yaml("[" * 20000 + "]" * 20000, source="deep.yaml")


def test_secret_text_of_a_bad_line_is_not_quoted() -> None:
    with pytest.raises(InputError) as refused:
        load_yaml("password: TopSecret99\n  oops: [\n", source="inv.yaml")
    assert "TopSecret99" not in str(refused.value)


def test_every_load_site_uses_the_bounded_loader(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_bomb(9))
    with pytest.raises(InputError, match="alias bombs"):
        load_values(str(bomb))
    with pytest.raises(InputError, match="alias bombs"):
        load_topology(bomb)


def test_console_settings_use_the_bounded_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmiptui import console

    monkeypatch.setattr(console, "CONFIG_DIR", tmp_path)
    (tmp_path / "config.yaml").write_text(_bomb(9, merge=True))
    with pytest.raises(InputError, match=r"config\.yaml: .*alias bombs"):
        console.user_settings()
    (tmp_path / "config.yaml").write_text("keys: {app.pause: [\n")
    with pytest.raises(InputError, match=r"config\.yaml: not valid YAML at line 2"):
        console.user_settings()


@pytest.mark.parametrize(
    "text",
    ["a: 2024-13-45\n", "a: \x00\n", "a: !!binary 'x'\n", "{[1]: 2}\n", "---\na: 1\n---\nb: 2\n"],
)
def test_other_unloadable_documents_are_one_line_input_errors(text: str) -> None:
    with pytest.raises(InputError, match=r"^odd\.yaml: not valid YAML") as refused:
        load_yaml(text, source="odd.yaml")
    assert "\n" not in str(refused.value)
