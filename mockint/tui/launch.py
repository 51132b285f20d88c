"""Start the terminal UI (imported lazily by the CLI so `mockint --version` stays fast)."""

from __future__ import annotations

from typing import Any


def launch(*, theme: str | None = None, screen: str = "home", **kwargs: Any) -> None:
    """Build the app and run it until it quits (or its terminal goes away).

    `screen` is a name from mockint.tui.screens.SCREENS; `kwargs` go to that screen.
    """
    from mockint.tui.app import MockintApp
    from mockint.tui.terminal_watch import watch_app

    if theme is not None:
        check_theme(theme)
    app = MockintApp(theme_name=theme, start_screen=screen, screen_kwargs=kwargs)
    watch = watch_app(app)
    try:
        app.run()
    finally:
        if watch is not None:
            watch.stop()
    if app.return_code:
        raise SystemExit(app.return_code)


def check_theme(name: str) -> None:
    """An unknown `--theme` is a usage error (exit 2) naming the themes there are, before the app opens."""
    from mockint.core.errors import MockintError
    from mockint.tui.themes_loader import theme_names

    names = theme_names()
    if name not in names:
        raise MockintError(f"no theme is called {name!r}; the themes are: {', '.join(names)}", key="--theme")
