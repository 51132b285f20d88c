"""Every attempt at one question (same pack and question id) across sessions, side by side."""

from __future__ import annotations

from datetime import tzinfo
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from mockint.core.history.records import Attempt
from mockint.core.interview.clock import format_mmss
from mockint.tui.screens.session_detail import dimension_name
from mockint.tui.widgets.key_bar import KeyBar


def attempt_dimensions(attempts: list[Attempt]) -> list[str]:
    """Rubric dimension ids used by any attempt, in first-seen order (one column each)."""
    seen: dict[str, None] = {}
    for attempt in attempts:
        for dimension in attempt.answer.ratings:
            seen.setdefault(dimension, None)
    return list(seen)


def attempt_row(attempt: Attempt, dimensions: list[str], current: str | None, tz: tzinfo | None = None) -> list[Text]:
    """One table row: date, elapsed vs target, a rating per dimension, overall."""
    a = attempt.answer
    when = a.asked_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    marker = " ◀" if attempt.session_id == current else ""
    if a.skipped:
        elapsed = Text("skipped", "italic")
    else:
        elapsed = Text(f"{format_mmss(a.elapsed_seconds)} / {format_mmss(a.target_seconds)}")
        if a.elapsed_seconds - a.target_seconds >= 1:
            elapsed.stylize("bold red")
    cells = [Text(when + marker), elapsed]
    cells += [Text(str(a.ratings[d]) if d in a.ratings else "—", justify="right") for d in dimensions]
    cells.append(Text("—" if a.overall is None else str(a.overall), justify="right"))
    return cells


class AttemptsScreen(ModalScreen[None]):
    """A table of the attempts at one question, newest first; ◀ marks the session it came from."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,c", "dismiss", "Close")]
    DEFAULT_CSS = """
    AttemptsScreen { align: center middle; }
    AttemptsScreen #attempts-box {
        width: 90%;
        max-width: 110;
        height: auto;
        max-height: 90%;
        border: thick $primary 60%;
        background: $surface;
        padding: 0 1;
    }
    AttemptsScreen #attempts-title { text-style: bold; margin-bottom: 1; }
    AttemptsScreen DataTable { height: auto; max-height: 16; }
    """

    def __init__(self, pack_id: str, question_id: str, question_text: str, *, current: str | None = None) -> None:
        super().__init__()
        self.pack_id = pack_id
        self.question_id = question_id
        self.question_text = question_text
        self.current = current
        self.attempts: list[Attempt] = []

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        self.attempts = self.app.store.question_attempts(self.pack_id, self.question_id)  # type: ignore[attr-defined]
        title = Text(self.question_text, "bold")
        title.append(f"\n{self.pack_id} / {self.question_id}: {len(self.attempts)} attempt"
                     f"{'s' if len(self.attempts) != 1 else ''}, newest first", "not bold dim")
        with Vertical(id="attempts-box"):
            yield Static(title, id="attempts-title", markup=False)
            yield DataTable(id="attempts-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        dimensions = attempt_dimensions(self.attempts)
        # Dimension names come from packs: Text, so they are never parsed as markup.
        table.add_columns("Date", "Time / target", *(Text(dimension_name(d)[:10]) for d in dimensions), "Overall")
        tz = self.app.now().tzinfo  # type: ignore[attr-defined]
        for attempt in self.attempts:
            table.add_row(*attempt_row(attempt, dimensions, self.current, tz))
        table.focus()
