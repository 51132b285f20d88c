"""The whole practice loop without Textual: a PracticeSession over the real store, time injected."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from mockint.core.errors import MockintError
from mockint.core.history.db.store import Store
from mockint.core.history.records import AnswerRecord
from mockint.core.interview.persona import Persona
from mockint.core.interview.plan import Interview, PlannedQuestion
from mockint.core.interview.session import PracticeSession
from mockint.core.interview.voice_port import VoicePort
from tests.support.store_helpers import T0, Clock, interview, planned
from tests.support.store_helpers import answer as saved_answer
from tests.support.tui_support import ManualClock

PERSONA = Persona("Sam", "warm")


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(now=Clock()) as opened:
        yield opened


def start(store: Store, iv: Interview | None = None, clock: ManualClock | None = None, **kw: Any) -> PracticeSession:
    session = PracticeSession.start(
        store, iv or interview("a", "b", "c"), PERSONA, clock=clock or ManualClock(), now=lambda: T0, **kw
    )
    session.begin()
    return session


def answer(session: PracticeSession, clock: ManualClock, seconds: float, *scores: int) -> None:
    session.toggle_answer()
    clock.advance(seconds)
    session.toggle_answer()
    for score in scores:
        session.rating.rate(score)


def texts(session: PracticeSession, kind: str | None = None) -> list[str]:
    return [line.text for line in session.lines if kind is None or line.kind == kind]


def test_a_whole_interview_saves_every_answer_and_finishes(store: Store) -> None:
    clock = ManualClock()
    session = start(store, clock=clock)
    assert session.index == 0 and session.progress == "Question 1 of 3"
    assert texts(session)[0].startswith("Hi") or "Sam" in texts(session)[0]  # the greeting names Sam
    assert "3 questions" in texts(session)[0]
    assert texts(session, "question") == ["Question a?"]
    answer(session, clock, 42.5, 4, 3, 5)  # two dimensions, then overall
    assert session.rating.ratings == {"structure": 4, "clarity": 3} and session.rating.overall == 5
    session.set_notes("remember the metric")
    session.save()
    saved = store.session_answers(session.session_id)
    assert [(a.index, a.elapsed_seconds, a.ratings, a.overall, a.notes) for a in saved] == [
        (0, 42.5, {"structure": 4, "clarity": 3}, 5, "remember the metric")
    ]
    assert session.index == 1 and session.notes == "" and session.rating.is_empty
    for _ in range(2):
        answer(session, clock, 10, 3, 3, 3)
        session.save()
    assert session.finished and not session.ended_early
    record = store.get_session(session.session_id)
    assert record.status == "complete" and not record.ended_early and len(record.answers) == 3
    # The interview clock ran from the first question to the end, rating time included.
    assert session.total_seconds == 62.5
    assert session.closing == texts(session)[-1] and "?" not in session.closing


def test_the_interview_clock_runs_while_the_candidate_rates(store: Store) -> None:
    clock = ManualClock()
    session = start(store, clock=clock)
    answer(session, clock, 18)
    clock.advance(30)  # thinking about the ratings
    assert session.total_seconds == 48
    session.rating.rate(4)
    session.save()
    assert session.total_seconds == 48


def test_skip_is_recorded_and_the_interviewer_does_not_thank_for_it(store: Store) -> None:
    session = start(store)
    session.set_notes("come back to this")
    session.skip()
    saved = store.session_answers(session.session_id)
    assert [(a.skipped, a.ratings, a.notes) for a in saved] == [(True, {}, "come back to this")]
    transition = session.lines[-2].text.lower()
    assert "appreciate" not in transition and "thank" not in transition and "helpful" not in transition
    assert session.index == 1


def test_follow_ups_asked_once_each_and_saved(store: Store) -> None:
    session = start(store)
    assert session.follow_up() is None
    assert texts(session, "follow_up") == ["And then?"]
    assert session.follow_up() == "No follow-ups left for this question."
    session.rating.rate(3)
    session.save()
    assert store.session_answers(session.session_id)[0].follow_ups_asked == ["And then?"]


def test_a_question_without_follow_ups_says_so(store: Store) -> None:
    bare = replace(planned("x"), follow_ups=())
    session = start(store, replace(interview("x"), questions=(bare,)))
    assert session.follow_up() == "This question has no follow-ups."
    assert texts(session, "follow_up") == []


def test_ending_early_keeps_a_stopped_and_rated_answer(store: Store) -> None:
    clock = ManualClock()
    session = start(store, clock=clock)
    answer(session, clock, 20, 4, 4)
    session.end_early()
    record = store.get_session(session.session_id)
    assert record.status == "complete" and record.ended_early
    assert [(a.index, a.elapsed_seconds, a.ratings) for a in record.answers] == [
        (0, 20, {"structure": 4, "clarity": 4})
    ]
    assert session.finished and session.ended_early


def test_ending_early_drops_an_answer_never_started(store: Store) -> None:
    clock = ManualClock()
    session = start(store, clock=clock)
    answer(session, clock, 20, 4, 4, 4)
    session.save()
    assert not session.has_work
    session.end_early()
    record = store.get_session(session.session_id)
    assert [a.index for a in record.answers] == [0] and record.ended_early


def test_ending_before_anything_was_answered_is_honest(store: Store) -> None:
    session = start(store)
    session.end_early()
    closing = session.closing.lower()
    assert "thank" not in closing and "conversation" not in closing and "?" not in closing


def test_resume_after_a_crash_continues_at_the_first_unanswered(store: Store) -> None:
    clock = ManualClock()
    session = start(store, clock=clock)
    answer(session, clock, 12, 3)
    session.save()
    session.skip()
    first_id = session.session_id
    del session  # the process died: nothing was finished
    assert store.last_incomplete() == first_id
    again = PracticeSession.resume(store, first_id, PERSONA, clock=ManualClock(), now=lambda: T0)
    again.begin()
    assert again.index == 2 and again.question.question_id == "c"
    assert again.answered == {0, 1}
    assert "Welcome back" in texts(again)[0] and "question 3 of 3" in texts(again)[0]
    assert again.total_seconds == 12  # the saved answers' time carries over
    again.rating.rate(5)
    again.save()
    assert again.finished and store.get_session(first_id).status == "complete"


def test_resuming_a_session_with_every_answer_saved_just_finishes(store: Store) -> None:
    session_id = store.create_session(interview("a"))
    store.save_answer(session_id, saved_answer(0, "a", T0))
    again = PracticeSession.resume(store, session_id, PERSONA, clock=ManualClock(), now=lambda: T0)
    again.begin()
    assert again.finished and store.get_session(session_id).status == "complete"


class SpyStore:
    """The real store, watched: what the session had shown when each answer was written."""

    def __init__(self, store: Store, session: list[PracticeSession]) -> None:
        self._store = store
        self._session = session
        self.seen_at_save: list[list[str]] = []
        self.refuse = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def save_answer(self, session_id: str, answer: AnswerRecord) -> None:
        if self.refuse:
            raise MockintError("disk full")
        self.seen_at_save.append(texts(self._session[0], "question"))
        self._store.save_answer(session_id, answer)


def test_the_answer_is_committed_before_the_next_question(store: Store) -> None:
    holder: list[PracticeSession] = []
    spy = SpyStore(store, holder)
    session = PracticeSession.start(spy, interview("a", "b"), PERSONA, clock=ManualClock(), now=lambda: T0)
    holder.append(session)
    session.begin()
    session.rating.rate(4)
    session.save()
    assert spy.seen_at_save == [["Question a?"]]  # b was not asked when a was written
    with Store.open() as other:  # another connection sees it: committed
        assert [a.index for a in other.session_answers(session.session_id)] == [0]
    assert texts(session, "question") == ["Question a?", "Question b?"]


def test_a_refused_save_keeps_the_answer_on_screen(store: Store) -> None:
    holder: list[PracticeSession] = []
    spy = SpyStore(store, holder)
    session = PracticeSession.start(spy, interview("a", "b"), PERSONA, clock=ManualClock(), now=lambda: T0)
    holder.append(session)
    session.begin()
    session.rating.rate(4)
    session.set_notes("keep me")
    spy.refuse = True
    with pytest.raises(MockintError):
        session.save()
    assert session.index == 0 and session.notes == "keep me" and session.rating.ratings == {"structure": 4}
    spy.refuse = False
    session.save()
    assert store.session_answers(session.session_id)[0].notes == "keep me"


class RecordingVoice:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def question_asked(self, text: str) -> None:
        self.calls.append(("asked", text))

    def answer_started(self, index: int) -> None:
        self.calls.append(("started", index))

    def answer_stopped(self, index: int) -> None:
        self.calls.append(("stopped", index))

    def level(self) -> float:
        return 0.0

    def close(self) -> None:
        self.calls.append(("closed", None))


def test_a_voice_port_hears_questions_and_answer_starts_and_stops(store: Store) -> None:
    voice = RecordingVoice()
    assert isinstance(voice, VoicePort)
    clock = ManualClock()
    session = start(store, interview("a", "b"), clock=clock, voice=voice)
    answer(session, clock, 5, 3)
    session.follow_up()
    session.save()
    session.toggle_answer()
    session.save()  # enter while answering stops the answer first
    session.close()
    assert voice.calls == [
        ("asked", "Question a?"), ("started", 0), ("stopped", 0), ("asked", "And then?"),
        ("asked", "Question b?"), ("started", 1), ("stopped", 1), ("closed", None),
    ]


def test_speech_joins_the_answer_before_or_after_it_is_saved(store: Store) -> None:
    clock = ManualClock()
    session = start(store, interview("a", "b"), clock=clock)
    answer(session, clock, 5, 3)
    session.attach_speech(0, "I led the launch", {"wpm": 140})
    session.save()
    session.rating.rate(2)
    session.save()
    session.attach_speech(1, "late transcript", {"wpm": 90})
    saved = {a.index: a for a in store.session_answers(session.session_id)}
    assert (saved[0].transcript, saved[0].speech) == ("I led the launch", {"wpm": 140})
    assert (saved[1].transcript, saved[1].speech) == ("late transcript", {"wpm": 90})


def _reverse(qid: str) -> PlannedQuestion:
    return replace(planned(qid, pack="questions-to-ask", category=None), text=f"Ask {qid}?", reverse=True)


def test_the_closing_leads_into_the_candidates_own_questions(store: Store) -> None:
    iv = interview("a")
    iv = replace(iv, questions=(*iv.questions, _reverse("r1"), _reverse("r2")))
    clock = ManualClock()
    session = start(store, iv, clock=clock)
    assert "1 question" in texts(session)[0] and "1 questions" not in texts(session)[0]
    assert session.progress == "Question 1 of 1"
    answer(session, clock, 30, 4, 4, 4)
    session.save()
    assert session.reverse_part and session.progress == "Your question 1 of 2"
    invite = session.lines[-2].text
    assert invite.endswith("?") and session.lines[-1].kind == "ask" and session.lines[-1].text == "Ask r1?"
    answer(session, clock, 25, 4, 5, 4)
    session.save()
    session.skip()
    assert session.finished and not session.ended_early
    assert "?" not in session.closing
    saved = store.session_answers(session.session_id)
    assert [(a.index, a.skipped) for a in saved] == [(0, False), (1, False), (2, True)]


def test_without_reverse_questions_the_closing_asks_nothing(store: Store) -> None:
    clock = ManualClock()
    session = start(store, interview("a"), clock=clock)
    answer(session, clock, 30, 4)
    session.save()
    assert session.finished and "?" not in session.closing


def test_stopping_among_the_candidates_questions_is_not_ending_early(store: Store) -> None:
    iv = interview("a")
    iv = replace(iv, questions=(*iv.questions, _reverse("r1"), _reverse("r2")))
    clock = ManualClock()
    session = start(store, iv, clock=clock)
    answer(session, clock, 30, 4, 4, 4)
    session.save()
    assert session.reverse_part
    session.end_early()
    record = store.get_session(session.session_id)
    assert session.finished and not session.ended_early and not record.ended_early
    assert [a.index for a in record.answers] == [0]
    assert "great questions" not in session.closing.lower()  # none was asked
