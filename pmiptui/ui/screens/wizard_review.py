"""Review a wizard's plan against the router's config, then arm and confirm before applying.

The console is read-only by default: Apply needs `ctrl+a` (arm), then the router's name typed
exactly, and a diff read from the router. The diff is worked out in a thread worker.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Static

from pmiptui.configgen.diff import ConfigDiff, config_diff, predict
from pmiptui.configgen.plan import PlanLine, preview
from pmiptui.configgen.procedure import Procedure
from pmiptui.errors import PmipError
from pmiptui.ports import Configurator
from pmiptui.ui.data.console_state import ConsoleState

NO_CONFIGURATOR = (
    "apply is disabled: this console was started without a configurator (preview only)"
)


class DiffReady(Message):
    """The plan's effect on the router's PMIPv6 configuration was worked out."""

    def __init__(self, diff: ConfigDiff | None, source: str, error: PmipError | None) -> None:
        super().__init__()
        self.diff = diff
        """None when the running-config could not be read (see `error`)."""
        self.source = source
        """Where the "before" came from."""
        self.error = error


def plan_diff(before: str, plan: list[PlanLine]) -> ConfigDiff:
    """The PMIPv6 change `plan` makes to `before` (pure; masked)."""
    return config_diff(before, predict(before, plan))


class ReviewScreen(Screen[None]):
    """The full plan, the diff it makes, and the arm / confirm controls."""

    CSS_PATH = "wizard.tcss"
    AUTO_FOCUS = "#review-plan-scroll"
    BINDINGS = [
        Binding("ctrl+a", "arm", "Arm apply", id="wizard.arm", priority=True),
        Binding("escape", "back", "Edit", id="wizard.review_back"),
    ]

    armed: reactive[bool] = reactive(False)
    """Apply is possible only while armed."""

    def __init__(
        self,
        router: str,
        procedure: Procedure,
        plan: list[PlanLine],
        *,
        console: ConsoleState,
        configurator: Configurator | None,
    ) -> None:
        super().__init__()
        self.router = router
        self.procedure = procedure
        self.console = console
        """What the console shows (the app's state; read only): the last poll's config is
        the diff's "before" when there is no configurator."""
        self.configurator = configurator
        """Reads the running-config and applies (None: diff against the last poll only)."""
        self.plan = plan
        """The lines to send (they may hold key material: show `shown` only)."""
        self.diff: ConfigDiff | None = None
        """The change to the router's PMIPv6 section, once read."""
        self.sub_title = f"{router}: review {procedure.id}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            f"{self.procedure.id} on {self.router}: {len(self.plan)} line(s)",
            id="review-head",
            markup=False,
        )
        with Horizontal(id="review-body"):
            with VerticalScroll(id="review-plan-scroll"):
                yield Static(
                    "\n".join(preview(self.plan, self.router)), id="review-plan", markup=False
                )
            with VerticalScroll(id="review-diff-scroll"):
                yield Static(
                    f"reading {self.router}'s configuration …", id="review-diff", markup=False
                )
        yield Static("", id="arm-state", markup=False)
        with Horizontal(id="arm-box"):
            yield Input(placeholder=f"type {self.router} to confirm", id="confirm", compact=True)
            yield Input(placeholder="ticket (optional)", id="ticket", compact=True)
            yield Button("Apply", id="apply", variant="error", compact=True, disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        self._show_arm()
        state = self.console.routers.get(self.router)
        polled = state.last_ok.config if state and state.last_ok else None
        self._load_diff(self.configurator, polled or "")

    @work(thread=True, exit_on_error=False, group="wizard-diff")
    def _load_diff(self, configurator: Configurator | None, polled: str) -> None:
        """Thread worker: read the running-config (or use the last poll's) and diff the plan."""
        try:
            if configurator is not None:
                before = configurator.running_config(self.router)
                source = f"{self.router} running-config, read now"
            else:
                before = polled
                source = "PMIPv6 section of the last poll"
            self.post_message(DiffReady(plan_diff(before, self.plan), source, None))
        except PmipError as error:
            self.post_message(DiffReady(None, "", error))

    def on_diff_ready(self, message: DiffReady) -> None:
        box = self.query_one("#review-diff", Static)
        if message.diff is None:
            error = message.error
            box.update(f"cannot read {self.router}'s configuration: {error}")
            box.add_class("-error")
        else:
            self.diff = message.diff
            body = message.diff.unified if message.diff.changed else "(no change)"
            box.update(f"change ({message.source}):\n{body}")
        self._show_arm()

    # -- arming

    @property
    def ready(self) -> bool:
        """Armed, the router's name typed exactly, a diff that changes something."""
        typed = self.query_one("#confirm", Input).value.strip()
        return (
            self.armed
            and self.configurator is not None
            and typed == self.router
            and self.diff is not None
            and self.diff.changed
        )

    def watch_armed(self, _armed: bool) -> None:
        if self.is_mounted:
            self._show_arm()

    def _show_arm(self) -> None:
        state = self.query_one("#arm-state", Static)
        box = self.query_one("#arm-box")
        if self.configurator is None:
            text = NO_CONFIGURATOR
        elif self.diff is not None and not self.diff.changed:
            text = f"nothing to apply: {self.router} already has this configuration"
        elif not self.armed:
            text = "READ-ONLY: ctrl+a arms apply"
        else:
            text = f"ARMED: type {self.router} (and a ticket id if any), then Apply"
        state.update(text)
        state.set_class(self.armed, "-armed")
        box.display = self.armed
        self.query_one("#apply", Button).disabled = not self.ready

    def action_arm(self) -> None:
        if self.configurator is None:
            self.notify(NO_CONFIGURATOR, title="Read-only", severity="warning")
            return
        self.armed = not self.armed
        if self.armed:
            self.query_one("#confirm", Input).focus()
        else:
            self.query_one("#confirm", Input).value = ""
            self.query_one("#review-plan-scroll").focus()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._show_arm()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "confirm":
            self.apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.apply()

    def apply(self) -> None:
        """Start the apply, only when armed and confirmed."""
        from pmiptui.ui.screens.wizard_apply import ApplyScreen

        if not self.ready:
            self.notify(
                "not applied: arm with ctrl+a and type the router name exactly",
                severity="warning",
            )
            return
        ticket = self.query_one("#ticket", Input).value.strip() or None
        self.armed = False
        self.app.push_screen(
            ApplyScreen(
                self.router,
                self.procedure.id,
                self.plan,
                configurator=self.configurator,
                ticket=ticket,
            )
        )

    def action_back(self) -> None:
        self.app.pop_screen()
