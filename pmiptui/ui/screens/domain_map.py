"""`m`: every PMIPv6 domain as LMAs, MAGs and the tunnels between them, live or replayed."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Footer, Header

from pmiptui.ui.data import domain_map
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.widgets.domain_map import DomainMapView
from pmiptui.ui.widgets.replay_banner import ReplayBanner


class DomainMapScreen(Screen[None]):
    """Redrawn whenever a poll arrives or the replayed moment changes (and each second).

    While the app replays history the map is the recorded moment's, under the replay banner.
    """

    DEFAULT_CSS = """
    DomainMapScreen #map-scroll {
        height: 1fr;
    }
    DomainMapScreen #map-legend {
        height: 1;
        width: 1fr;
        background: $surface;
    }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="map.back"),
    ]

    def __init__(
        self, *, console: ConsoleState, now: Callable[[], float], updated: Signal[str]
    ) -> None:
        super().__init__()
        self.console = console
        """What the console shows (the app's state; read only)."""
        self.now = now
        """Epoch seconds (the app's clock)."""
        self.updated = updated
        """Published with a router's name after its poll is recorded ("" fleet-wide)."""
        self.drawing = domain_map.Drawing()
        """The picture shown (tests read it)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReplayBanner(id="replay-banner")
        with ScrollableContainer(id="map-scroll"):
            yield DomainMapView(id="map-view")
        yield DomainMapView(id="map-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.updated.subscribe(self, self._router_updated)
        self.set_interval(1.0, self.redraw)
        self.query_one("#map-legend", DomainMapView).show(domain_map.legend())
        self.redraw()
        self.query_one("#map-scroll").focus()

    def _router_updated(self, _name: str) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Lay the map out again from the router states, or from the replayed moment."""
        state = self.console
        frame = state.replay_frame
        self.query_one(ReplayBanner).show_frame(frame)
        if frame is None:
            self.sub_title = "domain map"
            routers = domain_map.map_routers(state.routers.values(), self.now(), state.paused)
        else:
            self.sub_title = "domain map — replay"
            routers = domain_map.replayed_routers(state.routers.values(), frame)
        self.drawing = domain_map.layout(routers)
        self.query_one("#map-view", DomainMapView).show(self.drawing)

    def action_back(self) -> None:
        self.dismiss()
