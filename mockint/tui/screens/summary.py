"""The end of an interview: time against target, ratings, and what to work on next."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from mockint.core.interview.clock import format_mmss, format_overtime
from mockint.tui.widgets.key_bar import KeyBar


@dataclass
class SummaryData:
    """What the summary shows, computed from the saved answers (plain values)."""

    #: One row per question: number, question, time vs target, average, lowest dimension, overall.
    rows: list[tuple[str, ...]] = field(default_factory=list)
    work_on: list[str] = field(default_factory=list)
    answered: int = 0
    skipped: int = 0


def summarise(answers: list[Any], names: dict[str, str]) -> SummaryData:
    """Rows per answer and advice: the lowest-rated dimension and the questions that ran over."""
    data = SummaryData()
    by_dimension: dict[str, list[int]] = defaultdict(list)
    overtime: list[str] = []
    for a in answers:
        number = str(a.index + 1)
        if a.skipped:
            data.skipped += 1
            data.rows.append((number, a.question_text, "skipped", "", "", ""))
            continue
        data.answered += 1
        time = f"{format_mmss(a.elapsed_seconds)} / {format_mmss(a.target_seconds)}"
        if a.overtime_seconds > 0:
            time += f" {format_overtime(a.overtime_seconds)}"
            overtime.append(f"Q{number} ran {format_overtime(a.overtime_seconds)} over")
        for dim, value in a.ratings.items():
            by_dimension[dim].append(value)
        mean = lowest = "–"
        if a.ratings:
            low = min(a.ratings, key=lambda k: (a.ratings[k], k))
            mean = f"{sum(a.ratings.values()) / len(a.ratings):.1f}"
            lowest = f"{names.get(low, low)} {a.ratings[low]}"
        data.rows.append((number, a.question_text, time, mean, lowest, str(a.overall) if a.overall else "–"))
    if by_dimension:
        means = {k: sum(v) / len(v) for k, v in by_dimension.items()}
        lowest = min(means, key=lambda k: (means[k], k))
        data.work_on.append(f"Lowest dimension: {names.get(lowest, lowest)} (average {means[lowest]:.1f})")
    elif data.answered:
        data.work_on.append("Rate your answers (1-5) to see which dimension to work on.")
    data.work_on.extend(overtime)
    if data.skipped:
        data.work_on.append(f"{data.skipped} question(s) skipped: try them again next time.")
    if not data.work_on:
        data.work_on.append("Nothing stood out: well paced. Try a harder pack or a plan next.")
    return data


class SummaryScreen(Screen[None]):
    """Read-only; escape goes home."""

    BINDINGS = [Binding("escape", "home", "Home")]
    DEFAULT_CSS = """
    SummaryScreen > VerticalScroll { padding: 0 1; }
    SummaryScreen .summary--title { text-style: bold; margin: 1 0; }
    SummaryScreen .summary--work { margin-top: 1; }
    """

    def __init__(self, session_id: str, *, closing: str = "", dimension_names: dict[str, str] | None = None,
                 total: float = 0.0) -> None:
        super().__init__()
        self.session_id = session_id
        self._closing_line = closing
        self._names = dimension_names or {}
        self._total = total

    def compose(self) -> ComposeResult:
        from mockint.core.errors import MockintError

        try:
            answers = self.app.store.get_session(self.session_id).answers  # type: ignore[attr-defined]
        except MockintError as exc:  # every answer was saved already; only this view is lost
            self.app.notify(exc.message, severity="error", markup=False)
            answers = []
        data = summarise(answers, self._names)
        with VerticalScroll():
            if self._closing_line:
                yield Static(Text(self._closing_line))
            yield Static(
                Text(f"Summary: {data.answered} answered, {data.skipped} skipped, "
                     f"{format_mmss(self._total)} in total"),
                classes="summary--title",
            )
            table = Table(expand=True, show_edge=False, pad_edge=False)
            table.add_column("#", width=2, justify="right")
            table.add_column("Question", ratio=3, overflow="ellipsis", no_wrap=True)
            table.add_column("Time", no_wrap=True)
            table.add_column("Avg", no_wrap=True)
            table.add_column("Lowest", no_wrap=True, overflow="ellipsis")
            table.add_column("Overall", no_wrap=True)
            for row in data.rows:
                table.add_row(*(Text(cell) for cell in row))
            yield Static(table)
            work = Text("What to work on next\n", style="bold")
            work.append("\n".join(f"• {line}" for line in data.work_on))
            yield Static(work, classes="summary--work")
        yield KeyBar(compact=True)

    def action_home(self) -> None:
        self.app.open_screen("home")  # type: ignore[attr-defined]
