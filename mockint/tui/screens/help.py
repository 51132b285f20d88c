"""A modal explaining the screen it was opened from: what it is for (its HELP_TEXT), then its keys.

Every screen may set `HELP_TEXT: ClassVar[str]`, one or two lines on the screen's concepts
(what a pack, a plan or the backgrounder is); help shows it above the keys.
"""

from __future__ import annotations

from typing import Any, ClassVar

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
    HelpScreen .help-text { margin-bottom: 1; }
    """
    HELP_TEXT: ClassVar[str] = "What the screen you came from is for, then every key it has. Any of escape, q or ? closes it."
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def __init__(self, rows: list[tuple[str, str]], title: str = "", text: str | None = None) -> None:
        """`text` explains the screen; by default it is the HELP_TEXT of the screen help opens over."""
        super().__init__()
        self.rows = rows
        self._title = title
        self._text = text

    def help_text(self) -> str:
        """The explanation shown above the keys (empty when the screen below has none)."""
        if self._text is not None:
            return self._text
        stack = self.app.screen_stack
        below: Any = stack[stack.index(self) - 1] if self in stack and stack.index(self) > 0 else None
        return screen_help_text(below)

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
            yield Static(Text(self._title or "Help"), classes="help-title")
            text = self.help_text()
            if text:
                yield Static(Text(text), classes="help-text")
            yield Static(Text("Keys", style="bold"))
            yield Static(body)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


def screen_help_text(screen: object) -> str:
    """A screen's HELP_TEXT (its class attribute), or "" when it has none."""
    text = getattr(type(screen), "HELP_TEXT", "") if screen is not None else ""
    return text if isinstance(text, str) else ""
