"""The audit log: one masked JSON line per apply attempt."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from pmiptui.audit import AuditRecord, audit_path, write_audit


def test_path_defaults_to_state_dir_and_env_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PMIPTUI_AUDIT_LOG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert audit_path() == tmp_path / ".local/state/pmiptui/audit.jsonl"
    monkeypatch.setenv("PMIPTUI_AUDIT_LOG", str(tmp_path / "x.jsonl"))
    assert audit_path() == tmp_path / "x.jsonl"


def test_records_are_json_lines_with_secrets_masked(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "audit.jsonl"
    leaky = AuditRecord(
        router="mag1",
        procedure="p",
        result="rejected_rolled_back",
        diff="+ auth-option spi 100 key ascii TopSecret99",
        failed_line="3: auth-option spi 100 key hex DEADBEEF",
        router_message="% Invalid input: enable secret 5 Hidden1",
        ticket="CHG-1",
    )
    write_audit(leaky, path)
    write_audit(AuditRecord(router="mag2", procedure="p", result="applied"), path)
    text = path.read_text()
    for secret in ("TopSecret99", "DEADBEEF", "Hidden1"):
        assert secret not in text
    first, second = (json.loads(line) for line in text.splitlines())
    assert first["diff"] == "+ auth-option spi 100 key ascii ***"
    assert first["ticket"] == "CHG-1" and first["operator"]
    assert first["time"].endswith("+00:00")
    assert second["router"] == "mag2"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
