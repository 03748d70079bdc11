"""The domain map: pure layout of domains, boxes and tunnel edges; the `m` screen, live."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pmiptui.history.store import PollRow, TunnelRow
from pmiptui.model.poll import RouterInfo
from pmiptui.ui.data.domain_map import (
    DOWN,
    STALE,
    UP,
    MapRouter,
    MapTunnel,
    edges,
    layout,
    legend,
    replayed_routers,
)
from pmiptui.ui.data.replay import UNKNOWN, ReplayFrame, recorded_status
from pmiptui.ui.data.router_state import RouterState
from pmiptui.ui.screens.domain_map import DomainMapScreen
from pmiptui.ui.screens.fleet import FleetScreen
from tests.ui.conftest import make_app, palette_command, settle


def _router(name: str, role: str, *tunnels: tuple[str, bool | None, int | None], **kw) -> MapRouter:
    return MapRouter(
        name=name,
        role=role,
        ident=kw.get("ident", name.upper()),
        domain=kw.get("domain", "D1"),
        status=kw.get("status", "OK"),
        tunnels=tuple(MapTunnel(peer_id=p, up=u, bindings=b) for p, u, b in tunnels),
    )


def _styled(drawing, style: str) -> list[str]:
    return [drawing.lines[s.line][s.start : s.end] for s in drawing.spans if s.style == style]


def _fleet() -> list[MapRouter]:
    return [
        _router("lma1", "lma", ("MAG1", True, 12), ("MAG2", False, 3)),
        _router("mag1", "mag", ("LMA1", True, 12)),
        _router("mag2", "mag", ("LMA1", False, 3)),
    ]


def test_one_lma_two_mags_each_edge_labelled_with_its_bindings():
    drawing = layout(_fleet())
    text = "\n".join(drawing.lines)
    assert drawing.lines[0].startswith("Domain D1")
    assert "│ LMA LMA1  OK │" in text
    assert "┤ MAG MAG1  OK │" in text and "┤ MAG MAG2  OK │" in text
    assert [e.state for e in edges(_fleet())] == [UP, DOWN]
    (up,) = _styled(drawing, UP)
    (down,) = _styled(drawing, DOWN)
    assert " 12 " in up and up.endswith("┤") and "─" in up
    assert " 3 " in down and "╌" in down
    assert all(len(line) == len(line.rstrip()) for line in drawing.lines)


def test_box_edges_line_up_with_the_trunk_and_the_mag_box():
    lines = layout(_fleet()).lines
    tee = lines[3].index("┬")
    assert all(line[tee] in "│├└" for line in lines[4:9] if len(line) > tee)
    edge_row = next(i for i, line in enumerate(lines) if "┤" in line)
    assert lines[edge_row - 1].index("┌") == lines[edge_row].index("┤")


def test_a_stale_mag_draws_its_edges_stale_whatever_the_lma_says():
    routers = _fleet()
    routers[1] = _router("mag1", "mag", ("LMA1", True, 12), status="STALE")
    states = {e.mag: e.state for e in edges(routers)}
    assert states == {"MAG1": STALE, "MAG2": DOWN}
    drawing = layout(routers)
    assert any(" 12 " in s and "┄" in s for s in _styled(drawing, STALE))
    assert "STALE" in _styled(drawing, "status:STALE")


def test_an_error_lma_makes_every_edge_stale_but_keeps_the_last_counts():
    routers = _fleet()
    routers[0] = _router("lma1", "lma", ("MAG1", True, 12), status="ERROR")
    assert [(e.state, e.bindings) for e in edges(routers)] == [(STALE, 12), (STALE, 3)]


def test_two_domains_and_a_peer_outside_the_inventory():
    routers = [
        *_fleet(),
        _router("lma9", "lma", ("MAG9", True, 5), domain="D2"),
        _router("mag9", "mag", ("LMA9", True, 5), ("LMA7", False, 0), domain="D2"),
    ]
    drawing = layout(routers)
    titles = _styled(drawing, "title")
    assert titles == ["Domain D1", "Domain D2"]
    d2 = drawing.lines.index("Domain D2  2 LMA")
    text = "\n".join(drawing.lines[d2:])
    assert "LMA7  not polled" in text and "MAG9" in text
    assert "MAG1" not in text
    assert "LMA7" in _styled(drawing, "peer")


def test_a_mag_without_tunnels_is_listed_unconnected():
    routers = [*_fleet(), _router("mag3", "mag")]
    drawing = layout(routers)
    at = drawing.lines.index("No tunnel:")
    assert "MAG MAG3  OK" in drawing.lines[at + 2]
    assert all("MAG3" not in e.mag for e in edges(routers))


def test_an_empty_fleet_and_the_legend():
    assert layout([]).lines == ["no routers yet"]
    (line,) = legend().lines
    assert "up" in line and "down" in line and "stale" in line and "bindings" in line


def test_router_names_differing_from_ids_are_shown():
    routers = [_router("edge-a", "lma", ident="LMA1"), _router("mag1", "mag", ("LMA1", None, None))]
    text = "\n".join(layout(routers).lines)
    assert "LMA LMA1 (edge-a)" in text
    assert " ? " in text
    assert edges(routers)[0].state == STALE


@pytest.mark.asyncio
async def test_m_opens_the_map_it_follows_polls_and_escape_goes_back(fake):
    app = make_app(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DomainMapScreen)
        text = "\n".join(screen.drawing.lines)
        assert "LMA LMA1  OK" in text and "MAG MAG2  OK" in text
        assert "LMA2  not polled" in text  # the MAGs' down tunnel to an LMA not polled
        assert any(" 12 " in s for s in _styled(screen.drawing, UP))
        fake.fail("mag2", "Authentication failed for admin@127.0.0.1:2202")
        await pilot.press("r")
        await settle(app, pilot)
        assert "MAG MAG2  ERROR" in "\n".join(screen.drawing.lines)
        assert any(" 12 " in s for s in _styled(screen.drawing, STALE))
        await pilot.press("m")
        assert app.screen is screen
        await pilot.press("escape")
        assert isinstance(app.screen, FleetScreen)


@pytest.mark.asyncio
async def test_palette_map_and_help_lists_the_key(fake):
    app = make_app(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one("#help-table")
        ids = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        assert "app.map" in ids
        await pilot.press("escape")
        await palette_command(app, pilot, ":map")
        await pilot.pause()
        assert isinstance(app.screen, DomainMapScreen)


def test_a_mag_that_never_reported_tunnels_is_not_said_to_have_none():
    routers = [*_fleet(), _router("mag3", "mag"), replace(_router("mag4", "mag"), tunnels=None)]
    lines = layout(routers).lines
    assert "MAG MAG3  OK" in lines[lines.index("No tunnel:") + 2]
    assert "MAG MAG4  OK" in lines[lines.index("Tunnels unknown:") + 2]


def _info(name: str, role: str) -> RouterInfo:
    return RouterInfo(
        name=name, host="h", role=role, pmipv6_id=name.upper(), domain="D1", poll_interval_sec=10
    )


def _poll(name: str, at: float, ok: bool = True, **summary) -> PollRow:
    error = None if ok else "timeout"
    return PollRow(router=name, at=at, ok=ok, error=error, latency_ms=5, summary=summary)


def test_replayed_routers_draw_what_was_recorded_and_nothing_else():
    states = [
        RouterState(info=_info(name, role), order=n, since=0)
        for n, (name, role) in enumerate(
            [("lma1", "lma"), ("mag1", "mag"), ("mag2", "mag"), ("mag3", "mag")]
        )
    ]
    frame = ReplayFrame(
        at=100.0,
        polls={
            "lma1": _poll("lma1", 95, domain="D9"),
            "mag1": _poll("mag1", 96, ok=False),
            "mag2": _poll("mag2", 60),  # nothing newer for 40 s: stale at that moment
        },
        tunnels={
            "lma1": [TunnelRow(peer_id="MAG1", up=True, bindings=7)],
            "mag1": [TunnelRow(peer_id="LMA1", up=False, bindings=7)],
        },
    )
    routers = {r.name: r for r in replayed_routers(states, frame)}
    assert [r.status for r in routers.values()] == ["OK", "ERROR", "STALE", UNKNOWN]
    assert routers["lma1"].domain == "D9" and routers["mag1"].domain == "D1"
    assert routers["lma1"].tunnels == (MapTunnel(peer_id="MAG1", up=True, bindings=7),)
    assert routers["mag2"].tunnels is None and routers["mag3"].tunnels is None
    assert [(e.mag, e.state, e.bindings) for e in edges(list(routers.values()))] == [
        ("MAG1", STALE, 7)
    ]
    text = "\n".join(layout(list(routers.values())).lines)
    assert "MAG MAG3  UNKNOWN" in text and "No tunnel:" not in text
    assert recorded_status(None, 100.0, 10) == UNKNOWN
