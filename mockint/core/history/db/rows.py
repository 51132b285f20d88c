"""Rows of the session tables <-> the record dataclasses (mockint.core.history.records)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from mockint.core.errors import MockintError, failure
from mockint.core.history import limits
from mockint.core.history.summary import STATUSES, SessionSummary, iso

if TYPE_CHECKING:
    from mockint.core.history.records import AnswerRecord, SessionRecord


@functools.cache
def _encoder() -> Callable[[Any], str]:
    """One encoder for every row (json.dumps(..., ensure_ascii=False) would build one per call).

    json is imported on first use: reading the history needs none of it.
    """
    import json

    return json.JSONEncoder(ensure_ascii=False).encode


SUMMARY_SELECT = """
SELECT s.id, s.title, s.started_at, s.ended_at, s.status, s.pack, s.plan, s.seed, s.question_count,
  s.tag, s.ended_early,
  (SELECT count(*) FROM answers a WHERE a.session_id = s.id AND a.skipped = 0) AS answered,
  (SELECT count(*) FROM answers a WHERE a.session_id = s.id AND a.skipped = 1) AS skipped,
  (SELECT avg(a.avg_rating) FROM answers a WHERE a.session_id = s.id AND a.skipped = 0) AS avg_rating
FROM sessions s
"""

#: The orders of `Store.list_sessions`: name -> SQL expression.
SORTS = {
    "started_at": "s.started_ts",
    "ended_at": "s.ended_ts",
    "avg_rating": "avg_rating",
    "answers": "answered",
    "pack": "s.pack",
    "status": "s.status",
    # What the review list shows as names (the session's title, its target): sorted ignoring case.
    "title": "s.title COLLATE NOCASE",
    "tag": "s.tag COLLATE NOCASE",
}


ANSWER_COLUMNS = (
    "id, session_id, idx, pack_id, pack_version, question_id, question_text, category, target_seconds, "
    "elapsed_seconds, overtime_seconds, ratings, overall, avg_rating, notes, typed_points, feedback, "
    "follow_ups_asked, skipped, asked_at, asked_ts, answered_at, answered_ts, transcript, speech"
)
INSERT_ANSWER = f"INSERT INTO answers ({ANSWER_COLUMNS}) VALUES ({', '.join('?' * 25)})"
INSERT_SESSION = (
    "INSERT INTO sessions (id, title, started_at, started_ts, ended_at, ended_ts, status, pack, plan, "
    "seed, question_count, tag, ended_early) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)



_P = ParamSpec("_P")
_R = TypeVar("_R")


def decoded(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A read whose rows no longer decode (JSON or dates damaged in the file) fails as MockintError.

    `PRAGMA quick_check` checks the file's structure, not what the text in a row says, so a
    damaged value can surface only when a row is turned back into a record.
    """

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except (ValueError, TypeError, AttributeError) as exc:
            paths = getattr(args[0], "paths", None) if args else None
            where = getattr(paths, "database_file", None)
            raise failure(f"the database holds damaged data ({type(exc).__name__}: {exc})", path=where) from None

    return wrapper


def read_time(text: object) -> datetime:
    """A stored ISO time as an aware datetime in [1970, 2200): a row forced into the file with an
    odd time, or none, still reads as one every time zone can show (see limits.clamp_time)."""
    try:
        dt = datetime.fromisoformat(text) if isinstance(text, str) else limits.EARLIEST
    except ValueError:
        return limits.EARLIEST
    return limits.clamp_time(dt)


def _opt_time(text: object) -> datetime | None:
    return None if text is None else read_time(text)


def check_tag(tag: str | None) -> str | None:
    """A session tag as stored: surrounding space dropped, empty is None; ValueError past the limit."""
    if tag is None:
        return None
    from mockint.core.text import find_any_control  # a write's check: reading the history needs none of it

    tag = tag.strip()
    if find_any_control(tag) is not None:
        raise ValueError("tag: control characters (line breaks too) are not allowed")
    if len(tag) > limits.MAX_TAG:
        raise ValueError(f"tag: at most {limits.MAX_TAG} characters, found {len(tag)}")
    return tag or None


def check_time(name: str, dt: datetime) -> None:
    if dt.tzinfo is None or not limits.time_in_range(dt):
        raise ValueError(f"{name}: expected a time with an offset between 1970 and 2200, found {dt!r}")


_TEXT_LIMITS = (
    ("question_text", limits.MAX_QUESTION_TEXT),
    ("notes", limits.MAX_NOTES),
    ("typed_points", limits.MAX_TYPED_POINTS),
    ("pack_version", limits.MAX_PACK_VERSION),
)


def check_answer(answer: AnswerRecord) -> None:
    """Refuse an answer the schema would store wrongly or past `limits` (a programming error: ValueError)."""
    for name, limit in _TEXT_LIMITS:
        if len(getattr(answer, name)) > limit:
            raise ValueError(f"{name}: at most {limit} characters")
    if answer.transcript is not None and len(answer.transcript) > limits.MAX_TRANSCRIPT:
        raise ValueError(f"transcript: at most {limits.MAX_TRANSCRIPT} characters")
    if len(answer.follow_ups_asked) > limits.MAX_FOLLOW_UPS or any(
        len(f) > limits.MAX_FOLLOW_UP for f in answer.follow_ups_asked
    ):
        raise ValueError(f"follow_ups_asked: at most {limits.MAX_FOLLOW_UPS} of {limits.MAX_FOLLOW_UP} characters")
    check_time("asked_at", answer.asked_at)
    if answer.answered_at is not None:
        check_time("answered_at", answer.answered_at)
    for key, value in answer.ratings.items():
        if not isinstance(key, str) or type(value) is not int or not 1 <= value <= 5:
            raise ValueError(f"rating {key!r}: expected an integer 1..5, found {value!r}")
    if answer.overall is not None and (type(answer.overall) is not int or not 1 <= answer.overall <= 5):
        raise ValueError(f"overall: expected an integer 1..5 or None, found {answer.overall!r}")
    if not 0 <= answer.index < limits.MAX_QUESTIONS:
        raise ValueError(f"index: expected 0..{limits.MAX_QUESTIONS - 1}")


def answer_row(answer_id: int | None, session_id: str, a: AnswerRecord, answered_at: datetime) -> tuple[Any, ...]:
    """The `answers` row of one record, in _ANSWER_COLUMNS order."""
    dumps = _encoder()
    return (
        answer_id,
        session_id,
        a.index,
        a.pack_id,
        a.pack_version,
        a.question_id,
        a.question_text,
        a.category,
        a.target_seconds,
        float(a.elapsed_seconds),
        float(a.overtime_seconds),
        dumps(a.ratings),
        a.overall,
        a.avg_rating,
        a.notes,
        a.typed_points,
        None if a.feedback is None else dumps(a.feedback),
        dumps(a.follow_ups_asked) if a.follow_ups_asked else "[]",
        int(a.skipped),
        iso(a.asked_at),
        a.asked_at.timestamp(),
        iso(answered_at),
        answered_at.timestamp(),
        a.transcript,
        None if a.speech is None else dumps(a.speech),
    )


def answer_from_row(row: sqlite3.Row) -> AnswerRecord:
    import json

    from mockint.core.history.records import AnswerRecord

    feedback = row["feedback"]
    speech = row["speech"]
    return AnswerRecord(
        index=row["idx"],
        pack_id=row["pack_id"],
        pack_version=row["pack_version"],
        question_id=row["question_id"],
        question_text=row["question_text"],
        category=row["category"],
        target_seconds=row["target_seconds"],
        elapsed_seconds=row["elapsed_seconds"],
        overtime_seconds=row["overtime_seconds"],
        ratings=json.loads(row["ratings"]),
        overall=row["overall"],
        notes=row["notes"],
        typed_points=row["typed_points"],
        feedback=None if feedback is None else json.loads(feedback),
        follow_ups_asked=json.loads(row["follow_ups_asked"]),
        skipped=bool(row["skipped"]),
        asked_at=read_time(row["asked_at"]),
        answered_at=read_time(row["answered_at"]),
        transcript=row["transcript"],
        speech=None if speech is None else json.loads(speech),
    )


def session_from_row(row: sqlite3.Row, answers: list[AnswerRecord]) -> SessionRecord:
    """A `sessions` row (SELECT *) and its answers as one record."""
    from mockint.core.history.records import SessionRecord

    return SessionRecord(**_session_columns(row), answers=answers)


def summary_from_row(row: sqlite3.Row) -> SessionSummary:
    avg = row["avg_rating"]
    return SessionSummary(
        **_session_columns(row),
        answered=row["answered"],
        skipped=row["skipped"],
        avg_rating=None if avg is None else round(avg, 2),
    )


def _session_columns(row: sqlite3.Row) -> dict[str, Any]:
    """The `sessions` columns that a record and a summary both carry, read the same way."""
    return {
        "id": row["id"],
        "title": row["title"],
        "started_at": read_time(row["started_at"]),
        "ended_at": _opt_time(row["ended_at"]),
        "status": row["status"],
        "pack": row["pack"],
        "plan": row["plan"],
        "seed": row["seed"],
        "question_count": row["question_count"],
        "tag": row["tag"],
        "ended_early": bool(row["ended_early"]),
    }


def session_filters(
    pack: str | None,
    category: str | None,
    status: str | None,
    since: datetime | None,
    until: datetime | None,
    tag: str | None = None,
    ended_early: bool | None = None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if tag is not None:
        clauses.append("s.tag = ?")
        params.append(tag)
    if ended_early is not None:
        clauses.append("s.ended_early = ?")
        params.append(int(ended_early))
    if pack is not None:
        # IN (subquery) is evaluated once via the pack indexes; a correlated EXISTS here made
        # SQLite walk an index once per session (minutes at 10,000 sessions).
        clauses.append("(s.pack = ? OR s.id IN (SELECT session_id FROM planned WHERE pack_id = ? "
                       "UNION SELECT session_id FROM answers WHERE pack_id = ?))")
        params += [pack, pack, pack]
    if category is not None:
        clauses.append("s.id IN (SELECT session_id FROM planned WHERE category = ? "
                       "UNION SELECT session_id FROM answers WHERE category = ?)")
        params += [category, category]
    if status is not None:
        if status not in STATUSES:
            raise MockintError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        clauses.append("s.status = ?")
        params.append(status)
    if since is not None:
        clauses.append("s.started_ts >= ?")
        params.append(since.timestamp())
    if until is not None:
        clauses.append("s.started_ts < ?")
        params.append(until.timestamp())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
