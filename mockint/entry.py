"""The `mockint` command: joins the two front ends, the command line and the app.

`mockint` alone opens the app without loading the command line: opening the app is what
people do most, and click costs about 10 ms at start-up. Any argument goes to the click CLI
in `mockint.cli`, which answers with an exit code or with the screen the app should open
(`OpenApp`, for `mockint review`, `mockint practice`, ...). The CLI never imports the TUI and
the TUI never imports the CLI; this module is the only one that knows both.
"""

from __future__ import annotations

import sys
from functools import partial


def _run(args: list[str]) -> int | None:
    theme: str | None = None
    screen = "home"
    screen_kwargs: dict[str, object] = {}
    if args:
        from mockint.cli import run as run_cli

        outcome = run_cli(args)
        if isinstance(outcome, int):
            return outcome
        theme, screen, screen_kwargs = outcome.theme, outcome.screen, dict(outcome.screen_kwargs)
    from mockint.tui.launch import launch

    launch(theme=theme, screen=screen, **screen_kwargs)
    return None


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `mockint` command (exits with the command's exit code)."""
    from mockint.guard import run_guarded

    args = sys.argv[1:] if argv is None else list(argv)
    sys.exit(run_guarded(partial(_run, args)))
