"""Analysis of the practice history: aggregates for `mockint stats` and what to practise next."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mockint.core.history import limits
from mockint.core.history.calendar import current_streak, longest_streak
from mockint.core.history.records import iso

_ASKED = limits.sql_time("asked_ts")


@dataclass(frozen=True)
class WeekPoint:
    """One ISO week (e.g. "2026-W47"): answers given and their mean rating."""

    week: str
    count: int
    average: float | None

    def to_json(self) -> dict[str, Any]:
        return {"week": self.week, "count": self.count, "average": self.average}


@dataclass(frozen=True)
class CategoryStats:
    category: str | None
    count: int
    skipped: int
    average: float | None
    overtime_rate: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "count": self.count,
            "skipped": self.skipped,
            "average": self.average,
            "overtime_rate": self.overtime_rate,
        }


@dataclass(frozen=True)
class DimensionStats:
    dimension: str
    count: int
    average: float | None
    weeks: list[WeekPoint] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "count": self.count,
            "average": self.average,
            "weeks": [w.to_json() for w in self.weeks],
        }


@dataclass(frozen=True)
class Stats:
    """`count` is answered questions; skipped ones are counted apart and never rated."""

    sessions: int
    complete: int
    count: int
    skipped: int
    average: float | None
    overtime_rate: float | None
    categories: list[CategoryStats]
    dimensions: list[DimensionStats]
    weeks: list[WeekPoint]
    practice_days: list[str]
    current_streak: int
    longest_streak: int

    def to_json(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "complete": self.complete,
            "answers": self.count,
            "skipped": self.skipped,
            "average": self.average,
            "overtime_rate": self.overtime_rate,
            "categories": [c.to_json() for c in self.categories],
            "dimensions": [d.to_json() for d in self.dimensions],
            "weeks": [w.to_json() for w in self.weeks],
            "practice_days": self.practice_days,
            "current_streak": self.current_streak,
            "longest_streak": self.longest_streak,
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _iso_week(day: str) -> str:
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def _fold_weeks(days: list[tuple[str, int, float, int]]) -> list[WeekPoint]:
    """(day, count, rating sum, rated count) rows -> one point per ISO week, oldest first."""
    acc: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for day, count, total, rated in days:
        slot = acc[_iso_week(day)]
        slot[0] += count
        slot[1] += total or 0.0
        slot[2] += rated
    return [
        WeekPoint(week, int(c), _r(t / n) if n else None) for week, (c, t, n) in sorted(acc.items())
    ]


def _streaks(days: list[str], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive practice days (mockint.core.history.calendar)."""
    have = {date.fromisoformat(d) for d in days if d}
    return current_streak(have, today), longest_streak(have)


def compute_stats(
    conn: sqlite3.Connection, *, now: datetime, since: datetime | None = None, utc_offset_seconds: int = 0
) -> Stats:
    """Aggregates over answers asked at or after `since` (all when None).

    Days and weeks are counted in the time zone `utc_offset_seconds` east of UTC; the streak
    always looks at the whole history.
    """
    ts = since.timestamp() if since is not None else float("-inf")
    off = int(utc_offset_seconds)
    srow = conn.execute(
        "SELECT count(*), coalesce(sum(status = 'complete'), 0) FROM sessions WHERE started_ts >= ?", (ts,)
    ).fetchone()
    categories: list[CategoryStats] = []
    total = skipped = rated = overtime = 0
    rating_sum = 0.0
    for cat, n, sk, avg, n_rated, over in conn.execute(
        "SELECT category, sum(skipped = 0), sum(skipped), avg(CASE WHEN skipped = 0 THEN avg_rating END), "
        "count(CASE WHEN skipped = 0 THEN avg_rating END), sum(skipped = 0 AND overtime_seconds > 0) "
        "FROM answers WHERE asked_ts >= ? GROUP BY category ORDER BY category IS NULL, category",
        (ts,),
    ):
        categories.append(CategoryStats(cat, n, sk, _r(avg), _rate(over, n)))
        total, skipped, overtime, rated = total + n, skipped + sk, overtime + over, rated + n_rated
        rating_sum += (avg or 0.0) * n_rated
    # Ratings are a small JSON object per answer; summed here per (dimension, day).
    per_dim: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for day, ratings in conn.execute(
        f"SELECT date({_ASKED} + ?, 'unixepoch'), ratings FROM answers "
        "WHERE skipped = 0 AND asked_ts >= ? AND ratings != '{}'",
        (off, ts),
    ):
        for dim, value in json.loads(ratings).items():
            slot = per_dim[dim].setdefault(day, [0, 0.0])
            slot[0] += 1
            slot[1] += value
    dim_days = {
        dim: [(day, int(n), total, int(n)) for day, (n, total) in sorted(days.items())]
        for dim, days in per_dim.items()
    }
    dimensions = []
    for dim in sorted(dim_days):
        rows = dim_days[dim]
        n = sum(r[1] for r in rows)
        dimensions.append(DimensionStats(dim, n, _r(sum(r[2] for r in rows) / n), _fold_weeks(rows)))
    day_rows = [
        (d, n, float(s or 0.0), nr)
        for d, n, s, nr in conn.execute(
            f"SELECT date({_ASKED} + ?, 'unixepoch') AS d, count(*), sum(avg_rating), count(avg_rating) "
            "FROM answers WHERE skipped = 0 AND asked_ts >= ? GROUP BY d ORDER BY d",
            (off, ts),
        )
    ]
    all_days = [
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT date({_ASKED} + ?, 'unixepoch') AS d FROM answers WHERE skipped = 0 ORDER BY d",
            (off,),
        )
    ]
    today = (now.astimezone(UTC) + timedelta(seconds=off)).date()
    current, longest = _streaks(all_days, today)
    return Stats(
        sessions=int(srow[0]),
        complete=int(srow[1]),
        count=total,
        skipped=skipped,
        average=_r(rating_sum / rated) if rated else None,
        overtime_rate=_rate(overtime, total),
        categories=categories,
        dimensions=dimensions,
        weeks=_fold_weeks(day_rows),
        practice_days=[r[0] for r in day_rows],
        current_streak=current,
        longest_streak=longest,
    )


# -- spaced repetition ---------------------------------------------------------------------

#: Days until a question is due again, by its last rating (rounded half up).
INTERVAL_DAYS = {1: 1, 2: 1, 3: 3, 4: 7, 5: 21}
#: An answer that ran over its time is due again within this many days, whatever its rating.
OVERTIME_CAP_DAYS = 3


def interval_days(last_rating: float | None, skipped: bool, overtime: bool) -> int:
    """The spaced-repetition interval after the latest attempt (see `weakest`)."""
    if skipped or last_rating is None:
        return 1
    days = INTERVAL_DAYS[min(5, max(1, int(last_rating + 0.5)))]
    return min(days, OVERTIME_CAP_DAYS) if overtime else days


@dataclass(frozen=True)
class WeakQuestion:
    pack_id: str
    question_id: str
    question_text: str
    category: str | None
    attempts: int
    last_practised: datetime
    last_rating: float | None
    average: float | None
    last_overtime: bool
    last_skipped: bool
    interval_days: int
    due_at: datetime
    due: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack_id,
            "question_id": self.question_id,
            "question_text": self.question_text,
            "category": self.category,
            "attempts": self.attempts,
            "last_practised": iso(self.last_practised),
            "last_rating": self.last_rating,
            "average": self.average,
            "last_overtime": self.last_overtime,
            "last_skipped": self.last_skipped,
            "interval_days": self.interval_days,
            "due_at": iso(self.due_at),
            "due": self.due,
        }


def weakest(conn: sqlite3.Connection, *, limit: int, now: datetime) -> list[WeakQuestion]:
    """Questions to practise next, by a simple spaced repetition over their latest attempt.

    After an attempt a question rests for an interval that grows with its rating: 1 day for a
    rating of 2 or less (or a skip, or no rating), 3 days for 3, 7 for 4, 21 for 5 (ratings are
    the answer's mean rubric rating, rounded half up); an attempt that ran over time rests at most
    3 days. `due_at` = last attempt + interval. Due questions come first - lowest last rating, then
    overtime, then longest overdue - and then the rest by how soon they fall due (ties: lowest rating).
    """
    # SQLite takes the bare columns from the row holding max(asked_ts): the latest attempt.
    rows = conn.execute(
        f"SELECT pack_id, question_id, max({_ASKED}), question_text, category, avg_rating, skipped, "
        "overtime_seconds, count(*), avg(CASE WHEN skipped = 0 THEN avg_rating END) "
        "FROM answers GROUP BY pack_id, question_id"
    ).fetchall()
    items: list[WeakQuestion] = []
    for pack_id, qid, last_ts, text, cat, rating, skipped, over, attempts, avg in rows:
        last = datetime.fromtimestamp(last_ts, UTC)
        days = interval_days(rating, bool(skipped), over > 0)
        due_at = last + timedelta(days=days)
        items.append(
            WeakQuestion(pack_id, qid, text, cat, attempts, last, None if skipped else _r(rating), _r(avg),
                         over > 0, bool(skipped), days, due_at, due_at <= now)
        )

    def key(w: WeakQuestion) -> tuple[Any, ...]:
        rating = 0.0 if w.last_rating is None else w.last_rating
        if w.due:
            return (0, rating, not w.last_overtime, w.due_at, w.pack_id, w.question_id)
        return (1, w.due_at, rating, not w.last_overtime, w.pack_id, w.question_id)

    items.sort(key=key)
    return items[: max(0, limit)]
