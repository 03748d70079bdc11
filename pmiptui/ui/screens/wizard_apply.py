"""Apply a reviewed plan: progress line by line, then the outcome, then (separately) Save.

The apply runs in a thread worker through the app's `Configurator`; it streams each line into
the log pane. The result says applied / rejected and rolled back / ROLLBACK FAILED, with the
refused line and the router's message first. `write memory` is offered only after a verified
apply, and only on the operator's explicit key or button.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Log, Static

from pmiptui.configgen.plan import PlanLine
from pmiptui.errors import PmipError
from pmiptui.model.change import ApplyOutcome, ApplyProgress, ChangeStatus
from pmiptui.ports import Configurator
from pmiptui.redact import mask_secrets
from pmiptui.ui.messages import PollNow

HEADLINES = {
    ChangeStatus.APPLIED: "APPLIED and verified",
    ChangeStatus.APPLIED_UNVERIFIED: "APPLIED, but the read-back DIFFERS from the prediction",
    ChangeStatus.NO_CHANGE: "NO CHANGE: the router already had this configuration",
    ChangeStatus.REJECTED_ROLLED_BACK: "REJECTED by the router: rolled back",
    ChangeStatus.INTERRUPTED_ROLLED_BACK: "INTERRUPTED: reconnected and rolled back",
    ChangeStatus.ROLLBACK_FAILED: "!!! ROLLBACK FAILED: ROUTER STATE UNCERTAIN !!!",
    ChangeStatus.CONFIRMED_UNVERIFIED: "APPLIED and CONFIRMED, but NOT VERIFIED",
    ChangeStatus.CONFIRM_UNKNOWN: "!!! CONFIRM UNKNOWN: new or old config, unproven !!!",
    ChangeStatus.NOT_APPLIED: "NOT APPLIED: nothing was changed",
}
"""The banner of each outcome."""
SEVERITY = {
    ChangeStatus.APPLIED: "-ok",
    ChangeStatus.NO_CHANGE: "-ok",
    ChangeStatus.APPLIED_UNVERIFIED: "-warn",
    ChangeStatus.INTERRUPTED_ROLLED_BACK: "-warn",
    ChangeStatus.NOT_APPLIED: "-warn",
    ChangeStatus.REJECTED_ROLLED_BACK: "-error",
    ChangeStatus.ROLLBACK_FAILED: "-loud",
    ChangeStatus.CONFIRMED_UNVERIFIED: "-warn",
    ChangeStatus.CONFIRM_UNKNOWN: "-loud",
}


class ApplyLine(Message):
    """One line sent (or one step taken) by the running apply."""

    def __init__(self, progress: ApplyProgress) -> None:
        super().__init__()
        self.progress = progress


class ApplyDone(Message):
    """The apply ended: an outcome, or an error raised before anything changed."""

    def __init__(self, outcome: ApplyOutcome | None, error: PmipError | None) -> None:
        super().__init__()
        self.outcome = outcome
        self.error = error


class SaveDone(Message):
    """`write memory` answered (or failed)."""

    def __init__(self, answer: str | None, error: PmipError | None) -> None:
        super().__init__()
        self.answer = answer
        self.error = error


def outcome_text(outcome: ApplyOutcome) -> str:
    """Verification, operational changes, notes and the change, as plain text (masked)."""
    parts = [outcome.verification_summary]
    if outcome.missing_lines:
        parts.append("missing after apply:\n" + "\n".join(f"  {m}" for m in outcome.missing_lines))
    if outcome.changes:
        parts.append(
            "in effect (before -> after):\n"
            + "\n".join(f"  {c.field}: {c.before} -> {c.after}" for c in outcome.changes)
        )
    elif outcome.status is ChangeStatus.APPLIED:
        parts.append("no operational value changed")
    parts.extend(f"note: {note}" for note in outcome.notes)
    if outcome.diff_unified:
        parts.append("configuration change:\n" + outcome.diff_unified)
    return mask_secrets("\n\n".join(p for p in parts if p))


class ApplyScreen(Screen[None]):
    """The apply in progress, then its outcome; Save after a verified apply."""

    CSS_PATH = "wizard.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save (write memory)", id="wizard.save"),
        Binding("escape", "close", "Close", id="wizard.close"),
    ]

    def __init__(
        self,
        router: str,
        procedure_id: str,
        plan: list[PlanLine],
        *,
        configurator: Configurator | None,
        ticket: str | None = None,
    ) -> None:
        super().__init__()
        self.router = router
        self.configurator = configurator
        """Applies and saves, in thread workers (None: nothing can be applied)."""
        self.procedure_id = procedure_id
        self.plan = plan
        self.ticket = ticket
        self.outcome: ApplyOutcome | None = None
        """Set when the apply ended."""
        self.running = True
        """The apply worker has not finished: the screen cannot be left."""
        self.saved = False
        self._saving = False
        self.sub_title = f"{router}: applying {procedure_id}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            f"applying {self.procedure_id} to {self.router} …", id="apply-banner", markup=False
        )
        yield Static("", id="apply-failure", markup=False)
        with Horizontal(id="apply-body"):
            yield Log(id="apply-log", auto_scroll=True)
            with VerticalScroll(id="apply-result-scroll"):
                yield Static("", id="apply-result", markup=False)
        with Horizontal(id="apply-buttons"):
            yield Button("Save (write memory)", id="save", compact=True, disabled=True)
            yield Button("Close", id="close", compact=True, disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#apply-failure").display = False
        configurator = self.configurator
        if configurator is None:
            self.post_message(ApplyDone(None, PmipError("no configurator", title="Read-only")))
            return
        self._apply(configurator)

    @work(thread=True, exit_on_error=False, group="wizard-apply")
    def _apply(self, configurator: Configurator) -> None:
        """Thread worker: the whole apply; only posts messages."""
        try:
            outcome = configurator.apply(
                self.router,
                self.procedure_id,
                self.plan,
                ticket=self.ticket,
                on_line=lambda progress: self.post_message(ApplyLine(progress)),
            )
        except PmipError as error:
            self.post_message(ApplyDone(None, error))
            return
        self.post_message(ApplyDone(outcome, None))

    def on_apply_line(self, message: ApplyLine) -> None:
        progress = message.progress
        text = mask_secrets(progress.text)
        if progress.number is None:
            self.query_one(Log).write_line(f"-- {text}")
        else:
            self.query_one(Log).write_line(f"{progress.number:>3}/{progress.total} {text}")
            self.query_one("#apply-banner", Static).update(
                f"applying {self.procedure_id} to {self.router}: "
                f"line {progress.number} of {progress.total}"
            )

    def on_apply_done(self, message: ApplyDone) -> None:
        self.running = False
        banner = self.query_one("#apply-banner", Static)
        self.query_one("#close", Button).disabled = False
        if message.outcome is None:
            error = message.error
            title = error.title if error else "Error"
            banner.update(f"NOT APPLIED: nothing was changed ({title})")
            banner.add_class("-warn")
            self.query_one("#apply-result", Static).update(str(error or ""))
            self.query_one(Log).write_line(f"-- not applied: {error}")
            return
        outcome = self.outcome = message.outcome
        banner.update(f"{HEADLINES[outcome.status]} ({self.router}, {self.procedure_id})")
        banner.add_class(SEVERITY[outcome.status])
        if outcome.failed_line or outcome.router_message:
            failure = self.query_one("#apply-failure", Static)
            failure.update(
                f"refused line {outcome.failed_line or '(none)'}\n"
                f"router said: {outcome.router_message or '(nothing)'}"
            )
            failure.display = True
            failure.add_class(SEVERITY[outcome.status])
        self.query_one("#apply-result", Static).update(outcome_text(outcome))
        self.query_one(Log).write_line(f"-- {outcome.status.value}")
        self.query_one("#save", Button).disabled = not outcome.can_save
        self.refresh_bindings()
        if outcome.status.ok:
            self.post_message(PollNow(self.router))

    # -- save

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.can_save
        if action == "close":
            return not self.running
        return True

    @property
    def can_save(self) -> bool:
        """A verified apply, not saved yet, no save running."""
        return (
            self.outcome is not None
            and self.outcome.can_save
            and not self.saved
            and not self._saving
        )

    def action_save(self) -> None:
        configurator = self.configurator
        if not self.can_save or configurator is None:
            self.notify("nothing to save: needs a verified apply", severity="warning")
            return
        self._saving = True
        self.query_one("#save", Button).disabled = True
        self.query_one(Log).write_line("-- saving: write memory")
        self._save(configurator)

    @work(thread=True, exit_on_error=False, group="wizard-save")
    def _save(self, configurator: Configurator) -> None:
        try:
            answer = configurator.save(self.router)
        except PmipError as error:
            self.post_message(SaveDone(None, error))
            return
        self.post_message(SaveDone(answer, None))

    def on_save_done(self, message: SaveDone) -> None:
        self._saving = False
        if message.error is not None:
            self.query_one(Log).write_line(f"-- save FAILED: {message.error}")
            self.notify(message.error.message, title="Save failed", severity="error")
            self.query_one("#save", Button).disabled = False
        else:
            self.saved = True
            self.query_one(Log).write_line(f"-- saved: {mask_secrets(message.answer or '')}")
            self.notify("write memory [OK]", title=f"{self.router} saved")
            self.query_one("#apply-banner", Static).update(
                f"{HEADLINES[ChangeStatus.APPLIED]} and SAVED ({self.router}, {self.procedure_id})"
            )
        self.refresh_bindings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "close":
            self.action_close()

    def action_close(self) -> None:
        """Back to where the wizard was opened from."""
        from pmiptui.ui.screens.wizard import is_wizard_screen

        if self.running:
            self.notify("the apply is still running", severity="warning")
            return
        while len(self.app.screen_stack) > 2 and is_wizard_screen(self.app.screen):
            self.app.pop_screen()
