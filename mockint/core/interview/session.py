"""One practice interview as the candidate lives it: the engine the practice screen shows.

A `PracticeSession` owns the plan, the interview clock and the clock of the current answer
(time is injected), the current question, its follow-ups, the self-rating, the notes and
typed points, and the conversation so far (`lines`). It talks to the store: every answer is
committed by `save` / `skip` before the next question is asked, `end_early` keeps an answer
the candidate started, rated or wrote notes on, and `resume` continues a session at its first
unanswered question. A screen (or a test, or a voice mode) turns keys into calls on it and
renders its state; nothing here knows about Textual.

Spoken answers: with a `VoicePort` the session tells the voice mode when a question is asked
and an answer starts and stops; `attach_speech` joins a transcript and speech metrics to the
answer, before or after it is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from mockint.core.errors import EXIT_FAILED, MockintError
from mockint.core.interview.answer import AnswerInProgress
from mockint.core.interview.clock import AnswerClock, Clock, InterviewClock
from mockint.core.interview.persona import Interviewer, Persona
from mockint.core.interview.plan import Interview, PlannedQuestion
from mockint.core.interview.rubric import RatingSheet

if TYPE_CHECKING:
    from mockint.core.history.records import AnswerRecord, SessionRecord
    from mockint.core.interview.voice_port import VoicePort

#: What a line of the conversation is: the interviewer talking, a question, a follow-up, a
#: notice from the app, or a question the candidate asks the interviewer.
Kind = Literal["say", "question", "follow_up", "notice", "ask"]


@dataclass(frozen=True)
class Line:
    """One line of the conversation, in the order it happened."""

    text: str
    kind: Kind = "say"


class SessionStore(Protocol):
    """What the session needs of the store (mockint.core.history.db.store.Store)."""

    def create_session(self, interview: Interview, *, tag: str | None = None) -> str: ...

    def save_answer(self, session_id: str, answer: AnswerRecord) -> None: ...

    def finish_session(self, session_id: str, *, ended_early: bool = False) -> None: ...

    def planned_data(self, session_id: str) -> list[dict[str, Any]]: ...

    def get_session(self, session_id: str) -> SessionRecord: ...

    def set_answer_speech(
        self, session_id: str, index: int, transcript: str | None, speech: dict[str, Any] | None
    ) -> None: ...


class PracticeSession:
    """The interview loop: ask, time, rate, save, and so on to the summary.

    Build one with `start` (a new interview) or `resume` (an unfinished one), then call
    `begin` to ask the first question. Methods that write raise MockintError when the store
    refuses; the session is then as it was before the call (the answer is not lost).
    """

    def __init__(
        self,
        store: SessionStore,
        session_id: str,
        questions: Iterable[PlannedQuestion],
        interviewer: Interviewer,
        *,
        clock: Clock,
        now: Callable[[], datetime],
        saved: Mapping[int, bool] | None = None,
        already: float = 0.0,
        voice: VoicePort | None = None,
        auto_probe: bool = False,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.questions: tuple[PlannedQuestion, ...] = tuple(questions)
        if not self.questions:
            raise MockintError("no questions match this selection", exit_code=EXIT_FAILED)
        self.interviewer = interviewer
        self.voice = voice
        self.auto_probe = auto_probe
        self._clock = clock
        self._now = now
        #: Saved answers by plan index: True when the question was skipped.
        self._saved: dict[int, bool] = dict(saved or {})
        self.lines: list[Line] = []
        self.index = -1
        self.interview_clock = InterviewClock(clock=clock, already=already)
        self.paused = False
        self.finished = False
        self.ended_early = False
        #: The interviewer's last words (set when the interview finishes).
        self.closing = ""
        self._answer: AnswerInProgress | None = None
        self._after_skip = False
        self._speech: dict[int, tuple[str | None, dict[str, Any] | None]] = {}

    # -- building -----------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        store: SessionStore,
        interview: Interview,
        persona: Persona,
        *,
        clock: Clock,
        now: Callable[[], datetime],
        voice: VoicePort | None = None,
        auto_probe: bool = False,
        tag: str | None = None,
    ) -> PracticeSession:
        """Record a new session for `interview` (`tag`: the target company or role); the interviewer
        greets and notes what was left out."""
        if not interview.questions:
            raise MockintError("no questions match this selection", exit_code=EXIT_FAILED)
        session_id = store.create_session(interview, tag=tag)
        session = cls(
            store, session_id, interview.questions, Interviewer(persona, seed=interview.seed),
            clock=clock, now=now, voice=voice, auto_probe=auto_probe,
        )
        session._say(session.interviewer.greeting(interview.questions))
        for skipped in interview.skipped:
            text = skipped.text if len(skipped.text) <= 60 else skipped.text[:59].rstrip() + "…"
            why = f"Left out “{text}”: it {skipped.reason}." if text else f"Left out a question: {skipped.reason}."
            session._say(why, "notice")
        return session

    @classmethod
    def resume(
        cls,
        store: SessionStore,
        session_id: str,
        persona: Persona,
        *,
        clock: Clock,
        now: Callable[[], datetime],
        voice: VoicePort | None = None,
        auto_probe: bool = False,
    ) -> PracticeSession:
        """Continue an unfinished session at its first unanswered question."""
        record = store.get_session(session_id)
        questions = [PlannedQuestion.from_dict(d) for d in store.planned_data(session_id)]
        session = cls(
            store, session_id, questions, Interviewer(persona, seed=record.seed or 0),
            clock=clock, now=now, voice=voice, auto_probe=auto_probe,
            saved={a.index: a.skipped for a in record.answers},
            already=sum(a.elapsed_seconds for a in record.answers),
        )
        first = session._following(-1)
        if first is not None:
            own = [i for i, q in enumerate(session.questions) if not q.reverse]
            if first in own:
                where = f"at question {own.index(first) + 1} of {len(own)}"
            else:
                where = "with your questions for me"
            session._say(f"Welcome back. We'll pick up {where}.")
        return session

    # -- state --------------------------------------------------------------------------------

    @property
    def question(self) -> PlannedQuestion:
        """The question on screen (the first one before `begin`)."""
        return self.questions[max(self.index, 0)]

    @property
    def answered(self) -> frozenset[int]:
        """Plan indexes with a saved answer (or skip)."""
        return frozenset(self._saved)

    @property
    def answered_count(self) -> int:
        """Saved answers that were not skipped."""
        return sum(1 for skipped in self._saved.values() if not skipped)

    @property
    def answer_clock(self) -> AnswerClock | None:
        return None if self._answer is None else self._answer.clock

    @property
    def rating(self) -> RatingSheet:
        """The current answer's self-rating: `rating.rate(n)`, `move(d)`, `select(row)`."""
        return self._answer.rating if self._answer is not None else RatingSheet()

    @property
    def follow_ups_asked(self) -> tuple[str, ...]:
        return () if self._answer is None else tuple(self._answer.follow_ups)

    @property
    def answer_over(self) -> bool:
        """The candidate stopped the current answer (rating time)."""
        return self._answer is not None and self._answer.clock.phase == "stopped"

    @property
    def total_seconds(self) -> float:
        """The interview's time so far; it runs while the candidate rates and stops at the end."""
        return self.interview_clock.elapsed()

    @property
    def reverse_part(self) -> bool:
        """The current question is one the candidate asks the interviewer."""
        return self.index >= 0 and self.question.reverse

    @property
    def progress(self) -> str:
        """ "Question 2 of 5", or "Your question 1 of 2" in the reverse part."""
        if self.index < 0:
            return ""
        own = [i for i, q in enumerate(self.questions) if q.reverse == self.question.reverse]
        where = f"{own.index(self.index) + 1} of {len(own)}"
        return f"Your question {where}" if self.question.reverse else f"Question {where}"

    @property
    def has_work(self) -> bool:
        """The current answer holds something worth keeping: it was started, rated or written on."""
        a = self._answer
        return a is not None and a.has_work

    # -- the loop -----------------------------------------------------------------------------

    def begin(self) -> None:
        """Start the interview clock and ask the first unanswered question (or finish)."""
        if self.index >= 0 or self.finished:
            return
        self.interview_clock.start()
        self._advance()

    def toggle_answer(self) -> str | None:
        """`space`: start the answer (skipping prep), or stop it; a hint when there is nothing to do."""
        a = self._answer
        if a is None or self.paused:
            return None
        phase = a.clock.phase
        if phase in ("ready", "prep"):
            a.clock.start()
            a.started = True
            if self.voice is not None:
                self.voice.answer_started(self.index)
        elif phase == "answering":
            self._stop_answer()
        else:
            return "The answer is over: rate it (1-5), then enter saves."
        return None

    def set_notes(self, text: str) -> None:
        if self._answer is not None:
            self._answer.notes = text

    def set_points(self, text: str) -> None:
        if self._answer is not None:
            self._answer.points = text

    @property
    def notes(self) -> str:
        return "" if self._answer is None else self._answer.notes

    @property
    def points(self) -> str:
        return "" if self._answer is None else self._answer.points

    def follow_up(self) -> str | None:
        """`f`: ask the next follow-up; otherwise a message saying why not."""
        if self._answer is None:
            return None
        if self.question.reverse:
            return "This one is your question: ask it, time it, then rate it."
        if not self.question.follow_ups:
            return "This question has no follow-ups."
        left = [f for f in self.question.follow_ups if f not in self._answer.follow_ups]
        if not left:
            return "No follow-ups left for this question."
        self._answer.follow_ups.append(left[0])
        self._say(left[0], "follow_up")
        if self.voice is not None:
            self.voice.question_asked(left[0])
        return None

    def toggle_pause(self) -> None:
        """`p`: pause or resume the interview clock and a running prep or answer."""
        if self._answer is None or self.finished:
            return
        self.paused = not self.paused
        self.interview_clock.toggle_pause()
        clock = self._answer.clock
        phase = clock.phase
        if (self.paused and phase in ("prep", "answering")) or (not self.paused and phase == "paused"):
            clock.toggle_pause()

    def tick(self) -> bool:
        """Called by a display while the answer runs; True once, when the answer reaches its target."""
        return self._answer is not None and self._answer.clock.crossed_target()

    def finish_answer(self) -> None:
        """Stop the answer's clock (no probe): `enter` freezes the time before asking anything."""
        if self._answer is not None and self._answer.clock.phase != "stopped":
            self._stop_answer(probe=False)

    def save(self) -> None:
        """`enter`: save this answer (ratings, notes, timings), committed, then ask the next question."""
        if self._answer is None or self.finished:
            return
        self.finish_answer()
        self._store(skipped=False)
        self._after_skip = False
        self._advance()

    def skip(self) -> None:
        """`s`: record the question as skipped (notes kept), then ask the next one."""
        if self._answer is None or self.finished:
            return
        if self._answer.clock.phase == "answering" and self.voice is not None:
            self.voice.answer_stopped(self.index)
        self._answer.clock.stop()
        self._store(skipped=True)
        self._after_skip = True
        self._advance()

    def end_early(self) -> None:
        """`escape` + `y`: end now. An answer started, rated or written on is saved first.

        Stopping among the candidate's own questions (after every interviewer's question) ends the
        interview as planned, not early.
        """
        if self.finished:
            return
        if self.has_work:
            self.finish_answer()
            self._store(skipped=False)
        self._finish(early=not self.reverse_part)

    def attach_speech(self, index: int, transcript: str | None, speech: Mapping[str, Any] | None) -> None:
        """Join a spoken answer's transcript and speech metrics to the answer at `index`.

        A saved answer is updated in the store; an answer not yet saved carries them when it is.
        """
        metrics = None if speech is None else dict(speech)
        if index in self._saved:
            self.store.set_answer_speech(self.session_id, index, transcript, metrics)
        else:
            self._speech[index] = (transcript, metrics)

    def close(self) -> None:
        """Release the voice port (the screen is going away)."""
        if self.voice is not None:
            self.voice.close()
            self.voice = None

    # -- internals ----------------------------------------------------------------------------

    def _say(self, text: str, kind: Kind = "say") -> None:
        self.lines.append(Line(text, kind))

    def _following(self, after: int) -> int | None:
        return next((i for i in range(after + 1, len(self.questions)) if i not in self._saved), None)

    def _stop_answer(self, *, probe: bool = True) -> None:
        a = self._answer
        assert a is not None
        was_running = a.clock.phase == "answering"
        a.clock.stop()
        if was_running and self.voice is not None:
            self.voice.answer_stopped(self.index)
        q = self.question
        if (
            probe and self.auto_probe and not a.probed and not q.reverse
            and self.interviewer.should_probe(a.clock.elapsed(), q.target_seconds)
        ):
            from mockint.core.interview.feedback import analyse

            a.probed = True
            line = self.interviewer.probe(analyse(a.points, q.target_seconds) if a.points.strip() else None)
            a.follow_ups.append(line)
            self._say(line, "follow_up")
            if self.voice is not None:
                self.voice.question_asked(line)

    def _store(self, *, skipped: bool) -> None:
        assert self._answer is not None
        transcript, speech = self._speech.get(self.index, (None, None))
        record = self._answer.record(self.index, self.question, skipped=skipped, transcript=transcript, speech=speech)
        self.store.save_answer(self.session_id, record)  # committed before anything moves on
        self._saved[self.index] = skipped
        self._speech.pop(self.index, None)

    def _advance(self) -> None:
        """Ask the next unanswered question, or end the interview after the last."""
        following = self._following(self.index)
        if following is None:
            self._finish(early=False)
            return
        previous = self.questions[self.index] if self.index >= 0 else None
        q = self.questions[following]
        if q.reverse:
            asked = [i for i, p in enumerate(self.questions) if p.reverse and i < following]
            if previous is None or not previous.reverse:
                self._say(self.interviewer.closing(answered=self.answered_count, invite=True))
            else:
                self._say(self.interviewer.after_reverse_question(len(asked), skipped=self._after_skip))
        else:
            own = [p for p in self.questions if not p.reverse]
            self._say(self.interviewer.before_question(own, own.index(q), after_skip=self._after_skip))
        self.index = following
        clock = AnswerClock(q.target_seconds, q.prep_seconds, clock=self._clock)
        clock.start_prep()
        if self.paused:
            clock.toggle_pause()
        self._answer = AnswerInProgress(clock=clock, asked_at=self._now(), rating=RatingSheet(q.rubric))
        if q.reverse:
            self._say(q.text, "ask")
        else:
            self._say(q.text, "question")
            if self.voice is not None:
                self.voice.question_asked(q.text)

    def _finish(self, *, early: bool) -> None:
        if self._answer is not None:
            self._answer.clock.stop()
        self.interview_clock.stop()
        self.finished = True
        self.ended_early = early
        last = self.questions[self.index] if self.index >= 0 else None
        if last is not None and last.reverse and not early:
            asked = sum(1 for i, skipped in self._saved.items() if self.questions[i].reverse and not skipped)
            self.closing = self.interviewer.farewell(asked)
        else:
            self.closing = self.interviewer.closing(answered=self.answered_count, early=early)
        self._say(self.closing)
        self._answer = None
        self.store.finish_session(self.session_id, ended_early=early)

