"""A poll keeps what the parsers did not understand (format drift), and the records that parsed."""

from __future__ import annotations

from pathlib import Path

from pmiptui.device.poll_commands import poll_with
from pmiptui.history.results import result_from, result_text
from pmiptui.model.drift import DRIFT_KEPT, Drift, DriftLine
from pmiptui.model.poll import RouterInfo

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MAG = RouterInfo(name="mag1", host="127.0.0.1", role="mag", pmipv6_id="M1")
BINDINGS = (FIXTURES / "mag-bindings" / "many.txt").read_text()
GLOBALS = (FIXTURES / "mag-globals" / "guide_sample.txt").read_text()


def _send(outputs: dict[str, str]):
    def send(command: str) -> str:
        return next(text for word, text in outputs.items() if command.endswith(word))

    return send


def test_unparsed_lines_are_kept_with_their_command_and_number() -> None:
    garbled = BINDINGS + "  Handoff Count: 3\nOdd \u202e thing: 1\n"
    result = poll_with(MAG, _send({"binding": garbled}), ["bindings"])
    assert result.ok and result.unparsed == 2
    assert result.bindings is not None and len(result.bindings) == 8
    [drift] = result.drift
    assert drift.kind == "bindings" and drift.command == "show ipv6 mobile pmipv6 mag binding"
    assert drift.unparsed == 2 and drift.warnings == 0 and drift.more == 0
    assert drift.lines == [
        DriftLine(number=93, text="Handoff Count: 3"),
        DriftLine(number=94, text="Odd \u202e thing: 1"),
    ]


def test_a_clean_poll_has_no_drift() -> None:
    result = poll_with(MAG, _send({"binding": BINDINGS}), ["bindings"])
    assert result.ok and result.unparsed == 0 and result.drift == []


def test_a_cut_short_record_is_shown_from_the_fields_that_parsed() -> None:
    result = poll_with(MAG, _send({"globals": GLOBALS}), ["globals"])
    assert result.ok and result.globals is not None
    peers = {peer.name: peer for peer in result.globals.peers}
    assert not peers["LMA1"].incomplete
    assert peers["LMA2"].incomplete and peers["LMA2"].max_bindings is not None
    [drift] = result.drift
    assert drift.kind == "globals" and drift.unparsed == 0 and drift.warnings == 1
    assert drift.lines[0].number is None and "peer LMA2" in drift.lines[0].text


def test_lines_beyond_the_cap_are_only_counted() -> None:
    junk = "".join(f"Unknown field {n}: x\n" for n in range(DRIFT_KEPT + 50))
    outputs = {"binding": BINDINGS + junk, "globals": GLOBALS}
    result = poll_with(MAG, _send(outputs), ["globals", "bindings"])
    assert result.unparsed == DRIFT_KEPT + 50
    globals_, bindings = result.drift
    assert globals_.kind == "globals" and len(globals_.lines) == 1
    assert bindings.unparsed == DRIFT_KEPT + 50
    assert len(bindings.lines) == DRIFT_KEPT - 1 and bindings.more == 51
    assert sum(len(d.lines) for d in result.drift) == DRIFT_KEPT


def test_the_store_gives_the_drift_back() -> None:
    garbled = BINDINGS + "  Handoff Count: 3\n"
    result = poll_with(
        MAG, _send({"binding": garbled, "globals": GLOBALS}), ["globals", "bindings"]
    )
    back = result_from(result_text(result))
    assert back.drift == result.drift
    assert all(isinstance(d, Drift) for d in back.drift)
    assert back.unparsed == 1
