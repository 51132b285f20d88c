"""Two processes writing sessions into one database at the same moment, a third reading.

Both writers start on a database that does not exist yet (so they also race to create the
schema), each saves its answers one committed transaction at a time, and a reader lists
history meanwhile. Everyone must succeed, every row must be there, and the file intact.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SESSIONS_PER_WRITER = 2
ANSWERS_PER_SESSION = 30


def ratings_for(writer: str, session: int, index: int) -> dict[str, int]:
    seed = sum(map(ord, writer)) + session * 7 + index
    return {"structure": seed % 5 + 1, "clarity": (seed // 5) % 5 + 1}


def wait_for_go(go_file: Path) -> None:
    """Say "ready" (imports done), then wait for the parent's go: all start at the same moment."""
    (go_file.parent / f"ready-{os.getpid()}").touch()
    deadline = time.monotonic() + 60
    while not go_file.exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.005)


def wait_for_both_writing(go_file: Path, name: str) -> None:
    (go_file.parent / f"writing-{name}").touch()
    deadline = time.monotonic() + 60  # a guard against a hang, not a speed limit
    while len(list(go_file.parent.glob("writing-*"))) < 2:
        if time.monotonic() > deadline:
            raise SystemExit("the other writer never wrote")
        time.sleep(0.005)


def writer(name: str, go_file: str) -> None:
    """Subprocess body: save every answer of SESSIONS_PER_WRITER sessions, one commit each."""
    from mockint.core.history.db.store import Store
    from tests.support.store_helpers import answer, interview

    wait_for_go(Path(go_file))
    started = time.monotonic()
    t0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    with Store.open() as store:
        for s in range(SESSIONS_PER_WRITER):
            qids = [f"{name}-s{s}-q{i}" for i in range(ANSWERS_PER_SESSION)]
            session_id = store.create_session(interview(*qids))
            for i, qid in enumerate(qids):
                record = answer(i, qid, t0 + timedelta(minutes=i), ratings=ratings_for(name, s, i))
                store.save_answer(session_id, record)
                if s == 0 and i == 0:
                    # Both writers overlap whatever the machine's speed: neither goes past its
                    # first answer before the other has saved one too.
                    wait_for_both_writing(Path(go_file), name)
            store.finish_session(session_id)
    # CLOCK_MONOTONIC is system-wide on Linux: the parent compares the two writers' spans.
    print(f"OK {started} {time.monotonic()}", flush=True)


def reader(go_file: str) -> None:
    """Subprocess body: read history over and over while the writers work."""
    from mockint.core.history.db.store import Store

    wait_for_go(Path(go_file))
    reads = 0
    deadline = time.monotonic() + 60
    expected = 2 * SESSIONS_PER_WRITER
    while time.monotonic() < deadline:
        try:
            store = Store.open(check=False)
        except Exception:  # the writers may still be creating the file: try again
            time.sleep(0.01)
            continue
        with store:
            rows = store.list_sessions(limit=100)
            reads += 1
            if len([r for r in rows if r.status == "complete"]) == expected:
                break
        time.sleep(0.005)
    print(f"OK {reads}", flush=True)


def spawn(body: str, home: Path) -> subprocess.Popen[str]:
    code = f"import sys; sys.path.insert(0, {str(REPO)!r}); import tests.robust.test_robust_concurrency as t; {body}"
    env = {**os.environ, "MOCKINT_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_writers_and_a_reader_at_once(tmp_path: Path, mockint_home: Path) -> None:
    go = tmp_path / "go"
    procs = {
        "alpha": spawn(f"t.writer('alpha', {str(go)!r})", mockint_home),
        "beta": spawn(f"t.writer('beta', {str(go)!r})", mockint_home),
        "reader": spawn(f"t.reader({str(go)!r})", mockint_home),
    }
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < len(procs):  # everyone at the starting line
        assert time.monotonic() < deadline, "the workers did not start"
        assert all(p.poll() is None for p in procs.values()), "a worker died before the start"
        time.sleep(0.01)
    go.touch()
    spans: dict[str, tuple[float, float]] = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.startswith("OK"), f"{name} failed:\n{out}\n{err}"
        assert "Traceback" not in err
        if name != "reader":
            start, end = (float(x) for x in out.split()[1:3])
            spans[name] = (start, end)
    # The writers really ran at the same time (else this tests nothing).
    assert max(s for s, _ in spans.values()) < min(e for _, e in spans.values())

    db = mockint_home / "data" / "mockint.db"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()

    from mockint.core.history.db.store import Store

    with Store.open() as store:
        sessions = store.sessions()
        assert len(sessions) == 2 * SESSIONS_PER_WRITER
        assert all(s.status == "complete" for s in sessions)
        for writer_name in ("alpha", "beta"):
            mine = [s for s in sessions if s.answers and s.answers[0].question_id.startswith(writer_name)]
            assert len(mine) == SESSIONS_PER_WRITER
            for s in mine:
                number = int(s.answers[0].question_id.split("-")[1][1:])
                assert [a.index for a in s.answers] == list(range(ANSWERS_PER_SESSION))
                for a in s.answers:
                    assert a.question_id == f"{writer_name}-s{number}-q{a.index}"
                    assert a.ratings == ratings_for(writer_name, number, a.index)


def test_opening_waits_while_another_process_sets_up_a_new_database() -> None:
    """First-time setup (the switch to WAL) meets another process's lock on a brand-new file.

    SQLite's busy timeout does not cover changing the journal mode: before the retry, one of
    several processes started at once on a new data folder failed with "database is locked".
    """
    import threading

    from mockint.core.history.db.store import Store
    from mockint.core.paths import get_paths
    from tests.support.store_helpers import interview

    paths = get_paths().ensure()
    holder = sqlite3.connect(paths.database_file, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # the write lock another process holds while it sets up
    opened = threading.Event()

    def release() -> None:
        # Let go once the other side is waiting (or after a while if it does not wait at all).
        opened.wait(0.3)
        holder.execute("COMMIT")

    thread = threading.Thread(target=release)
    thread.start()
    try:
        with Store.open() as store:
            opened.set()
            store.create_session(interview("a"))
            assert store.count_sessions() == 1
    finally:
        opened.set()
        thread.join()
        holder.close()


def _starter(home: str, go_file: str) -> None:
    """Subprocess body: open the store on a new data folder and save a session."""
    from mockint.core.history.db.store import Store
    from tests.support.store_helpers import interview

    wait_for_go(Path(go_file))
    with Store.open() as store:
        store.create_session(interview("a"))
    print("OK", flush=True)


def test_several_processes_starting_at_once_on_a_new_folder_all_succeed(tmp_path: Path) -> None:
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from tests.robust.test_robust_concurrency import _starter; "
            "_starter(sys.argv[2], sys.argv[3])")
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(REPO), env["MOCKINT_HOME"], str(go)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < len(procs) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    assert all(out.strip() == "OK" for out, _ in results), [err[-500:] for _, err in results]
    with sqlite3.connect(Path(env["MOCKINT_HOME"]) / "data" / "mockint.db") as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == len(procs)
