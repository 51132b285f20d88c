"""The session store: saving, resuming, history queries, statistics, recovery, concurrency."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.history.db.store import Store
from mockint.core.history.repetition import grade
from mockint.core.paths import get_paths
from tests.support.store_helpers import T0, Clock, answer, interview, planned


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> Store:
    s = Store.open(now=clock)
    yield s
    s.close()


def test_create_save_finish_and_resume(store: Store, clock: Clock) -> None:
    iv = interview("a", "b", "c")
    sid = store.create_session(iv)
    assert store.planned_data(sid) == [q.to_dict() for q in iv.questions]
    assert store.last_incomplete() == sid
    store.save_answer(sid, answer(0, "a", clock.advance(minutes=1)))
    store.save_answer(sid, answer(1, "b", clock.advance(minutes=3), skipped=True, ratings={}))
    # Another instance (as after a crash) sees exactly what was saved.
    other = Store.open(now=clock)
    assert other.answered_indexes(sid) == {0, 1}
    assert other.last_incomplete() == sid
    record = other.get_session(sid)
    assert record.status == "incomplete" and record.ended_at is None
    assert [a.question_id for a in record.answers] == ["a", "b"]
    assert record.answers[1].skipped and record.answers[1].avg_rating is None
    assert record.answers[0].answered_at == clock.value - timedelta(minutes=3)  # filled in by the store
    other.close()
    store.save_answer(sid, answer(2, "c", clock.advance(minutes=2)))
    store.finish_session(sid)
    record = store.get_session(sid)
    assert record.status == "complete" and record.ended_at == clock.value
    assert store.last_incomplete() is None
    assert record.started_at == T0 and record.seed == 7 and record.question_count == 3


def test_resaving_an_index_replaces_the_answer(store: Store, clock: Clock) -> None:
    sid = store.create_session(interview("a"))
    store.save_answer(sid, answer(0, "a", T0, ratings={"structure": 2}, notes="first"))
    store.save_answer(sid, answer(0, "a", T0, ratings={"clarity": 5}, notes="second"))
    answers = store.session_answers(sid)
    assert len(answers) == 1 and answers[0].notes == "second" and answers[0].ratings == {"clarity": 5}
    dims = {d.dimension: d.count for d in store.stats(now=T0).dimensions}
    assert dims == {"clarity": 1}  # the old rating rows went with the old answer


def test_save_answer_refuses_unknown_session_and_bad_ratings(store: Store) -> None:
    with pytest.raises(MockintError) as err:
        store.save_answer("nope", answer(0, "a", T0))
    assert err.value.exit_code == 1 and 'no session with id "nope"' in err.value.message
    sid = store.create_session(interview("a"))
    with pytest.raises(ValueError):
        store.save_answer(sid, answer(0, "a", T0, ratings={"structure": 6}))
    with pytest.raises(ValueError):
        store.save_answer(sid, answer(0, "a", T0, overall=0))
    assert store.session_answers(sid) == []


def test_get_session_unknown_and_prefix_resolution(store: Store) -> None:
    with pytest.raises(MockintError) as err:
        store.get_session("missing")
    assert err.value.exit_code == 1
    sid = store.create_session(interview("a"))
    assert store.resolve_id(sid) == sid
    assert store.resolve_id(sid[:6]) == sid
    with pytest.raises(MockintError):
        store.resolve_id(sid[:3])  # too short to guess


def _history(store: Store, clock: Clock) -> list[str]:
    """Five sessions a day apart: ids oldest first."""
    ids = []
    specs = [("behavioral-star", "leadership", 2), ("product-sense", "design", 5), ("behavioral-star", "conflict", 4),
             ("product-sense", "design", 1), ("behavioral-star", "leadership", 3)]
    for i, (pack, cat, rating) in enumerate(specs):
        clock.value = T0 + timedelta(days=i)
        sid = store.create_session(interview(f"q{i}", pack=pack, category=cat))
        store.save_answer(sid, answer(0, f"q{i}", clock.value, pack=pack, category=cat,
                                      ratings={"structure": rating}))
        if i % 2 == 0:
            store.finish_session(sid)
        ids.append(sid)
    return ids


def test_list_sessions_filters_sorts_and_pages(store: Store, clock: Clock) -> None:
    ids = _history(store, clock)
    newest_first = [s.id for s in store.list_sessions()]
    assert newest_first == ids[::-1]
    assert [s.id for s in store.list_sessions(limit=2, offset=1)] == [ids[3], ids[2]]
    assert [s.id for s in store.list_sessions(descending=False, limit=2)] == ids[:2]
    assert {s.id for s in store.list_sessions(pack="product-sense")} == {ids[1], ids[3]}
    assert {s.id for s in store.list_sessions(status="complete")} == {ids[0], ids[2], ids[4]}
    assert {s.id for s in store.list_sessions(category="design")} == {ids[1], ids[3]}
    window = store.list_sessions(since=T0 + timedelta(days=1), until=T0 + timedelta(days=3))
    assert [s.id for s in window] == [ids[2], ids[1]]
    by_rating = store.list_sessions(sort="avg_rating")
    assert [s.avg_rating for s in by_rating] == [5.0, 4.0, 3.0, 2.0, 1.0]
    assert store.count_sessions() == 5
    assert store.count_sessions(pack="behavioral-star", status="incomplete") == 0
    summary = store.list_sessions(limit=1)[0]
    assert (summary.answered, summary.skipped, summary.question_count) == (1, 0, 1)
    with pytest.raises(MockintError):
        store.list_sessions(sort="started_at; DROP TABLE sessions")


def test_stats_per_category_dimension_week_and_streak(store: Store, clock: Clock) -> None:
    _history(store, clock)
    # A skipped answer and an overtime answer on the last day.
    sid = store.create_session(interview("x", "y"))
    store.save_answer(sid, answer(0, "x", clock.value, ratings={}, skipped=True))
    store.save_answer(sid, answer(1, "y", clock.value, ratings={"clarity": 4}, elapsed=150.0))
    stats = store.stats(now=T0 + timedelta(days=4, hours=5))
    assert (stats.sessions, stats.complete, stats.count, stats.skipped) == (6, 3, 6, 1)
    assert stats.overtime_rate == round(1 / 6, 3)
    cats = {c.category: c for c in stats.categories}
    assert cats["design"].count == 2 and cats["design"].average == 3.0
    assert cats["leadership"].count == 3 and cats["leadership"].skipped == 1
    assert cats["leadership"].overtime_rate == round(1 / 3, 3)
    dims = {d.dimension: d for d in stats.dimensions}
    assert dims["structure"].count == 5 and dims["structure"].average == 3.0
    # T0 is Monday of ISO week 47; days 0..4 fall in the same week.
    assert [(w.week, w.count) for w in dims["structure"].weeks] == [("2026-W47", 5)]
    assert stats.practice_days == [(T0 + timedelta(days=i)).date().isoformat() for i in range(5)]
    assert (stats.current_streak, stats.longest_streak) == (5, 5)
    # Two days later the streak is broken; the longest run stays.
    later = store.stats(now=T0 + timedelta(days=6, hours=1))
    assert (later.current_streak, later.longest_streak) == (0, 5)
    assert store.stats(now=T0, since=T0 + timedelta(days=10)).count == 0


def test_stats_days_follow_the_given_utc_offset(store: Store) -> None:
    sid = store.create_session(interview("a"))
    store.save_answer(sid, answer(0, "a", datetime(2026, 11, 16, 23, 30, tzinfo=UTC)))
    assert store.stats(now=T0).practice_days == ["2026-11-16"]
    assert store.stats(now=T0, utc_offset_seconds=3600).practice_days == ["2026-11-17"]


def test_self_ratings_map_onto_fsrs_grades() -> None:
    from fsrs import Rating

    assert [grade(r, False, False) for r in (1, 2, 3, 4, 5)] == [
        Rating.Again, Rating.Hard, Rating.Good, Rating.Good, Rating.Easy]
    assert grade(4.5, False, False) == Rating.Easy  # rounded half up
    assert grade(5, False, True) == Rating.Hard and grade(2, False, True) == Rating.Hard  # overtime
    assert grade(1, False, True) == Rating.Again
    assert grade(None, False, False) == Rating.Again and grade(5, True, False) == Rating.Again


def test_weakest_questions_are_scheduled_by_fsrs(store: Store) -> None:
    sid = store.create_session(interview("weak", "strong", "slow", "skipped", "fine"))
    day = T0
    store.save_answer(sid, answer(0, "weak", day, ratings={"structure": 2}))
    store.save_answer(sid, answer(1, "strong", day, ratings={"structure": 5}))
    store.save_answer(sid, answer(2, "slow", day, ratings={"structure": 5}, elapsed=200.0))
    store.save_answer(sid, answer(3, "skipped", day, ratings={}, skipped=True))
    store.save_answer(sid, answer(4, "fine", day, ratings={"structure": 3}))
    now = day + timedelta(days=2)
    weak = store.weakest_questions(limit=10, now=now)
    # Due: skipped (no rating), then weak (2), fine (3), slow (5 but overtime: graded Hard);
    # strong (5: Easy) rests longest.
    assert [w.question_id for w in weak] == ["skipped", "weak", "fine", "slow", "strong"]
    by_id = {w.question_id: w for w in weak}
    assert by_id["weak"].due and by_id["weak"].due_at == day + timedelta(days=1)
    assert by_id["slow"].interval_days == by_id["weak"].interval_days == 1 and by_id["slow"].last_overtime
    assert by_id["fine"].interval_days == 2
    assert not by_id["strong"].due and by_id["strong"].interval_days == 8
    assert [w.question_id for w in store.weakest_questions(limit=2, now=now)] == ["skipped", "weak"]
    # Practising "weak" again with a 4 pushes it back a week.
    sid2 = store.create_session(interview("weak"))
    store.save_answer(sid2, answer(0, "weak", now, ratings={"structure": 4}))
    again = {w.question_id: w for w in store.weakest_questions(now=now)}["weak"]
    assert again.attempts == 2 and again.average == 3.0 and not again.due
    assert again.due_at == now + timedelta(days=7)
    # Re-saving an answer replaces its review rather than adding one.
    store.save_answer(sid2, answer(0, "weak", now, ratings={"structure": 4}))
    assert {w.question_id: w for w in store.weakest_questions(now=now)}["weak"] == again


def test_existing_history_seeds_the_cards_when_the_database_is_upgraded(store: Store, clock: Clock) -> None:
    sid = store.create_session(interview("a", "b"))
    store.save_answer(sid, answer(0, "a", T0, ratings={"structure": 2}))
    store.save_answer(sid, answer(1, "b", T0, ratings={"structure": 5}))
    before = store.weakest_questions(now=T0)
    store.close()
    with sqlite3.connect(get_paths().database_file) as conn:  # as a version-3 database was
        conn.execute("DROP TABLE cards")
        conn.execute("PRAGMA user_version = 3")
    upgraded = Store.open(now=clock)
    assert upgraded._query("SELECT count(*) FROM cards")[0][0] == 2
    assert upgraded.weakest_questions(now=T0) == before
    upgraded.close()


def test_last_practised_and_attempts(store: Store) -> None:
    sid = store.create_session(interview("a", "b"))
    store.save_answer(sid, answer(0, "a", T0))
    store.save_answer(sid, answer(1, "b", T0, skipped=True, ratings={}))
    sid2 = store.create_session(interview("a"))
    store.save_answer(sid2, answer(0, "a", T0 + timedelta(days=1), notes="later"))
    assert store.last_practised() == {("behavioral-star", "a"): (T0 + timedelta(days=1)).timestamp()}
    attempts = store.question_attempts("behavioral-star", "a")
    assert [(a.session_id, a.answer.notes) for a in attempts] == [(sid2, "later"), (sid, "")]


def test_corrupt_database_is_moved_aside_and_a_fresh_one_started(clock: Clock) -> None:
    paths = get_paths().ensure()
    junk = b"this is not a database at all" * 100
    paths.database.write_bytes(junk)
    store = Store.open(now=clock)
    assert store.recovery_message and "moved to" in store.recovery_message
    moved = list(paths.broken_dir.iterdir())
    assert len(moved) == 1 and moved[0].read_bytes() == junk
    assert moved[0].name.startswith("mockint-20261116T090000Z")
    assert store.list_sessions() == []
    store.create_session(interview("a"))
    store.close()
    # A second breakage in the same second never overwrites the first.
    paths.database.write_bytes(junk + b"2")
    for suffix in ("-wal", "-shm"):
        Path(str(paths.database) + suffix).unlink(missing_ok=True)
    Store.open(now=clock).close()
    assert sorted(p.read_bytes()[-1:] for p in paths.broken_dir.iterdir() if p.suffix == ".db") == [b"2", b"l"]


def test_malformed_pages_are_found_by_the_check(clock: Clock) -> None:
    store = Store.open(now=clock)
    for _i in range(40):
        sid = store.create_session(interview(*[f"q{j}" for j in range(10)]))
        store.save_answer(sid, answer(0, "q0", T0, notes="x" * 500))
    store.close()  # checkpoints the WAL into the main file
    db = get_paths().database
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data), page):
        data[offset : offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    fresh = Store.open(now=clock)
    assert fresh.recovery_message is not None
    assert fresh.count_sessions() == 0
    fresh.close()


def test_one_damaged_page_loses_that_page_not_the_history(clock: Clock) -> None:
    store = Store.open(now=clock)
    for i in range(200):
        sid = store.create_session(interview("q0", "q1"))
        store.save_answer(sid, answer(0, "q0", T0 + timedelta(minutes=i), notes=f"note {i} " + "x" * 300))
    store.close()  # checkpoints the WAL into the main file
    db = get_paths().database
    with sqlite3.connect(db) as conn:  # a leaf page of the answers table, from the middle
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'answers' AND pagetype = 'leaf' ORDER BY pageno")]
    conn.close()
    damaged = leaves[len(leaves) // 2]
    data = bytearray(db.read_bytes())
    page = 4096
    data[(damaged - 1) * page : (damaged - 1) * page + 100] = b"\xff" * 100
    db.write_bytes(bytes(data))
    fresh = Store.open(now=clock)
    assert fresh.recovery_message is not None and "could still be read" in fresh.recovery_message
    assert "some rows on the damaged part were lost" in fresh.recovery_message
    assert fresh.count_sessions() == 200  # the sessions' pages are whole
    answers = sum(len(fresh.session_answers(s.id)) for s in fresh.list_sessions(limit=500))
    assert 150 <= answers < 200  # only the answers on the damaged page are gone
    assert [p.name for p in get_paths().broken_dir.iterdir() if p.suffix == ".db"]
    fresh.close()
    # The message stays until it is read: it is there on the next start, gone once dismissed.
    again = Store.open(now=clock)
    assert again.recovery_message is None
    [(notice_id, text)] = again.notices()
    assert "damaged" in text and "moved to" in text
    again.dismiss_notice(notice_id)
    assert again.notices() == []
    again.close()


def test_answers_whose_session_row_was_lost_keep_a_stand_in_session(clock: Clock) -> None:
    store = Store.open(now=clock)
    for i in range(200):
        sid = store.create_session(interview("q0"))
        store.save_answer(sid, answer(0, "q0", T0 + timedelta(minutes=i), ratings={"structure": 4}))
    store.close()
    db = get_paths().database
    with sqlite3.connect(db) as conn:
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'sessions' AND pagetype = 'leaf' ORDER BY pageno")]
    conn.close()
    data = bytearray(db.read_bytes())
    damaged = leaves[len(leaves) // 2]
    data[(damaged - 1) * 4096 : (damaged - 1) * 4096 + 100] = b"\xff" * 100
    db.write_bytes(bytes(data))
    fresh = Store.open(now=clock)
    rows = fresh.list_sessions(limit=500)
    stand_ins = [r for r in rows if r.title == "Recovered session"]
    assert len(rows) == 200 and 0 < len(stand_ins) < 200
    assert all(r.answered == 1 and r.question_count == 1 for r in stand_ins)
    assert fresh.weakest_questions(now=T0)[0].attempts == 200  # the schedule counts every answer kept
    fresh.close()


def test_newer_schema_is_refused_not_moved(clock: Clock) -> None:
    Store.open(now=clock).close()
    db = get_paths().database
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(MockintError) as err:
        Store.open(now=clock)
    assert err.value.exit_code == 1 and "newer" in err.value.message
    assert db.exists() and not get_paths().broken_dir.exists()


def test_unusable_data_dir_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MOCKINT_HOME", str(blocker / "home"))
    with pytest.raises(MockintError) as err:
        Store.open()
    assert err.value.exit_code == 1 and "cannot create directory" in err.value.message


def test_read_only_data_dir_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = get_paths().ensure()
    if os.geteuid() == 0:  # root ignores permissions: simulate what access() would say
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, m: False if str(p) == str(paths.data_dir) else real(p, m))
    else:
        paths.data_dir.chmod(0o500)
    try:
        with pytest.raises(MockintError) as err:
            Store.open(paths)
        assert err.value.exit_code == 1 and "not writable" in err.value.message
        assert err.value.path == str(paths.data_dir)
    finally:
        paths.data_dir.chmod(0o700)
    assert not paths.database.exists()


_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    sys.path.insert(0, {root!r})
    from mockint.core.history.db.store import Store
    from tests.support.store_helpers import answer, interview
    store = Store.open()
    sid = store.create_session(interview(*[f"q{{i}}" for i in range(40)]))
    print(sid, flush=True)
    for i in range(40):
        store.save_answer(sid, answer(i, f"q{{i}}", datetime.now(UTC)))
    print("saved", flush=True)
    if len(sys.argv) > 1:
        import time
        time.sleep(60)
    """
)


def _writer(root: Path, *args: str) -> subprocess.Popen[str]:
    code = _WRITER.format(root=str(root))
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=os.environ.copy())


def test_two_processes_write_at_once(repo_root: Path) -> None:
    Store.open().close()
    procs = [_writer(repo_root) for _ in range(3)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1] for o in outs]
    store = Store.open()
    ids = [o[0].split()[0] for o in outs]
    assert all(store.answered_indexes(sid) == set(range(40)) for sid in ids)
    store.close()


def test_kill_9_loses_no_saved_answer(repo_root: Path) -> None:
    proc = _writer(repo_root, "hang")
    assert proc.stdout is not None
    sid = proc.stdout.readline().strip()
    assert proc.stdout.readline().strip() == "saved"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    store = Store.open()
    assert store.answered_indexes(sid) == set(range(40))
    assert store.last_incomplete() == sid
    store.close()


def test_planned_question_round_trip_survives_reopen(clock: Clock) -> None:
    q = planned("with-rubric")
    store = Store.open(now=clock)
    sid = store.create_session(interview("with-rubric"))
    store.close()
    assert Store.open(now=clock).planned_data(sid) == [q.to_dict()]


def test_finishing_twice_keeps_the_first_end(store: Store, clock: Clock) -> None:
    sid = store.create_session(interview("a"))
    store.finish_session(sid)
    first = clock.value
    clock.advance(hours=1)
    store.finish_session(sid)
    assert store.get_session(sid).ended_at == first
    with pytest.raises(MockintError):
        store.finish_session("nope")


def test_threads_share_one_store(store: Store) -> None:
    import threading

    sid = store.create_session(interview(*[f"q{i}" for i in range(60)]))
    errors: list[BaseException] = []

    def work(start: int) -> None:
        try:
            for i in range(start, 60, 3):
                store.save_answer(sid, answer(i, f"q{i}", T0))
                store.list_sessions(limit=5)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and store.answered_indexes(sid) == set(range(60))


def test_verify_finds_damage_that_opening_without_the_scan_misses(tmp_path: Path) -> None:
    """A database with a valid header but damaged pages: found by verify(), moved aside by open()."""
    from mockint.core.history.db.store import Store

    paths = get_paths()
    with Store.open(paths) as store:
        store._conn.execute("CREATE TABLE filler (x TEXT)")
        store._conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(400)])
        store._conn.commit()
    raw = bytearray(paths.database.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(raw), page * 12), page):
        raw[offset : offset + 64] = b"\xff" * 64  # smash the page headers of several b-tree pages
    paths.database.write_bytes(bytes(raw))
    with Store.open(paths, check=False) as quick:
        assert quick.verify() is not None
    with Store.open(paths, check=True) as checked:
        assert checked.recovery_message is not None
        assert checked.verify() is None
    assert any(paths.broken_dir.iterdir())


def test_a_connection_waits_for_another_writer_as_long_as_asked(tmp_path: Path) -> None:
    from mockint.core.history.db.file import BUSY_SECONDS, INTERACTIVE_BUSY_SECONDS, connect

    for seconds in (INTERACTIVE_BUSY_SECONDS, BUSY_SECONDS, 0.25):
        conn = connect(str(tmp_path / "mockint.db"), seconds)
        try:
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == int(seconds * 1000)
        finally:
            conn.close()


def test_a_write_waiting_on_another_writer_gives_up_with_a_clear_error(clock: Clock) -> None:
    from mockint.core.history.db.store import StoreBusy

    store = Store.open(now=clock, busy_seconds=0.2)
    sid = store.create_session(interview("a"))
    other = sqlite3.connect(store.paths.database_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    try:
        with pytest.raises(StoreBusy) as busy:
            store.save_answer(sid, answer(0, "a", clock.advance(minutes=1)))
        assert busy.value.exit_code == 1 and "busy" in busy.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.save_answer(sid, answer(0, "a", clock.value))  # once it is done, the save goes through
    assert store.answered_indexes(sid) == {0}
    store.close()
