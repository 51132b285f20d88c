"""Practice days laid out as a week-by-week calendar, and the current streak."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from mockint.core.history.streaks import current_streak, longest_streak

__all__ = ["calendar_weeks", "current_streak", "longest_streak"]


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
