"""Opening the database file: connection settings, and moving a damaged file aside."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime

from mockint.core.history.db.schema import migrate
from mockint.core.paths import Paths

BUSY_SECONDS = 10.0
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def is_corruption(exc: sqlite3.Error) -> bool:
    """Whether an SQLite error means the file itself is damaged (not locked, not read-only)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _CORRUPT_CODES:
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        # The first statement that reads the file: "not a database" shows up here.
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
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
