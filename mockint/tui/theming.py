"""Switching themes by name: with a message for an unknown name, or before the first parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from mockint.core.paths import Paths


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


def set_theme_before_parse(app: App[Any], name: str, paths: Paths) -> bool:
    """Make `name` the theme of an app whose stylesheet is not parsed yet; False when it must wait.

    Textual 8.2.8: assigning `App.theme` re-parses and re-applies the whole stylesheet
    (`App._watch_theme` -> `refresh_css`), about a third of a first frame. Before the first
    parse (the app's `__init__`) the theme is set the way `App.__init__` sets its default: the
    value alone (`set_reactive`); the first parse then reads this theme's variables. The
    dark/light classes and the ANSI colour filter that App.__init__ set already fit when the
    theme's darkness is the default's; otherwise (False) the theme is applied as usual later.
    The snapshot tests (which use the default theme) show any difference.
    """
    from_file = False
    if name not in app.available_themes:
        from mockint.tui.themes_loader import register_file_theme

        # This theme alone now; every theme file (and its warnings) after the first frame.
        from_file = register_file_theme(app, name, paths)
    theme = app.get_theme(name)
    if theme is None or theme.dark != app.current_theme.dark:
        return False
    default = app.theme
    app.set_reactive(App.theme, theme.name)
    try:
        variables = app.get_css_variables()
    except Exception:  # colours Textual cannot work with: reported with the other theme files
        app.set_reactive(App.theme, default)
        if from_file:
            app.unregister_theme(theme.name)
        return False
    app.set_class(True, f"-theme-{theme.name}", update=False)
    # The (unparsed) stylesheet has no variables yet, or the default theme's (a plain App).
    app.stylesheet.set_variables(variables)
    return True
