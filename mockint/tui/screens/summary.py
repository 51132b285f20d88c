"""The end of an interview: time against target, ratings, and what to work on next."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from mockint.core.format import mmss, plural
from mockint.core.format import overtime as format_overtime
from mockint.tui.app import MockintApp
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
        time = f"{mmss(a.elapsed_seconds)} / {mmss(a.target_seconds)}"
        if a.overtime_seconds > 0:
            time += f" {format_overtime(a.overtime_seconds)}"
            overtime.append(f"Q{number} ran {format_overtime(a.overtime_seconds)} over")
        for dim, value in a.ratings.items():
            by_dimension[dim].append(value)
        mean = lowest = "–"
        if a.ratings:
            low = min(a.ratings, key=lambda k: (a.ratings[k], k))
            mean = f"{sum(a.ratings.values()) / len(a.ratings):.1f}"
            if len(set(a.ratings.values())) > 1:  # with every score equal none is the lowest
                lowest = f"{names.get(low, low)} {a.ratings[low]}"
        data.rows.append((number, a.question_text, time, mean, lowest, str(a.overall) if a.overall else "–"))
    if by_dimension:
        means = {k: sum(v) / len(v) for k, v in by_dimension.items()}
        lowest = min(means, key=lambda k: (means[k], k))
        if len(set(means.values())) == 1:
            # Every dimension averaged the same: none of them is "the lowest".
            data.work_on.append(f"Every dimension averaged {means[lowest]:.1f}: no single one stands out.")
        else:
            data.work_on.append(f"Lowest dimension: {names.get(lowest, lowest)} (average {means[lowest]:.1f})")
    elif data.answered:
        data.work_on.append("Rate your answers (1-5) to see which dimension to work on.")
    data.work_on.extend(overtime)
    if data.skipped:
        them = "it" if data.skipped == 1 else "them"
        data.work_on.append(f"{plural(data.skipped, 'question')} skipped: try {them} again next time.")
    if not data.answered:
        data.work_on.append("Nothing was answered this time: start the timer (space) and answer out loud.")
    elif not data.work_on:
        data.work_on.append("Nothing stood out: every answer within its time. Try a harder pack or a plan next.")
    return data


class SummaryScreen(Screen[None]):
    """Read-only; escape goes home."""

    HELP_TEXT: ClassVar[str] = (
        "How the interview went: each answer's time against its target and your ratings, "
        "and what to work on next. Every answer is in Review too."
    )
    BINDINGS = [Binding("escape", "home", "Home")]
    app = getters.app(MockintApp)
    DEFAULT_CSS = """
    SummaryScreen > VerticalScroll { padding: 0 1; }
    SummaryScreen .summary--title { text-style: bold; margin: 1 0; }
    SummaryScreen .summary--work { margin-top: 1; }
    """

    def __init__(self, session_id: str, *, closing: str = "", dimension_names: dict[str, str] | None = None,
                 total: float = 0.0, ended_early: bool = False, reverse: frozenset[int] = frozenset()) -> None:
        """`total` is the interview clock as the practice screen showed it; `reverse` the plan
        indexes of the candidate's own questions for the interviewer."""
        super().__init__()
        self.session_id = session_id
        self._closing_line = closing
        self._names = dimension_names or {}
        self._total = total
        self._ended_early = ended_early
        self._reverse = reverse

    def compose(self) -> ComposeResult:
        from mockint.core.errors import MockintError

        try:
            answers = self.app.store.get_session(self.session_id).answers
        except MockintError as exc:  # every answer was saved already; only this view is lost
            self.app.notify(exc.message, severity="error", markup=False)
            answers = []
        data = summarise([a for a in answers if a.index not in self._reverse], self._names)
        asked = [a for a in answers if a.index in self._reverse]
        with VerticalScroll():
            if self._closing_line:
                yield Static(Text(self._closing_line))
            title = "Summary (ended early)" if self._ended_early else "Summary"
            yield Static(
                Text(f"{title}: {data.answered} answered, {data.skipped} skipped, "
                     f"{mmss(self._total)} in total"),
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
            if asked:
                yield Static(Text("Your questions for the interviewer", style="bold"), classes="summary--work")
                yield Static(_asked_table(asked))
            work = Text("What to work on next\n", style="bold")
            work.append("\n".join(f"• {line}" for line in data.work_on))
            yield Static(work, classes="summary--work")
        yield KeyBar(compact=True)

    def action_home(self) -> None:
        self.app.open_screen("home")


def _asked_table(answers: list[Any]) -> Table:
    """The candidate's questions for the interviewer: how long each took and how it was rated."""
    table = Table(expand=True, show_edge=False, pad_edge=False)
    table.add_column("Question", ratio=3, overflow="ellipsis", no_wrap=True)
    table.add_column("Time", no_wrap=True)
    table.add_column("Overall", no_wrap=True)
    for a in answers:
        time = "skipped" if a.skipped else mmss(a.elapsed_seconds)
        overall = str(a.overall) if a.overall and not a.skipped else "–"
        table.add_row(Text(a.question_text), Text(time), Text(overall))
    return table
