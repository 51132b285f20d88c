"""A small modal asking for a date range (either end may be left open)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from mockint.tui.widgets.key_bar import KeyBar

DateRange = tuple[date | None, date | None]


def parse_range(first: str, last: str) -> DateRange | str:
    """(from, to) from two `YYYY-MM-DD` fields (blank = open end), or why they are not a range."""
    days: list[date | None] = []
    for label, text in (("From", first.strip()), ("To", last.strip())):
        if not text:
            days.append(None)
            continue
        try:
            days.append(date.fromisoformat(text))
        except ValueError:
            return f"{label}: expected a date like 2026-11-01, got {text!r}"
    since, until = days
    if since and until and since > until:
        return "From is after To"
    return since, until


class DateRangeScreen(ModalScreen[DateRange | None]):
    """Dismisses with (from, to), both inclusive, either None for open; None on escape."""

    HELP_TEXT: ClassVar[str] = (
        "Show only the sessions started between two days, both included. Leave a field blank for an open end "
        "(everything up to, or everything since, one day)."
    )
    DEFAULT_CSS = """
    DateRangeScreen { align: center middle; }
    DateRangeScreen > Vertical {
        width: 50; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    DateRangeScreen .range-title { text-style: bold; }
    DateRangeScreen .range-problem { color: $text-error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "submit", "Apply", priority=True),
    ]

    def __init__(self, since: date | None = None, until: date | None = None) -> None:
        super().__init__()
        self._since = since
        self._until = until

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Show sessions between two dates (both included; blank: open)"), classes="range-title")
            yield Input(self._since.isoformat() if self._since else "", placeholder="From: YYYY-MM-DD", id="range-from")
            yield Input(self._until.isoformat() if self._until else "", placeholder="To: YYYY-MM-DD", id="range-to")
            yield Static("", classes="range-problem", id="range-problem", markup=False)
        yield KeyBar()

    def action_submit(self) -> None:
        result = parse_range(self.query_one("#range-from", Input).value, self.query_one("#range-to", Input).value)
        if isinstance(result, str):
            self.query_one("#range-problem", Static).update(result)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
