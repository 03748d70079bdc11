"""The configuration wizard: pick, step by step, live checks and preview, prefill, review, arm,
apply (applied / rejected / rollback failed), and the separate save. Fake configurator."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Select

from pmiptui.configgen.catalogue import get
from pmiptui.ui.screens.wizard import WizardScreen
from pmiptui.ui.screens.wizard_apply import ApplyScreen
from pmiptui.ui.screens.wizard_pick import WizardPickScreen
from pmiptui.ui.screens.wizard_review import ReviewScreen
from tests.ui.conftest import make_app, open_router, settle
from tests.ui.fake_configurator import FakeConfigurator

pytestmark = pytest.mark.asyncio

KEY = "DEADBEEF42"


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def inputs(app) -> list[Input]:
    return list(app.screen.query("#step-fields Input"))


async def typed(app, pilot, value: str, index: int = 0) -> None:
    """Focus the page's input `index` and type `value` key by key."""
    box = inputs(app)[index]
    box.focus()
    box.value = ""
    await pilot.press(*value)
    await pilot.pause()


async def start(app, pilot, procedure: str, router: str = "mag1", values=None) -> WizardScreen:
    """The wizard for `procedure` on `router`, without prefill when `values` is given."""
    await settle(app, pilot)
    await open_router(app, pilot, router)
    screen = WizardScreen(
        router, get(procedure), values, console=app.state, configurator=app.configurator
    )
    await app.push_screen(screen)
    await settle(app, pilot)
    return screen


async def key(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


def page_syntax(app) -> str:
    return text(app, "#step-syntax")


async def fill_minimum(app, pilot) -> None:
    """mag-domain-minimum: one LMA, one mobile node, no local MAG."""
    await typed(app, pilot, "D1")
    await key(app, pilot, "ctrl+n")
    await typed(app, pilot, "lmaX")
    await key(app, pilot, "enter")
    await key(app, pilot, "ctrl+o")
    await typed(app, pilot, "2001:db8::9")
    await key(app, pilot, "ctrl+n")
    await typed(app, pilot, "u1", 0)
    await typed(app, pilot, "example.com", 1)
    await key(app, pilot, "ctrl+n")
    await typed(app, pilot, "lmaX")
    await key(app, pilot, "ctrl+n")
    app.screen.query_one(Select).value = "dual"
    await key(app, pilot, "ctrl+n")
    assert "local MAG" in page_syntax(app)


# -- opening


async def test_w_lists_procedures_for_the_router_role(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "mag1")
        await key(app, pilot, "w")
        assert isinstance(app.screen, WizardPickScreen)
        listed = [o.id for o in app.screen.query_one("#pick-list").options]
        assert "mag-minimum" in listed and "mag-domain-minimum" in listed
        assert "multipath-lma-mag" in listed  # role both
        assert "lma-minimum" not in listed
        await key(app, pilot, "escape", "escape")
        await open_router(app, pilot, "lma1")
        await key(app, pilot, "w")
        listed = [o.id for o in app.screen.query_one("#pick-list").options]
        assert "lma-minimum" in listed and "domain-minimum" in listed
        assert "mag-minimum" not in listed
        await key(app, pilot, "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.procedure.id == listed[0]


async def test_w_on_the_fleet_uses_the_cursor_row_and_palette_opens_by_id(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await key(app, pilot, "w")
        assert isinstance(app.screen, WizardPickScreen)
        assert app.screen.router == "lma1"  # first row
        await key(app, pilot, "escape")
        app.action_open_wizard("mag-minimum")  # `:wizard mag-minimum` on lma1
        await settle(app, pilot)
        assert not isinstance(app.screen, WizardScreen)  # wrong role: refused
        await open_router(app, pilot, "mag1")
        app.action_open_wizard("mag-minimum")
        await settle(app, pilot)
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.procedure.id == "mag-minimum"


# -- stepping


async def test_walk_with_back_skip_add_another_and_remove(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, "mag-domain-minimum", values={})
        assert "Step 3" in page_syntax(app)
        assert "mag1(config)#ipv6 mobile pmipv6-domain <domain-name>" in page_syntax(app)
        assert "mode config" in page_syntax(app)
        assert "domain" in text(app, "#step-help").lower()
        assert inputs(app)[0].placeholder == "word"
        await typed(app, pilot, "D1")
        await key(app, pilot, "ctrl+n")
        assert "lma <lma-id>" in page_syntax(app) and "Step 4" in page_syntax(app)
        assert "LMA 1 of 1" in text(app, "#wizard-head")
        await typed(app, pilot, "lmaX")
        await key(app, pilot, "enter")  # Enter on the last field: next page
        assert "ipv4-address" in page_syntax(app) and "(optional)" in page_syntax(app)
        await key(app, pilot, "ctrl+o")  # skip the optional IPv4 address
        assert "ipv6-address <ipv6-address>" in page_syntax(app)
        await typed(app, pilot, "2001:db8::9")
        await key(app, pilot, "ctrl+r")  # another LMA
        assert "LMA 2 of 2" in text(app, "#wizard-head")
        assert "lma <lma-id>" in page_syntax(app)
        assert screen.form.values["lmas"] == [
            {"lma-id": "lmaX", "ipv6-address": "2001:db8::9"},
            {},
        ]
        await typed(app, pilot, "lmaY")
        await key(app, pilot, "ctrl+g")  # remove it again
        assert [e.get("lma-id") for e in screen.form.values["lmas"]] == ["lmaX"]
        assert "nai" in page_syntax(app)
        await key(app, pilot, "ctrl+b")  # back: the first LMA's values are kept
        assert "ipv6-address" in page_syntax(app)
        assert inputs(app)[0].value == "2001:db8::9"
        await key(app, pilot, "ctrl+n")
        await typed(app, pilot, "u1", 0)
        await typed(app, pilot, "example.com", 1)
        await key(app, pilot, "ctrl+n")
        await typed(app, pilot, "lmaX")
        await key(app, pilot, "ctrl+n")
        assert app.screen.query_one(Select).is_mounted  # service: keyword choices
        app.screen.query_one(Select).value = "dual"
        await key(app, pilot, "ctrl+n")
        assert "local MAG" in page_syntax(app)  # the optional group's page
        assert app.screen.query_one("#btn-next", Button).label.plain == "Review"
        await key(app, pilot, "ctrl+n")
        assert isinstance(app.screen, ReviewScreen)
        assert [line.text for line in app.screen.plan] == [
            "ipv6 mobile pmipv6-domain D1",
            "lma lmaX",
            "ipv6-address 2001:DB8::9",
            "exit",
            "nai u1@example.com",
            "lma lmaX",
            "service dual",
        ]


async def test_invalid_value_names_field_and_rule_and_blocks_next(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, "mag-domain-minimum", values={"domain-name": "D1"})
        await key(app, pilot, "ctrl+n")
        await typed(app, pilot, "lmaX")
        await key(app, pilot, "ctrl+n", "ctrl+n")
        await typed(app, pilot, "2001:db8::zz")
        error = text(app, ".field-error")
        assert error.startswith("ipv6-address: must be an IPv6 address")
        assert inputs(app)[0].has_class("-invalid")
        before = screen.form.index
        await key(app, pilot, "ctrl+n")
        assert screen.form.index == before
        assert "lmas[1].ipv6-address: must be an IPv6 address" in text(app, "#step-errors")
        await typed(app, pilot, "2001:db8::9")
        assert text(app, ".field-error") == ""
        await key(app, pilot, "ctrl+n")
        assert screen.form.index == before + 1


async def test_required_value_blocks_next(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, "mag-domain-minimum", values={})
        await key(app, pilot, "ctrl+n")
        assert screen.form.index == 0
        assert "domain-name: is required" in text(app, "#step-errors")


async def test_preview_updates_live_and_masks_secrets(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot, "domain-minimum", values={})
        assert "partial" in text(app, "#preview-title")
        await typed(app, pilot, "D7")
        assert "mag1(config)#ipv6 mobile pmipv6-domain D7" in text(app, "#preview-text")
        assert "mags[1].mag-id: is required" in text(app, "#preview-errors")
        await key(app, pilot, "ctrl+n", "ctrl+o")  # skip replay protection
        assert "auth-option" in page_syntax(app)
        fields = inputs(app)
        secret = next(
            f for f in fields if f.placeholder.endswith("secret") and "hex" in f.placeholder
        )
        assert secret.password
        await typed(app, pilot, "100", fields.index(fields[0]))
        await typed(app, pilot, KEY, fields.index(secret))
        preview = text(app, "#preview-text")
        assert "auth-option spi 100 key hex ***" in preview
        assert KEY not in preview
        assert KEY not in str(secret.render())


async def test_prefill_from_the_polled_config(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "mag1")
        app.action_open_wizard("mag-detailed")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, WizardScreen)
        values = screen.form.values
        assert values["mag-id"] == "mag1" and values["domain-name"] == "dn1"
        assert values["ipv6-address"] == "2001:db8:2:4::1"
        assert values["lmas"][0] == {
            "lma-id": "lma3",
            "domain-name": "dn1",
            "ipv4-address": "172.16.0.1",
            "vrf-name": "vrf1",
            "encap": "gre-ipv4",
        }
        assert "hex-string" not in values["lmas"][0]  # keys are never carried over
        assert screen.form.current is not None
        assert "ipv6 mobile pmipv6-mag mag1 domain dn1" in text(app, "#preview-text")


# -- review, arm, apply


async def arm_and_confirm(app, pilot, review: ReviewScreen) -> None:
    """ctrl+a, the router's name, Enter."""
    await key(app, pilot, "ctrl+a")
    review.query_one("#confirm", Input).value = "mag1"
    await key(app, pilot, "enter")


async def _reviewed(app, pilot) -> ReviewScreen:
    await start(app, pilot, "mag-domain-minimum", values={})
    await fill_minimum(app, pilot)
    await key(app, pilot, "ctrl+n")
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    await settle(app, pilot)
    return screen


async def test_review_shows_plan_and_diff_and_apply_needs_arm_and_name(fake):
    configurator = FakeConfigurator()
    app = make_app(fake, configurator=configurator)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await _reviewed(app, pilot)
        assert configurator.reads == ["mag1"]
        assert "mag1(config-ipv6-pmipv6-domain-mn)#service dual" in text(app, "#review-plan")
        diff = text(app, "#review-diff")
        assert "+ipv6 mobile pmipv6-domain D1" in diff and "+  service dual" in diff
        assert "READ-ONLY" in text(app, "#arm-state")
        assert not review.query_one("#arm-box").display
        review.apply()  # not armed
        await settle(app, pilot)
        assert configurator.applied == [] and isinstance(app.screen, ReviewScreen)
        await key(app, pilot, "ctrl+a")
        assert review.armed and "ARMED" in text(app, "#arm-state")
        assert review.query_one("#confirm", Input).has_focus
        await pilot.press(*"mag2")
        assert review.query_one("#apply", Button).disabled
        await key(app, pilot, "enter")  # wrong router name
        assert configurator.applied == []
        review.query_one("#confirm", Input).value = "mag1"
        review.query_one("#ticket", Input).value = "CHG-42"
        await pilot.pause()
        assert not review.query_one("#apply", Button).disabled
        await pilot.click("#apply")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplyScreen)
        assert len(configurator.applied) == 1
        applied = configurator.applied[0]
        assert (applied.router, applied.procedure, applied.ticket) == (
            "mag1",
            "mag-domain-minimum",
            "CHG-42",
        )
        assert "APPLIED and verified" in text(app, "#apply-banner")
        log = "\n".join(app.screen.query_one("#apply-log").lines)
        assert "  7/7 service dual" in log
        result = text(app, "#apply-result")
        assert "exactly as predicted" in result and "bri_retries: 6 -> 7" in result
        assert configurator.saves == []  # apply never saves


async def test_disarm_clears_the_confirmation(fake):
    app = make_app(fake, configurator=FakeConfigurator())
    async with app.run_test(size=(100, 30)) as pilot:
        review = await _reviewed(app, pilot)
        await key(app, pilot, "ctrl+a")
        review.query_one("#confirm", Input).value = "mag1"
        await key(app, pilot, "ctrl+a")
        assert not review.armed and review.query_one("#confirm", Input).value == ""
        assert not review.ready


async def test_save_is_a_separate_explicit_step(fake):
    configurator = FakeConfigurator()
    app = make_app(fake, configurator=configurator)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await _reviewed(app, pilot)
        await arm_and_confirm(app, pilot, review)
        screen = app.screen
        assert isinstance(screen, ApplyScreen) and screen.outcome is not None
        assert configurator.saves == []
        assert not screen.query_one("#save", Button).disabled
        await key(app, pilot, "ctrl+s")
        assert configurator.saves == ["mag1"]
        assert "SAVED" in text(app, "#apply-banner")
        await key(app, pilot, "ctrl+s")  # once only
        assert configurator.saves == ["mag1"]
        await key(app, pilot, "escape")
        assert not isinstance(app.screen, (ApplyScreen, ReviewScreen, WizardScreen))


async def test_rejected_outcome_shows_the_line_and_message_and_offers_no_save(fake):
    configurator = FakeConfigurator(reject_at=7)
    app = make_app(fake, configurator=configurator)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await _reviewed(app, pilot)
        await arm_and_confirm(app, pilot, review)
        screen = app.screen
        assert isinstance(screen, ApplyScreen)
        assert "REJECTED by the router: rolled back" in text(app, "#apply-banner")
        assert screen.query_one("#apply-banner").has_class("-error")
        failure = text(app, "#apply-failure")
        assert "refused line 7: service dual" in failure
        assert "% Invalid input detected" in failure
        assert "identical to the snapshot" in text(app, "#apply-result")
        assert screen.query_one("#save", Button).disabled
        await key(app, pilot, "ctrl+s")
        assert configurator.saves == []


async def test_rollback_failed_is_loud(fake):
    app = make_app(fake, configurator=FakeConfigurator(reject_at=1, rollback_fails=True))
    async with app.run_test(size=(100, 30)) as pilot:
        review = await _reviewed(app, pilot)
        await arm_and_confirm(app, pilot, review)
        assert "ROLLBACK FAILED: ROUTER STATE UNCERTAIN" in text(app, "#apply-banner")
        assert app.screen.query_one("#apply-banner").has_class("-loud")
        assert app.screen.query_one("#apply-failure").has_class("-loud")


async def test_unreachable_router_applies_nothing(fake):
    configurator = FakeConfigurator(unreachable=True)
    app = make_app(fake, configurator=configurator)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await _reviewed(app, pilot)
        assert "cannot read mag1's configuration" in text(app, "#review-diff")
        await arm_and_confirm(app, pilot, review)
        assert isinstance(app.screen, ReviewScreen)  # no diff read: no apply
        assert configurator.applied == []


async def test_without_configurator_preview_and_diff_work_apply_is_disabled(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await _reviewed(app, pilot)
        assert "last poll" in text(app, "#review-diff")
        assert "+ipv6 mobile pmipv6-domain D1" in text(app, "#review-diff")
        assert "without a configurator" in text(app, "#arm-state")
        await key(app, pilot, "ctrl+a")
        assert not review.armed
        assert not review.ready


async def test_apply_streams_lines_while_running(fake):
    import threading

    gate = threading.Event()
    configurator = FakeConfigurator(gate=gate)
    app = make_app(fake, configurator=configurator)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await _reviewed(app, pilot)
        await key(app, pilot, "ctrl+a")
        review.query_one("#confirm", Input).value = "mag1"
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.02)
            if "line 1 of 7" in text(app, "#apply-banner"):
                break
        screen = app.screen
        assert isinstance(screen, ApplyScreen) and screen.running
        assert "line 1 of 7" in text(app, "#apply-banner")
        await pilot.press("escape")  # cannot leave mid-apply
        assert app.screen is screen
        gate.set()
        await settle(app, pilot)
        assert not screen.running and screen.outcome is not None
