"""The `mockint` command: `mockint` alone opens the app without loading the command line.

Opening the app is what people do most, so it does not pay for click (about 10 ms at
start-up); any argument hands over to the click CLI in `mockint.cli`. Both turn domain
errors into compiler-style lines and the exit codes of cli.md through `run_guarded`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr)
    except (OSError, ValueError):  # stderr closed: nothing more can be said
        pass


def run_guarded(action: Callable[[], object]) -> int:
    """Run `action`; return the exit code, printing errors as lines (never a traceback for bad input)."""
    from mockint.core.errors import MockintError

    try:
        action()
    except MockintError as exc:
        for diag in exc.diagnostics:
            _say(diag.format())
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        where = getattr(exc, "filename", None)
        reason = exc.strerror or str(exc)
        _say(f"{where}: error: {reason}" if where else f"mockint: error: {reason}")
        return 1
    return 0


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `mockint` command."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args:
        from mockint.cli import main as cli_main

        cli_main(args)
        return
    from mockint.tui.launch import launch

    sys.exit(run_guarded(launch))
