"""Day streaks: runs of consecutive practice days (the one implementation; stats and the calendar use it)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive practice days ending today, or yesterday if today has none yet.

    Today without practice does not break the streak: the day is not over.
    """
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    streak = 0
    while day in practised:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(days: Iterable[date]) -> int:
    """The longest run of consecutive practice days ever."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best
