"""Every piece of cell text and styling the console shows; the only module with markup.

Cells are Rich `Text` built without markup parsing, so router text such as `[Binding]` or
an error message with brackets shows as written. Colours come from the theme's variables.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from pmiptui.model.drift import Drift, drift_counts
from pmiptui.redact import mask_secrets
from pmiptui.terminal_text import one_line as escaped_line
from pmiptui.ui.data import router_state as rs

_BLOCKS = "▁▂▃▄▅▆▇█"
_STATUS_VARIABLE = {
    rs.OK: "success",
    rs.STALE: "text-warning",
    rs.ERROR: "error",
    rs.PAUSED: "primary",
    rs.WAIT: "foreground-muted",
}
"""Theme variables that stay five different colours in a 16-colour terminal, too.

With the default theme, `warning`, `error` and `accent` all become the same bright red
there; `text-warning` becomes bright yellow and `primary` cyan.
"""


def palette(variables: Mapping[str, str]) -> dict[str, Style]:
    """Styles per status, from the app's theme variables (`App.theme_variables`)."""
    out = {}
    for status, name in _STATUS_VARIABLE.items():
        value = variables.get(name) or variables.get("foreground") or "white"
        try:
            colour = Color.parse(value).rich_color
        except ColorParseError:
            colour = None
        out[status] = Style(color=colour, bold=status in rs.FAULTS)
    return out


def text(value: Any) -> Text:
    """A plain cell: None is `-`, bools are yes/no, never parsed as markup."""
    return Text(show(value), no_wrap=True, end="")


def show(value: Any) -> str:
    """A value as cell text."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return " ".join(show(v) for v in value) or "-"
    return str(value)


def status_cell(status: str, styles: Mapping[str, Style]) -> Text:
    """The status word in its theme colour."""
    return Text(status, style=styles.get(status, Style()), no_wrap=True, end="")


def age(seconds: float | None) -> str:
    """A short age: `4s`, `2m05s`, `3h02m`; `-` when unknown."""
    if seconds is None:
        return "-"
    s = max(0, int(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def poll_cell(age_sec: float | None, latency_ms: int | None, in_flight: float | None) -> str:
    """`4s/120ms`, with `…12s` when a poll has been running that long."""
    base = f"{age(age_sec)}/{latency_ms}ms" if latency_ms is not None else age(age_sec)
    if in_flight is not None and in_flight >= 1:
        base += f" …{age(in_flight)}"
    return base


def count_of(value: int | None, limit: int | None) -> str:
    """`120 / 200`, or `120` without a limit."""
    if value is None:
        return "-"
    return f"{value} / {limit}" if limit is not None else str(value)


def fraction(pair: tuple[int, int] | None) -> str:
    """`2/3`."""
    return "-" if pair is None else f"{pair[0]}/{pair[1]}"


def percent(value: float | None) -> str:
    """`3.4%`."""
    return "-" if value is None else f"{value:.1f}%"


def sparkline(values: Iterable[int], width: int = 12) -> str:
    """The last `width` values as block characters, scaled between their min and max."""
    points = list(values)[-width:]
    if not points:
        return ""
    low, high = min(points), max(points)
    if high == low:
        return _BLOCKS[3] * len(points)
    scale = (len(_BLOCKS) - 1) / (high - low)
    return "".join(_BLOCKS[round((p - low) * scale)] for p in points)


def one_line(message: str | None, limit: int = 80) -> str:
    """The first line of an error, cut to `limit` characters."""
    if not message:
        return ""
    first = message.strip().splitlines()[0] if message.strip() else ""
    return first if len(first) <= limit else first[: limit - 1] + "…"


def retry_note(retry_at: float | None, now: float) -> str:
    """` (next try in 12 s)` while the poller backs off from a failing router; "" once due."""
    if retry_at is None:
        return ""
    wait = math.ceil(retry_at - now)
    return f" (next try in {wait} s)" if wait > 0 else ""


def poll_error(error: str | None, retry_at: float | None, now: float, limit: int = 80) -> str:
    """A failed poll's error on one line, cut to `limit`, then the retry countdown."""
    if not error:
        return ""
    return one_line(error, limit) + retry_note(retry_at, now)


def clock(epoch: float) -> str:
    """`HH:MM:SSZ` (UTC, as router logs are usually kept)."""
    return time.strftime("%H:%M:%SZ", time.gmtime(epoch))


def hour_minute(epoch: float) -> str:
    """`HH:MMZ` (UTC, as `clock`): a chart's time axis."""
    return time.strftime("%H:%MZ", time.gmtime(epoch))


def stamp(epoch: float) -> str:
    """A file-name timestamp: `20240131-235959`."""
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime(epoch))


def command(text_: str) -> str:
    """A command for the log, with any secret masked."""
    return mask_secrets(text_)


def signed(value: int | None) -> str:
    """`+5`, `0`, `-3`; `-` when unknown."""
    if value is None:
        return "-"
    return f"+{value}" if value > 0 else str(value)


def rate(value: float | None) -> str:
    """Per second, two decimals."""
    return "-" if value is None else f"{value:.2f}/s"


def banner(
    status: str, name: str, age_sec: float | None, error: str | None, retry: str = ""
) -> str:
    """The line atop a router screen when its data is not current; `retry` is the
    countdown (`retry_note`) shown after a failed poll's error."""
    if status == rs.ERROR:
        data = "no data yet" if age_sec is None else f"data {age(age_sec)} old"
        return f"{name}: last poll failed: {one_line(error, 120)}{retry} ({data})"
    if status == rs.STALE:
        why = f" ({one_line(error, 120)})" if error else ""
        return f"{name}: STALE, last good poll {age(age_sec)} ago{why}"
    if status == rs.PAUSED:
        return f"{name}: polling paused, data {age(age_sec)} old"
    if status == rs.WAIT:
        return f"{name}: waiting for the first poll"
    return ""


def drift_note(drift: Iterable[Drift]) -> str:
    """`12 lines not understood`, `, 2 warnings` after it; "" when the parsers understood all."""
    lines, warnings = drift_counts(drift)
    parts = []
    if lines:
        parts.append(f"{lines} line{'s' if lines != 1 else ''} not understood")
    if warnings:
        parts.append(f"{warnings} parse warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


def drift_cell(drift: Iterable[Drift], styles: Mapping[str, Style]) -> Text:
    """The fleet's marker for a router whose output the parsers did not fully understand:
    the note in the STALE colour (yellow in 16 colours), not bold, beside an OK status."""
    colour = styles[rs.STALE].color if rs.STALE in styles else None
    return Text(drift_note(drift), style=Style(color=colour), no_wrap=True, end="")


def drift_banner(name: str, drift: Iterable[Drift]) -> str:
    """`mag1: 12 lines not understood (bindings, stats): see the Log tab (6)`; "" without drift."""
    entries = list(drift)
    note = drift_note(entries)
    if not note:
        return ""
    kinds = ", ".join(dict.fromkeys(d.kind for d in entries))
    return f"{name}: {note} ({kinds}): see the Log tab (6)"


def drift_rows(drift: Iterable[Drift]) -> list[tuple[str, tuple[str, str, str]]]:
    """The Log tab's rows of what was not understood: where (`bindings line 57`, `globals
    warning 1`), the text escaped and masked, the command; a last row per command counts
    what was not kept. The row key is the `where` text."""
    rows = []
    for entry in drift:
        shown = command(entry.command)
        warned = 0
        for line in entry.lines:
            if line.number is not None:
                where = f"{entry.kind} line {line.number}"
            else:
                warned += 1
                where = f"{entry.kind} warning {warned}"
            rows.append((where, (where, drift_line(line.text), shown)))
        if entry.more:
            where = f"{entry.kind} …"
            rows.append((where, (where, f"and {entry.more} more, not kept", shown)))
    return rows


def drift_line(text_: str) -> str:
    """A line of router output on one line of the screen: secrets masked, controls escaped."""
    return escaped_line(mask_secrets(text_.rstrip()))


def row_text(columns: Iterable[str], values: Iterable[Any]) -> str:
    """A row as `column=value` pairs, for the clipboard."""
    return "  ".join(f"{c}={show(_plain(v))}" for c, v in zip(columns, values, strict=False))


def _plain(value: Any) -> Any:
    return value.plain if isinstance(value, Text) else value


_MAP_VARIABLE = {
    "up": "success",
    "down": "error",
    "stale": "text-warning",
    "lma": "text-accent",
    "mag": "primary",
    "peer": "foreground-muted",
    "muted": "foreground-muted",
    "title": "text-secondary",
}
"""In 16 colours `stale` stays yellow beside red `down`, and an LMA is not drawn in the
red of errors; `text-secondary` keeps domain titles readable on the dark background."""


def map_styles(variables: Mapping[str, str]) -> dict[str, Style]:
    """Styles for the domain map's span keys, from the theme's variables."""
    out = {f"status:{status}": style for status, style in palette(variables).items()}
    for key, name in _MAP_VARIABLE.items():
        value = variables.get(name) or variables.get("foreground") or "white"
        try:
            colour = Color.parse(value).rich_color
        except ColorParseError:
            colour = None
        out[key] = Style(color=colour, bold=key in ("title", "down"))
    out["name"] = Style(bold=True)
    return out


def drawing(lines: Iterable[str], spans: Iterable[Any], styles: Mapping[str, Style]) -> Text:
    """Lines with `Span(line, start, end, style key)` styles, never parsed as markup."""
    rows = list(lines)
    starts = []
    offset = 0
    for row in rows:
        starts.append(offset)
        offset += len(row) + 1
    out = Text("\n".join(rows), no_wrap=True, end="")
    for span in spans:
        style = styles.get(span.style)
        if style is not None:
            base = starts[span.line]
            out.stylize(style, base + span.start, base + span.end)
    return out
