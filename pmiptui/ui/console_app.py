"""The typed way to reach the console app from where Textual, not the app, builds the object.

Screens and widgets do not use it: the app builds them and passes in what they read (the
`ConsoleState`, the clock, the update signal), and they ask for actions in messages. The
command palette's provider (`commands.PmipCommands`) does: Textual constructs providers
itself (`Provider(screen, match_style)`), so nothing can be handed to them, and the palette's
commands are the app's own actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from pmiptui.ui.app import PmipApp


def console_app(app: App[Any]) -> PmipApp:
    """`app` (a command provider's `self.app`) as the `PmipApp`; TypeError if it is another app.

    Imported at call time: the app imports the command provider.
    """
    from pmiptui.ui.app import PmipApp

    if not isinstance(app, PmipApp):
        raise TypeError(f"the console's commands run in PmipApp, not {type(app).__name__}")
    return app
