"""Command palette commands, typed `:`-style: `:router mag1`, `:bindings state=BCE_ACTIVE`."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from pmiptui.ui.console_app import console_app

if TYPE_CHECKING:
    from pmiptui.ui.app import PmipApp


class PmipCommands(Provider):
    """`:router NAME`, `:bindings FILTER`, `:wizard [ID]`, `:map`, `:trends`, `:fleet`…"""

    @property
    def _app(self) -> PmipApp:
        return console_app(self.app)

    def _fixed(self) -> list[tuple[str, object, str]]:
        app = self._app
        rows: list[tuple[str, object, str]] = [
            (":fleet", app.show_fleet, "Back to the fleet"),
            (":pause", app.action_toggle_pause, "Pause or resume polling"),
            (":refresh", app.action_refresh_now, "Poll every router now"),
            (":at live", partial(app.replay.goto, "live"), "Back to live from a replay"),
            (":wizard", app.action_open_wizard, "Configuration wizard for this router"),
            (":map", app.action_domain_map, "Domain map: LMAs, MAGs and tunnels"),
            (":trends", app.action_trends, "Fleet trends: bindings, PBA rates, tunnels"),
        ]
        for name in app.state.routers:
            rows.append((f":router {name}", partial(app.show_router, name), "Open the router"))
        return rows

    async def discover(self) -> Hits:
        for text, command, help_ in self._fixed():
            yield DiscoveryHit(text, command, help=help_)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        typed = query.strip()
        words = typed.lstrip(":").strip()
        verb, _, argument = words.partition(" ")
        if verb in ("bindings", "b", "filter") and argument.strip():
            filter_text = argument.strip()
            yield Hit(
                1.0,
                f":bindings {filter_text}",
                partial(self._app.filter_bindings, filter_text),
                text=f":bindings {filter_text}",
                help="Filter the open router's bindings",
            )
        if verb == "wizard" and argument.strip():
            procedure_id = argument.strip()
            yield Hit(
                1.0,
                f":wizard {procedure_id}",
                partial(self._app.action_open_wizard, procedure_id),
                text=f":wizard {procedure_id}",
                help="Open procedure ID's wizard for this router",
            )
        if verb == "at" and argument.strip():
            moment = argument.strip()
            yield Hit(
                1.0,
                f":at {moment}",
                partial(self._app.replay.goto, moment),
                text=f":at {moment}",
                help="Show the recorded fleet at HH:MM, -10m, ... (`:at live` to return)",
            )
        matcher = self.matcher(typed if typed.startswith(":") else f":{typed}")
        for text, command, help_ in self._fixed():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_)  # type: ignore[arg-type]
