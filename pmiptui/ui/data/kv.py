"""Records flattened into key/value rows (the Globals tab): nested lists keyed by name."""

from __future__ import annotations

from typing import Any

from pmiptui.model.serialize import to_data


def kv_rows(record: Any) -> list[tuple[str, Any]]:
    """`field` → value, nested records as `peers[LMA1].max_bindings`."""
    rows: list[tuple[str, Any]] = []

    def walk(data: dict[str, Any], prefix: str) -> None:
        for key, value in data.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    label = item.get("name") or item.get("id") or str(index)
                    walk(item, f"{prefix}{key}[{label}].")
            elif isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            else:
                rows.append((f"{prefix}{key}", value))

    if record is not None:
        walk(to_data(record), "")
    return rows
