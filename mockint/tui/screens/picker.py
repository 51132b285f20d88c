"""A small modal that asks the person to choose one item from a list."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mockint.tui.widgets.key_bar import KeyBar


class PickerScreen(ModalScreen[str | None]):
    """Dismisses with the chosen item's id, or None on escape."""

    DEFAULT_CSS = """
    PickerScreen { align: center middle; }
    PickerScreen > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PickerScreen .picker-title { text-style: bold; }
    PickerScreen OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, items: list[tuple[str, str]], empty: str = "Nothing to choose from.") -> None:
        """`items` are (id, label) pairs; labels are shown as plain text."""
        super().__init__()
        self._title = title
        self._items = items
        self._empty = empty

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="picker-title")
            if self._items:
                yield OptionList(*(Option(Text(label), id=item_id) for item_id, label in self._items))
            else:
                yield Static(Text(self._empty))
        yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
