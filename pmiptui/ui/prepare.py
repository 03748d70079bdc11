"""Work done in thread workers after a poll: binding diff, Arrow tables, table backends.

Nothing here touches widgets; the results travel to the UI thread in messages.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
from textual_fastdatatable.backend import ArrowBackend

from pmiptui.model.bindings import Binding
from pmiptui.model.poll import PollResult
from pmiptui.ports import HistoryReader
from pmiptui.ui.data.binding_diff import BindingTracker
from pmiptui.ui.data.bindings_view import BindingsView, ViewSpec, base_table, build_view, with_marks
from pmiptui.ui.data.replay import binding_of
from pmiptui.ui.data.router_state import PreparedBindings


@dataclass(frozen=True, slots=True)
class ShownBindings:
    """A bindings view with its table backend built and measured, ready to mount."""

    router: str
    view: BindingsView
    backend: ArrowBackend


def prepare_bindings(tracker: BindingTracker, result: PollResult) -> PreparedBindings | None:
    """Diff the poll's bindings against the last poll and build the base table."""
    if not result.ok or result.bindings is None:
        return None
    table = base_table(result.bindings)
    marks = tracker.update(table, result.finished)
    return PreparedBindings(
        base=with_marks(table, marks),
        marks=marks,
        fading=tracker.fading,
        removed=tuple(tracker.removed),
    )


def show_bindings(router: str, base: pa.Table, spec: ViewSpec) -> ShownBindings:
    """Filter, sort and measure the view so mounting it costs the UI thread almost nothing."""
    view = build_view(base, spec)
    backend = ArrowBackend(view.table)
    backend.render_markup = False
    _ = backend.column_content_widths  # measured here, not on the UI thread
    return ShownBindings(router=router, view=view, backend=backend)


@dataclass(frozen=True, slots=True)
class ReplayedBindings:
    """A router's recorded bindings at a replayed moment, as records and base table."""

    router: str
    at: float
    records: list[Binding]
    base: pa.Table
    recorded: bool
    """False when nothing was recorded for the router at or before `at`."""


def replay_bindings(reader: HistoryReader, router: str, at: float) -> ReplayedBindings:
    """Read the router's bindings at `at` from the history and build their base table."""
    data = reader.bindings_at(router, at)
    records = [binding_of(item) for item in data or []]
    return ReplayedBindings(router, at, records, base_table(records, {}), data is not None)
