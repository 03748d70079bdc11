"""TTP parses large outputs in chunks cut at block starts; the records must not change."""

from __future__ import annotations

import pytest

from pmiptui.model.serialize import to_data
from pmiptui.parse import engine, parse
from tests.parse.fixtures import FIXTURES


@pytest.mark.parametrize(
    ("kind", "case"),
    [("lma-bindings", "many"), ("mag-tunnel", "many"), ("lma-globals", "two_instances")],
)
def test_chunked_parse_equals_whole_parse(
    kind: str, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (FIXTURES / kind / f"{case}.txt").read_text()
    whole = parse(kind, text, engine="ttp")
    monkeypatch.setattr(engine, "_CHUNK_LINES", 10)
    chunks = engine._chunks(engine.kind_of(kind).template, text.splitlines())
    assert len(chunks) > 1
    chunked = parse(kind, text, engine="ttp")
    assert to_data(chunked.records) == to_data(whole.records)
    assert chunked.unparsed == whole.unparsed
