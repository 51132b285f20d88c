"""The self-rating panel: one row per rubric dimension plus an overall row."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from mockint.core.interview.rubric import anchor_summary
from mockint.core.packs.model import RubricDimension

OVERALL = "overall"


@dataclass(frozen=True)
class RatingRow:
    id: str
    name: str
    dimension: RubricDimension | None = None


class RatingPanel(Widget):
    """Digits rate the highlighted row and move on; the last row is the overall rating.

    The panel owns the scores of the current answer; the screen reads `ratings` and
    `overall` when it saves, and listens for `RatingPanel.Changed`.
    """

    DEFAULT_CSS = """
    RatingPanel { height: auto; padding: 0 1; }
    RatingPanel > .rating--rows { height: auto; }
    RatingPanel > .rating--anchors { height: auto; color: $text-muted; }
    """

    class Changed(Message):
        """A score changed."""

        def __init__(self, panel: RatingPanel) -> None:
            super().__init__()
            self.panel = panel

    def __init__(self, dimensions: tuple[RubricDimension, ...] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[RatingRow] = []
        self.scores: dict[str, int] = {}
        self.highlight = 0
        self._rows_view = Static("", classes="rating--rows")
        self._anchors_view = Static("", classes="rating--anchors")
        self.set_dimensions(dimensions)

    def compose(self) -> ComposeResult:
        yield self._rows_view
        yield self._anchors_view

    def set_dimensions(self, dimensions: tuple[RubricDimension, ...]) -> None:
        """Start a fresh answer with these rubric dimensions (scores cleared)."""
        self.rows = [RatingRow(d.id, d.name, d) for d in dimensions]
        self.rows.append(RatingRow(OVERALL, "Overall"))
        self.scores = {}
        self.highlight = 0
        self._redraw()

    @property
    def ratings(self) -> dict[str, int]:
        """Scores of the rubric dimensions rated so far (dimension id -> 1..5)."""
        return {k: v for k, v in self.scores.items() if k != OVERALL}

    @property
    def overall(self) -> int | None:
        return self.scores.get(OVERALL)

    def rate(self, score: int) -> None:
        """Score the highlighted row and move to the next (staying on the overall row)."""
        if not 1 <= score <= 5:
            return
        self.scores[self.rows[self.highlight].id] = score
        self.highlight = min(self.highlight + 1, len(self.rows) - 1)
        self._redraw()
        self.post_message(self.Changed(self))

    def move(self, delta: int) -> None:
        self.highlight = max(0, min(len(self.rows) - 1, self.highlight + delta))
        self._redraw()

    def _redraw(self) -> None:
        # One line per row (never wrapped) so a click's y is the row it hit.
        text = Text(no_wrap=True, overflow="ellipsis")
        width = max((len(r.name) for r in self.rows), default=8)
        for index, row in enumerate(self.rows):
            score = self.scores.get(row.id)
            current = index == self.highlight
            if index:
                text.append("\n")
            text.append(("▸ " if current else "  ") + row.name.ljust(width) + " ", style="bold" if current else "")
            text.append("●" * (score or 0), style="bold")
            text.append("○" * (5 - (score or 0)), style="dim")
            text.append(f" {score}" if score else " –")
        self._rows_view.update(text)
        row = self.rows[self.highlight]
        if row.dimension is None:
            hint = "Overall: your verdict on the whole answer, 1 to 5."
        else:
            hint = anchor_summary(row.dimension)
        self._anchors_view.update(Text(hint))

    def on_click(self, event: events.Click) -> None:
        # Mouse users pick a row by clicking it; digits still do the rating.
        offset = event.get_content_offset(self._rows_view)
        if offset is not None and 0 <= offset.y < len(self.rows):
            self.highlight = offset.y
            self._redraw()
