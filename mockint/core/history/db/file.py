"""Opening the database file: connection settings, and moving a damaged file aside."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime

from mockint.core.errors import MockintError
from mockint.core.history.db.schema import migrate
from mockint.core.paths import Paths

BUSY_SECONDS = 10.0
#: How long a write waits for another process's write from a screen a person is looking at:
#: long enough for an ordinary commit elsewhere, short enough that the screen never seems frozen.
INTERACTIVE_BUSY_SECONDS = 2.0
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


class StoreBusy(MockintError):
    """Another process kept the database locked for longer than this store waits (exit code 1).

    Nothing was written: the caller keeps what it meant to save and may try again.
    """


def is_corruption(exc: sqlite3.Error) -> bool:
    """Whether an SQLite error means the file itself is damaged (not locked, not read-only)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _CORRUPT_CODES:
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether an SQLite error means another connection holds the lock (SQLITE_BUSY/LOCKED)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in (5, 6)
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _use_wal(conn: sqlite3.Connection, wait: float) -> None:
    """Switch the file to WAL once (the mode is kept in the file).

    Changing the journal mode does not wait on SQLite's busy handler, so processes that open
    a brand-new database at the same moment retry here, with a bounded back-off.
    """
    deadline = time.monotonic() + wait
    delay = 0.002
    while True:
        try:
            # The first statement that reads the file: "not a database" shows up here.
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            if str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower() == "wal":
                return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def connect(path: str, busy_seconds: float = BUSY_SECONDS) -> sqlite3.Connection:
    """A connection in WAL mode, migrated, that waits at most `busy_seconds` for another writer."""
    # `timeout` is SQLite's busy timeout (what `PRAGMA busy_timeout` reads back).
    conn = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None, check_same_thread=False)
    try:
        conn.row_factory = sqlite3.Row
        _use_wal(conn, max(busy_seconds, BUSY_SECONDS))
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # 16 MiB of page cache (default 2 MiB): bulk imports and statistics touch many pages.
        conn.execute("PRAGMA cache_size = -16384")
        migrate(conn, path=path)
    except BaseException:
        conn.close()
        raise
    return conn


def move_aside(paths: Paths, when: datetime) -> str:
    """Move the database (and its WAL/SHM files) into broken_dir under a new, unused name."""
    db = paths.database
    paths.broken_dir.mkdir(parents=True, exist_ok=True)
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    n = 1
    while True:
        base = f"{db.stem}-{stamp}" + (f"-{n}" if n > 1 else "")
        target = paths.broken_dir / f"{base}{db.suffix}"
        if not any((paths.broken_dir / f"{base}{db.suffix}{s}").exists() for s in ("", "-wal", "-shm")):
            break
        n += 1
    for suffix in ("", "-wal", "-shm"):
        source = db.with_name(db.name + suffix)
        if source.exists():
            os.replace(source, target.with_name(target.name + suffix))
    return str(target)
