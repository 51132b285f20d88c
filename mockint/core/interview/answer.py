"""The answer being given: its clock, self-rating, notes and typed points, until it is saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mockint.core.history.limits import MAX_NOTES, MAX_TRANSCRIPT, MAX_TYPED_POINTS, clip
from mockint.core.interview.clock import AnswerClock
from mockint.core.interview.rubric import RatingSheet

if TYPE_CHECKING:
    from mockint.core.history.records import AnswerRecord
    from mockint.core.interview.plan import PlannedQuestion


@dataclass
class AnswerInProgress:
    """What the candidate has done with the current question so far."""

    clock: AnswerClock
    asked_at: datetime
    rating: RatingSheet
    notes: str = ""
    points: str = ""
    follow_ups: list[str] = field(default_factory=list)
    #: The answer's clock ran (the candidate answered, at least in part).
    started: bool = False
    probed: bool = False

    @property
    def has_work(self) -> bool:
        """Worth keeping when the interview ends early: started, rated or written on."""
        return self.started or not self.rating.is_empty or bool(self.notes.strip() or self.points.strip())

    def record(
        self,
        index: int,
        question: PlannedQuestion,
        *,
        skipped: bool,
        transcript: str | None = None,
        speech: dict[str, Any] | None = None,
    ) -> AnswerRecord:
        """The answer as the store keeps it; free text is clipped to the store's limits."""
        from mockint.core.history.records import AnswerRecord

        feedback = None
        if self.points.strip():
            from mockint.core.interview.feedback import analyse

            feedback = analyse(self.points, question.target_seconds).as_dict()
        q = question
        return AnswerRecord(
            index=index, pack_id=q.pack_id, pack_version=q.pack_version, question_id=q.question_id,
            question_text=q.text, category=q.category, target_seconds=q.target_seconds,
            elapsed_seconds=self.clock.elapsed(), overtime_seconds=self.clock.overtime(),
            ratings={} if skipped else self.rating.ratings, overall=None if skipped else self.rating.overall,
            notes=clip(self.notes, MAX_NOTES), typed_points=clip(self.points, MAX_TYPED_POINTS), feedback=feedback,
            follow_ups_asked=list(self.follow_ups), skipped=skipped, asked_at=self.asked_at,
            transcript=None if transcript is None else clip(transcript, MAX_TRANSCRIPT), speech=speech,
        )
