"""Command palette commands, typed `:`-style: `:router mag1`, `:bindings state=BCE_ACTIVE`."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from pmiptui.ui.app import PmipApp


class PmipCommands(Provider):
    """`:router NAME`, `:bindings FILTER`, `:fleet`, `:pause`, `:refresh`."""

    @property
    def _app(self) -> PmipApp:
        return cast("PmipApp", self.app)

    def _fixed(self) -> list[tuple[str, object, str]]:
        app = self._app
        rows: list[tuple[str, object, str]] = [
            (":fleet", app.show_fleet, "Back to the fleet"),
            (":pause", app.action_toggle_pause, "Pause or resume polling"),
            (":refresh", app.action_refresh_now, "Poll every router now"),
        ]
        for name in app.routers:
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
        matcher = self.matcher(typed if typed.startswith(":") else f":{typed}")
        for text, command, help_ in self._fixed():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_)  # type: ignore[arg-type]
