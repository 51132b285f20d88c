"""One place that turns errors into messages and exit codes, for the app and the command line.

Both front ends run under `run_guarded` (see `mockint/entry.py`): a domain error prints its
compiler-style lines (`path:line:col: error: message`), never a traceback. The exit codes are
those of `mockint --help` and docs/architecture.md: 0 success, 1 the operation failed, 2 bad
usage or bad input, 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

#: Ctrl+C, as shells report a process ended by SIGINT.
EXIT_INTERRUPTED = 130


def say(line: str) -> None:
    """Print one line to stderr; a closed stderr is not an error worth a traceback."""
    try:
        print(line, file=sys.stderr)
    except (OSError, ValueError):  # stderr closed: nothing more can be said
        pass


def run_guarded(action: Callable[[], int | None]) -> int:
    """Run `action` and return its exit code (None is success), printing errors as lines.

    `SystemExit` passes through: a command that chose its own exit code keeps it.
    """
    from mockint.core.errors import EXIT_FAILED, EXIT_OK, MockintError

    try:
        code = action()
    except MockintError as exc:
        for diag in exc.diagnostics:
            say(diag.format())
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `mockint history | head`: the reader has all it wanted
        return EXIT_OK
    except OSError as exc:
        where = getattr(exc, "filename", None)
        reason = exc.strerror or str(exc)
        say(f"{where}: error: {reason}" if where else f"mockint: error: {reason}")
        return EXIT_FAILED
    return EXIT_OK if code is None else code
