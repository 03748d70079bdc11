"""The one typed way screens and widgets reach the console app and its state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from pmiptui.ui.app import PmipApp


def console_app(app: App[Any]) -> PmipApp:
    """`app` (a screen's, widget's or command provider's `self.app`) as the `PmipApp`;
    TypeError if it is another app.

    Screens read what they show from its `state` (`ConsoleState`) and ask it for actions
    (`show_router`, `export`, ...). Imported at call time: the app imports the screens.
    """
    from pmiptui.ui.app import PmipApp

    if not isinstance(app, PmipApp):
        raise TypeError(f"the console's screens run in PmipApp, not {type(app).__name__}")
    return app
