"""Analysis of the practice history: aggregates for `mockint stats` and what to practise next."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mockint.core.history import limits
from mockint.core.history.records import iso
from mockint.core.history.streaks import current_streak, longest_streak

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


# -- spaced repetition (mockint.core.history.repetition) --------------------------------------


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
    """Questions to practise next, scheduled by FSRS (mockint.core.history.repetition).

    Each question's card says when it is due again: after its latest answer, a question rests
    for an interval that FSRS draws from all its answers so far (a low rating, a skip or an
    overtime answer brings it back sooner). Due questions come first - lowest last rating, then
    overtime, then longest overdue - and then the rest by how soon they fall due (ties: lowest rating).
    """
    # SQLite takes the bare columns from the row holding max(asked_ts): the latest attempt.
    rows = conn.execute(
        f"SELECT a.pack_id, a.question_id, max({_ASKED}), a.question_text, a.category, a.avg_rating, a.skipped, "
        "a.overtime_seconds, count(*), avg(CASE WHEN a.skipped = 0 THEN a.avg_rating END), c.due_ts "
        "FROM answers a LEFT JOIN cards c ON c.pack_id = a.pack_id AND c.question_id = a.question_id "
        "GROUP BY a.pack_id, a.question_id"
    ).fetchall()
    items: list[WeakQuestion] = []
    for pack_id, qid, last_ts, text, cat, rating, skipped, over, attempts, avg, due_ts in rows:
        last = datetime.fromtimestamp(last_ts, UTC)
        due_at = last if due_ts is None else datetime.fromtimestamp(min(max(due_ts, last_ts), limits.LATEST_TS), UTC)
        days = max(0, round((due_at - last).total_seconds() / 86400))
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
