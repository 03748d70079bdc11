"""Write records as JSON or CSV text: used by `pmiptui parse`, `pmiptui show` and console export."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pmiptui.model.serialize import to_data
from pmiptui.present.rows import long_table


def to_json(records: Any) -> str:
    """Records as indented JSON: objects, with lists for repeated things."""
    return json.dumps(to_data(records), indent=2) + "\n"


def to_csv(records: Any) -> str:
    """Records as CSV in long form: one row per record and per nested record."""
    table = long_table(records)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=table.columns, lineterminator="\n")
    writer.writeheader()
    for row in table.rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
