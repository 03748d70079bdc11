"""Router values print as they are in `pmiptui show`'s tables: no emoji codes, no markup."""

from __future__ import annotations

from rich.console import Console

from pmiptui.present.rich_table import rich_table


def test_router_values_are_never_read_as_emoji_or_markup() -> None:
    console = Console(record=True, width=200)
    records = [{"hnp": "2001:db8:1000:a::/64", "note": "[bold]x[/bold] :smile:"}]
    console.print(rich_table(records))
    text = console.export_text()
    assert "2001:db8:1000:a::/64" in text
    assert "[bold]x[/bold] :smile:" in text
