"""mockint.core.format: one spelling of durations, dates and counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from mockint.core.format import day, mmss, overtime, plural, stamp, when


def test_mmss_truncates_like_a_stopwatch() -> None:
    assert mmss(59.999) == "0:59"
    assert mmss(60) == "1:00"
    assert mmss(3599.9) == "59:59"
    assert mmss(3600) == "1:00:00"
    assert mmss(-5.5) == "-0:05"
    assert mmss(None) == "—"
    assert mmss(float("nan")) == "0:00"


def test_overtime_is_never_negative() -> None:
    assert overtime(75.2) == "+1:15"
    assert overtime(-3) == "+0:00"


def test_dates_in_a_zone() -> None:
    moment = datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
    plus2 = timezone(timedelta(hours=2))
    assert when(moment, UTC) == "2026-11-21 23:30"
    assert when(moment, plus2) == "2026-11-22 01:30"
    assert day(moment, plus2) == "2026-11-22"
    assert when(None) == "—"
    assert stamp(moment) == "20261121T233000Z"


def test_plural() -> None:
    assert plural(1, "question") == "1 question"
    assert plural(2, "question") == "2 questions"
    assert plural(0, "practice day") == "0 practice days"
    assert plural(1, "category", "categories") == "1 category"
    assert plural(3, "category", "categories") == "3 categories"
    assert plural(12000, "session") == "12,000 sessions"
