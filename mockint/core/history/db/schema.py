"""The database schema and its ordered migrations, versioned with `PRAGMA user_version`.

Version N of the schema is what `MIGRATIONS[:N]` build. To change the schema, append one
function to MIGRATIONS; `migrate` runs the missing ones in one transaction, so a database is
always at exactly one version and two processes cannot migrate it twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from mockint.core.errors import failure

_V1 = """
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    title          TEXT NOT NULL DEFAULT '',
    started_at     TEXT NOT NULL,
    started_ts     REAL NOT NULL,
    ended_at       TEXT,
    ended_ts       REAL,
    status         TEXT NOT NULL CHECK (status IN ('incomplete', 'complete')),
    pack           TEXT,
    plan           TEXT,
    seed           INTEGER,
    question_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_started ON sessions (started_ts, id);
CREATE INDEX sessions_pack ON sessions (pack, started_ts, id);
CREATE INDEX sessions_status ON sessions (status, started_ts, id);

CREATE TABLE planned (
    session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    pack_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    category    TEXT,
    data        TEXT NOT NULL,
    PRIMARY KEY (session_id, idx)
) WITHOUT ROWID;
CREATE INDEX planned_category ON planned (category, session_id);
CREATE INDEX planned_pack ON planned (pack_id, session_id);

CREATE TABLE answers (
    id               INTEGER PRIMARY KEY,
    session_id       TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    idx              INTEGER NOT NULL,
    pack_id          TEXT NOT NULL,
    pack_version     TEXT NOT NULL,
    question_id      TEXT NOT NULL,
    question_text    TEXT NOT NULL,
    category         TEXT,
    target_seconds   INTEGER NOT NULL,
    elapsed_seconds  REAL NOT NULL,
    overtime_seconds REAL NOT NULL,
    ratings          TEXT NOT NULL,
    overall          INTEGER CHECK (overall BETWEEN 1 AND 5),
    avg_rating       REAL,
    notes            TEXT NOT NULL DEFAULT '',
    typed_points     TEXT NOT NULL DEFAULT '',
    feedback         TEXT,
    follow_ups_asked TEXT NOT NULL DEFAULT '[]',
    skipped          INTEGER NOT NULL DEFAULT 0,
    asked_at         TEXT NOT NULL,
    asked_ts         REAL NOT NULL,
    answered_at      TEXT NOT NULL,
    answered_ts      REAL NOT NULL,
    UNIQUE (session_id, idx)
);
CREATE INDEX answers_question ON answers (pack_id, question_id, asked_ts);
CREATE INDEX answers_category ON answers (category, asked_ts);

"""


def _run(conn: sqlite3.Connection, script: str) -> None:
    # executescript would COMMIT the open transaction, so run the statements one by one.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _run(conn, _V1)


_V2 = """
ALTER TABLE sessions ADD COLUMN tag TEXT;
ALTER TABLE sessions ADD COLUMN ended_early INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_tag ON sessions (tag, started_ts, id);
ALTER TABLE answers ADD COLUMN transcript TEXT;
ALTER TABLE answers ADD COLUMN speech TEXT;
"""


def _v2(conn: sqlite3.Connection) -> None:
    """A session's tag (target company or role) and whether it ended early; spoken answers."""
    _run(conn, _V2)


_V3 = """
CREATE TABLE notices (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    text       TEXT NOT NULL
);
"""


def _v3(conn: sqlite3.Connection) -> None:
    """Messages for the person that stay until read (what a recovery saved, for example)."""
    _run(conn, _V3)


_V4 = """
CREATE TABLE cards (
    pack_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    card        TEXT NOT NULL,
    due_ts      REAL NOT NULL,
    last_ts     REAL NOT NULL,
    PRIMARY KEY (pack_id, question_id)
) WITHOUT ROWID;
"""


def _v4(conn: sqlite3.Connection) -> None:
    """FSRS cards for the weakest-questions drill, seeded by replaying the answers so far."""
    from mockint.core.history.repetition import refresh_all

    _run(conn, _V4)
    refresh_all(conn)


#: Ordered: MIGRATIONS[i] turns schema version i into version i + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, *, path: str) -> None:
    """Bring the database to SCHEMA_VERSION (the connection is in autocommit mode)."""
    if user_version(conn) == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        version = user_version(conn)
        if version > SCHEMA_VERSION:
            raise failure(
                f"the database has schema version {version}, newer than this mockint understands "
                f"({SCHEMA_VERSION}); upgrade mockint",
                path=path,
            )
        for step in MIGRATIONS[version:]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
