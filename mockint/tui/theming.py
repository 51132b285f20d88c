"""Theme handling in one place, so file themes can hook in later without touching the app."""

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


def remember_theme(app: App[Any], name: str) -> None:
    """Save the theme the person chose so the next start uses it (cli.md: remembered)."""
    settings = getattr(app, "settings", None)
    if settings is None or getattr(settings, "theme", None) == name:
        return
    from dataclasses import replace

    from mockint.core.settings import save_settings

    updated = replace(settings, theme=name)
    try:
        save_settings(updated, getattr(app, "paths", None))
    except Exception as exc:  # a read-only config dir must not break theme switching
        app.notify(f"Could not remember the theme: {exc}", severity="warning", markup=False)
        return
    app._settings = updated  # type: ignore[attr-defined]
