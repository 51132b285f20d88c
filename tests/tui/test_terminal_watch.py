"""The terminal watcher: a terminal that hangs up ends the app instead of a 100 % CPU spin."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from mockint.tui.terminal_watch import TerminalWatch, terminal_gone

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")


def test_a_terminal_whose_other_end_closed_is_gone() -> None:
    import pty

    master, slave = pty.openpty()
    try:
        assert not terminal_gone(slave)
        os.close(master)
        assert terminal_gone(slave)
    finally:
        os.close(slave)


def test_the_watcher_calls_back_once_when_the_terminal_goes() -> None:
    import pty

    master, slave = pty.openpty()
    calls: list[int] = []
    called = threading.Event()

    def on_gone() -> None:
        calls.append(1)
        called.set()

    watch = TerminalWatch(on_gone, fd=slave, interval=0.01, grace=None)
    watch.start(hangup_signal=False)  # no signal handler in a test process
    try:
        assert not called.wait(0.05)  # a live terminal is left alone
        os.close(master)
        assert called.wait(30), "the watcher never noticed"
        assert calls == [1] and watch.fired.is_set()
    finally:
        watch.stop()
        os.close(slave)


def test_a_stopped_watcher_never_calls_back() -> None:
    fired = threading.Event()
    watch = TerminalWatch(fired.set, fd=0, interval=0.01, grace=None, gone=lambda _fd: False)
    watch.start(hangup_signal=False)
    watch.stop()
    assert not watch.fired.wait(0.05) and not fired.is_set()
