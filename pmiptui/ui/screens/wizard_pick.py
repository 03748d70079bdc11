"""Open a configuration wizard: which router, which procedure (filtered to the router's role)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from pmiptui.configgen.catalogue import CATALOGUE
from pmiptui.configgen.procedure import Procedure
from pmiptui.ports import Configurator
from pmiptui.ui.data.console_state import ConsoleState

if TYPE_CHECKING:
    from pmiptui.ui.app import PmipApp

ROLES = {"mag": ("mag", "domain", "both"), "lma": ("lma", "domain", "both")}
"""Which procedure roles suit a router of each role."""


def procedures_for(role: str | None) -> list[Procedure]:
    """The catalogue's procedures a router of `role` can run, in the guide's order."""
    wanted = ROLES.get((role or "").lower())
    return [p for p in CATALOGUE.values() if wanted is None or p.role in wanted]


def wizard_router(app: PmipApp) -> str | None:
    """The router the wizard is for: the open router screen's, else the fleet's cursor row."""
    from pmiptui.ui.screens.fleet import FleetScreen
    from pmiptui.ui.screens.router import RouterScreen
    from pmiptui.ui.widgets.keyed_table import KeyedTable

    screen = app.screen
    if isinstance(screen, RouterScreen):
        return screen.router
    if isinstance(screen, FleetScreen):
        return screen.query_one("#fleet-table", KeyedTable).cursor_key
    return None


def open_wizard(app: PmipApp, procedure_id: str | None = None, router: str | None = None) -> None:
    """`w` / `:wizard [ID]`: the procedure list for a router, or straight to procedure ID."""
    from pmiptui.ui.screens.wizard import WizardScreen, is_wizard_screen

    if is_wizard_screen(app.screen):
        return
    name = router or wizard_router(app)
    if name is None or name not in app.state.routers:
        app.notify("open a router, or put the fleet cursor on one", severity="warning")
        return
    info = app.state.routers[name].info
    if procedure_id is None:
        app.push_screen(WizardPickScreen(name, console=app.state, configurator=app.configurator))
        return
    procedure = CATALOGUE.get(procedure_id)
    if procedure is None:
        app.notify(f"no procedure {procedure_id!r}", title="Wizard", severity="warning")
    elif procedure not in procedures_for(info.role):
        app.notify(
            f"{procedure_id} is a {procedure.role} procedure; {name} is a {info.role}",
            title="Wizard",
            severity="warning",
        )
    else:
        app.push_screen(
            WizardScreen(name, procedure, console=app.state, configurator=app.configurator)
        )


class WizardPickScreen(Screen[None]):
    """The procedures that suit the router, with what each one does."""

    CSS_PATH = "wizard.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="wizard.pick_back"),
    ]

    def __init__(
        self, router: str, *, console: ConsoleState, configurator: Configurator | None
    ) -> None:
        super().__init__()
        self.router = router
        """The router to configure."""
        self.console = console
        """What the console shows (the app's state; read only): the router's role."""
        self.configurator = configurator
        """Handed on to the wizard (None: preview and diff only)."""
        self.sub_title = f"{router}: configuration wizard"

    def compose(self) -> ComposeResult:
        role = self.console.routers[self.router].info.role
        yield Header()
        yield Static(
            f"Procedures for {self.router} ({role}): Enter opens one", id="pick-head", markup=False
        )
        yield OptionList(
            *[Option(f"{p.id:<26} {p.title}", id=p.id) for p in procedures_for(role)],
            id="pick-list",
        )
        yield Static("", id="pick-help", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._describe(self.query_one(OptionList).highlighted_option)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe(event.option)

    def _describe(self, option: Option | None) -> None:
        procedure = CATALOGUE.get(option.id or "") if option is not None else None
        text = (
            f"{procedure.title} (guide chapter {procedure.chapter}, {procedure.role})\n"
            f"{procedure.help}"
            if procedure
            else ""
        )
        self.query_one("#pick-help", Static).update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from pmiptui.ui.screens.wizard import WizardScreen

        procedure = CATALOGUE[event.option.id or ""]
        self.app.push_screen(
            WizardScreen(
                self.router, procedure, console=self.console, configurator=self.configurator
            )
        )

    def action_back(self) -> None:
        self.app.pop_screen()
