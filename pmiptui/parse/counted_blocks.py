"""Outputs made of a `Total ... : N` header and N blocks that each end on a known last line.

Bindings and tunnels share this shape (see FORMATS.md): a missing header, a block without
its last line, or fewer blocks than announced all mean the output was cut short.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pmiptui.errors import ParseError, TruncatedOutput
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import listed, to_int


def announced_total(data: dict[str, Any], kind: str, header: str) -> int:
    """The count the header announces; without a header the output is not whole."""
    summary = data.get("summary")
    total = summary.get("total") if isinstance(summary, dict) else None
    if total is None:
        raise TruncatedOutput(f"{kind}: the `{header}` header line is missing")
    return to_int(total, field=header) or 0


def check_count(kind: str, what: str, announced: int, found: int) -> None:
    """Fewer blocks than the header announces means the output was cut short."""
    if found < announced:
        raise TruncatedOutput(
            f"{kind}: the header announces {announced} {what} but only {found} were printed; "
            "the output looks cut short"
        )
    if found > announced:
        raise ParseError(
            f"{kind}: the header announces {announced} {what} but {found} were printed"
        )


def build_counted(
    data: dict[str, Any],
    *,
    kind: str,
    header: str,
    blocks_key: str,
    noun: str,
    name_key: str,
    required: Mapping[str, str],
    convert: Callable[[dict[str, Any]], Any],
    check: Callable[[dict[str, Any], str], list[str]] | None = None,
) -> Built:
    """Records of every block, with warnings for missing middle lines and a count check."""
    announced = announced_total(data, kind, header)
    blocks = listed(data.get(blocks_key))
    records: list[Any] = []
    append = records.append
    warnings: list[str] = []
    needed = {*required, "uptime"}
    for block in blocks:
        name = block.get(name_key) or "?"
        if not needed <= block.keys():
            if "uptime" not in block:
                raise TruncatedOutput(
                    f"{kind}: {noun} {name} stops before its Uptime line; "
                    "the output looks cut short"
                )
            missing = [label for key, label in required.items() if key not in block]
            warnings.append(f"{noun} {name}: no {', '.join(missing)} line")
        if check is not None:
            warnings.extend(check(block, name))
        try:
            append(convert(block if block.get(name_key) else {**block, name_key: name}))
        except ParseError as error:
            raise ParseError(f"{kind}: {noun} {name}: {error.message}") from None
    check_count(kind, f"{noun}s", announced, len(blocks))
    return Built(records=records, warnings=warnings)
