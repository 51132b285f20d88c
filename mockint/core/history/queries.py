"""Read-only queries the review screens need on top of `Store`: history pages with each
session's total answer time, the packs and categories that occur in the history, and the
weekly series the trends screen plots that `Store.stats` does not split by week.

The history list asks for one page (LIMIT/OFFSET on the `sessions_started` index) at a
time; the totals of a page come from one extra query over the `answers` rows of just
those sessions, so the cost of a page does not grow with the size of the history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from mockint.core.history import limits
from mockint.core.history.records import SessionSummary

if TYPE_CHECKING:
    from mockint.core.history.db.store import Store

_ASKED = limits.sql_time("asked_ts")
_STARTED = limits.sql_time("started_ts")


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history: the session summary and its total answer time."""

    summary: SessionSummary
    total_seconds: float


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    # The store turns SQLite failures into MockintError; reuse its guard rather than the raw connection.
    with store._guard() as conn:
        return conn.execute(sql, params).fetchall()


def session_totals(store: Store, session_ids: Sequence[str]) -> dict[str, float]:
    """Session id -> seconds spent answering (skipped questions count nothing)."""
    if not session_ids:
        return {}
    marks = ", ".join("?" * len(session_ids))
    rows = _rows(
        store,
        f"SELECT session_id, sum(elapsed_seconds) FROM answers WHERE session_id IN ({marks}) "
        "AND skipped = 0 GROUP BY session_id",
        list(session_ids),
    )
    return {str(r[0]): float(r[1] or 0.0) for r in rows}


def distinct_packs(store: Store) -> list[str]:
    """Every pack id that appears in the history (removed packs included), sorted."""
    rows = _rows(
        store,
        "SELECT pack FROM sessions WHERE pack IS NOT NULL "
        "UNION SELECT DISTINCT pack_id FROM planned ORDER BY 1",
    )
    return [str(r[0]) for r in rows]


def distinct_categories(store: Store) -> list[str]:
    """Every category id that appears in the history, sorted."""
    rows = _rows(
        store,
        "SELECT DISTINCT category FROM planned WHERE category IS NOT NULL "
        "UNION SELECT DISTINCT category FROM answers WHERE category IS NOT NULL ORDER BY 1",
    )
    return [str(r[0]) for r in rows]


def distinct_tags(store: Store) -> list[str]:
    """Every target (session tag) in the history, sorted ignoring case."""
    rows = _rows(store, "SELECT DISTINCT tag FROM sessions WHERE tag IS NOT NULL ORDER BY tag COLLATE NOCASE")
    return [str(r[0]) for r in rows]


class HistorySource:
    """Pages of the history for the review list, with the filters of `Store.list_sessions`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def count(self, filters: dict[str, Any]) -> int:
        """How many sessions match `filters`."""
        return self.store.count_sessions(**filters)

    def page(
        self, offset: int, limit: int, *, sort: str, descending: bool, filters: dict[str, Any]
    ) -> list[HistoryRow]:
        """`limit` rows from `offset` in the given order, each with its total answer time."""
        summaries = self.store.list_sessions(
            limit=limit, offset=offset, sort=sort, descending=descending, **filters
        )
        totals = session_totals(self.store, [s.id for s in summaries])
        return [HistoryRow(s, totals.get(s.id, 0.0)) for s in summaries]


# -- trends ----------------------------------------------------------------------------------


def iso_week(day: date) -> str:
    """"2026-W47" for the ISO week holding `day` (the label `Stats` uses too)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def local_today(now: datetime, utc_offset_seconds: int) -> date:
    """The calendar day of `now` in the zone `utc_offset_seconds` east of UTC."""
    return (now.astimezone(UTC) + timedelta(seconds=utc_offset_seconds)).date()


def week_axis(today: date, weeks: int) -> list[str]:
    """The last `weeks` ISO weeks, oldest first, ending with the week of `today`."""
    monday = today - timedelta(days=today.weekday())
    return [iso_week(monday - timedelta(weeks=back)) for back in range(weeks - 1, -1, -1)]


def window_start(today: date, weeks: int, utc_offset_seconds: int) -> datetime:
    """Midnight (in the given zone) of the Monday that starts the first week of the axis."""
    monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    return datetime(monday.year, monday.month, monday.day, tzinfo=UTC) - timedelta(seconds=utc_offset_seconds)


def on_axis(points: Mapping[str, float | None], axis: Sequence[str]) -> list[float | None]:
    """Values in axis order; a week without data is None (a gap in a plot)."""
    return [points.get(week) for week in axis]


@dataclass(frozen=True)
class WeeklyBreakdown:
    """What `Store.stats` does not split by week: categories and overtime, plus sessions per day."""

    #: category id ("" for none) -> ISO week -> mean rating of that week's answers
    categories: dict[str, dict[str, float | None]]
    #: ISO week -> share of that week's answers that ran over their target (0..1)
    overtime: dict[str, float]
    #: local day -> sessions started that day
    session_days: dict[date, int]


def weekly_breakdown(store: Store, *, since: datetime, utc_offset_seconds: int = 0) -> WeeklyBreakdown:
    """Per-category ratings and overtime rate by ISO week, and sessions per day, from `since` on."""
    off, ts = int(utc_offset_seconds), since.timestamp()
    sums: dict[str, dict[str, list[float]]] = {}
    over: dict[str, list[int]] = {}
    for day, category, rating_sum, rated, answered, overtime in _rows(
        store,
        f"SELECT date({_ASKED} + ?, 'unixepoch') AS d, coalesce(category, ''), sum(avg_rating), "
        "count(avg_rating), count(*), sum(overtime_seconds > 0) FROM answers "
        "WHERE skipped = 0 AND asked_ts >= ? GROUP BY d, category",
        (off, ts),
    ):
        week = iso_week(date.fromisoformat(day))
        slot = sums.setdefault(str(category), {}).setdefault(week, [0.0, 0.0])
        slot[0] += float(rating_sum or 0.0)
        slot[1] += int(rated)
        counts = over.setdefault(week, [0, 0])
        counts[0] += int(overtime)
        counts[1] += int(answered)
    categories = {
        cat: {week: (round(s / n, 2) if n else None) for week, (s, n) in weeks.items()}
        for cat, weeks in sums.items()
    }
    overtime_rates = {week: round(o / n, 3) for week, (o, n) in over.items() if n}
    days = {
        date.fromisoformat(day): int(n)
        for day, n in _rows(
            store,
            f"SELECT date({_STARTED} + ?, 'unixepoch') AS d, count(*) FROM sessions WHERE started_ts >= ? GROUP BY d",
            (off, ts),
        )
    }
    return WeeklyBreakdown(categories, overtime_rates, days)
