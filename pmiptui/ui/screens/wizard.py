"""A configuration procedure one step at a time: typed fields, live checks, live CLI preview."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, Switch

from pmiptui.configgen.plan import InvalidValues, preview
from pmiptui.configgen.prefill import prefill, read_config
from pmiptui.configgen.procedure import Procedure
from pmiptui.ios.modes import prompt
from pmiptui.model.config import PmipConfig
from pmiptui.ports import Configurator
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.data.wizard_form import INPUT, SELECT, Field, WizardForm

PREVIEW_ERRORS = 4
"""Field errors listed under the preview (the rest are counted)."""


def is_wizard_screen(screen: object) -> bool:
    """True for the wizard's own screens (where `w` does nothing)."""
    return type(screen).__module__.startswith("pmiptui.ui.screens.wizard")


class Prefilled(Message):
    """The router's current configuration was parsed and mapped onto the procedure."""

    def __init__(self, config: PmipConfig | None, values: dict[str, Any]) -> None:
        super().__init__()
        self.config = config
        """The router's parsed PMIPv6 configuration (None: none was polled)."""
        self.values = values
        """Values taken from it."""


class WizardScreen(Screen[None]):
    """Walks one procedure: a page per step (per group entry), the CLI it gives on the right."""

    CSS_PATH = "wizard.tcss"
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="wizard.next"),
        Binding("ctrl+b", "back", "Back", id="wizard.back"),
        Binding("ctrl+o", "skip", "Skip", id="wizard.skip"),
        Binding("ctrl+r", "add", "Add another", id="wizard.add"),
        Binding("ctrl+g", "remove", "Remove this", id="wizard.remove"),
        Binding("escape", "cancel", "Cancel", id="wizard.cancel"),
    ]

    def __init__(
        self,
        router: str,
        procedure: Procedure,
        values: dict[str, Any] | None = None,
        *,
        console: ConsoleState,
        configurator: Configurator | None,
    ) -> None:
        super().__init__()
        self.router = router
        """The router being configured (its name is the preview's hostname)."""
        self.console = console
        """What the console shows (the app's state; read only): the router's polled config
        prefills the form."""
        self.configurator = configurator
        """Handed on to the review (None: preview and diff only)."""
        self.procedure = procedure
        self.form = WizardForm(procedure, values)
        """The values and the page shown."""
        self._prefill = values is None
        self._touched = False
        self._generation = 0
        self._fields: dict[str, Field] = {}
        self.sub_title = f"{router}: {procedure.id}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="wizard-head", markup=False)
        with Horizontal(id="wizard-body"):
            with VerticalScroll(id="wizard-step"):
                yield Static("", id="step-syntax", markup=False)
                yield Static("", id="step-help", markup=False)
                yield Vertical(id="step-fields")
                yield Static("", id="step-errors", markup=False)
            with Vertical(id="wizard-preview"):
                yield Static("Preview", id="preview-title", markup=False)
                with VerticalScroll(id="preview-scroll"):
                    yield Static("", id="preview-text", markup=False)
                yield Static("", id="preview-errors", markup=False)
        with Horizontal(id="wizard-buttons"):
            yield Button("Back", id="btn-back", compact=True)
            yield Button("Skip", id="btn-skip", compact=True)
            yield Button("Add another", id="btn-add", compact=True)
            yield Button("Remove", id="btn-remove", compact=True)
            yield Button("Next", id="btn-next", compact=True, variant="primary")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_page()
        state = self.console.routers.get(self.router)
        text = state.last_ok.config if state and state.last_ok else None
        if self._prefill and text:
            info = state.info if state else None
            self._read_config(text, info.role if info else None, info.pmipv6_id if info else None)

    @work(thread=True, exit_on_error=False, group="wizard-prefill")
    def _read_config(self, text: str, role: str | None, router_id: str | None) -> None:
        """Thread worker: the running-config parser is slow on big configs."""
        config = read_config(text)
        values = prefill(self.procedure, config, role=role, router_id=router_id or self.router)
        self.post_message(Prefilled(config, values))

    async def on_prefilled(self, message: Prefilled) -> None:
        self.form.current = message.config
        if self._touched or not message.values:
            self._update_preview()
            return
        self.form = WizardForm(self.procedure, message.values, current=message.config)
        await self.show_page()
        self.notify(f"prefilled from {self.router}'s current configuration", title="Wizard")

    # -- rendering

    async def show_page(self) -> None:
        """Render the current page's step, fields and buttons, and the preview."""
        form = self.form
        page = form.page
        self._generation += 1
        self._fields = {}
        widgets: list[Widget] = []
        for number, field in enumerate(page.fields):
            wid = f"g{self._generation}-f{number}"
            self._fields[wid] = field
            widgets.append(Label(field.label, classes="field-label", markup=False))
            widgets.append(self._field_widget(wid, field, form.get(field.key, page)))
            widgets.append(Static("", id=f"{wid}-error", classes="field-error", markup=False))
        if page.intro:
            assert page.group is not None
            group = page.group
            need = (
                "optional: Next or Skip leaves it out"
                if group.minimum == 0
                else f"needs at least {group.minimum}"
            )
            widgets.append(Static(f"No {group.title} yet ({need}).", markup=False))
        elif not page.fields:
            widgets.append(Static("Nothing to fill in: this line is always sent.", markup=False))
        box = self.query_one("#step-fields", Vertical)
        await box.remove_children()
        await box.mount_all(widgets)
        self._show_texts()
        for wid in self._fields:
            self._show_field_error(wid)
        self._update_preview()
        self.refresh_bindings()
        focusable = [w for w in widgets if w.focusable]
        if focusable:
            focusable[0].focus()
        else:
            self.query_one("#btn-next", Button).focus()

    def _field_widget(self, wid: str, field: Field, value: Any) -> Widget:
        if field.kind == INPUT:
            return Input(
                value="" if value is None else str(value),
                placeholder=field.placeholder,
                password=field.secret,
                id=wid,
                compact=True,
                classes="field-input",
            )
        if field.kind == SELECT:
            return Select(
                [(choice, choice) for choice in field.choices],
                value=value if value in field.choices else Select.NULL,
                prompt="(not set)",
                id=wid,
                compact=True,
                classes="field-select",
            )
        return Switch(value=value is True, id=wid, classes="field-switch")

    def _show_texts(self) -> None:
        form = self.form
        page = form.page
        where = f"page {form.index + 1}/{form.count}"
        entry = form.entry_label(page)
        head = f"{self.procedure.id} on {self.router} · {where}" + (f" · {entry}" if entry else "")
        self.query_one("#wizard-head", Static).update(head)
        if page.intro:
            assert page.group is not None
            syntax = f"Repeat for each {page.group.title}"
            help_ = page.group.help
        else:
            assert page.step is not None
            step = page.step
            number = f"Step {step.number}" if step.number else "Step (extra)"
            flag = " (optional)" if step.optional else ""
            syntax = (
                f"{number}{flag} · mode {step.mode}\n{prompt(self.router, step.mode)}{step.syntax}"
            )
            help_ = step.help or step.command.help
        self.query_one("#step-syntax", Static).update(syntax)
        self.query_one("#step-help", Static).update(help_)
        self.query_one("#step-errors", Static).update("")
        last = form.is_last
        self.query_one("#btn-next", Button).label = "Review" if last else "Next"
        self.query_one("#btn-skip", Button).disabled = not form.can_skip
        in_group = page.group is not None
        self.query_one("#btn-add", Button).disabled = not in_group
        self.query_one("#btn-remove", Button).disabled = not in_group or page.intro
        self.query_one("#btn-back", Button).disabled = form.index == 0

    def _show_field_error(self, wid: str) -> str | None:
        field = self._fields[wid]
        value = self.form.get(field.key)
        rule = self.form.check(field, value) if isinstance(value, str) else None
        self.query_one(f"#{wid}-error", Static).update(f"{field.key}: {rule}" if rule else "")
        self.query_one(f"#{wid}").set_class(rule is not None, "-invalid")
        return rule

    def _update_preview(self) -> None:
        lines, errors = self.form.draft()
        text = "\n".join(preview(lines, self.router))
        self.query_one("#preview-text", Static).update(text)
        title = "Preview" if not errors else f"Preview (partial: {len(errors)} to fix)"
        self.query_one("#preview-title", Static).update(title)
        shown = [str(e) for e in errors[:PREVIEW_ERRORS]]
        if len(errors) > PREVIEW_ERRORS:
            shown.append(f"… and {len(errors) - PREVIEW_ERRORS} more")
        box = self.query_one("#preview-errors", Static)
        box.update("\n".join(shown))
        box.display = bool(errors)

    # -- typing

    def _changed(self, wid: str | None, value: Any) -> None:
        field = self._fields.get(wid or "")
        if field is None:
            return
        if self.form.get(field.key) != value and not (
            value in ("", None, False) and self.form.get(field.key) is None
        ):
            self._touched = True
        self.form.set(field.key, value)
        self._show_field_error(wid or "")
        self._update_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input.id, event.value)

    def on_select_changed(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else event.value
        self._changed(event.select.id, value)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        self._changed(event.switch.id, event.value)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field, and from the last one to the next page."""
        ids = list(self._fields)
        if event.input.id in ids and ids.index(event.input.id) < len(ids) - 1:
            self.focus_next()
        else:
            await self.action_next()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "btn-back": self.action_back,
            "btn-skip": self.action_skip,
            "btn-add": self.action_add,
            "btn-remove": self.action_remove,
            "btn-next": self.action_next,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            await action()

    # -- moving

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        page = self.form.page
        if action == "skip":
            return self.form.can_skip
        if action == "add":
            return page.group is not None
        if action == "remove":
            return page.group is not None and not page.intro
        if action == "back":
            return self.form.index > 0
        return True

    async def action_next(self) -> None:
        """Next page, blocked while this page has errors; Review from the last page."""
        errors = self.form.page_errors()
        if errors:
            self._block(errors)
            return
        if not self.form.is_last:
            self.form.next()
            await self.show_page()
            return
        await self.review()

    def _block(self, errors: list[Any]) -> None:
        text = "Fix before going on:\n" + "\n".join(f"• {error}" for error in errors)
        self.query_one("#step-errors", Static).update(text)
        self.app.bell()

    async def review(self) -> None:
        """The whole plan, or the first page that stops it."""
        from pmiptui.ui.screens.wizard_review import ReviewScreen

        try:
            plan = self.form.plan()
        except InvalidValues as invalid:
            await self._go_to_error(invalid.errors)
            return
        self.app.push_screen(
            ReviewScreen(
                self.router,
                self.procedure,
                plan,
                console=self.console,
                configurator=self.configurator,
            )
        )

    async def _go_to_error(self, errors: list[Any]) -> None:
        """Jump to the page holding the first error (or stay) and list every error."""
        for index, page in enumerate(self.form.pages()):
            names = {f"{page.prefix}{f.key}" for f in page.fields}
            if page.intro and page.group is not None:
                names.add(f"{page.prefix}{page.group.name}")
            if any(error.field in names for error in errors):
                self.form.index = index
                await self.show_page()
                break
        self._block(errors)

    async def action_back(self) -> None:
        self.form.back()
        await self.show_page()

    async def action_skip(self) -> None:
        if self.form.skip():
            self._touched = True
            await self.show_page()

    async def action_add(self) -> None:
        problem = self.form.add_another()
        if problem:
            self.notify(problem, severity="warning")
            return
        self._touched = True
        await self.show_page()

    async def action_remove(self) -> None:
        problem = self.form.remove_entry()
        if problem:
            self.notify(problem, severity="warning")
            return
        self._touched = True
        await self.show_page()

    def action_cancel(self) -> None:
        self.app.pop_screen()
