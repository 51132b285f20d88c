"""A modal listing the keys of the screen it was opened from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Every key of the current screen, plus the global ones; any of escape/q/? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 64; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .help-title { text-style: bold; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def __init__(self, rows: list[tuple[str, str]], title: str = "") -> None:
        super().__init__()
        self.rows = rows
        self._title = title

    def compose(self) -> ComposeResult:
        # A grid keeps wrapped descriptions aligned under their column.
        body = Table.grid(padding=(0, 2))
        body.add_column(style="bold", no_wrap=True)
        body.add_column()
        for key, description in self.rows:
            body.add_row(Text(key), Text(description))
        if not any(key in ("^p", "ctrl+p") for key, _description in self.rows):  # the app's binding may list it
            body.add_row(Text("ctrl+p"), Text("Command palette: every screen, pack, plan and theme"))
        with VerticalScroll():
            yield Static(Text(f"Keys — {self._title}" if self._title else "Keys"), classes="help-title")
            yield Static(body)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
