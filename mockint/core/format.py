"""How mockint writes durations, dates and counts for people: one place, so every screen agrees.

Durations are truncated to the whole second, like a stopwatch (59.9 s is "0:59"): the clock,
the lists, the exports and the CLI all show the same time for the same answer.
"""

from __future__ import annotations

import math
from datetime import datetime, tzinfo


def mmss(seconds: float | None) -> str:
    """`m:ss` (or `h:mm:ss` from an hour), whole seconds truncated; None and non-finite read "—" / "0:00"."""
    if seconds is None:
        return "—"
    if not math.isfinite(seconds):
        return "0:00"
    sign = "-" if seconds < 0 and int(abs(seconds)) > 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def overtime(seconds: float) -> str:
    """ "+m:ss" for time past the target (never negative)."""
    return "+" + mmss(max(0.0, seconds))


def when(dt: datetime | None, tz: tzinfo | None = None) -> str:
    """A moment as people read it in lists: `2026-11-21 14:05` in `tz` (local time when None); "—" for None."""
    if dt is None:
        return "—"
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def day(dt: datetime, tz: tzinfo | None = None) -> str:
    """The calendar day of a moment, `2026-11-21`, in `tz` (local time when None)."""
    return dt.astimezone(tz).strftime("%Y-%m-%d")


def stamp(dt: datetime) -> str:
    """A UTC time stamp for file names (`20261121T140500Z`)."""
    from datetime import UTC

    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 question`, `2 questions`, `0 practice days`: the count and the word in the right number."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
