"""The wizard's form model (no Textual): pages, repeats, skip, checks, preview."""

from __future__ import annotations

from pmiptui.configgen.catalogue import get
from pmiptui.ui.data.wizard_form import INPUT, SELECT, SWITCH, WizardForm, fields_of


def test_pages_follow_steps_and_group_entries():
    form = WizardForm(get("mag-domain-minimum"))
    pages = form.pages()
    assert [p.prefix for p in pages[:4]] == ["", "lmas[1].", "lmas[1].", "lmas[1]."]
    assert pages[-1].intro and pages[-1].group is not None and pages[-1].group.name == "mag"
    assert form.values["lmas"] == [{}] and form.values["nais"] == [{}]


def test_fields_by_kind():
    form = WizardForm(get("mag-minimum"))
    kinds = {f.key: f.kind for p in form.pages() for f in p.fields}
    assert kinds["mag-id"] == INPUT
    assert kinds["role"] == SELECT
    assert kinds["sessionmgr"] == SWITCH
    auth = next(s for _, s in get("domain-minimum").walk() if s.syntax.startswith("auth"))
    secrets = [f.key for f in fields_of(auth) if f.secret]
    assert secrets == ["ascii-string", "hex-string"]


def test_add_another_and_remove_keep_the_cursor_sensible():
    form = WizardForm(get("mag-domain-minimum"), {"domain-name": "D1"})
    form.index = 1  # lmas[1] lma-id
    form.set("lma-id", "a")
    assert form.add_another() is None
    assert form.page.prefix == "lmas[2]." and form.entry_label() == "LMA 2 of 2"
    form.set("lma-id", "b")
    assert form.remove_entry() is None
    assert [e.get("lma-id") for e in form.values["lmas"]] == ["a"]
    assert form.page.prefix == "nais[1]."


def test_optional_group_is_added_from_its_page_and_respects_maximum():
    form = WizardForm(get("mag-domain-minimum"))
    form.index = form.count - 1
    assert form.page.intro and form.can_skip
    assert form.add_another() is None
    assert form.page.prefix == "mag[1]."
    assert form.add_another() == "at most 1 local MAG"


def test_skip_clears_an_optional_step_only():
    form = WizardForm(get("mag-domain-minimum"), {"domain-name": "D1"})
    assert not form.skip()
    form.index = 2  # lmas[1] ipv4-address (optional)
    form.set("ipv4-address", "10.0.0.1")
    assert form.skip()
    assert "ipv4-address" not in form.values["lmas"][0]


def test_page_errors_and_phrasing():
    form = WizardForm(get("mag-domain-minimum"), {"domain-name": "D1"})
    form.index = 3
    form.set("ipv6-address", "nope")
    (error,) = form.page_errors()
    assert str(error).startswith("lmas[1].ipv6-address: must be an IPv6 address")
    assert form.next() and form.index == 3


def test_preview_is_partial_and_masked():
    form = WizardForm(
        get("domain-minimum"),
        {"domain-name": "D1", "spi-hex-value": "10", "hex-string": "ABCDEF12"},
    )
    text = "\n".join(form.preview_lines("r1"))
    assert "r1(config-ipv6-pmipv6-domain)#auth-option spi 10 key hex ***" in text
    assert "ABCDEF12" not in text
    assert form.draft()[1]  # mags and nais still missing
