"""Ask for a session's target: the company or role it was practice for (free text, may be cleared)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from mockint.core.history.limits import MAX_TAG
from mockint.tui.app import MockintApp
from mockint.tui.widgets.key_bar import KeyBar


class SessionTagScreen(ModalScreen[str | None]):
    """Dismisses with the new target ("" clears it), or None when cancelled."""

    app = getters.app(MockintApp)
    HELP_TEXT: ClassVar[str] = (
        "A target is the company or role a practice session was for (e.g. “Acme, Head of Product”); "
        "the review can then show only that target's sessions. Leave it blank to clear it."
    )
    DEFAULT_CSS = """
    SessionTagScreen { align: center middle; }
    SessionTagScreen > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    SessionTagScreen .tag-title { text-style: bold; }
    SessionTagScreen .tag-hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "submit", "Save", priority=True),
    ]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self._current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Target company or role of this session"), classes="tag-title")
            yield Input(self._current, placeholder="e.g. Acme, Head of Product", max_length=MAX_TAG, id="tag-input")
            yield Static(Text("enter saves · blank clears it · escape cancels"), classes="tag-hint")
        yield KeyBar()

    def action_submit(self) -> None:
        self.dismiss(self.query_one(Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


def edit_session_tag(app: MockintApp, session_id: str, current: str | None, changed: Callable[[], None]) -> None:
    """Ask for session `session_id`'s target and save it; `changed` runs once it is saved."""

    def chosen(value: str | None) -> None:
        if value is None or value == (current or ""):
            return
        try:
            app.store.set_session_tag(session_id, value or None)
        except Exception as exc:  # e.g. the session was deleted meanwhile: say so, keep going
            app.notify(f"The target was not saved: {exc}", severity="error", markup=False)
            return
        app.notify(f"Target set to “{value}”." if value else "Target cleared.", markup=False)
        changed()

    app.push_screen(SessionTagScreen(current), chosen)
