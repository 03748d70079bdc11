"""Binding durations a template reads in another unit (`VAR_unit`) become seconds, on every
engine and on the one-pass engine's whole-block path; the example override in
`examples/templates/` reads the lab variant and the modelled format alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui.lab.render_bindings import binding_block, binding_chunks
from pmiptui.model.serialize import to_data
from pmiptui.parse import parse
from pmiptui.parse.engine import fast_support
from pmiptui.parse.templates import template_dir, use_template_dirs
from tests.parse.test_fast_vs_ttp import outcome

BINDING = "cisco_xe_show_ipv6_mobile_pmipv6_mag_binding.ttp"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "templates"


@pytest.fixture(autouse=True)
def shipped_templates_after() -> Iterator[None]:
    yield
    use_template_dirs([])


def mag_output(count: int, *, variant: bool) -> str:
    blocks = [
        binding_block(
            domain="D1",
            nai=f"mn{i}@example.com",
            state="BCE_ACTIVE",
            interface="GigabitEthernet0/0/1",
            hoa=f"10.64.0.{i + 1}",
            att=4,
            llid="02ab.0000.0001",
            hnps=[],
            network=None,
            peer_role="LMA",
            peer_id="lma1",
            peer_address="10.0.0.1",
            lifetime=3600,
            remaining=3000 + i,
            sequence=i,
            tunnel="Tunnel0",
            encap="gre-ipv4" if i % 2 else "ipv6-in-ipv6",
            gre=(100 + i, 200 + i),
            uptime=600 + i,
            variant=variant,
        )
        for i in range(count)
    ]
    return "".join(binding_chunks("MAG", count, blocks))


def msec_override(folder: Path) -> None:
    """The shipped MAG binding template with Remaining read in milliseconds: one line per
    variable, so the one-pass engine keeps its whole-block match (the column path)."""
    folder.mkdir()
    text = (template_dir() / BINDING).read_text()
    old = "Remaining: {{ remaining }} (sec)"
    assert old in text
    new = "Remaining: {{ remaining }} ({{ remaining_unit }})"
    (folder / BINDING).write_text(text.replace(old, new))


@pytest.mark.parametrize("engine", ["auto", "fast", "ttp"])
def test_a_captured_unit_gives_seconds(tmp_path: Path, engine: str) -> None:
    msec_override(tmp_path / "ov")
    use_template_dirs([tmp_path / "ov"])
    raw = mag_output(40, variant=False).replace(
        "Remaining: 3005 (sec)", "Remaining: 3005000 (msec)"
    )
    result = parse("mag-bindings", raw, engine=engine)  # type: ignore[arg-type]
    assert result.unparsed == [] and result.warnings == []
    assert [b.remaining_sec for b in result.records] == [3000 + i for i in range(40)]
    assert outcome("mag-bindings", raw, "auto") == outcome("mag-bindings", raw, "ttp")


def test_an_unknown_unit_is_a_parse_error_not_a_number(tmp_path: Path) -> None:
    msec_override(tmp_path / "ov")
    use_template_dirs([tmp_path / "ov"])
    raw = mag_output(3, variant=False).replace(
        "Remaining: 3001 (sec)", "Remaining: 3001 (fortnight)"
    )
    assert outcome("mag-bindings", raw, "auto") == outcome("mag-bindings", raw, "ttp")
    assert outcome("mag-bindings", raw, "ttp")[0] == "error"


@pytest.mark.parametrize("engine", ["auto", "fast", "ttp"])
def test_the_example_override_reads_both_formats_the_same(engine: str) -> None:
    variant = mag_output(30, variant=True)
    shipped = parse("mag-bindings", variant, engine=engine)  # type: ignore[arg-type]
    assert len(shipped.unparsed) == 60 and len(shipped.warnings) == 30
    assert all(b.remaining_sec is None and b.tunnel is None for b in shipped.records)
    standard = parse("mag-bindings", mag_output(30, variant=False), engine=engine)  # type: ignore[arg-type]
    use_template_dirs([EXAMPLES])
    assert fast_support("mag-bindings") is None and fast_support("lma-bindings") is None
    for raw in (variant, mag_output(30, variant=False)):
        result = parse("mag-bindings", raw, engine=engine)  # type: ignore[arg-type]
        assert result.unparsed == [] and result.warnings == []
        assert to_data(list(result.records)) == to_data(list(standard.records))
        assert outcome("mag-bindings", raw, "auto") == outcome("mag-bindings", raw, "ttp")
