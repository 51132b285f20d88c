"""A message from mockint that stays until it is read (what a database recovery saved, say)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class NoticeScreen(ModalScreen[bool]):
    """Dismisses with True once the person has read the message, False to see it again next time."""

    HELP_TEXT: ClassVar[str] = (
        "A message mockint keeps until you have read it. enter marks it read; escape shows it again "
        "the next time mockint starts."
    )

    DEFAULT_CSS = """
    NoticeScreen { align: center middle; }
    NoticeScreen > Vertical {
        width: 76; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    NoticeScreen .notice-title { text-style: bold; }
    NoticeScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    NoticeScreen Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("enter", "read(True)", "Read"),
        Binding("escape", "read(False)", "Later"),
    ]
    AUTO_FOCUS = ""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("A message from mockint", classes="notice-title")
            yield Static(Text(self._text))
            with Horizontal():
                yield Button("Later (escape)", id="later", compact=True)
                yield Button("I have read it (enter)", id="read", variant="warning", compact=True)

    def action_read(self, read: bool) -> None:
        self.dismiss(read)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "read")
