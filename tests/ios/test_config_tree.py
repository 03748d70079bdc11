"""Running-config tree: replace vs append, no-forms, modes, printing and parsing."""

from __future__ import annotations

from pmiptui.ios import (
    CliError,
    ConfigNode,
    apply,
    empty_tree,
    parse_running_config,
    render_running_config,
    resolve,
    section,
)
from pmiptui.ios.modes import PRIV_EXEC, Frame, ModeStack


def run(lines: list[str], tree: ConfigNode | None = None) -> tuple[ConfigNode, ModeStack]:
    state = tree or empty_tree()
    stack: ModeStack = (Frame(mode=PRIV_EXEC),)
    for line in ["configure terminal", *lines]:
        found = resolve(stack, line)
        assert not isinstance(found, CliError), f"{line!r}: {found.render()}"
        state, stack = apply(state, stack, found)
    return state, stack


def body(tree: ConfigNode) -> list[str]:
    return [ln for ln in render_running_config(tree).splitlines() if ln not in ("!", "end")]


def test_singletons_replace_and_repeatables_append() -> None:
    tree, _ = run(
        [
            "ipv6 mobile pmipv6-domain D1",
            "encap gre-ipv4",
            "encap udptunnel",
            "exit",
            "ipv6 mobile pmipv6-mag m1 domain D1",
            "lma l1 D1",
            "ipv4-address 10.0.0.1",
            "ipv4-address 10.0.0.2",
            "ipv4-address 10.0.0.1",
            "encap gre-ipv4",
            "encap ipv6-in-ipv6",
        ]
    )
    assert body(tree) == [
        "ipv6 mobile pmipv6-domain D1",
        " encap udptunnel",
        "ipv6 mobile pmipv6-mag m1 domain D1",
        " lma l1 D1",
        "  ipv4-address 10.0.0.1",
        "  ipv4-address 10.0.0.2",
        "  encap ipv6-in-ipv6",
    ]


def test_reentering_a_block_edits_it() -> None:
    tree, stack = run(
        [
            "ipv6 mobile pmipv6-domain D1",
            "lma lma1",
            "ipv6-address 2001:db8::1",
            "exit",
            "lma lma2",
            "exit",
            "lma lma1",
            "ipv6-address 2001:db8::9",
        ]
    )
    assert stack[-1].mode == "config-ipv6-pmipv6-domain-lma"
    assert body(tree) == [
        "ipv6 mobile pmipv6-domain D1",
        " lma lma1",
        "  ipv6-address 2001:DB8::9",
        " lma lma2",
    ]


def test_keyed_lines_replace_by_name() -> None:
    tree, _ = run(
        [
            "ip local pool a 10.0.0.1 10.0.0.9",
            "ip local pool b 10.1.0.1 10.1.0.9",
            "ip local pool a 10.2.0.1 10.2.0.9",
        ]
    )
    assert body(tree) == ["ip local pool a 10.2.0.1 10.2.0.9", "ip local pool b 10.1.0.1 10.1.0.9"]


def test_no_removes_lines_and_blocks() -> None:
    tree, _ = run(
        [
            "ipv6 mobile pmipv6-domain D1",
            "encap gre-ipv4",
            "lma lma1",
            "ipv4-address 10.0.0.1",
            "exit",
            "mag mag1",
            "exit",
            "no encap",
            "no lma lma1",
            "exit",
            "ipv6 mobile pmipv6-mag m1 domain D1",
            "lma l1 D1",
            "ipv4-address 10.0.0.1",
            "ipv4-address 10.0.0.2",
            "no ipv4-address 10.0.0.1",
        ]
    )
    assert body(tree) == [
        "ipv6 mobile pmipv6-domain D1",
        " mag mag1",
        "ipv6 mobile pmipv6-mag m1 domain D1",
        " lma l1 D1",
        "  ipv4-address 10.0.0.2",
    ]


def test_fallback_moves_the_prompt_to_the_enclosing_mode() -> None:
    _, stack = run(["ipv6 mobile pmipv6-domain D1", "mobile-map M 1", "ipv6 unicast-routing"])
    assert [f.mode for f in stack] == [PRIV_EXEC, "config"]
    _, stack = run(["ipv6 mobile pmipv6-lma L domain D", "network a", "network b"])
    assert stack[-1].mode == "config-ipv6-pmipv6lma-network"
    assert stack[-1].path[-1] == (stack[-1].path[-1][0], "b")


def test_end_exit_and_do() -> None:
    _, stack = run(["ipv6 mobile pmipv6-lma L domain D", "network a", "do show run", "end"])
    assert [f.mode for f in stack] == [PRIV_EXEC]
    _, stack = run(["vrf definition v", "exit", "exit"])
    assert [f.mode for f in stack] == [PRIV_EXEC]


def test_running_config_round_trips_with_unknown_lines() -> None:
    text = "\n".join(
        [
            "Building configuration...",
            "",
            "Current configuration : 100 bytes",
            "!",
            "version 16.7",
            "hostname lma1",
            "!",
            "line vty 0 4",
            " transport input ssh",
            "!",
            "ipv6 mobile pmipv6-lma lma1 domain D1",
            " address ipv6 2001:DB8::1",
            " network n1",
            "  pool ipv4 v4pool pfxlen 24",
            " heartbeat interval 300 retries 3",
            "!",
            "end",
        ]
    )
    tree = parse_running_config(text)
    assert [n.command is None for n in tree.children] == [True, False, True, False]
    assert tree.children[2].children[0].line == "transport input ssh"
    lma = tree.children[3]
    assert lma.values == {"lma-id": "lma1", "domain-name": "D1"}
    assert lma.children[1].children[0].values["pool-name"] == "v4pool"
    printed = render_running_config(tree)
    assert parse_running_config(printed) == tree
    assert render_running_config(parse_running_config(printed)) == printed
    assert render_running_config(tree, banner=True).startswith("Building configuration...")


def test_section_filter() -> None:
    text = "\n".join(
        [
            "hostname m",
            "ipv6 mobile pmipv6-domain D1",
            " lma lma1",
            "  ipv6-address 2001:DB8::1",
            " mag mag1",
            "!",
            "ipv6 mobile pmipv6-mag m domain D1",
            " role lte",
        ]
    )
    assert section(text, "pmipv6-domain") == "\n".join(text.splitlines()[1:5])
    assert section(text, "lma lma1") == " lma lma1\n  ipv6-address 2001:DB8::1"
    assert section(text, "nothing") == ""


def test_node_repr_masks_keys() -> None:
    tree, _ = run(["ipv6 mobile pmipv6-domain D1", "auth-option spi 64 key ascii s3cret"])
    node = tree.children[0].children[0]
    assert node.line == "auth-option spi 64 key ascii s3cret"
    assert "s3cret" not in repr(node)
