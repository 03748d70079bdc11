"""Every console screen at 80x24 as a 16-colour terminal shows it (TERM=xterm, screen, tmux).

Textual composes each frame in truecolor and downgrades the colours only as it writes them
to the terminal (`Strip.render`, with the console's colour system). These tests take the
composed screen and downgrade it the same way, then check what an operator on such a
terminal would see: no text in its background's colour, states that differ by more than a
colour that collapsed, key columns and footer keys on screen.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.color import Color, ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from pmiptui.history.recording import RecordingPoller
from pmiptui.history.store import History
from pmiptui.ui import app as app_module
from pmiptui.ui import formatting
from pmiptui.ui.app import PmipApp
from pmiptui.ui.data import router_state as rs
from pmiptui.ui.widgets.bindings_pane import BindingsPane
from pmiptui.ui.widgets.keyed_table import KeyedTable
from tests.ui.conftest import INTERVAL, make_app, open_router, open_wizard, settle
from tests.ui.fake_configurator import FakeConfigurator
from tests.ui.fake_history import FakeHistory
from tests.ui.fake_poller import FakePoller

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parents[2]
TEXT = re.compile(r"[\w%+~/?:.@()-]")
"""Characters that carry information (box drawing, blocks and spaces are decoration)."""


# -- the screen as a 16-colour terminal gets it


def _ansi16(color: Color | None) -> Color | None:
    return None if color is None else color.downgrade(ColorSystem.STANDARD)


def _style16(style: Style | None) -> Style | None:
    """`style` with the colours `Strip.render` sends to a 16-colour terminal."""
    if style is None:
        return None
    return style + Style(color=_ansi16(style.color), bgcolor=_ansi16(style.bgcolor))


def screen16(app: PmipApp) -> list[list[Segment]]:
    """The screen as drawn (modal screens over their background): segments per line."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    return [
        [Segment(s.text, _style16(s.style)) for strip in line for s in strip]
        for line in update.strips  # type: ignore[union-attr]
    ]


async def shown16(app: PmipApp, pilot: Any) -> list[list[Segment]]:
    """`screen16` once two frames in a row agree (a tab switch can take a frame to show)."""
    before: list[str] = []
    for _ in range(10):
        await pilot.pause()
        lines = screen16(app)
        if rows(lines) == before:
            break
        before = rows(lines)
    return lines


@dataclass(frozen=True, slots=True)
class Look:
    """A character's look in 16 colours: colour numbers 0-15, None for the terminal's own."""

    fg: int | None
    bg: int | None
    bold: bool
    reverse: bool

    @classmethod
    def of(cls, style: Style | None) -> Look:
        style = style or Style()

        def number(color: Color | None) -> int | None:
            return None if color is None or color.is_default else color.number

        return cls(
            number(style.color), number(style.bgcolor), bool(style.bold), bool(style.reverse)
        )

    @property
    def shown(self) -> tuple[int | None, int | None]:
        """Foreground and background as they appear (reverse swaps them)."""
        return (self.bg, self.fg) if self.reverse else (self.fg, self.bg)


def rows(lines: list[list[Segment]]) -> list[str]:
    """The screen's text, line by line."""
    return ["".join(s.text for s in line) for line in lines]


def look_at(lines: list[list[Segment]], text: str) -> Look:
    """The look of the first character of the first `text` on screen."""
    for line in lines:
        column = "".join(s.text for s in line).find(text)
        if column < 0:
            continue
        for segment in line:
            if column < len(segment.text):
                return Look.of(segment.style)
            column -= len(segment.text)
    raise AssertionError(f"{text!r} is not on screen:\n" + "\n".join(rows(lines)))


def unreadable(lines: list[list[Segment]]) -> list[str]:
    """Text drawn in its own background's colour, as `row: text`."""
    found = []
    for number, line in enumerate(lines):
        for segment in line:
            fg, bg = Look.of(segment.style).shown
            if fg is not None and fg == bg and TEXT.search(segment.text):
                found.append(f"{number}: {segment.text.strip()!r} colour {fg} on {bg}")
    return found


def footer_gaps(app: PmipApp, lines: list[list[Segment]]) -> list[str]:
    """Footer keys (`key Description`) of the screen's shown bindings missing from its last line."""
    last = rows(lines)[-1]
    seen_actions: set[str] = set()
    missing = []
    for _node, binding, _enabled, _tooltip in app.screen.active_bindings.values():
        if not binding.show or binding.action in seen_actions:
            continue
        seen_actions.add(binding.action)
        key = app.get_key_display(binding)
        entry = rf"(^|\s){re.escape(key)}\s+{re.escape(binding.description)}(\s|$)"
        if not re.search(entry, last):
            missing.append(f"{key} {binding.description}")
    return missing


class SixteenColourApp(PmipApp):
    """The console whose screenshots are what a 16-colour terminal shows."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
    """The app's stylesheet (a relative path would be read next to this test)."""

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        width, height = self.size
        console = Console(
            width=width,
            height=height,
            file=io.StringIO(),
            force_terminal=True,
            color_system="standard",
            record=True,
            legacy_windows=False,
            safe_box=False,
        )
        update = self.screen._compositor.render_update(
            full=True, screen_stack=self._background_screens, simplify=simplify
        )
        update.strips = [  # type: ignore[union-attr]
            [Strip([Segment(s.text, _style16(s.style)) for s in strip]) for strip in line]
            for line in update.strips  # type: ignore[union-attr]
        ]
        console.print(update)
        return console.export_svg(title=title or self.title)


# -- how 16-colour mode is chosen


@pytest.mark.parametrize(
    "env,system",
    [
        ({"TERM": "xterm"}, "standard"),
        ({"TERM": "screen"}, "standard"),
        ({"TERM": "tmux-256color"}, "256"),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, "truecolor"),
        ({"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "standard"}, "standard"),
    ],
)
def test_terminal_environment_picks_the_colour_system(env, system):
    """TERM without COLORTERM decides; TEXTUAL_COLOR_SYSTEM=standard forces 16 colours."""
    base = {k: v for k, v in os.environ.items() if k not in ("TERM", "COLORTERM", "NO_COLOR")}
    base.pop("TEXTUAL_COLOR_SYSTEM", None)
    code = (
        "from pmiptui.ui.app import PmipApp; from tests.ui.fake_poller import FakePoller; "
        "print(PmipApp(FakePoller(interval=60.0)).console.color_system)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=base | env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == system


# -- states


@pytest.mark.asyncio
async def test_router_states_and_tunnel_states_keep_apart_in_16_colours(fake):
    """Each status (and each tunnel state on the map) differs by colour even after the downgrade."""
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        variables = app.theme_variables
    statuses = {s: Look.of(_style16(st)) for s, st in formatting.palette(variables).items()}
    assert set(statuses) == {rs.OK, rs.STALE, rs.ERROR, rs.PAUSED, rs.WAIT}
    colours = {look.fg for look in statuses.values()}
    assert len(colours) == len(statuses), statuses
    assert all(look.fg not in (0, None) for look in statuses.values())
    tunnels = {
        k: Look.of(_style16(formatting.map_styles(variables)[k])).fg
        for k in ("up", "down", "stale")
    }
    assert len(set(tunnels.values())) == 3, tunnels


@pytest.mark.asyncio
async def test_fleet_error_stale_and_ok_rows_look_different(fake):
    fake.fail("mag2", "Authentication failed for admin@127.0.0.1:2202")
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        fake.hang("mag1")
        fake.clock.advance(3 * INTERVAL + 1)
        await pilot.press("r")  # lma1 polls again; mag1 hangs and goes stale
        await settle(app, pilot, skip=("mag1",))
        app.screen.refresh_rows()
        await pilot.press("down", "down")  # the cursor to the OK row (last)
        await pilot.pause()
        lines = await shown16(app, pilot)
        text = "\n".join(rows(lines))
        error, stale = look_at(lines, "ERROR"), look_at(lines, "STALE")
        assert error.fg != stale.fg, text
        assert error.fg not in (error.bg, None) and stale.fg not in (stale.bg, None), text
        assert "mag2" in text and "mag1" in text and "lma1" in text
        assert not unreadable(lines)
        fake.release()


# -- every screen


async def _fleet(app: PmipApp, pilot: Any, fake: FakePoller) -> None:
    await pilot.pause()


def _tab(key: str, router: str = "mag1") -> Callable[..., Awaitable[None]]:
    async def setup(app: PmipApp, pilot: Any, fake: FakePoller) -> None:
        await open_router(app, pilot, router)
        await pilot.press(key)
        await settle(app, pilot)

    return setup


def _tab_keys(*keys: str, router: str) -> Callable[..., Awaitable[None]]:
    async def setup(app: PmipApp, pilot: Any, fake: FakePoller) -> None:
        await open_router(app, pilot, router)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)

    return setup


def _change_one(fake: FakePoller) -> None:
    active = next(b for b in fake.bindings_of("mag1") if b.state == "BCE_ACTIVE")
    fake.modify_binding(active.nai, state="BCE_PENDING")


async def _marks(app: PmipApp, pilot: Any, fake: FakePoller) -> None:
    await open_router(app, pilot, "mag1")
    fake.add_binding("MAG1")
    _change_one(fake)
    await pilot.press("r")
    await settle(app, pilot)
    await settle(app, pilot)


async def _stale_banner(app: PmipApp, pilot: Any, fake: FakePoller) -> None:
    fake.hang("mag1")
    fake.clock.advance(3 * INTERVAL + 1)
    await pilot.press("r")
    await settle(app, pilot, skip=("mag1",))
    app.show_router("mag1")  # then `1`: a router opened on Globals can flip to Bindings
    for _ in range(50):  # when its first bindings view lands (BindingsPane.show focuses)
        await settle(app, pilot, skip=("mag1",))
        if app.screen.query(BindingsPane) and app.screen.query_one(BindingsPane).view:
            break
    await pilot.press("1")
    await settle(app, pilot, skip=("mag1",))


async def _detail(app: PmipApp, pilot: Any, fake: FakePoller) -> None:
    await open_router(app, pilot, "lma1")
    await pilot.press("down", "enter")
    await settle(app, pilot)


def _keys(*keys: str) -> Callable[..., Awaitable[None]]:
    async def setup(app: PmipApp, pilot: Any, fake: FakePoller) -> None:
        await pilot.press(*keys)
        await settle(app, pilot)

    return setup


def _wizard(review: bool) -> Callable[..., Awaitable[None]]:
    values = {
        "domain-name": "D1",
        "lmas": [{"lma-id": "lmaX", "ipv6-address": "2001:db8::9" if review else "2001:db8::zz"}],
        "nais": [{"user": "u1", "realm": "example.com", "lma-id": "lmaX", "service": "dual"}],
    }

    async def setup(app: PmipApp, pilot: Any, fake: FakePoller) -> None:
        screen = await open_wizard(app, pilot, values)
        screen.form.index = 3
        await screen.show_page()
        if review:
            await screen.review()
        await settle(app, pilot)

    return setup


@dataclass(frozen=True)
class Scene:
    """A screen to check: how to get there and what must be on it."""

    setup: Callable[..., Awaitable[None]]
    shows: tuple[str, ...] = ()
    """Texts that must be on screen whole (key columns, state words)."""
    apart: tuple[tuple[str, str], ...] = ()
    """Pairs of texts meaning different things, whose colours must stay different."""
    band: str = ""
    """A text on a band whose background must not be the screen's."""
    footer: bool = True
    configurator: bool = True
    history: bool = False
    """Give the console the fake recorded history (the trend charts read it)."""


SCENES = {
    "fleet": Scene(_fleet, ("status", "router", "ERROR", "OK", "mag2", "lma1")),
    "globals": Scene(_tab("1"), ("field", "value", "domain")),
    "bindings": Scene(_marks, ("chg", "nai", "state", "mn000024@example.com", "+1 new ~1 changed")),
    "stats": Scene(_tab("3"), ("counter", "value", "bindings_current")),
    "tunnels": Scene(_tab("4"), ("tunnel", "state", " up ", " down ")),
    "config": Scene(_tab("5"), ("ipv6 mobile pmipv6-mag",)),
    "log": Scene(_tab("6"), ("result", "command", "show ipv6 mobile pmipv6 mag")),
    "error-banner": Scene(_tab("1", "mag2"), ("mag2: last poll failed",), band="mag2: last"),
    "stale-banner": Scene(_stale_banner, ("mag1: STALE",), band="mag1: STALE"),
    "binding-detail": Scene(
        _detail,
        ("mn000001@example.com on lma1", "ipv4_home_address  10.10.0.1", "2001:db8:0:ffff::22"),
    ),
    "help": Scene(_keys("question_mark"), ("key", "does", "binding id", "app.help"), footer=False),
    "domain-map": Scene(
        _keys("m"),
        ("Domain D1", "ERROR", "up", "down", "stale"),
        apart=(("─── up", "╌╌╌ down"), ("╌╌╌ down", "┄┄┄ stale"), ("─── up", "┄┄┄ stale")),
    ),
    "wizard-step": Scene(
        _wizard(review=False),
        ("must be an IPv6 address",),
        apart=(("mag1(config-ipv6", "ipv6-address: must"),),
    ),
    "wizard-review": Scene(_wizard(review=True), ("READ-ONLY",)),
    "trends": Scene(
        _tab("7", "lma1"),
        ("Bindings · last 1h · lma1", "w window", "limit 50", "21:13Z", "22:13Z"),
        apart=(("⢕⢕ bindings", "╌╌ limit"),),
        history=True,
    ),
    "trends-pba": Scene(
        _tab_keys("7", "m", router="lma1"),
        ("accepted/min", "rejected/min"),
        apart=(("⢕⢕ accepted", "⢕⢕ rejected"),),
        history=True,
    ),
    "fleet-trends": Scene(
        _keys("t", "m", "m"),
        ("Tunnels up · last 1h · fleet", "tunnels up", "esc Back"),
        apart=(("⢕⢕ tunnels up", "╌╌ "),),
        history=True,
    ),
    "trends-no-history": Scene(_tab("7"), ("Trends need the history",)),
    "wizard-review-preview-only": Scene(
        _wizard(review=True), ("without a configurator", "only)"), configurator=False
    ),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("name", list(SCENES))
async def test_screen_is_legible_in_16_colours_at_80x24(fake, name):
    scene = SCENES[name]
    fake.fail("mag2", "Authentication failed for admin@127.0.0.1:2202")
    app = make_app(
        fake,
        configurator=FakeConfigurator() if scene.configurator else None,
        history=FakeHistory() if scene.history else None,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await scene.setup(app, pilot, fake)
        app.clear_notifications()
        await pilot.pause()
        lines = await shown16(app, pilot)
        text = "\n".join(rows(lines))
        assert not unreadable(lines), text
        for wanted in scene.shows:
            assert wanted in text, f"{wanted!r} not on screen:\n{text}"
        for one, other in scene.apart:
            assert look_at(lines, one).fg != look_at(lines, other).fg, (one, other)
        if scene.band:
            screen = Look.of(_style16(Style(bgcolor=app.screen.styles.background.rich_color)))
            assert look_at(lines, scene.band).bg not in (None, screen.bg), text
        if scene.footer:
            assert not footer_gaps(app, lines), text
        fake.release()  # a hung poll would hold the app's exit for its whole time limit


@pytest.mark.asyncio
async def test_bindings_footer_fits_80_columns(fake):
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "mag1")
        lines = await shown16(app, pilot)
        assert not footer_gaps(app, lines), rows(lines)[-1]


@pytest.mark.asyncio
async def test_fleet_cells_show_whole_when_they_grow(fake):
    """The key figures of a stale fleet: binding counts of their limit, age and latency."""
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        fake.clock.advance(3 * INTERVAL + 1)
        app.screen.refresh_rows()
        lines = await shown16(app, pilot)
        table = app.screen.query_one(KeyedTable)
        for key in table.keys:
            row = next(r for r in rows(lines) if f" {key} " in r)
            for column in ("status", "bindings", "reject", "poll"):
                cell = table.row_values(key)[table.column_names.index(column)].plain
                assert cell in row, (cell, row)


@pytest.mark.asyncio
async def test_replay_banner_is_legible(tmp_path):
    fake = FakePoller(interval=INTERVAL, bindings=24)
    history = History(tmp_path / "history.sqlite")
    app = PmipApp(RecordingPoller(fake, history), clock=fake.clock, history=history)
    app.animation_level = "none"
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            fake.clock.advance(INTERVAL)
            await pilot.press("r")
            await settle(app, pilot)
            app.replay.goto("-30s")
            await settle(app, pilot)
            lines = await shown16(app, pilot)
            banner = look_at(lines, "REPLAY")
            assert banner.bg not in (None, 0) and banner.fg != banner.bg
            assert not unreadable(lines)
    finally:
        fake.release()
        history.close()


# -- 16-colour snapshots


def _sixteen(fake: FakePoller) -> SixteenColourApp:
    app = SixteenColourApp(fake, clock=fake.clock)  # type: ignore[arg-type]
    app.animation_level = "none"
    return app


def test_fleet_snapshot_16_colours(snap_compare):
    """ERROR in red, OK in green, the cursor row (mag1) in cyan; the footer keys all fit."""
    fake = FakePoller(interval=INTERVAL, bindings=24)
    fake.fail("mag2", "Authentication failed for admin@127.0.0.1:2202")

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("down", "down")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(_sixteen(fake), terminal_size=SIZE, run_before=run_before)


def test_bindings_snapshot_16_colours(snap_compare):
    """A new (`+`) and a changed (`~`) binding are marked by symbols, not colours."""
    fake = FakePoller(interval=INTERVAL, bindings=24)

    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        await open_router(app, pilot, "mag1")
        fake.add_binding("MAG1")
        _change_one(fake)
        await pilot.press("r")
        await settle(app, pilot)
        await settle(app, pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(_sixteen(fake), terminal_size=SIZE, run_before=run_before)
