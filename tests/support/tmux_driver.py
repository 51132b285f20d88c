"""Drive a real terminal program in tmux: send keys, read the screen, wait for text.

Used by the end-to-end tests and benchmarks/startup.py. Each driver has its own
tmux server socket so parallel tests never see each other.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Mapping, Sequence


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


class TmuxDriver:
    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        width: int = 80,
        height: int = 24,
        cwd: str | None = None,
    ) -> None:
        self.socket = f"mockint-{uuid.uuid4().hex[:10]}"
        self.argv = list(argv)
        self.env = dict(env or {})
        self.width = width
        self.height = height
        self.cwd = cwd
        self.started_at = 0.0

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=check,
        )

    def start(self) -> TmuxDriver:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        # `exec` so the pane's process is the program itself (its pid is what we kill).
        command = f"exec env {exports} TERM=xterm-256color {shlex.join(self.argv)}"
        args = ["new-session", "-d", "-s", "main", "-x", str(self.width), "-y", str(self.height)]
        if self.cwd:
            args += ["-c", self.cwd]
        self.started_at = time.perf_counter()
        # remain-on-exit in the same call, so a fast exit still leaves the pane to inspect.
        self._tmux(*args, command, ";", "set-option", "-t", "main", "remain-on-exit", "on")
        return self

    def pane_pid(self) -> int:
        out = self._tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout.strip()
        return int(out)

    def pane_dead(self) -> bool:
        out = self._tmux("display-message", "-p", "-t", "main", "#{pane_dead}", check=False).stdout.strip()
        return out == "1"

    def send(self, *keys: str, literal: bool = False) -> None:
        args = ["send-keys", "-t", "main"]
        if literal:
            args.append("-l")
        self._tmux(*args, *keys)

    def type(self, text: str) -> None:
        self.send(text, literal=True)

    def capture(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "main", check=False).stdout

    def wait_for(self, text: str, timeout: float = 15.0, interval: float = 0.02) -> str:
        deadline = time.perf_counter() + timeout
        screen = ""
        while time.perf_counter() < deadline:
            screen = self.capture()
            if text in screen:
                return screen
            time.sleep(interval)
        raise AssertionError(f"timed out waiting for {text!r}; screen was:\n{screen}")

    def wait_gone(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.perf_counter() + timeout
        screen = ""
        while time.perf_counter() < deadline:
            screen = self.capture()
            if text not in screen:
                return screen
            time.sleep(0.02)
        raise AssertionError(f"timed out waiting for {text!r} to go; screen was:\n{screen}")

    def wait_exit(self, timeout: float = 10.0) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.pane_dead():
                return
            time.sleep(0.05)
        raise AssertionError("program did not exit; screen was:\n" + self.capture())

    def close(self) -> None:
        self._tmux("kill-server", check=False)

    def __enter__(self) -> TmuxDriver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def mockint_executable() -> str:
    """The installed console script next to this interpreter (the real entry point)."""
    import sys

    candidate = os.path.join(os.path.dirname(sys.executable), "mockint")
    return candidate if os.path.exists(candidate) else shutil.which("mockint") or "mockint"
