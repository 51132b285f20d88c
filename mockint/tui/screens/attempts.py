"""Every attempt at one question (same pack and question id) across sessions, side by side."""

from __future__ import annotations

from datetime import tzinfo
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from mockint.core.format import mmss, plural, when
from mockint.core.history.records import Attempt
from mockint.tui.app import MockintApp
from mockint.tui.names import Names
from mockint.tui.widgets.key_bar import KeyBar

#: The notes column shows this many cells; the line under the table shows the highlighted notes whole.
NOTES_WIDTH = 30


def attempt_dimensions(attempts: list[Attempt]) -> list[str]:
    """Rubric dimension ids used by any attempt, in first-seen order (one column each)."""
    seen: dict[str, None] = {}
    for attempt in attempts:
        for dimension in attempt.answer.ratings:
            seen.setdefault(dimension, None)
    return list(seen)


def attempt_row(
    attempt: Attempt,
    dimensions: list[str],
    current: str | None,
    tz: tzinfo | None = None,
    overtime_style: Style | str = "bold",
) -> list[Text]:
    """One table row: date, elapsed vs target, a rating per dimension, overall, notes."""
    a = attempt.answer
    marker = " ◀" if attempt.session_id == current else ""
    if a.skipped:
        elapsed = Text("skipped", "italic")
    else:
        elapsed = Text(f"{mmss(a.elapsed_seconds)} / {mmss(a.target_seconds)}")
        if a.elapsed_seconds - a.target_seconds >= 1:
            elapsed.stylize(overtime_style)
    cells = [Text(when(a.asked_at, tz) + marker), elapsed]
    cells += [Text(str(a.ratings[d]) if d in a.ratings else "—", justify="right") for d in dimensions]
    cells.append(Text("—" if a.overall is None else str(a.overall), justify="right"))
    # Notes are shown wherever the answer is, skipped or not (the detail line shows them whole).
    notes = Text(" ".join(a.notes.split()), no_wrap=True)
    notes.truncate(NOTES_WIDTH, overflow="ellipsis")
    cells.append(notes)
    return cells


class AttemptsScreen(ModalScreen[None]):
    """A table of the attempts at one question, newest first; ◀ marks the session it came from."""

    app = getters.app(MockintApp)
    HELP_TEXT: ClassVar[str] = (
        "Every time you answered this question, newest first, with your time against the target and your "
        "ratings: are you getting better at it? The highlighted attempt's notes are shown in full below."
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,a", "dismiss", "Close")]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"attempts--overtime"}
    DEFAULT_CSS = """
    AttemptsScreen { align: center middle; }
    AttemptsScreen #attempts-box {
        width: 100%;
        max-width: 130;
        height: auto;
        max-height: 90%;
        border: thick $primary 60%;
        background: $surface;
        padding: 0 1;
    }
    AttemptsScreen #attempts-title { text-style: bold; margin-bottom: 1; }
    AttemptsScreen DataTable { height: auto; max-height: 14; }
    AttemptsScreen #attempt-notes { height: auto; max-height: 6; margin-top: 1; color: $text-muted; }
    AttemptsScreen > .attempts--overtime { color: $text-error; text-style: bold; }
    """

    def __init__(self, pack_id: str, question_id: str, question_text: str, *, current: str | None = None) -> None:
        super().__init__()
        self.pack_id = pack_id
        self.question_id = question_id
        self.question_text = question_text
        self.current = current
        self.attempts: list[Attempt] = []

    def compose(self) -> ComposeResult:
        self.attempts = self.app.store.question_attempts(self.pack_id, self.question_id)
        title = Text(self.question_text, "bold")
        pack = Names(self.app.library).pack(self.pack_id)
        title.append(f"\n{pack}: {plural(len(self.attempts), 'attempt')}, newest first", "not bold")
        with Vertical(id="attempts-box"):
            yield Static(title, id="attempts-title", markup=False)
            yield DataTable(id="attempts-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="attempt-notes", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        dimensions = attempt_dimensions(self.attempts)
        names = Names(self.app.library)
        # Dimension names come from packs: Text, so they are never parsed as markup. They are cut
        # to share what the date, time and overall columns leave, so all ratings fit at 80 columns.
        box = min(self.app.size.width, 130) - 4  # the box's width inside its border and padding
        room = box - 48 - 12  # less date, time, overall and the start of the notes
        width = max(4, min(12, room // max(1, len(dimensions)) - 2))
        headers = [Text(names.dimension(d, self.pack_id), no_wrap=True) for d in dimensions]
        for header in headers:
            header.truncate(width, overflow="ellipsis")
        table.add_columns("Date", "Time / target", *headers, "Overall", "Notes")
        tz = self.app.now().tzinfo
        # Partial: colour and weight only, so the table's own backgrounds (cursor, zebra) show.
        overtime = self.get_component_rich_style("attempts--overtime", partial=True)
        for attempt in self.attempts:
            table.add_row(*attempt_row(attempt, dimensions, self.current, tz, overtime))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if not 0 <= event.cursor_row < len(self.attempts):
            return
        answer = self.attempts[event.cursor_row].answer
        notes = answer.notes.strip()
        what = "Skipped. " if answer.skipped else ""
        self.query_one("#attempt-notes", Static).update(
            Text(f"{what}Notes: {notes}" if notes else f"{what}No notes on this attempt.")
        )
