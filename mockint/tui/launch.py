"""Start the terminal UI (imported lazily by the CLI so `mockint --version` stays fast)."""

from __future__ import annotations

from typing import Any


def launch(*, theme: str | None = None, screen: str = "home", **kwargs: Any) -> None:
    """Build the app and run it until it quits (or its terminal goes away).

    `screen` is a name from mockint.tui.screens.SCREENS; `kwargs` go to that screen.
    """
    from mockint.tui.app import MockintApp
    from mockint.tui.terminal_watch import watch_app

    app = MockintApp(theme_name=theme, start_screen=screen, screen_kwargs=kwargs)
    watch = watch_app(app)
    try:
        app.run()
    finally:
        if watch is not None:
            watch.stop()
    if app.return_code:
        raise SystemExit(app.return_code)
