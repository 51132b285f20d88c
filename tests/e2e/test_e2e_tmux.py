"""End to end in a real terminal (tmux) with the INSTALLED `mockint` console script.

Covers what only a real terminal shows: the app opens and quits cleanly, and an interview
killed with `kill -9` mid-way keeps its saved answer and resumes at the next question.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
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


def answer_and_rate(term: TmuxDriver) -> None:
    """Start and stop the answer clock, rate five dimensions 1..5, save: each key once the screen shows
    the one before was taken (never a fixed delay)."""
    term.send("Space")
    term.wait_for("Answering", timeout=TIMEOUT)
    term.send("Space")
    term.wait_gone("Answering", timeout=TIMEOUT)
    filled = 0
    for score in range(1, 6):
        term.send(str(score))
        filled += score
        deadline = time.monotonic() + TIMEOUT
        while term.capture().count("●") < filled:  # a rated row shows its score as filled circles
            assert time.monotonic() < deadline, term.capture()
            time.sleep(0.02)
    term.send("Enter")


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
        # Each key once the screen shows it is wanted (never a fixed delay).
        answer_and_rate(term)
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
        # The error line wraps where the (machine-dependent) data path makes it long.
        assert "nothing to resume" in screen.replace("\n", "") and "Traceback" not in screen


def _child_pid(parent: int, timeout: float) -> int:
    """The pid of `parent`'s only child (the app under the wrapper shell)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True).stdout.split()
        if found:
            return int(found[0])
        time.sleep(0.05)
    raise AssertionError(f"no child of {parent}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    # A zombie has ended; only its parent has not collected it yet.
    return not (stat.exists() and stat.read_text().split(") ", 1)[-1].startswith("Z"))


@pytest.mark.skipif(shutil.which("pgrep") is None, reason="pgrep is not installed")
def test_a_terminal_that_goes_away_ends_the_app_and_keeps_the_answers(mockint_home: Path, tmp_path: Path) -> None:
    """Closing the terminal under a wrapper that ignores SIGHUP (nohup, a dropped SSH session).

    Textual alone reads end-of-file forever at 100 % CPU; mockint notices and exits.
    """
    status = tmp_path / "status"
    app = shlex.join([mockint_executable(), "practice", "--seed", "1", "--count", "3"])
    argv = ["sh", "-c", f'trap "" HUP; {app}; echo $? > {shlex.quote(str(status))}']
    env = {"MOCKINT_HOME": str(mockint_home), "TEXTUAL_ANIMATIONS": "none"}
    term = TmuxDriver(argv, env=env, width=100, height=30).start()
    try:
        term.wait_for("Question 1 of", timeout=TIMEOUT)
        answer_and_rate(term)
        term.wait_for("Question 2 of", timeout=TIMEOUT)
        pid = _child_pid(term.pane_pid(), TIMEOUT)
    finally:
        term.close()  # the terminal goes away (the tmux server and its pane close)
    deadline = time.monotonic() + TIMEOUT  # bounded for a loaded machine; about half a second when idle
    while _alive(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError("mockint kept running after its terminal went away")
        time.sleep(0.05)
    while not (status.exists() and status.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)  # the wrapper shell writes the status after the app has ended
    assert status.read_text().strip() == "129"  # ended by the hang-up
    with Store.open() as store:
        [session] = store.list_sessions()
        assert store.answered_indexes(session.id) == {0}
        assert store.verify() is None
