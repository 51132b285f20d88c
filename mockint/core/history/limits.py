"""The one set of limits on what a practice session holds.

The app (the TUI and the practice engine), the store and `mockint import-sessions` all use these
numbers, so whatever the app can store it can export, and whatever it exports it imports
(docs/data-formats.md). The store refuses a record that breaks them (ValueError: the caller
should have clipped the text first, see `clip`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

#: Characters of free text per answer field.
MAX_NOTES = 200_000
MAX_TYPED_POINTS = 200_000
MAX_TRANSCRIPT = 200_000
MAX_QUESTION_TEXT = 8_000
MAX_FOLLOW_UP = 4_000
MAX_FOLLOW_UPS = 100
MAX_PACK_VERSION = 64
#: Characters of a session's title and of its tag (target company or role).
MAX_TITLE = 500
MAX_TAG = 120
#: Questions in one session (and so the largest answer index + 1).
MAX_QUESTIONS = 100_000
#: Seconds an answer can last (a week: a clock left running).
MAX_SECONDS = 7 * 24 * 3600.0
#: Every stored time lies in [EARLIEST, LATEST).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
EARLIEST_TS = EARLIEST.timestamp()
LATEST_TS = LATEST.timestamp()


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters (what an editor should store at most)."""
    return text if len(text) <= limit else text[:limit]


def time_in_range(dt: datetime) -> bool:
    """Whether a timezone-aware time lies between 1970 and 2200."""
    return EARLIEST <= dt < LATEST


def clamp_time(dt: datetime) -> datetime:
    """`dt` moved into [EARLIEST, LATEST) in UTC: a stored time that can be shown in any time zone."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    if dt < EARLIEST:
        return EARLIEST
    if dt >= LATEST:
        return LATEST - timedelta(seconds=1)
    return dt


def sql_time(column: str) -> str:
    """An SQL expression of a stored unix time clamped to [EARLIEST, LATEST): a row forced into the
    database with an odd time (or not a number at all) still reads as a day every zone can show."""
    return f"min(max({column}, {EARLIEST_TS!r}), {LATEST_TS - 1!r})"
