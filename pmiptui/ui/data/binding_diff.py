"""Which bindings are new, changed or gone since the previous poll of a router.

One tracker per router, used only by that router's poll worker (polls of a router never
overlap), so it needs no lock.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from pmiptui.ui.data.bindings_view import SIGNATURE

NEW = "+"
CHANGED = "~"
FADE_POLLS = 2
"""A mark shows on this many polls, the one that saw the change included."""
REMOVED_KEPT = 20


@dataclass(frozen=True, slots=True)
class Removed:
    """A binding that disappeared, and when the console noticed."""

    nai: str
    peer_id: str | None
    seen_gone_at: float


class BindingTracker:
    """Marks new and changed bindings for FADE_POLLS polls; keeps the last removed ones."""

    def __init__(self) -> None:
        self._previous: pa.Table | None = None
        self._marks: dict[str, tuple[str, int]] = {}
        self.removed: deque[Removed] = deque(maxlen=REMOVED_KEPT)
        """The last REMOVED_KEPT bindings that disappeared, newest first."""
        self.fading: frozenset[str] = frozenset()
        """Marked NAIs on the last poll of their mark (drawn fainter than fresh ones)."""

    def update(self, table: pa.Table, when: float) -> dict[str, str]:
        """Take a poll's bindings (a `base_table` without marks); returns NAI → mark.

        The comparison runs in Arrow (is_in, a hash join, element-wise equality), which
        releases the GIL, so the UI thread keeps running while 128,000 rows are compared.
        """
        current = _signatures(table)
        marks = {nai: (mark, left - 1) for nai, (mark, left) in self._marks.items() if left > 1}
        previous = self._previous
        if previous is not None:
            new, changed = _compare(current, previous)
            for nai in new:
                marks[nai] = (NEW, FADE_POLLS)
            for nai in changed:
                marks[nai] = (CHANGED, FADE_POLLS)
            kept = current.num_rows - len(new)
            gone = previous.slice(0, 0)
            if kept < previous.num_rows:  # something disappeared: find what
                gone = previous.filter(
                    pc.invert(pc.is_in(previous["nai"], value_set=current["nai"]))
                )
            for nai, peer in zip(gone["nai"].to_pylist(), gone["peer"].to_pylist(), strict=True):
                self.removed.appendleft(Removed(nai, peer, when))
        if marks:
            marked = pa.array(list(marks), pa.string())
            present = marked.filter(pc.is_in(marked, value_set=current["nai"])).to_pylist()
            marks = {nai: marks[nai] for nai in present}
        self._previous = current
        self._marks = marks
        self.fading = frozenset(nai for nai, (_mark, left) in marks.items() if left <= 1)
        return {nai: mark for nai, (mark, _left) in marks.items()}


def _signatures(table: pa.Table) -> pa.Table:
    """NAI, peer, and the signature columns joined into one string per row.

    Contiguous arrays: `take` and `index_in` over the base table's many chunks are
    several times slower than over one.
    """
    columns = [pc.fill_null(table[c], "") for c in SIGNATURE]
    signature = pc.binary_join_element_wise(*columns, "\x1f")
    return pa.table(
        {
            "nai": table["nai"].combine_chunks(),
            "peer": table["peer"].combine_chunks(),
            "sig": signature.combine_chunks(),
        }
    )


def _compare(current: pa.Table, previous: pa.Table) -> tuple[list[str], list[str]]:
    """New NAIs, and NAIs whose signature differs, by looking each NAI up in the last poll."""
    where = pc.index_in(current["nai"], value_set=previous["nai"])
    is_new = pc.is_null(where)
    new = current["nai"].filter(is_new).to_pylist()
    was = previous["sig"].take(pc.fill_null(where, 0))
    differs = pc.and_(pc.invert(is_new), pc.not_equal(current["sig"], was))
    return new, current["nai"].filter(differs).to_pylist()


def raw_block(raw: str, nai: str) -> str | None:
    """The CLI block of one binding, sliced from the raw `show … binding` output."""
    needle = f"Nai: {nai}"
    start = raw.find(needle)
    while start != -1:
        end_of_line = start + len(needle)
        if end_of_line >= len(raw) or raw[end_of_line] in "\r\n, ":
            break
        start = raw.find(needle, end_of_line)
    if start == -1:
        return None
    line_start = raw.rfind("\n", 0, start) + 1
    end = raw.find("[Binding][MN]: Domain:", start + len(needle))
    block = raw[line_start:] if end == -1 else raw[line_start : raw.rfind("\n", 0, end)]
    return block.replace("\r\n", "\n").strip("\n")
