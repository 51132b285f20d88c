"""Quitting never drops work a screen could not save.

A screen holding edits offers `confirm_leave(then)`: it saves, and runs `then` when that
worked; otherwise it asks the person what to do (tui/screens/confirm.py `UnsavedScreen`)
and runs `then` only once the work is saved, copied elsewhere or discarded on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from textual.app import App


@runtime_checkable
class HoldsEdits(Protocol):
    def confirm_leave(self, then: Callable[[], object]) -> None: ...


class AsksAboutEdits:
    """Marks the dialogs that ask what to do with unsaved work (tui/screens/confirm.py)."""


def quit_when_saved(app: App[Any]) -> None:
    """Exit the app once every screen holding edits has saved them or the person decided."""
    if isinstance(app.screen, AsksAboutEdits):
        return  # already asking
    holders = [screen for screen in app.screen_stack if isinstance(screen, HoldsEdits)]

    def step(index: int) -> None:
        if index == len(holders):
            app.exit()
        else:
            holders[index].confirm_leave(lambda: step(index + 1))

    step(0)
