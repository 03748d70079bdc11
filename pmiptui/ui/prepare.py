"""Work done in thread workers after a poll: binding diff, Arrow tables, table backends.

Nothing here touches widgets; the results travel to the UI thread in messages.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
from textual_fastdatatable.backend import ArrowBackend

from pmiptui.model.poll import PollResult
from pmiptui.ui.data.binding_diff import BindingTracker
from pmiptui.ui.data.bindings_view import BindingsView, ViewSpec, base_table, build_view, with_marks
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
        removed=tuple(tracker.removed),
    )


def show_bindings(router: str, base: pa.Table, spec: ViewSpec) -> ShownBindings:
    """Filter, sort and measure the view so mounting it costs the UI thread almost nothing."""
    view = build_view(base, spec)
    backend = ArrowBackend(view.table)
    backend.render_markup = False
    _ = backend.column_content_widths  # measured here, not on the UI thread
    return ShownBindings(router=router, view=view, backend=backend)
