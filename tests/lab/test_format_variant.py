"""The lab's binding format variant (`--fault ROUTER:format=variant`) over real SSH: drift
with the shipped templates, clean with the example override in `examples/templates/`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from netmiko import ConnectHandler

from pmiptui.cli import main
from pmiptui.device.poller import SshPoller
from pmiptui.errors import InputError
from pmiptui.inventory import load_inventory
from pmiptui.lab.faults import HELP, faults_by_router
from pmiptui.lab.runtime import LabThread
from pmiptui.lab.topology import load_topology
from pmiptui.model.poll import PollResult
from pmiptui.parse.templates import use_template_dirs
from tests.lab.conftest import device, start_lab

pytestmark = pytest.mark.lab

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "templates"
VARIANT = ["mag1:format=variant", "lma1:format=variant"]
"""mag1 and lma1 print the variant; mag2 keeps the format FORMATS.md models."""


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabThread, Path]]:
    state = tmp_path_factory.mktemp("variant")
    thread = start_lab(state, faults=VARIANT)
    path = thread.lab.write_inventory(state)
    yield thread, path
    thread.stop()


@pytest.fixture
def shipped_templates() -> Iterator[None]:
    """The shipped templates during and after the test, whatever it put in use."""
    use_template_dirs([])
    yield
    use_template_dirs([])


@pytest.fixture
def example_override(shipped_templates: None) -> None:
    """`examples/templates/` in use for the test (the fixture above restores the default)."""
    use_template_dirs([EXAMPLES])


def _poll(path: Path, router: str) -> PollResult:
    """Bindings and the `| include ^Total` count of one router, checked to agree."""
    poller = SshPoller(load_inventory(path), names=[router])
    try:
        result = poller.poll(router, ["bindings", "binding_total"])
    finally:
        poller.close()
    assert result.ok, result.error
    assert result.bindings and result.binding_total == len(result.bindings)
    return result


def test_the_variant_changes_only_the_three_block_lines(
    fleet: tuple[LabThread, Path],
) -> None:
    thread, _path = fleet
    with ConnectHandler(**device(thread.lab, "mag1")) as conn:
        conn.enable()
        text = conn.send_command("show ipv6 mobile pmipv6 mag binding", read_timeout=30)
        total = conn.send_command("show ipv6 mobile pmipv6 mag binding | include ^Total")
    assert "Lifetime Remaining: " in text and " (msec)" in text
    assert "Tunnel Interface: Tunnel" in text
    assert "Remaining: " not in text.replace("Lifetime Remaining: ", "")
    assert "[PEER]: Tunnel: " not in text
    lines = [line.strip() for line in text.splitlines()]
    sequence = next(i for i, line in enumerate(lines) if "[PEER]: Sequence:" in line)
    assert "[PEER]: Lifetime:" in lines[sequence + 1]
    assert total.strip() == text.strip().splitlines()[0].strip()
    assert total.strip().startswith("Total MAG bindings : ")


@pytest.mark.parametrize("router", ["mag1", "lma1"])
def test_shipped_templates_report_drift_and_invent_nothing(
    fleet: tuple[LabThread, Path], router: str, shipped_templates: None
) -> None:
    result = _poll(fleet[1], router)  # `| include ^Total` reads the variant unchanged
    assert result.bindings
    assert result.unparsed == 2 * len(result.bindings)  # each block's Lifetime and Tunnel lines
    for binding in result.bindings:
        assert binding.nai.endswith("@example.com") and binding.state == "BCE_ACTIVE"
        assert binding.peer_id and binding.sequence is not None and binding.uptime_sec is not None
        assert binding.remaining_sec is None and binding.lifetime_sec is None
        assert binding.tunnel is None and binding.encap is None


def test_the_standard_router_beside_it_stays_clean(
    fleet: tuple[LabThread, Path], shipped_templates: None
) -> None:
    result = _poll(fleet[1], "mag2")
    assert result.bindings and result.unparsed == 0


@pytest.mark.parametrize("router", ["mag1", "lma1"])
def test_the_example_override_reads_the_variant_cleanly(
    fleet: tuple[LabThread, Path], router: str, example_override: None
) -> None:
    result = _poll(fleet[1], router)
    assert result.bindings and result.unparsed == 0
    for binding in result.bindings:
        assert binding.lifetime_sec is not None and binding.lifetime_sec > 0
        assert binding.remaining_sec is not None
        assert 0 <= binding.remaining_sec <= binding.lifetime_sec  # seconds, not msec
        assert binding.tunnel is not None and binding.tunnel.startswith("Tunnel")
        assert binding.encap in ("gre-ipv4", "ipv6-in-ipv6", "udptunnel")


def test_the_example_override_still_reads_the_standard_format(
    fleet: tuple[LabThread, Path], example_override: None
) -> None:
    result = _poll(fleet[1], "mag2")
    assert result.bindings and result.unparsed == 0
    assert all(b.remaining_sec is not None and b.tunnel for b in result.bindings)


def test_templates_check_is_clean_on_fixtures_and_a_lab_capture(
    fleet: tuple[LabThread, Path],
    tmp_path: Path,
    shipped_templates: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    thread, _path = fleet
    capture = tmp_path / "lma1_binding.txt"
    with ConnectHandler(**device(thread.lab, "lma1")) as conn:
        conn.enable()
        capture.write_text(conn.send_command("show ipv6 mobile pmipv6 lma binding"))
    assert main(["templates", "check", str(EXAMPLES)]) == 0
    spec = f"lma-bindings:{capture}"
    assert main(["templates", "check", str(EXAMPLES), "--capture", spec]) == 0
    empty = tmp_path / "none"
    empty.mkdir()
    assert main(["templates", "check", str(empty), "--capture", spec]) == 4
    assert "Tunnel Interface" in capsys.readouterr().out


def test_format_fault_and_topology_key_are_checked(tmp_path: Path) -> None:
    assert "format=variant" in HELP
    assert faults_by_router(["mag1:format=variant"])["mag1"].binding_format == "variant"
    with pytest.raises(InputError, match="format"):
        faults_by_router(["mag1:format=mauve"])
    with pytest.raises(InputError, match="needs a value"):
        faults_by_router(["mag1:format"])
    topology = tmp_path / "topology.yaml"
    topology.write_text(
        "routers:\n"
        "  - {name: lma1, role: lma, ipv4: 10.0.0.1, ipv6: '2001:db8::1', format: variant}\n"
        "  - {name: mag1, role: mag, ipv4: 10.0.0.2, ipv6: '2001:db8::2'}\n"
    )
    routers = {r.name: r for r in load_topology(topology).routers}
    assert routers["lma1"].binding_format == "variant"
    assert routers["mag1"].binding_format == "standard"
    topology.write_text(topology.read_text().replace("format: variant", "format: other"))
    with pytest.raises(InputError, match="router lma1: format 'other'"):
        load_topology(topology)


async def _console_drift(path: Path) -> tuple[list[str], str]:
    """Open the console on the variant lab, watch mag1 (its bindings at every poll), and
    return the kinds drifted once mag1's table is in, with the fleet row's drift marker."""
    import asyncio
    import time

    from pmiptui.ui.app import PmipApp
    from pmiptui.ui.screens.fleet import FleetScreen

    poller = SshPoller(load_inventory(path), poll_interval_sec=1.0, read_timeout=60)
    app = PmipApp(poller)
    app.animation_level = "none"
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            deadline = time.monotonic() + 60
            while not (app.routers and app.routers["mag1"].last_ok is not None):
                assert time.monotonic() < deadline
                await asyncio.sleep(0.2)
                await pilot.pause()
            app.show_router("mag1", tab="bindings")
            while not (
                app.routers["mag1"].last_ok and app.routers["mag1"].last_ok.bindings is not None
            ):
                assert time.monotonic() < deadline
                await asyncio.sleep(0.2)
                await pilot.pause()
            state = app.routers["mag1"]
            kinds = sorted({entry.kind for entry in state.drift})
            await pilot.press("escape")
            while not isinstance(app.screen, FleetScreen) or "mag1" not in app.screen._records:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.2)
                await pilot.pause()
            await pilot.pause()
            row = app.screen._records["mag1"]
            error = str(row.get("drift") or "")
        return kinds, error
    finally:
        poller.close()


@pytest.mark.asyncio
async def test_the_console_shows_the_drift_and_the_override_brings_it_back_clean(
    fleet: tuple[LabThread, Path], shipped_templates: None
) -> None:
    _thread, path = fleet
    kinds, error = await _console_drift(path)
    assert kinds == ["bindings"] and "lines not understood" in error
    use_template_dirs([EXAMPLES])
    kinds, error = await _console_drift(path)
    assert kinds == [] and "not understood" not in error
