"""Modal questions: yes/no (`y` confirms, `n` or `escape` returns), and what to do with unsaved edits."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from mockint.tui.unsaved import AsksAboutEdits


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True for yes, False for no."""

    HELP_TEXT: ClassVar[str] = (
        "A question before something that cannot be undone: y answers yes, n or escape no."
    )

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]
    AUTO_FOCUS = ""

    def __init__(self, question: str, yes: str = "Yes (y)", no: str = "No (n)") -> None:
        super().__init__()
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._question))
            with Horizontal():
                yield Button(self._no, id="no", compact=True)
                yield Button(self._yes, id="yes", variant="warning", compact=True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class UnsavedScreen(AsksAboutEdits, ModalScreen[str]):
    """Edits that could not be saved: dismisses with "retry", "keep", "elsewhere" or "discard".

    Nothing is dropped unless the person picks "discard"; `escape` keeps editing.
    """

    HELP_TEXT: ClassVar[str] = (
        "Your edits could not be saved (a full or read-only disk, say). They stay in the editor: retry, "
        "keep editing, save a copy to another file, or discard them on purpose."
    )

    DEFAULT_CSS = """
    UnsavedScreen { align: center middle; }
    UnsavedScreen > Vertical {
        width: 76; max-width: 100%; height: auto;
        border: round $error; background: $surface; padding: 0 1;
    }
    UnsavedScreen .unsaved-title { text-style: bold; }
    UnsavedScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    UnsavedScreen Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("r", "choose('retry')", "Retry"),
        Binding("k", "choose('keep')", "Keep editing"),
        Binding("escape", "choose('keep')", "Keep editing", show=False),
        Binding("s", "choose('elsewhere')", "Save elsewhere"),
        Binding("d", "choose('discard')", "Discard"),
    ]
    AUTO_FOCUS = ""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__()
        self._what = what
        self._reason = reason

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Your {self._what} edits are not saved"), classes="unsaved-title")
            yield Static(Text(self._reason))
            yield Static(Text("They stay in the editor until you choose. Try again, keep editing, save a copy "
                              "to another file, or discard them on purpose."))
            with Horizontal():
                yield Button("Retry (r)", id="retry", compact=True)
                yield Button("Keep editing (k)", id="keep", compact=True)
                yield Button("Save elsewhere (s)", id="elsewhere", compact=True)
                yield Button("Discard (d)", id="discard", variant="error", compact=True)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "keep")


class SaveElsewhereScreen(AsksAboutEdits, ModalScreen["Path | None"]):
    """Ask for a file to save a copy to; dismisses with the path, or None on `escape`."""

    HELP_TEXT: ClassVar[str] = (
        "Type the file to save a copy to, on a disk with room; an existing file is never overwritten."
    )

    DEFAULT_CSS = """
    SaveElsewhereScreen { align: center middle; }
    SaveElsewhereScreen > Vertical {
        width: 76; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    SaveElsewhereScreen Input { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, suggestion: Path) -> None:
        super().__init__()
        self._question = question
        self._suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._question))
            yield Input(str(self._suggestion), id="elsewhere-path", select_on_focus=False)
            yield Static(Text("enter saves · escape goes back"), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
