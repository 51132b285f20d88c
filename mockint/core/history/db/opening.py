"""Opening the database file, and what happens when it is damaged (salvage into a fresh one)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime

from mockint.core.errors import failure
from mockint.core.history.db.file import connect, is_corruption, move_aside
from mockint.core.history.summary import iso
from mockint.core.paths import Paths, path_exists


def open_database(
    paths: Paths, clock: Callable[[], datetime], *, check: bool, busy_seconds: float
) -> tuple[sqlite3.Connection, str | None]:
    """A connection to the (created, migrated) database, and what was recovered if it was damaged.

    A damaged file (not a database, malformed, or - when `check` - failing `PRAGMA quick_check`)
    is moved to `paths.broken_dir` and what can still be read is copied into a fresh one; the
    message saying so is returned and kept as a notice until read. MockintError (exit 1) when
    the file cannot be opened or written at all.
    """
    db = paths.database_file
    if path_exists(db) and not os.access(db, os.W_OK):
        raise failure("the database file is not writable", path=db)
    try:
        conn = connect(db, busy_seconds)
        try:
            if check:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise sqlite3.DatabaseError(f"database disk image is malformed ({result})")
        except BaseException:
            conn.close()
            raise
        return conn, None
    except sqlite3.Error as exc:
        if not is_corruption(exc):
            raise failure(f"cannot open the database: {exc}", path=db) from None
        reason = str(exc)
    except UnicodeDecodeError:
        # SQLite's error message quoted bytes of a damaged schema that are not UTF-8.
        reason = "damaged schema"
    return _recover(paths, clock, reason, busy_seconds)


def _recover(
    paths: Paths, clock: Callable[[], datetime], reason: str, busy_seconds: float
) -> tuple[sqlite3.Connection, str]:
    """Move the damaged file aside, start a fresh one and copy into it what can still be read."""
    from mockint.core.format import plural
    from mockint.core.history.db.salvage import salvage

    db = paths.database_file
    try:
        moved = move_aside(paths, clock())
        conn = connect(db, busy_seconds)
    except (OSError, sqlite3.Error) as exc:
        raise failure(f"the database is damaged and could not be replaced: {exc}", path=db) from None
    try:
        saved = salvage(moved, conn)
    except sqlite3.Error:
        saved = None
    if saved is None or (saved.sessions == 0 and saved.answers == 0):
        kept = "Nothing in it could be read; a new, empty one was started."
    else:
        kept = (f"What could still be read was saved into a new one: {plural(saved.sessions, 'session')} "
                f"and {plural(saved.answers, 'answer')}"
                + (" (some rows on the damaged part were lost)." if saved.damaged else "."))
    message = f"The practice database was damaged ({reason}). It was moved to {moved}. {kept}"
    try:
        conn.execute("INSERT INTO notices (created_at, text) VALUES (?, ?)", (iso(clock()), message))
    except sqlite3.Error as exc:
        conn.close()
        raise failure(f"the database is damaged and could not be replaced: {exc}", path=db) from None
    return conn, message
