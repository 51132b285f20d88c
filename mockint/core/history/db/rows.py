"""Rows of the session tables <-> the record dataclasses (mockint.core.history.records)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mockint.core.errors import MockintError
from mockint.core.history.summary import STATUSES, SessionSummary, iso

if TYPE_CHECKING:
    from mockint.core.history.records import AnswerRecord


@functools.cache
def _encoder() -> Callable[[Any], str]:
    """One encoder for every row (json.dumps(..., ensure_ascii=False) would build one per call).

    json is imported on first use: reading the history needs none of it.
    """
    import json

    return json.JSONEncoder(ensure_ascii=False).encode


SUMMARY_SELECT = """
SELECT s.id, s.title, s.started_at, s.ended_at, s.status, s.pack, s.plan, s.seed, s.question_count,
  (SELECT count(*) FROM answers a WHERE a.session_id = s.id AND a.skipped = 0) AS answered,
  (SELECT count(*) FROM answers a WHERE a.session_id = s.id AND a.skipped = 1) AS skipped,
  (SELECT avg(a.avg_rating) FROM answers a WHERE a.session_id = s.id AND a.skipped = 0) AS avg_rating
FROM sessions s
"""

ANSWER_COLUMNS = (
    "id, session_id, idx, pack_id, pack_version, question_id, question_text, category, target_seconds, "
    "elapsed_seconds, overtime_seconds, ratings, overall, avg_rating, notes, typed_points, feedback, "
    "follow_ups_asked, skipped, asked_at, asked_ts, answered_at, answered_ts"
)
INSERT_ANSWER = f"INSERT INTO answers ({ANSWER_COLUMNS}) VALUES ({', '.join('?' * 23)})"
INSERT_SESSION = (
    "INSERT INTO sessions (id, title, started_at, started_ts, ended_at, ended_ts, status, pack, plan, "
    "seed, question_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)



def check_answer(answer: AnswerRecord) -> None:
    """Refuse an answer the schema would store wrongly (a programming error: ValueError)."""
    for key, value in answer.ratings.items():
        if not isinstance(key, str) or type(value) is not int or not 1 <= value <= 5:
            raise ValueError(f"rating {key!r}: expected an integer 1..5, found {value!r}")
    if answer.overall is not None and (type(answer.overall) is not int or not 1 <= answer.overall <= 5):
        raise ValueError(f"overall: expected an integer 1..5 or None, found {answer.overall!r}")
    if answer.index < 0:
        raise ValueError("index must not be negative")


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
    )


def answer_from_row(row: sqlite3.Row) -> AnswerRecord:
    import json

    from mockint.core.history.records import AnswerRecord

    feedback = row["feedback"]
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
        asked_at=datetime.fromisoformat(row["asked_at"]),
        answered_at=datetime.fromisoformat(row["answered_at"]),
    )


def summary_from_row(row: sqlite3.Row) -> SessionSummary:
    avg = row["avg_rating"]
    return SessionSummary(
        id=row["id"],
        title=row["title"],
        started_at=datetime.fromisoformat(row["started_at"]),
        ended_at=None if row["ended_at"] is None else datetime.fromisoformat(row["ended_at"]),
        status=row["status"],
        pack=row["pack"],
        plan=row["plan"],
        seed=row["seed"],
        question_count=row["question_count"],
        answered=row["answered"],
        skipped=row["skipped"],
        avg_rating=None if avg is None else round(avg, 2),
    )


def session_filters(
    pack: str | None,
    category: str | None,
    status: str | None,
    since: datetime | None,
    until: datetime | None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
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
