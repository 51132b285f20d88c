"""The self-rating panel: one row per rubric dimension plus an overall row."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static

from mockint.core.interview.rubric import RatingSheet


class RatingPanel(Static):
    """Draws a `RatingSheet` (the core owns the scores); a click on a row asks to highlight it."""

    DEFAULT_CSS = """
    RatingPanel { height: auto; padding: 0 1; }
    """

    class RowClicked(Message):
        """The person clicked rating row `row` (0-based)."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    _shown: tuple[object, ...] | None = None
    rows = 0

    def show(self, sheet: RatingSheet) -> None:
        """Redraw from `sheet` (skipped when nothing changed)."""
        key = (tuple((r.id, r.name) for r in sheet.rows), tuple(sorted(sheet.scores.items())), sheet.highlight)
        if key == self._shown:
            return
        self._shown = key
        self.rows = len(sheet.rows)
        # One line per row (never wrapped) so a click's y is the row it hit.
        text = Text(no_wrap=True, overflow="ellipsis")
        width = max((len(r.name) for r in sheet.rows), default=8)
        for index, row in enumerate(sheet.rows):
            score = sheet.scores.get(row.id)
            current = index == sheet.highlight
            if index:
                text.append("\n")
            text.append(("▸ " if current else "  ") + row.name.ljust(width) + " ", style="bold" if current else "")
            text.append("●" * (score or 0), style="bold")
            text.append("○" * (5 - (score or 0)), style="dim")
            text.append(f" {score}" if score else " –")
        self.update(text)

    def on_click(self, event: events.Click) -> None:
        # Mouse users pick a row by clicking it; digits still do the rating.
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y < self.rows:
            self.post_message(self.RowClicked(offset.y))
