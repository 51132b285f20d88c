"""Core of the review screens: history pages, weekly breakdowns, calendar, drill, plots."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mockint.core.errors import MockintError
from mockint.core.history.calendar import calendar_weeks, current_streak, longest_streak
from mockint.core.history.db.store import Store
from mockint.core.history.queries import (
    HistorySource,
    distinct_categories,
    distinct_packs,
    on_axis,
    session_totals,
    week_axis,
    weekly_breakdown,
    window_start,
)
from mockint.core.history.stats import WeakQuestion
from mockint.core.interview.drill import build_drill_interview, weak_reason
from mockint.core.packs.model import Pack, PackInfo, Question
from mockint.core.paths import get_paths
from mockint.tui.widgets.plot import braille_chart
from tests.support.tui_review_seed import NOW, fixed_now, small_history


@pytest.fixture
def store() -> Store:
    s = Store.open(get_paths(), now=fixed_now)
    small_history(s)
    return s


def test_history_pages_carry_total_answer_time(store: Store) -> None:
    source = HistorySource(store)
    assert source.count({}) == 6 and source.count({"pack": "product-sense"}) == 2
    page = source.page(1, 2, sort="started_at", descending=True, filters={})
    assert [r.summary.id for r in page] == ["s5", "s4"]
    assert [r.total_seconds for r in page] == [130.0, 213.0]
    # A skipped question adds nothing to the time.
    assert session_totals(store, ["s3", "unknown"]) == {"s3": 110.0}
    assert session_totals(store, []) == {}


def test_distinct_packs_and_categories(store: Store) -> None:
    assert distinct_packs(store) == ["behavioral-star", "product-sense"]
    assert distinct_categories(store) == ["conflict", "design", "failure", "metrics", "motivation"]


def test_week_axis_and_window() -> None:
    today = date(2026, 11, 21)  # a Saturday in ISO week 47
    assert week_axis(today, 3) == ["2026-W45", "2026-W46", "2026-W47"]
    assert window_start(today, 3, 0) == datetime(2026, 11, 2, tzinfo=UTC)
    # An hour east of UTC, local midnight is 23:00 UTC the day before.
    assert window_start(today, 1, 3600) == datetime(2026, 11, 15, 23, tzinfo=UTC)
    assert on_axis({"2026-W46": 3.0}, ["2026-W45", "2026-W46"]) == [None, 3.0]


def test_weekly_breakdown(store: Store) -> None:
    since = window_start(NOW.date(), 12, 0)
    data = weekly_breakdown(store, since=since)
    # Week 47: s4 conflict 4.4 (118 s, in time), s6 conflict 3.4 (125 s, over) -> 3.9.
    assert data.categories["conflict"]["2026-W47"] == pytest.approx(3.9)
    assert data.categories["design"]["2026-W47"] == pytest.approx(2.4)
    # Week 47 answers: s4 x2 (in time), s5 (130 s over 120), s6 (125 s over): 2 of 4 over.
    assert data.overtime["2026-W47"] == pytest.approx(0.5)
    assert data.session_days[date(2026, 11, 21)] == 1
    assert sum(data.session_days.values()) == 6
    later = weekly_breakdown(store, since=NOW - timedelta(days=3))
    assert set(later.categories) == {"conflict", "design"}


def test_streaks_and_calendar() -> None:
    today = date(2026, 11, 21)
    days = [today - timedelta(days=n) for n in (1, 2, 3, 7, 8)]
    assert current_streak(days, today) == 3  # today not practised yet: the run ending yesterday
    assert current_streak([*days, today], today) == 4
    assert current_streak([today - timedelta(days=2)], today) == 0
    assert longest_streak(days) == 3 and longest_streak([]) == 0
    weeks = calendar_weeks({today: 2}, today, weeks=2)
    assert len(weeks) == 2 and all(len(w) == 7 for w in weeks)
    assert weeks[0][0] == (date(2026, 11, 9), 0)  # Monday of the first week
    assert weeks[1][5] == (today, 2) and weeks[1][6] is None  # Sunday is still to come


def _pack(pid: str, *questions: Question) -> Pack:
    return Pack(info=PackInfo(id=pid, name=pid.title(), version="1.0.0"), questions=questions)


def test_build_drill_interview_keeps_order_and_reports_missing() -> None:
    packs = [
        _pack("a", Question("q1", "First?"), Question("q2", "About {about}?", category="intro")),
        _pack("b", Question("q3", "Third?", answer_seconds=90)),
    ]
    interview = build_drill_interview(
        packs, [("b", "q3"), ("a", "q1"), ("a", "gone"), ("zz", "q1"), ("a", "q2"), ("b", "q3")], seed=7
    )
    assert [(q.pack_id, q.question_id) for q in interview.questions] == [("b", "q3"), ("a", "q1")]
    assert interview.questions[0].target_seconds == 90 and interview.seed == 7
    assert interview.pack_id is None and interview.plan_id is None
    reasons = {(s.pack_id, s.question_id): s.reason for s in interview.skipped}
    assert reasons[("a", "gone")] == "the question is no longer installed"
    assert reasons[("zz", "q1")] == "the pack is no longer installed"
    assert "backgrounder" in reasons[("a", "q2")]
    filled = build_drill_interview(packs, [("a", "q2")], seed=1, backgrounder={"about": ["I run marathons"]})
    assert filled.questions[0].text == "About I run marathons?" and filled.pack_id == "a"
    with pytest.raises(MockintError) as err:
        build_drill_interview(packs, [("a", "gone")], seed=1)
    assert err.value.exit_code == 1


def _weak(**overrides: object) -> WeakQuestion:
    fields: dict[str, object] = {
        "pack_id": "p", "question_id": "q", "question_text": "Q?", "category": None, "attempts": 2,
        "last_practised": NOW - timedelta(days=5), "last_rating": 2.0, "average": 2.5,
        "last_overtime": True, "last_skipped": False, "interval_days": 1,
        "due_at": NOW - timedelta(days=4), "due": True,
    }
    fields.update(overrides)
    return WeakQuestion(**fields)  # type: ignore[arg-type]


def test_weak_reason() -> None:
    assert weak_reason(_weak(), NOW) == "rated 2.0 · ran overtime · overdue 4 days · last practised 5 days ago"
    assert weak_reason(_weak(), NOW, compact=True) == "rated 2.0 · overtime · overdue 4 d"
    skipped = _weak(last_skipped=True, last_rating=None, last_practised=NOW - timedelta(hours=30),
                    due_at=NOW - timedelta(hours=6))
    assert weak_reason(skipped, NOW) == "skipped last time · due now · last practised yesterday"
    good = _weak(last_rating=4.4, last_overtime=False, due=False, due_at=NOW + timedelta(days=2, hours=1))
    assert weak_reason(good, NOW, compact=True) == "due in 3 d"
    assert weak_reason(_weak(last_rating=4.0, last_overtime=False, due=False, due_at=NOW + timedelta(hours=5)),
                       NOW) == "due in 1 day · last practised 5 days ago"


def test_braille_chart_draws_a_rising_line_with_gaps() -> None:
    rows = braille_chart([1.0, 3.0, 5.0], width=3, height=2, lo=1, hi=5)
    assert len(rows) == 2 and all(len(r) == 3 for r in rows)
    # Rising: bottom-left cell and top-right cell hold dots, top-left is blank.
    assert rows[1][0] != "⠀" and rows[0][2] != "⠀" and rows[0][0] == "⠀"
    gap = braille_chart([5.0, None, 5.0], width=6, height=1, lo=1, hi=5)
    assert gap[0][2:4] == "⠀⠀"  # no line drawn through the missing week
    assert braille_chart([], width=2, height=1, lo=1, hi=5) == ["⠀⠀"]
