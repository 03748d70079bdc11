"""Read a wizard values file (YAML keyed by the guide's placeholder names)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmiptui.errors import InputError
from pmiptui.safe_yaml import load_yaml


def load_values(source: str) -> dict[str, Any]:
    """The values mapping in a YAML file; a one-line InputError for anything else."""
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{source}: no such values file") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read ({error.strerror})") from None
    data = load_yaml(text, source=source)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{source}: must be a mapping of values, e.g. `domain-name: D1`")
    return data
