"""Practice days laid out as a week-by-week calendar, and the current streak."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def calendar_weeks(counts: Mapping[date, int], today: date, weeks: int = 12) -> list[list[tuple[date, int] | None]]:
    """`weeks` columns (oldest first) of 7 days, Monday first, ending with today's week.

    Days after today are None so the calendar never shows the future as a gap.
    """
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    columns: list[list[tuple[date, int] | None]] = []
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        column: list[tuple[date, int] | None] = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            column.append(None if day > today else (day, counts.get(day, 0)))
        columns.append(column)
    return columns
