"""End to end in a real terminal (tmux) with the INSTALLED `mockint` console script.

Covers what only a real terminal shows: the app opens and quits cleanly, and an interview
killed with `kill -9` mid-way keeps its saved answer and resumes at the next question.
"""

from __future__ import annotations

import os
import shlex
import signal
import time
from pathlib import Path

import pytest

from mockint.core.history.db.store import Store
from tests.support.tmux_driver import TmuxDriver, mockint_executable, tmux_available

pytestmark = pytest.mark.skipif(not tmux_available(), reason="tmux is not installed")

TIMEOUT = 30.0  # the first start on a loaded machine compiles bytecode and CSS


def driver(mockint_home: Path, *args: str, report_exit: bool = False) -> TmuxDriver:
    """mockint in tmux; with `report_exit`, a shell prints its exit code when it ends.

    (tmux's own #{pane_dead_status} is not reliable: tmux 3.3 sometimes marks the pane dead
    on end-of-file before it reaps the process, and never records the status.)
    """
    env = {"MOCKINT_HOME": str(mockint_home), "TEXTUAL_ANIMATIONS": "none"}
    argv = [mockint_executable(), *args]
    if report_exit:
        argv = ["sh", "-c", f'{shlex.join(argv)}; echo "[mockint exited with $?]"; sleep 30']
    return TmuxDriver(argv, env=env, width=100, height=30)


def test_home_opens_and_q_quits_cleanly(mockint_home: Path) -> None:
    with driver(mockint_home, report_exit=True) as term:
        screen = term.wait_for("Start practice", timeout=TIMEOUT)
        assert "Quick mixed interview" in screen and "Backgrounder" in screen
        assert "Traceback" not in screen
        term.send("q")
        screen = term.wait_for("[mockint exited with", timeout=TIMEOUT)
        assert "[mockint exited with 0]" in screen
        assert "Traceback" not in screen


def test_kill_minus_nine_mid_interview_then_resume(mockint_home: Path) -> None:
    with driver(mockint_home, "practice", "--seed", "1", "--count", "3") as term:
        term.wait_for("Question 1 of", timeout=TIMEOUT)
        for key in ("Space", "Space", "1", "2", "3", "4", "5", "Enter"):
            term.send(key)
            time.sleep(0.05)  # one key per frame, as a person types
        term.wait_for("Question 2 of", timeout=TIMEOUT)
        pid = term.pane_pid()
        os.kill(pid, signal.SIGKILL)
        term.wait_exit(timeout=TIMEOUT)

    with Store.open() as store:
        session_id = store.last_incomplete()
        assert session_id is not None
        record = store.get_session(session_id)
        assert record.status == "incomplete"
        assert store.answered_indexes(session_id) == {0}
        rubric = [d["id"] for d in store.planned_data(session_id)[0]["rubric"]]
    answer = record.answers[0]
    presses = [1, 2, 3, 4, 5]
    assert answer.ratings == dict(zip(rubric, presses, strict=False))
    assert answer.overall == (presses[len(rubric)] if len(rubric) < len(presses) else None)
    assert answer.elapsed_seconds >= 0 and not answer.skipped

    with driver(mockint_home, "resume") as term:
        screen = term.wait_for("Question 2 of", timeout=TIMEOUT)
        assert "Welcome back" in screen
        assert "Question 1 of" not in screen
        term.send("s")  # the resumed session takes answers: skip question 2
        term.wait_for("Question 3 of", timeout=TIMEOUT)
    with Store.open() as store:
        assert store.answered_indexes(session_id) == {0, 1}


def test_resume_with_nothing_to_resume_is_exit_1(mockint_home: Path) -> None:
    with driver(mockint_home, "resume", report_exit=True) as term:
        screen = term.wait_for("[mockint exited with", timeout=TIMEOUT)
        assert "[mockint exited with 1]" in screen
        assert "nothing to resume" in screen and "Traceback" not in screen
