"""The store of practice sessions: one SQLite database in `paths.database`.

Durability: WAL journal with `synchronous = FULL`, so every committed transaction is in the
WAL file and fsynced before `commit` returns; a crash of the process (even `kill -9`) or of the
machine loses no saved answer. (`NORMAL` would already survive a process crash, but not a power
cut; FULL costs one fsync per saved answer, which a person pressing enter never notices.)
Two processes may use the database at once: WAL lets readers run beside one writer, writers take
the lock up front (`BEGIN IMMEDIATE`) and wait up to `BUSY_SECONDS` for each other.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from mockint.core.errors import MockintError, failure
from mockint.core.history import limits
from mockint.core.history.db.file import (
    BUSY_SECONDS,
    INTERACTIVE_BUSY_SECONDS,
    StoreBusy,
    is_busy,
    is_corruption,
)
from mockint.core.history.db.rows import (
    ANSWER_COLUMNS,
    INSERT_ANSWER,
    INSERT_SESSION,
    SORTS,
    SUMMARY_SELECT,
    answer_from_row,
    answer_row,
    check_answer,
    check_tag,
    decoded,
    session_filters,
    session_from_row,
    summary_from_row,
)
from mockint.core.history.summary import SessionSummary, iso
from mockint.core.paths import Paths, get_paths

if TYPE_CHECKING:
    from mockint.core.history.db.bulk import Merged
    from mockint.core.history.records import AnswerRecord, Attempt, InterviewPlan, SessionRecord
    from mockint.core.history.stats import Stats, WeakQuestion

__all__ = ["BUSY_SECONDS", "INTERACTIVE_BUSY_SECONDS", "Store", "StoreBusy", "check_answer"]

def _utcnow() -> datetime:
    return datetime.now(UTC)


class Store:
    """Practice sessions and answers. Open with `Store.open()`; every write is one transaction."""

    def __init__(self, conn: sqlite3.Connection, paths: Paths, now: Callable[[], datetime]) -> None:
        self._conn = conn
        # One connection shared by the UI thread and workers: one statement/transaction at a time.
        self._lock = threading.RLock()
        self.paths = paths
        self._now = now
        #: Set when a damaged database was moved aside on open: what happened, for the person.
        self.recovery_message: str | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        paths: Paths | None = None,
        *,
        now: Callable[[], datetime] | None = None,
        check: bool = True,
        busy_seconds: float = BUSY_SECONDS,
    ) -> Store:
        """Open (creating or migrating) the database.

        A damaged database (not a database, malformed, or - when `check` - failing
        `PRAGMA quick_check`) is moved to `paths.broken_dir` with a timestamped name and a fresh one
        is started; `recovery_message` then says so. `check=False` skips the full page scan so
        quick read-only commands stay fast (damage found later is still reported, exit code 1).
        A missing or read-only data directory raises MockintError with exit code 1.
        `busy_seconds` bounds how long a write waits for another process's write to end before
        it fails with StoreBusy (an interactive screen passes a second or two rather than freeze).
        """
        from mockint.core.history.db.opening import open_database

        clock = now or _utcnow
        paths = (paths or get_paths()).ensure()
        conn, message = open_database(paths, clock, check=check, busy_seconds=busy_seconds)
        store = cls(conn, paths, clock)
        store.recovery_message = message
        return store

    def verify(self) -> str | None:
        """Run `PRAGMA quick_check` on a connection of its own; the problem found, or None.

        Safe to call from a worker thread, so the app can check after its first frame
        instead of before it.
        """
        conn = sqlite3.connect(self.paths.database_file, timeout=BUSY_SECONDS)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.Error as exc:
            return str(exc)
        finally:
            conn.close()
        return None if result == "ok" else str(result)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------------

    @contextlib.contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        """Turn SQLite failures into MockintError (exit 1) with the database's path."""
        try:
            with self._lock:
                yield self._conn
        except sqlite3.Error as exc:
            if is_busy(exc):
                raise StoreBusy("the database is busy: another mockint is writing to it; nothing was saved, "
                                "try again", path=self.paths.database_file, exit_code=1) from None
            hint = " (the file is damaged; start mockint again to move it aside)" if is_corruption(exc) else ""
            raise failure(f"database error: {exc}{hint}", path=self.paths.database_file) from None
        except UnicodeDecodeError:  # an error message quoting damaged bytes of the file
            raise failure("database error: the file is damaged (text that is not UTF-8)",
                          path=self.paths.database_file) from None

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed (and fsynced) before the block's caller goes on."""
        with self._guard() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._guard() as conn:
            return conn.execute(sql, params).fetchall()

    def _unknown(self, session_id: str) -> MockintError:
        return failure(f'no session with id "{session_id}"', path=self.paths.database_file)

    def _require(self, conn: sqlite3.Connection, session_id: str) -> None:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise self._unknown(session_id)

    # -- writing ---------------------------------------------------------------------------

    def create_session(self, interview: InterviewPlan, *, tag: str | None = None) -> str:
        """Record a new, incomplete session with its planned questions; returns its id.

        `tag` is the target company or role (free text, at most `limits.MAX_TAG` characters).
        """
        import json

        tag = check_tag(tag)
        session_id = uuid.uuid4().hex
        started = self._now()
        planned = [
            (session_id, i, q.pack_id, q.question_id, q.category, json.dumps(q.to_dict(), ensure_ascii=False))
            for i, q in enumerate(interview.questions)
        ]
        with self._write() as conn:
            conn.execute(
                INSERT_SESSION,
                (session_id, interview.title, iso(started), started.timestamp(), None, None, "incomplete",
                 interview.pack_id, interview.plan_id, interview.seed, len(planned), tag, 0),
            )
            conn.executemany(
                "INSERT INTO planned (session_id, idx, pack_id, question_id, category, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                planned,
            )
        return session_id

    def save_answer(self, session_id: str, answer: AnswerRecord) -> None:
        """Save (or replace, for the same index) one answer; committed before returning."""
        check_answer(answer)
        answered_at = answer.answered_at or self._now()
        from mockint.core.history.repetition import refresh

        with self._write() as conn:
            self._require(conn, session_id)
            where = (session_id, answer.index)
            replaced = conn.execute(
                "SELECT pack_id, question_id FROM answers WHERE session_id = ? AND idx = ?", where
            ).fetchall()
            conn.execute("DELETE FROM answers WHERE session_id = ? AND idx = ?", where)
            row = answer_row(None, session_id, answer, answered_at)
            conn.execute(INSERT_ANSWER, row)
            # The question's card (and that of the answer replaced, if another question) again.
            refresh(conn, [(answer.pack_id, answer.question_id), *((r[0], r[1]) for r in replaced)])

    def finish_session(self, session_id: str, *, ended_early: bool = False) -> None:
        """Mark the session complete and record when it ended (a complete session is left as it is).

        `ended_early`: the person ended the interview before its last question.
        """
        ended = self._now()
        with self._write() as conn:
            self._require(conn, session_id)
            conn.execute(
                "UPDATE sessions SET status = 'complete', ended_at = ?, ended_ts = ?, ended_early = ? "
                "WHERE id = ? AND status = 'incomplete'",
                (iso(ended), ended.timestamp(), int(ended_early), session_id),
            )

    def set_session_tag(self, session_id: str, tag: str | None) -> None:
        """Set (or, with None or blank text, clear) a session's tag: target company or role."""
        tag = check_tag(tag)
        with self._write() as conn:
            self._require(conn, session_id)
            conn.execute("UPDATE sessions SET tag = ? WHERE id = ?", (tag, session_id))

    def set_answer_speech(
        self, session_id: str, index: int, transcript: str | None, speech: dict[str, Any] | None
    ) -> None:
        """Attach a spoken answer's transcript and speaking metrics to the saved answer at `index`."""
        import json

        if transcript is not None and len(transcript) > limits.MAX_TRANSCRIPT:
            raise ValueError(f"transcript: at most {limits.MAX_TRANSCRIPT} characters")
        data = None if speech is None else json.dumps(speech, ensure_ascii=False)
        with self._write() as conn:
            self._require(conn, session_id)
            cur = conn.execute(
                "UPDATE answers SET transcript = ?, speech = ? WHERE session_id = ? AND idx = ?",
                (transcript, data, session_id, index),
            )
            if cur.rowcount == 0:
                raise failure(f"session {session_id} has no saved answer at index {index}",
                              path=self.paths.database_file)

    def import_sessions(self, sessions: Iterable[SessionRecord]) -> Merged:
        """Add sessions (with their answers) in ONE transaction: all of them, or none if reading
        `sessions` (which may be a lazy stream) raises. A session whose id is already stored is
        left exactly as it is: `unchanged` when the content is the same, else a `conflict`.
        """
        from mockint.core.history.db.bulk import insert_sessions

        with self._write() as conn:
            return insert_sessions(conn, sessions)

    # -- notices ---------------------------------------------------------------------------

    def add_notice(self, text: str) -> int:
        """Keep a message for the person until they dismiss it; returns its id."""
        with self._write() as conn:
            cur = conn.execute("INSERT INTO notices (created_at, text) VALUES (?, ?)", (iso(self._now()), text))
            return int(cur.lastrowid or 0)

    def notices(self) -> list[tuple[int, str]]:
        """The messages not yet dismissed, oldest first: (id, text)."""
        return [(int(r[0]), str(r[1])) for r in self._query("SELECT id, text FROM notices ORDER BY id")]

    def dismiss_notice(self, notice_id: int) -> None:
        """The person has read the message: it is not shown again."""
        with self._write() as conn:
            conn.execute("DELETE FROM notices WHERE id = ?", (notice_id,))

    # -- reading ---------------------------------------------------------------------------

    def last_incomplete(self) -> str | None:
        """The newest incomplete session that has a plan to resume, or None."""
        rows = self._query(
            "SELECT s.id FROM sessions s WHERE s.status = 'incomplete' "
            "AND EXISTS (SELECT 1 FROM planned p WHERE p.session_id = s.id) "
            "ORDER BY s.started_ts DESC, s.id DESC LIMIT 1"
        )
        return str(rows[0][0]) if rows else None

    @decoded
    def planned_data(self, session_id: str) -> list[dict[str, Any]]:
        """The session's planned questions in order, as their `to_dict()` gave them when it started
        (`PlannedQuestion.from_dict` of mockint.core.interview turns each back into a question)."""
        import json

        rows = self._query("SELECT data FROM planned WHERE session_id = ? ORDER BY idx", (session_id,))
        return [json.loads(r[0]) for r in rows]

    def answered_indexes(self, session_id: str) -> set[int]:
        rows = self._query("SELECT idx FROM answers WHERE session_id = ?", (session_id,))
        return {int(r[0]) for r in rows}

    def resolve_id(self, text: str) -> str:
        """An exact session id, or a unique prefix of one (at least 4 characters)."""
        rows = self._query("SELECT id FROM sessions WHERE id = ?", (text,))
        if not rows and len(text) >= 4:
            pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self._query("SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (pattern,))
            if len(rows) > 1:
                raise failure(f'"{text}" matches more than one session; give more of the id',
                              path=self.paths.database_file)
        if not rows:
            raise self._unknown(text)
        return str(rows[0][0])

    @decoded
    def session_answers(self, session_id: str) -> list[AnswerRecord]:
        rows = self._query(
            f"SELECT {ANSWER_COLUMNS} FROM answers WHERE session_id = ? ORDER BY idx", (session_id,)
        )
        return [answer_from_row(r) for r in rows]

    def get_session(self, session_id: str) -> SessionRecord:
        """One session with every answer; MockintError (exit 1) if there is none with that id."""
        found = self.sessions([session_id])
        if not found:
            raise self._unknown(session_id)
        return found[0]

    @decoded
    def sessions(self, ids: Sequence[str] | None = None) -> list[SessionRecord]:
        """Full records, oldest first: of `ids` (unknown ones left out), or of every session."""
        where, params = "", list(ids or [])
        if ids is not None:
            if not ids:
                return []
            where = f" WHERE id IN ({', '.join('?' * len(ids))})"
        srows = self._query(f"SELECT * FROM sessions{where} ORDER BY started_ts, id", params)
        awhere = where.replace("WHERE id", "WHERE session_id")
        by_session: dict[str, list[AnswerRecord]] = {}
        for r in self._query(f"SELECT {ANSWER_COLUMNS} FROM answers{awhere} ORDER BY session_id, idx", params):
            by_session.setdefault(r["session_id"], []).append(answer_from_row(r))
        return [session_from_row(r, by_session.get(r["id"], [])) for r in srows]

    def iter_sessions(self, batch: int = 200) -> Iterator[SessionRecord]:
        """Every session, oldest first, read `batch` at a time (an export of any size in little memory)."""
        ids = [str(r[0]) for r in self._query("SELECT id FROM sessions ORDER BY started_ts, id")]
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            by_id = {s.id: s for s in self.sessions(chunk)}
            yield from (by_id[i] for i in chunk if i in by_id)

    @decoded
    def list_sessions(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        pack: str | None = None,
        category: str | None = None,
        status: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        tag: str | None = None,
        ended_early: bool | None = None,
        sort: str = "started_at",
        descending: bool = True,
    ) -> list[SessionSummary]:
        """History rows, filtered and sorted (by default newest first); `since` inclusive, `until` not.

        `tag` keeps the sessions with exactly that tag; `ended_early` those that were (True) or
        were not (False) ended early.
        """
        column = SORTS.get(sort)
        if column is None:
            raise MockintError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
        where, params = session_filters(pack, category, status, since, until, tag, ended_early)
        direction = "DESC" if descending else "ASC"
        if sort == "started_at":
            # Walks the (started_ts, id) index and stops after LIMIT rows: no sort, and the
            # per-session counts are computed for the returned rows only.
            order = f"s.started_ts {direction}, s.id {direction}"
        else:
            order = f"{column} IS NULL, {column} {direction}, s.started_ts {direction}, s.id {direction}"
        sql = f"{SUMMARY_SELECT}{where} ORDER BY {order} LIMIT ? OFFSET ?"
        return [summary_from_row(r) for r in self._query(sql, [*params, max(0, limit), max(0, offset)])]

    def count_sessions(
        self,
        *,
        pack: str | None = None,
        category: str | None = None,
        status: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        tag: str | None = None,
        ended_early: bool | None = None,
    ) -> int:
        where, params = session_filters(pack, category, status, since, until, tag, ended_early)
        return int(self._query(f"SELECT count(*) FROM sessions s{where}", params)[0][0])

    def last_practised(self) -> dict[tuple[str, str], float]:
        """(pack id, question id) -> unix time of the latest answer that was not skipped."""
        rows = self._query(
            f"SELECT pack_id, question_id, max({limits.sql_time('asked_ts')}) FROM answers WHERE skipped = 0 "
            "GROUP BY pack_id, question_id"
        )
        return {(r[0], r[1]): float(r[2]) for r in rows}

    @decoded
    def question_attempts(self, pack_id: str, question_id: str) -> list[Attempt]:
        """Every answer to one question, newest first."""
        rows = self._query(
            f"SELECT {ANSWER_COLUMNS} FROM answers WHERE pack_id = ? AND question_id = ? "
            "ORDER BY asked_ts DESC, id DESC",
            (pack_id, question_id),
        )
        from mockint.core.history.records import Attempt

        return [Attempt(r["session_id"], answer_from_row(r)) for r in rows]

    # -- analysis (mockint.core.history.stats) ---------------------------------------------

    @decoded
    def stats(
        self,
        *,
        now: datetime | None = None,
        since: datetime | None = None,
        utc_offset_seconds: int = 0,
    ) -> Stats:
        """Aggregates per category, per rubric dimension, per ISO week; overtime rate; streak."""
        from mockint.core.history.stats import compute_stats

        with self._guard() as conn:
            return compute_stats(conn, now=now or self._now(), since=since, utc_offset_seconds=utc_offset_seconds)

    @decoded
    def weakest_questions(self, limit: int = 10, now: datetime | None = None) -> list[WeakQuestion]:
        """Questions to practise next (spaced repetition; see `session_stats.weakest`)."""
        from mockint.core.history.stats import weakest

        with self._guard() as conn:
            return weakest(conn, limit=limit, now=now or self._now())
