"""Notice a terminal that goes away and end the app, instead of spinning on a dead input.

When the terminal closes while mockint ignores SIGHUP (`nohup`, `sh -c 'trap "" HUP; …'`,
a dropped SSH session behind such a wrapper), Textual's input thread reads end-of-file
forever at 100 % of a core (Textualize/textual#6690). The kernel marks a hung-up terminal
so that its control calls fail; a watcher thread asks the terminal for its settings a few
times a second, and SIGHUP (when it does arrive) wakes it at once. Once the terminal is
gone the app is asked to exit as usual (screens save what they hold; every answer is
already in the database), and the process ends by force if that does not finish soon.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

#: How often the terminal is checked (seconds).
INTERVAL = 0.25
#: How long a normal exit may take once the terminal is gone, before the process ends by force.
GRACE = 5.0
#: The exit status of a process ended by a hang-up (128 + SIGHUP).
HANGUP_STATUS = 128 + 1


def terminal_gone(fd: int) -> bool:
    """Whether the terminal on `fd` has hung up (or the descriptor no longer is a terminal)."""
    import termios

    try:
        termios.tcgetattr(fd)
    except (termios.error, OSError):
        return True
    return False


class TerminalWatch:
    """A daemon thread that calls `on_gone` once, when the terminal on `fd` goes away."""

    def __init__(
        self,
        on_gone: Callable[[], object],
        *,
        fd: int | None = None,
        interval: float = INTERVAL,
        grace: float | None = GRACE,
        gone: Callable[[int], bool] = terminal_gone,
    ) -> None:
        self.on_gone = on_gone
        self.fd = sys.__stdin__.fileno() if fd is None and sys.__stdin__ is not None else (fd or 0)
        self.interval = interval
        self.grace = grace
        self._gone = gone
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mockint-terminal-watch", daemon=True)
        self._old_hup: Any = None
        self.fired = threading.Event()

    def start(self, *, hangup_signal: bool = True) -> TerminalWatch:
        """Start watching; with `hangup_signal`, SIGHUP (if this is the main thread) wakes the watcher at once."""
        if hangup_signal and sys.platform != "win32" and threading.current_thread() is threading.main_thread():
            # A hang-up is news to act on, even when a wrapper asked to ignore it.
            self._old_hup = signal.signal(signal.SIGHUP, self._on_hangup)
        self._thread.start()
        return self

    def stop(self) -> None:
        """The app has ended: stop watching (and never end the process by force)."""
        self._stopped.set()
        self._wake.set()
        if self._old_hup is not None:
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signal.SIGHUP, self._old_hup)
            self._old_hup = None

    def _on_hangup(self, _signum: int, _frame: FrameType | None) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stopped.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            if self._stopped.is_set():
                return
            if self._gone(self.fd):
                break
        else:
            return
        self.fired.set()
        with contextlib.suppress(Exception):
            self.on_gone()
        if self.grace is not None and not self._stopped.wait(self.grace):
            os._exit(HANGUP_STATUS)  # the app could not finish on its own; the database is safe


def watch_app(app: Any) -> TerminalWatch | None:
    """Watch the terminal `app` runs in; None when stdin is not a terminal (nothing to watch)."""
    stdin = sys.__stdin__
    if sys.platform == "win32" or stdin is None:
        return None
    try:
        fd = stdin.fileno()
    except (OSError, ValueError):
        return None
    if not os.isatty(fd):
        return None

    def gone() -> None:
        app.call_from_thread(app.exit, return_code=HANGUP_STATUS)

    return TerminalWatch(gone, fd=fd).start()
