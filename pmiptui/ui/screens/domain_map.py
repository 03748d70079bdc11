"""`m`: every PMIPv6 domain as LMAs, MAGs and the tunnels between them, live."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Footer, Header

from pmiptui.ui.data import domain_map
from pmiptui.ui.widgets.domain_map import DomainMapView

if TYPE_CHECKING:
    from pmiptui.ui.app import PmipApp


class DomainMapScreen(Screen[None]):
    """Redrawn from the routers' last polls whenever a poll arrives (and each second)."""

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

    def __init__(self) -> None:
        super().__init__()
        self.drawing = domain_map.Drawing()
        """The picture shown (tests read it)."""

    @property
    def pmip(self) -> PmipApp:
        """The app, typed."""
        return cast("PmipApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with ScrollableContainer(id="map-scroll"):
            yield DomainMapView(id="map-view")
        yield DomainMapView(id="map-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "domain map"
        self.pmip.router_updated.subscribe(self, self._router_updated)
        self.set_interval(1.0, self.redraw)
        self.query_one("#map-legend", DomainMapView).show(domain_map.legend())
        self.redraw()
        self.query_one("#map-scroll").focus()

    def _router_updated(self, _name: str) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Lay the map out again from the current router states."""
        app = self.pmip
        routers = domain_map.map_routers(app.routers.values(), app.now(), app.polling.paused)
        self.drawing = domain_map.layout(routers)
        self.query_one("#map-view", DomainMapView).show(self.drawing)

    def action_back(self) -> None:
        self.dismiss()
