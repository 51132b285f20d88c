"""Drill: the weakest questions (spaced repetition over past ratings) and one key to practise them."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from mockint.core.format import plural
from mockint.tui.app import MockintApp
from mockint.tui.names import Names
from mockint.tui.screens.review import back_to_review
from mockint.tui.widgets.key_bar import KeyBar

DEFAULT_COUNT = 5
MAX_COUNT = 10


def _short(text: str, width: int) -> Text:
    piece = Text(" ".join(text.split()), no_wrap=True)
    piece.truncate(width, overflow="ellipsis")
    return piece


class DrillScreen(Screen[None]):
    """The questions most in need of practice, with why; `p` starts a practice on all of them."""

    app = getters.app(MockintApp)
    CSS_PATH = "drill.tcss"
    TITLE = "Review"
    SUB_TITLE = "Drill"
    HELP_TEXT: ClassVar[str] = (
        "The questions most in need of practice: low ratings, skips and answers not practised for a while come "
        "back first (FSRS spaced repetition, see docs/review.md). p practises them in this order."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "practise", "Practise these"),
        Binding("plus,equals_sign", "count(1)", "More", key_display="+"),
        Binding("minus", "count(-1)", "Fewer", key_display="-"),
        Binding("a", "compare", "Attempts", tooltip="Every attempt at the highlighted question"),
        Binding("t", "trends", "Trends", tooltip="Ratings and practice over the weeks"),
        Binding("r", "review", "Review", tooltip="Every session, filtered and sorted"),
    ]

    def __init__(self, *, count: int = DEFAULT_COUNT, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.count = max(1, min(MAX_COUNT, count))
        self.weak: list[Any] = []
        self._resumed_before = False
        self._names: Names | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="drill-intro", markup=False)
        yield DataTable(id="drill-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="drill-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Question", "Last", "When", "Why")
        self.load()
        table.focus()

    @property
    def targets(self) -> list[tuple[str, str]]:
        """(pack id, question id) of every listed question, weakest first."""
        return [(w.pack_id, w.question_id) for w in self.weak]

    def load(self) -> None:
        """Read the weakest questions again and fill the table."""
        from mockint.core.interview.drill import ago, weak_reason

        now = self.app.now()
        self.weak = self.app.store.weakest_questions(limit=self.count, now=now)
        table = self.query_one(DataTable)
        table.clear()
        # The question column takes what the others leave (the detail line below shows it whole).
        width = max(20, self.size.width - 56)
        for number, weak in enumerate(self.weak, 1):
            last = "skip" if weak.last_skipped else ("—" if weak.last_rating is None else f"{weak.last_rating:.1f}")
            table.add_row(
                Text(str(number), justify="right"),
                _short(weak.question_text or weak.question_id, width),
                Text(last, justify="right"),
                Text(ago(now - weak.last_practised).replace(" days ago", " d ago")),
                Text(weak_reason(weak, now, compact=True)),
                key=f"{weak.pack_id}\x00{weak.question_id}",
            )
        intro = self.query_one("#drill-intro", Static)
        if self.weak:
            due = sum(1 for w in self.weak if w.due)
            intro.update(
                Text(
                    f"The {plural(len(self.weak), 'question')} most in need of practice ({due} due now). "
                    "Low ratings come back soon, good ones later each time (FSRS spaced repetition). "
                    "Press p to practise them in this order."
                )
            )
        else:
            intro.update(Text("Nothing to drill yet: answer a few questions in a practice first."))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        from mockint.core.interview.drill import weak_reason

        if not 0 <= event.cursor_row < len(self.weak):
            return
        weak = self.weak[event.cursor_row]
        detail = Text(weak.question_text or weak.question_id, "bold")
        if self._names is None:
            self._names = Names(self.app.library)
        pack = self._names.pack(weak.pack_id)
        detail.append(f"\n{pack} · {plural(weak.attempts, 'attempt')}", "not bold")
        if weak.average is not None:
            detail.append(f" · average {weak.average:.1f}", "not bold")
        detail.append("\n" + weak_reason(weak, self.app.now()), "not bold")
        self.query_one("#drill-detail", Static).update(detail)

    def action_practise(self) -> None:
        if not self.weak:
            self.notify("Nothing to drill yet.", severity="warning")
            return
        self.app.open_screen("practice", drill=self.targets)

    def action_count(self, delta: int) -> None:
        count = max(1, min(MAX_COUNT, self.count + delta))
        if count != self.count:
            self.count = count
            self.load()

    def action_compare(self) -> None:
        table = self.query_one(DataTable)
        if not self.weak:
            return
        weak = self.weak[min(table.cursor_row, len(self.weak) - 1)]
        from mockint.tui.screens.attempts import AttemptsScreen

        self.app.push_screen(AttemptsScreen(weak.pack_id, weak.question_id, weak.question_text))

    def action_trends(self) -> None:
        self.app.open_screen("trends")

    def action_review(self) -> None:
        back_to_review(self.app)

    def on_screen_resume(self) -> None:
        # Back from a practice: the ratings changed, so the list does too. (The first
        # resume is the screen being shown, just after on_mount read the list.)
        if self._resumed_before:
            self.load()
        self._resumed_before = True
