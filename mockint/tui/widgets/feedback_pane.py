"""Objective feedback on the typed key points, and the question's guidance once the answer is over."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class FeedbackPane(Static):
    """Shows `Feedback.summary_lines()` and, when revealed, the guidance (plain text)."""

    DEFAULT_CSS = """
    FeedbackPane { height: auto; padding: 0 1; }
    """

    def show(self, lines: list[str], guidance: str | None = None) -> None:
        text = Text()
        if lines:
            text.append("\n".join(lines))
        else:
            text.append("Type key points (k) to see word count, pace, numbers and STAR coverage.", style="dim")
        if guidance:
            text.append("\n\nWhat a strong answer covers:\n", style="bold")
            text.append(guidance)
        self.update(text)
