"""Bulk insertion of whole sessions (for `mockint import-sessions`), inside the caller's transaction."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mockint.core.history.db.rows import (
    ANSWER_COLUMNS,
    INSERT_ANSWER,
    INSERT_SESSION,
    answer_from_row,
    answer_row,
    check_answer,
    check_tag,
    check_time,
    session_from_row,
)
from mockint.core.history.records import AnswerRecord, SessionRecord, iso

_CHUNK = 500  # below SQLite's limit on bound parameters


@dataclass
class Merged:
    """What an import did with each session, by id in input order."""

    added: list[str] = field(default_factory=list)
    #: Already stored with the same content.
    unchanged: list[str] = field(default_factory=list)
    #: Already stored with different content: kept as stored, not overwritten.
    conflicts: list[str] = field(default_factory=list)
    answers_added: int = 0


def _stored(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, SessionRecord]:
    """The stored records among `ids` (at most _CHUNK of them)."""
    marks = ", ".join("?" * len(ids))
    answers: dict[str, list[AnswerRecord]] = {}
    for r in conn.execute(
        f"SELECT {ANSWER_COLUMNS} FROM answers WHERE session_id IN ({marks}) ORDER BY session_id, idx", ids
    ):
        answers.setdefault(r["session_id"], []).append(answer_from_row(r))
    rows = conn.execute(f"SELECT * FROM sessions WHERE id IN ({marks})", ids)
    return {r["id"]: session_from_row(r, answers.get(r["id"], [])) for r in rows}


def _content(s: SessionRecord) -> dict[str, Any]:
    """What must match for an imported session to be the one already stored."""
    doc = s.to_json()
    for a, out in zip(s.answers, doc["answers"], strict=True):
        out["answered_at"] = iso(a.answered_at or a.asked_at)  # the store fills it in so
    return doc


def _check_session(s: SessionRecord) -> None:
    check_tag(s.tag)
    check_time("started_at", s.started_at)
    if s.ended_at is not None:
        check_time("ended_at", s.ended_at)


def insert_sessions(conn: sqlite3.Connection, sessions: Iterable[SessionRecord]) -> Merged:
    """Insert the sessions whose id is new, _CHUNK at a time (the input may be a lazy stream).

    A session whose id is stored is compared with the stored one: the same content is
    `unchanged`, other content a `conflict` (the stored one is kept). Records are checked as
    `save_answer` checks them (ValueError), so records built in code cannot slip past the limits.
    """
    from mockint.core.history.repetition import refresh

    merged = Merged()
    seen: set[str] = set()
    questions: set[tuple[str, str]] = set()
    it = iter(sessions)
    while batch := list(itertools.islice(it, _CHUNK)):
        stored = _stored(conn, [s.id for s in batch])
        session_rows: list[tuple[Any, ...]] = []
        answer_rows: list[tuple[Any, ...]] = []
        for s in batch:
            old = stored.get(s.id)
            if old is not None or s.id in seen:
                if old is not None and _content(old) == _content(s):
                    merged.unchanged.append(s.id)
                else:
                    merged.conflicts.append(s.id)
                continue
            seen.add(s.id)
            _check_session(s)
            merged.added.append(s.id)
            session_rows.append(
                (s.id, s.title, iso(s.started_at), s.started_at.timestamp(), iso(s.ended_at),
                 None if s.ended_at is None else s.ended_at.timestamp(), s.status, s.pack, s.plan, s.seed,
                 s.question_count, s.tag, int(s.ended_early))
            )
            for a in s.answers:
                check_answer(a)
                answer_rows.append(answer_row(None, s.id, a, a.answered_at or a.asked_at))
                questions.add((a.pack_id, a.question_id))
            merged.answers_added += len(s.answers)
        conn.executemany(INSERT_SESSION, session_rows)
        conn.executemany(INSERT_ANSWER, answer_rows)
    refresh(conn, questions)
    return merged
