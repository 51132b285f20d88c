"""Bulk insertion of whole sessions (for `mockint import-sessions`), inside the caller's transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from mockint.core.history.db.rows import INSERT_ANSWER, INSERT_SESSION, answer_row, check_answer
from mockint.core.history.records import SessionRecord, iso

_CHUNK = 500  # below SQLite's limit on bound parameters


def _existing(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = conn.execute(f"SELECT id FROM sessions WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        found.update(r[0] for r in rows)
    return found


def insert_sessions(
    conn: sqlite3.Connection, sessions: Sequence[SessionRecord]
) -> tuple[list[str], list[str]]:
    """Insert the sessions whose id is new; returns (added ids, unchanged ids) in input order.

    Each table is filled with one `executemany`; ratings are checked as `save_answer` does
    (ValueError), so records built in code cannot slip past the rules an export must follow.
    """
    existing = _existing(conn, [s.id for s in sessions])
    added: list[str] = []
    unchanged: list[str] = []
    session_rows: list[tuple[Any, ...]] = []
    answer_rows: list[tuple[Any, ...]] = []
    for s in sessions:
        if s.id in existing:
            unchanged.append(s.id)
            continue
        existing.add(s.id)
        added.append(s.id)
        session_rows.append(
            (s.id, s.title, iso(s.started_at), s.started_at.timestamp(), iso(s.ended_at),
             None if s.ended_at is None else s.ended_at.timestamp(), s.status, s.pack, s.plan, s.seed,
             s.question_count, s.tag, int(s.ended_early))
        )
        for a in s.answers:
            check_answer(a)
            answer_rows.append(answer_row(None, s.id, a, a.answered_at or a.asked_at))
    conn.executemany(INSERT_SESSION, session_rows)
    conn.executemany(INSERT_ANSWER, answer_rows)
    return added, unchanged
