"""When the backgrounder cannot be saved: ask what to do with the edits, and save a copy elsewhere.

The person retries, keeps editing, saves a copy to another file or discards the edits on purpose
(the dialogs are in tui/screens/confirm.py; leaving and quitting use this, see mockint/tui/unsaved.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.screen import Screen

from mockint.core.backgrounder.model import Backgrounder
from mockint.core.errors import MockintError
from mockint.core.format import stamp


def ask_about_unsaved(
    screen: Screen[Any],
    reason: str,
    edits: Backgrounder,
    *,
    ask_again: Callable[[], None],
    discard: Callable[[], None],
) -> None:
    """Ask what to do with `edits`, which could not be saved because of `reason`.

    "retry" runs `ask_again` (which saves again and asks anew if that fails); "discard" runs `discard`,
    as does a copy saved elsewhere (the edits are safe in the copy; the usual file keeps its last
    version); "keep" (or escape) goes back to editing and changes nothing.
    """
    from mockint.tui.screens.confirm import SaveElsewhereScreen, UnsavedScreen

    def chosen(choice: str | None) -> None:
        if choice == "retry":
            ask_again()
        elif choice == "discard":
            discard()
        elif choice == "elsewhere":
            suggestion = Path.home() / f"mockint-backgrounder-{stamp(datetime.now(UTC))}.toml"
            screen.app.push_screen(
                SaveElsewhereScreen("Save a copy of your backgrounder to which file?", suggestion), copy_to
            )
        # "keep" (or escape): back to editing, nothing changes.

    def copy_to(target: Path | None) -> None:
        from mockint.core.backgrounder.storage import save_backgrounder_copy

        if target is None:
            ask_again()  # back to the choice
            return
        try:
            save_backgrounder_copy(edits, target)
        except MockintError as exc:
            screen.notify(exc.message, title="Copy not saved", severity="error", markup=False)
            ask_again()
            return
        screen.notify(
            f"Saved a copy to {target}. Bring it back later with: mockint backgrounder import {target}",
            title="Copy saved",
            timeout=15,
            markup=False,
        )
        discard()

    screen.app.push_screen(UnsavedScreen("backgrounder", reason), chosen)
