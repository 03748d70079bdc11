"""The lab network without SSH: config-driven bindings, seeded mobility, parseable output."""

from __future__ import annotations

from typing import Any

import pytest

from pmiptui.ios.cli_error import CliError
from pmiptui.ios.config_tree import apply
from pmiptui.ios.matcher import resolve
from pmiptui.ios.modes import CONFIG, PRIV_EXEC, Frame, ModeStack
from pmiptui.lab.console import RouterConsole
from pmiptui.lab.network import LabNetwork
from pmiptui.lab.router import SimRouter
from pmiptui.lab.runtime import build_network
from pmiptui.lab.topology import load_topology
from pmiptui.model.stats import PmipStats
from pmiptui.parse import parse

KINDS = {"globals": "globals", "binding": "bindings", "stats": "stats", "tunnel": "tunnel"}


def fleet(mobile_nodes: int = 60, seed: int = 3) -> dict[str, SimRouter]:
    return build_network(load_topology(), mobile_nodes=mobile_nodes, seed=seed).routers


def tick(routers: dict[str, SimRouter], times: int = 1) -> None:
    """Tick the lab clock: the routers' shared network moves `times` steps."""
    network = next(iter(routers.values())).network
    assert isinstance(network, LabNetwork)
    for _ in range(times):
        network.tick()


def configure(router: SimRouter, lines: list[str]) -> None:
    """Type config lines from global config mode, as an operator would."""
    stack: ModeStack = (Frame(mode=PRIV_EXEC), Frame(mode=CONFIG))
    for line in lines:
        found = resolve(stack, line)
        assert not isinstance(found, CliError), f"{line!r}: {found.render()}"
        running, stack = apply(router.running, stack, found)
        router.set_running(running)


def show(router: SimRouter, what: str, ident: str | None = None, role: str | None = None) -> str:
    return "".join(router.show_pmipv6(role or router.spec.role, what, ident))


def records(router: SimRouter, what: str) -> list[Any]:
    result = parse(f"{router.spec.role}-{KINDS[what]}", show(router, what))
    assert result.unparsed == [], result.unparsed[:3]
    assert result.warnings == []
    return result.records


def stats(router: SimRouter) -> PmipStats:
    return records(router, "stats")[0]


def nais(router: SimRouter) -> set[str]:
    return {b.nai for b in records(router, "binding")}


@pytest.fixture(scope="module")
def busy() -> dict[str, SimRouter]:
    routers = fleet()
    tick(routers, 40)
    return routers


@pytest.mark.parametrize("what", list(KINDS))
def test_every_show_parses_cleanly(busy: dict[str, SimRouter], what: str) -> None:
    for router in busy.values():
        assert records(router, what), f"{router.spec.name} {what}"


def test_ids_and_roles_the_router_lacks_print_nothing(busy: dict[str, SimRouter]) -> None:
    assert show(busy["mag1"], "globals", ident="mag1")
    assert show(busy["mag1"], "globals", ident="mag9") == ""
    assert show(busy["mag1"], "binding", role="lma") == ""
    assert show(busy["lma1"], "globals", role="mag") == ""


def test_mag_and_lma_views_agree(busy: dict[str, SimRouter]) -> None:
    on_lma = {b.nai: b for b in records(busy["lma1"], "binding")}
    seen = set()
    for name in ("mag1", "mag2"):
        for mag_view in records(busy[name], "binding"):
            lma_view = on_lma[mag_view.nai]
            assert lma_view.peer_id == name and mag_view.peer_id == "lma1"
            for field in ("ipv4_home_address", "ipv6_hnps", "gre_key_up", "gre_key_down"):
                assert getattr(mag_view, field) == getattr(lma_view, field), field
            for field in ("sequence", "remaining_sec", "lifetime_sec", "uptime_sec", "encap"):
                assert getattr(mag_view, field) == getattr(lma_view, field), field
            seen.add(mag_view.nai)
    assert seen == set(on_lma)
    assert len(seen) > 30
    tunnels = {t.peer_id: t.bindings for t in records(busy["lma1"], "tunnel")}
    assert tunnels == {name: len(nais(busy[name])) for name in ("mag1", "mag2")}


def test_encapsulation_follows_the_peer_config(busy: dict[str, SimRouter]) -> None:
    gre = records(busy["mag1"], "binding")
    assert {b.encap for b in gre} == {"gre-ipv4"} and all(b.gre_key_up for b in gre)
    v6 = records(busy["mag2"], "binding")
    assert {b.encap for b in v6} == {"ipv6-in-ipv6"} and not any(b.gre_key_up for b in v6)
    assert {b.peer_address for b in v6} == {"2001:db8:0:1::1"}


def test_same_seed_replays_the_same_mobility() -> None:
    first, second, other = fleet(seed=5), fleet(seed=5), fleet(seed=6)
    for routers in (first, second, other):
        tick(routers, 15)
    assert show(first["lma1"], "binding") == show(second["lma1"], "binding")
    assert show(first["mag2"], "stats") == show(second["mag2"], "stats")
    assert show(first["lma1"], "binding") != show(other["lma1"], "binding")


def test_ticks_move_mobile_nodes_and_counters_only_grow() -> None:
    routers = fleet()
    where = {n: name for name in ("mag1", "mag2") for n in nais(routers[name])}
    before = {name: stats(r) for name, r in routers.items()}
    moved = attached = detached = 0
    for _ in range(10):
        tick(routers, 3)
        now = {n: name for name in ("mag1", "mag2") for n in nais(routers[name])}
        moved += sum(1 for n in now.keys() & where.keys() if now[n] != where[n])
        attached += len(now.keys() - where.keys())
        detached += len(where.keys() - now.keys())
        where = now
        for name, router in routers.items():
            after = stats(router)
            for field in PmipStats.__dataclass_fields__:
                if field in ("bindings_current", "pba_rejected_by_status"):
                    continue
                assert getattr(after, field) >= getattr(before[name], field), (name, field)
            before[name] = after
    assert moved and attached and detached
    lma = before["lma1"]
    assert lma.bri_sent and lma.bra_received and lma.pba_accepted
    assert lma.heartbeat_requests_sent and lma.heartbeat_failures == 0
    assert before["mag1"].heartbeat_requests_received == lma.heartbeat_requests_sent // 2


def test_removing_the_realm_nai_ends_bindings_on_both_sides() -> None:
    routers = fleet()
    configure(routers["lma1"], ["ipv6 mobile pmipv6-domain D1", "no nai @example.com"])
    tick(routers, 5)
    for router in routers.values():
        assert records(router, "binding") == [], router.spec.name
    assert records(routers["lma1"], "tunnel") == []
    lma = stats(routers["lma1"])
    assert lma.bri_sent > 30
    rejected = {s.code: s.count for s in lma.pba_rejected_by_status}
    assert rejected[153] > 0 and lma.pba_rejected == sum(rejected.values())


def test_removing_the_nai_on_one_mag_ends_only_its_bindings() -> None:
    routers = fleet()
    configure(routers["mag2"], ["ipv6 mobile pmipv6-domain D1", "no nai @example.com"])
    tick(routers, 3)
    assert nais(routers["mag2"]) == set()
    assert nais(routers["mag1"]) == nais(routers["lma1"]) != set()


def test_bce_maximum_caps_the_lma() -> None:
    routers = fleet()
    configure(routers["lma1"], ["ipv6 mobile pmipv6-lma lma1 domain D1", "bce maximum 10"])
    tick(routers, 10)
    assert len(records(routers["lma1"], "binding")) == 10
    assert len(nais(routers["mag1"]) | nais(routers["mag2"])) == 10
    rejected = {s.code: s.count for s in stats(routers["lma1"]).pba_rejected_by_status}
    assert rejected[130] > 0


def test_a_mag_with_the_wrong_lma_address_gets_no_bindings() -> None:
    routers = fleet()
    configure(
        routers["mag2"],
        [
            "ipv6 mobile pmipv6-mag mag2 domain D1",
            "lma lma1 D1",
            "no ipv4-address 10.0.0.1",
            "ipv4-address 10.9.9.9",
        ],
    )
    tick(routers, 10)
    assert nais(routers["mag2"]) == set()
    assert records(routers["mag2"], "tunnel") == []
    assert stats(routers["mag2"]).pbu_resent > 0
    assert nais(routers["mag1"]) == nais(routers["lma1"]) != set()


def test_a_mag_without_its_instance_has_no_bindings() -> None:
    routers = fleet()
    configure(routers["mag1"], ["no ipv6 mobile pmipv6-mag mag1 domain D1"])
    tick(routers, 3)
    assert show(routers["mag1"], "binding") == ""
    assert {b.peer_id for b in records(routers["lma1"], "binding")} == {"mag2"}


def test_clear_restarts_the_counters() -> None:
    routers = fleet()
    tick(routers, 5)
    routers["lma1"].clear_pmipv6()
    cleared = stats(routers["lma1"])
    assert cleared.counters_age_sec == 0 and cleared.pba_sent == 0
    assert cleared.bindings_current == cleared.bindings_max
    assert stats(routers["mag1"]).counters_age_sec > 0


def test_lma_binding_streams_in_chunks() -> None:
    routers = fleet(mobile_nodes=2000)
    chunks = iter(routers["lma1"].show_pmipv6("lma", "binding", None))
    header = next(chunks)
    assert header.startswith("Total LMA bindings : ")
    rest = list(chunks)
    assert len(rest) >= 3
    result = parse("lma-bindings", header + "".join(rest))
    assert len(result.records) == int(header.split(":")[1]) > 1500
    assert result.unparsed == [] and result.warnings == []


def test_an_exact_nai_entry_overrides_the_realm_for_that_mn() -> None:
    routers = fleet()
    first, second = sorted(nais(routers["lma1"]))[:2]
    configure(
        routers["lma1"],
        [
            "ipv6 mobile pmipv6-domain D1",
            f"nai {first}",
            "lma lma1",
            "service ipv6",
            "exit",
            f"nai {second}",
            "lma lma9",
        ],
    )
    bindings = {b.nai: b for b in records(routers["lma1"], "binding")}
    assert bindings[first].ipv4_home_address is None and bindings[first].ipv6_hnps
    assert second not in bindings
    others = [b for n, b in bindings.items() if n != first]
    assert all(b.ipv4_home_address and b.ipv6_hnps for b in others)
    on_mags = {b.nai: b for name in ("mag1", "mag2") for b in records(routers[name], "binding")}
    assert on_mags[first].ipv4_home_address is None and second not in on_mags


@pytest.mark.parametrize(
    "line",
    [
        "sh ipv6 mob pmipv6 mag bind",
        "show ipv6 mobile pmipv6 mag bindings",
        "sho ipv6 mobile pmipv6 mag mag1 binding",
        "sh ipv6 mo pm mag bi | i ^Total",
    ],
)
def test_abbreviated_shows_answer_like_the_full_command(busy, line: str) -> None:
    console = RouterConsole(busy["mag1"])
    ask = console.execute("enable").ask
    assert ask is not None
    ask.answer("admin")
    full = "".join(console.execute("show ipv6 mobile pmipv6 mag binding").output)
    got = "".join(console.execute(line).output)
    assert got.startswith("Total MAG bindings : ")
    if "Total" not in line:
        assert got == full
