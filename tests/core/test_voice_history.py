"""Spoken answers in the history: weekly pace and fillers for trends, and the answer card's lines."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from mockint.core.history.db.store import Store
from mockint.core.history.queries import iso_week, weekly_speech
from tests.support.store_helpers import T0, Clock, answer, interview


def speech(words: int, seconds: float, fillers: dict[str, int]) -> dict[str, object]:
    return {"words": words, "speaking_seconds": seconds, "words_per_minute": words * 60 / seconds,
            "pauses": [], "longest_pause_seconds": 0.0, "fillers": fillers, "numbers": [],
            "star": {"situation": True, "task": False, "action": True, "result": False}}


def test_weekly_pace_and_fillers_are_over_the_time_spent_speaking() -> None:
    clock = Clock()
    store = Store.open(now=clock)
    week_one, week_two = T0, T0 + timedelta(days=8)
    for when, spoken in ((week_one, [(150, 60.0, {"um": 2}), (100, 60.0, {"like": 1, "uh": 1})]),
                         (week_two, [(130, 60.0, {})])):
        clock.value = when
        sid = store.create_session(interview(*[f"q{i}" for i in range(len(spoken))]))
        for i, (words, seconds, fillers) in enumerate(spoken):
            store.save_answer(sid, answer(i, f"q{i}", when + timedelta(minutes=i)))
            store.set_answer_speech(sid, i, "transcript", speech(words, seconds, fillers))
        store.save_answer(sid, answer(len(spoken), "typed", when))  # typed only: not in the series
    got = weekly_speech(store, since=T0 - timedelta(days=1))
    one, two = iso_week(week_one.date()), iso_week(week_two.date())
    assert got.pace == {one: 125.0, two: 130.0}
    assert got.fillers_per_minute == {one: 2.0, two: 0.0}
    assert weekly_speech(store, since=T0 + timedelta(days=30)).pace == {}


def test_the_answer_card_shows_a_transcript_literally_with_its_metrics() -> None:
    from mockint.tui.widgets.answer_card import answer_text

    spoken = dataclasses.replace(
        answer(0, "q", T0), transcript="Um, we grew [bold]revenue[/] by 30%.\x1b[2J",
        speech=speech(6, 3.0, {"um": 1}) | {"numbers": ["30%"]},
    )
    text = answer_text(spoken, 1).plain
    assert "Spoken: Um, we grew [bold]revenue[/] by 30%.\\u001b[2J" in text
    assert "Speech: pace: 120 words a minute (6 words) · pauses: none of 2 s or more · fillers: um ×1" in text
    assert "\x1b" not in text
    silent = dataclasses.replace(answer(1, "q", T0), transcript="", speech=speech(0, 1.0, {}) | {"words": 0})
    assert "Spoken: (no speech heard)" in answer_text(silent, 2).plain
    assert "Spoken" not in answer_text(answer(2, "q", T0), 3).plain
