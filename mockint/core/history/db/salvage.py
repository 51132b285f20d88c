"""Reading what is still readable out of a damaged database into a fresh one.

A damaged page costs the rows stored on it, not the whole history: each table is read in its
key order from the front until the first error, then from the back until the first error, so
with one bad page only that page's rows are lost. Answers whose session row was lost get a
stand-in session ("Recovered session") so they stay in the history. The drill's schedule is
rebuilt from the answers that were saved.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mockint.core.history.repetition import refresh_all

# Tables in the order they are copied (sessions before the rows that refer to them), with
# the columns that order them: rowid tables by rowid, `planned` by its primary key.
_TABLES = (
    ("sessions", "rowid"),
    ("planned", "session_id, idx"),
    ("answers", "rowid"),
    ("notices", "rowid"),
)
_MAX_ROWS = 10_000_000


@dataclass
class Salvaged:
    sessions: int = 0
    answers: int = 0
    stand_ins: int = 0
    #: Tables that could not be read to the end from either side (rows were lost).
    damaged: int = 0


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]
    except (sqlite3.Error, UnicodeDecodeError):
        return []


def _scan(conn: sqlite3.Connection, sql: str) -> tuple[list[tuple[Any, ...]], bool]:
    """Rows of `sql` until the first error; (rows, whether it ended in an error)."""
    rows: list[tuple[Any, ...]] = []
    try:
        for row in conn.execute(sql):
            rows.append(tuple(row))
            if len(rows) >= _MAX_ROWS:
                break
    except (sqlite3.Error, UnicodeDecodeError, ValueError):
        return rows, True
    return rows, False


def _read(conn: sqlite3.Connection, table: str, order: str, names: list[str]) -> tuple[Iterator[tuple[Any, ...]], bool]:
    cols = ", ".join(names)
    forward, broken = _scan(conn, f"SELECT {cols} FROM {table} ORDER BY {order}")
    if not broken:
        return iter(forward), False
    desc = ", ".join(f"{c.strip()} DESC" for c in order.split(","))
    backward, _ = _scan(conn, f"SELECT {cols} FROM {table} ORDER BY {desc}")
    seen = set(forward)
    return iter(forward + [r for r in reversed(backward) if r not in seen]), True


def salvage(source: str, target: sqlite3.Connection) -> Salvaged:
    """Copy every readable row of the database file `source` into `target` (migrated, empty)."""
    result = Salvaged()
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error:
        return result
    try:
        target.execute("BEGIN IMMEDIATE")
        try:
            _copy(src, target, result)
            refresh_all(target)  # the drill's schedule, from the answers that were saved
            target.execute("COMMIT")
        except BaseException:
            target.execute("ROLLBACK")
            raise
    finally:
        with contextlib.suppress(sqlite3.Error):
            src.close()
    return result


def _copy(src: sqlite3.Connection, target: sqlite3.Connection, result: Salvaged) -> None:
    for table, order in _TABLES:
        wanted = _columns(target, table)
        names = [c for c in _columns(src, table) if c in wanted]
        if not names:
            continue
        rows, damaged = _read(src, table, order, names)
        result.damaged += damaged
        marks = ", ".join("?" * len(names))
        insert = f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES ({marks})"
        if table == "answers":
            _stand_ins(target, names, rows, insert, result)
            continue
        for row in rows:
            with contextlib.suppress(sqlite3.Error):
                target.execute(insert, row)
        if table == "sessions":
            result.sessions = int(target.execute("SELECT count(*) FROM sessions").fetchone()[0])


def _stand_ins(target: sqlite3.Connection, names: list[str], rows: Iterator[tuple[Any, ...]],
               insert: str, result: Salvaged) -> None:
    """Insert answers, giving each one whose session was lost a stand-in session."""
    where = {n: i for i, n in enumerate(names)}
    if "session_id" not in where:
        return
    stand_ins: list[str] = []
    for row in rows:
        sid = row[where["session_id"]]
        exists = target.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone()
        if exists is None:
            asked_at = row[where["asked_at"]] if "asked_at" in where else "1970-01-01T00:00:00+00:00"
            asked_ts = row[where["asked_ts"]] if "asked_ts" in where else 0.0
            with contextlib.suppress(sqlite3.Error):
                target.execute(
                    "INSERT INTO sessions (id, title, started_at, started_ts, status, question_count) "
                    "VALUES (?, 'Recovered session', ?, ?, 'incomplete', 0)",
                    (sid, asked_at, asked_ts),
                )
                stand_ins.append(sid)
        with contextlib.suppress(sqlite3.Error):
            target.execute(insert, row)
            result.answers += 1
    result.stand_ins = len(stand_ins)
    # A stand-in counts the questions that were answered in it.
    target.executemany(
        "UPDATE sessions SET question_count = (SELECT count(*) FROM answers a WHERE a.session_id = sessions.id) "
        "WHERE id = ?",
        [(sid,) for sid in stand_ins],
    )
