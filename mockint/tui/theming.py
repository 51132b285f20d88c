"""Switching themes by name, with a message instead of an error for an unknown name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App


def apply_theme(app: App[Any], name: str | None) -> str | None:
    """Switch `app` to the theme called `name`.

    Returns a warning to show the person when the name is unknown (the current
    theme is kept), or None when it was applied or no name was given.
    """
    if not name:
        return None
    if name not in app.available_themes:
        known = ", ".join(sorted(app.available_themes))
        return f"Unknown theme {name!r}; keeping {app.theme!r}. Known themes: {known}"
    app.theme = name
    return None
