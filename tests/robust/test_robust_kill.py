"""kill -9 at random moments of a real (headless) interview loses no saved answer.

tests/support/interview_driver.py answers questions through the practice screen and prints
`SAVED <index>` once each save is committed. It runs as a fork server: every `GO` starts one
app process, which this test SIGKILLs after a seeded random delay. After every kill the
database must pass `PRAGMA integrity_check`, hold every answer reported as saved with exactly
the ratings and notes typed, and keep the session incomplete; the next run must resume at
the first unanswered question. Three lanes (separate homes) run side by side to keep it quick.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mockint.core.history.db.store import Store
from mockint.core.interview.rubric import DEFAULT_RUBRIC
from mockint.core.paths import Paths
from tests.support.interview_driver import expected_notes, expected_ratings

DRIVER = Path(__file__).resolve().parents[1] / "support" / "interview_driver.py"
LANES = 3
KILLS_PER_LANE = 10  # 30 kills in all
QUESTIONS = 40
LINE_TIMEOUT = 60.0  # generous: a loaded CI machine starts Textual slowly


def robust_pack(questions: int) -> str:
    body = "".join(
        f'[[questions]]\nid = "q{i}"\ncategory = "general"\ntext = "Robustness question {i}?"\n'
        "answer_seconds = 60\n\n"
        for i in range(questions)
    )
    return (
        'format = 1\n[pack]\nid = "robust"\nname = "Robustness"\nversion = "1.0.0"\n\n'
        '[[categories]]\nid = "general"\nname = "General"\n\n' + body
    )


def lane_paths(home: Path) -> Paths:
    # The same layout get_paths() gives for MOCKINT_HOME=home, without touching os.environ
    # (the lanes run in threads of this one process).
    return Paths(data_dir=home / "data", config_dir=home / "config", log_dir=home / "logs")


class Server:
    """The driver's fork server and a thread reading its lines."""

    def __init__(self, home: Path, builtin: Path, seed: int) -> None:
        env = {**os.environ, "MOCKINT_HOME": str(home), "TEXTUAL_ANIMATIONS": "none"}
        env.pop("NO_COLOR", None)
        self.proc = subprocess.Popen(
            [sys.executable, str(DRIVER), str(builtin), "--serve", "--count", str(QUESTIONS), "--seed", str(seed)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.child: int | None = None  # the run in progress, killed on close if a check failed
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("<EOF>")

    def next_line(self, timeout: float = LINE_TIMEOUT) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"driver said nothing for {timeout}s") from None
        if line == "<EOF>" or line.startswith("ERROR"):
            err = self.proc.stderr.read() if self.proc.poll() is not None and self.proc.stderr else ""
            raise AssertionError(f"driver failed: {line}\n{err}")
        return line

    def expect(self, prefix: str) -> str:
        line = self.next_line()
        assert line.startswith(prefix), f"expected {prefix!r}, got {line!r}"
        return line

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("GO\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        if self.child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@dataclass
class Run:
    """What one killed child reported before it died."""

    pid: int
    session: str | None = None
    at: int | None = None
    saved: list[int] = field(default_factory=list)
    done: bool = False


@dataclass
class LaneResult:
    kills: int = 0
    resumes_checked: int = 0
    resumes_after_answers: int = 0
    saved_total: int = 0


def kill_run(server: Server, delay: float, anchor: str = "CHILD") -> Run:
    """Start one run; SIGKILL it `delay` seconds after its first `anchor` line (CHILD, AT or SAVED)."""
    server.go()
    run = Run(pid=int(server.expect("CHILD ").split()[1]))
    server.child = run.pid
    deadline = time.monotonic() + delay if anchor == "CHILD" else None
    killed = False
    while True:
        if deadline is not None and not killed and time.monotonic() >= deadline:
            with contextlib.suppress(ProcessLookupError):  # it finished the interview first
                os.kill(run.pid, signal.SIGKILL)
            killed = True
        wait = LINE_TIMEOUT if deadline is None or killed else max(0.0, deadline - time.monotonic())
        try:
            line = server.lines.get(timeout=wait)
        except queue.Empty:
            if deadline is None or killed:
                raise AssertionError(f"driver said nothing for {wait}s") from None
            continue
        if line == "<EOF>" or line.startswith("ERROR"):
            server.lines.put(line)
            server.next_line()  # raises with the details
        kind, _, rest = line.partition(" ")
        if kind == anchor and deadline is None:
            deadline = time.monotonic() + delay
        if kind == "SESSION":
            run.session = rest
        elif kind == "AT":
            run.at = int(rest)
        elif kind == "SAVED":
            run.saved.append(int(rest))
        elif kind == "DONE":
            run.done = True
        elif kind == "EXIT":
            pid, status = (int(x) for x in rest.split())
            assert pid == run.pid
            server.child = None  # reaped: the pid may be reused
            if not run.done:
                assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
            return run


def check_database(paths: Paths, saved: dict[str, set[int]], open_sessions: set[str]) -> None:
    """Integrity, every reported save intact, unfinished sessions still incomplete."""
    db = paths.database
    if not db.exists():
        assert not saved
        return
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    dims = [d.id for d in DEFAULT_RUBRIC]
    with Store.open(paths, check=False) as store:
        assert store.recovery_message is None
        for session_id, indexes in saved.items():
            answers = {a.index: a for a in store.session_answers(session_id)}
            planned = store.planned_data(session_id)
            for index in indexes:
                assert index in answers, f"answer {index} of {session_id} reported saved but missing"
                answer = answers[index]
                want = expected_ratings(index)
                assert answer.ratings == dict(zip(dims, want, strict=False))
                assert len(answer.ratings) == len(want) and answer.overall is None
                assert answer.notes == expected_notes(index)
                assert not answer.skipped and answer.question_id == planned[index]["question_id"]
        for session_id in open_sessions:
            assert store.get_session(session_id).status == "incomplete"


def first_unanswered(paths: Paths, session_id: str) -> int:
    with Store.open(paths, check=False) as store:
        assert store.last_incomplete() == session_id
        planned = store.planned_data(session_id)
        answered = store.answered_indexes(session_id)
    assert len(planned) == QUESTIONS
    return min(i for i in range(len(planned)) if i not in answered)


def run_lane(root: Path, lane: int) -> LaneResult:
    home = root / f"home-{lane}"
    builtin = root / f"packs-{lane}"
    builtin.mkdir(parents=True)
    (builtin / "robust.toml").write_text(robust_pack(QUESTIONS), encoding="utf-8")
    paths = lane_paths(home)
    rng = random.Random(1000 + lane)
    result = LaneResult()
    saved: dict[str, set[int]] = {}
    open_sessions: set[str] = set()
    resume_at: int | None = None  # where the next run must start, when a session is open
    server = Server(home, builtin, seed=lane)
    try:
        server.expect("READY")
        for k in range(KILLS_PER_LANE):
            # The first kill of a lane lands right after a commit, the second while the resumed
            # run is on screen (so resuming past question 1 is always checked); the rest at
            # random moments, counted from the start of the process (catching start-up and
            # session creation) or from the first question on screen (catching saves; a slow,
            # loaded machine would otherwise spend most kills on start-up).
            delay = rng.uniform(0.2, 3.0)
            if k == 0:
                run = kill_run(server, 0.0, "SAVED")
            elif k == 1:
                run = kill_run(server, delay / 4, "AT")
            else:
                run = kill_run(server, delay, "CHILD" if k % 3 == 2 else "AT")
            result.kills += 1
            if run.at is not None and resume_at is not None:
                assert run.at == resume_at, f"resumed at {run.at}, first unanswered was {resume_at}"
                result.resumes_checked += 1
                result.resumes_after_answers += resume_at > 0
            if run.session is not None:
                saved.setdefault(run.session, set()).update(run.saved)
                result.saved_total += len(run.saved)
                if run.done:
                    open_sessions.discard(run.session)
                else:
                    open_sessions.add(run.session)
            check_database(paths, saved, open_sessions)
            resume_at = first_unanswered(paths, run.session) if run.session and not run.done else None
            if run.session is None and paths.database.exists():
                # Killed before its session was reported: any session it created is resumable.
                with Store.open(paths, check=False) as store:
                    pending = store.last_incomplete()
                resume_at = first_unanswered(paths, pending) if pending else None
    finally:
        server.close()
    return result


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver's fork server needs os.fork")
def test_kill_minus_nine_at_thirty_random_points_loses_nothing(tmp_path: Path) -> None:
    results: list[LaneResult | BaseException] = [LaneResult()] * LANES

    def lane(n: int) -> None:
        try:
            results[n] = run_lane(tmp_path, n)
        except BaseException as exc:  # re-raised in the test thread
            results[n] = exc

    threads = [threading.Thread(target=lane, args=(n,)) for n in range(LANES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    for r in results:
        if isinstance(r, BaseException):
            raise r
    done = [r for r in results if isinstance(r, LaneResult)]
    assert sum(r.kills for r in done) == LANES * KILLS_PER_LANE
    # Every lane's first kill followed a save, so its next run resumed past question 1.
    assert all(r.resumes_after_answers >= 1 for r in done)
    assert sum(r.saved_total for r in done) >= LANES
    print("kill lanes:", done)
