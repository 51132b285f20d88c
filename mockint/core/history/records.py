"""Records of practice sessions as the store returns them, and their JSON shapes (docs/cli.md).

Times are timezone-aware datetimes; they are written as ISO 8601 with an offset (UTC).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

# The light part lives apart so `mockint history` need not build these dataclasses at start-up.
from mockint.core.history.summary import (
    STATUSES,
    SessionStatus,
    SessionSummary,
    iso,
    mean_rating,
    parse_iso,
)

__all__ = [
    "STATUSES",
    "AnswerRecord",
    "Attempt",
    "InterviewPlan",
    "PlannedItem",
    "SessionRecord",
    "SessionStatus",
    "SessionSummary",
    "iso",
    "mean_rating",
    "parse_iso",
]

class PlannedItem(Protocol):
    """What the store keeps of a planned question (mockint.core.interview's PlannedQuestion is one)."""

    @property
    def pack_id(self) -> str: ...
    @property
    def question_id(self) -> str: ...
    @property
    def category(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]:
        """The question as JSON-ready data; `Store.planned_data` gives it back."""
        ...


class InterviewPlan(Protocol):
    """What the store keeps of an interview when a session starts (mockint.core.interview's Interview)."""

    @property
    def title(self) -> str: ...
    @property
    def pack_id(self) -> str | None: ...
    @property
    def plan_id(self) -> str | None: ...
    @property
    def seed(self) -> int: ...
    @property
    def questions(self) -> Sequence[PlannedItem]: ...


@dataclass
class AnswerRecord:
    """One saved answer (or skip) to the question at `index` of a session's plan."""

    index: int
    pack_id: str
    pack_version: str
    question_id: str
    question_text: str
    category: str | None
    target_seconds: int
    elapsed_seconds: float
    overtime_seconds: float
    ratings: dict[str, int]
    overall: int | None
    notes: str
    typed_points: str
    feedback: dict[str, Any] | None
    follow_ups_asked: list[str]
    skipped: bool
    asked_at: datetime
    #: When the answer was saved; the store fills it in when left out.
    answered_at: datetime | None = None
    #: A spoken answer's transcript, and its speaking metrics (`transcribe --json` without `text`).
    transcript: str | None = None
    speech: dict[str, Any] | None = None

    @property
    def avg_rating(self) -> float | None:
        return None if self.skipped else mean_rating(self.ratings, self.overall)

    def to_json(self) -> dict[str, Any]:
        """The answer object of `mockint show --json` (docs/cli.md keys first, then ours)."""
        out: dict[str, Any] = {
            "index": self.index,
            "pack": self.pack_id,
            "pack_version": self.pack_version,
            "question_id": self.question_id,
            "question_text": self.question_text,
            "category": self.category,
            "target_seconds": self.target_seconds,
            "elapsed_seconds": self.elapsed_seconds,
            "overtime_seconds": self.overtime_seconds,
            "ratings": dict(self.ratings),
            "overall": self.overall,
            "avg_rating": self.avg_rating,
            "notes": self.notes,
            "typed_points": self.typed_points,
            "feedback": self.feedback,
            "follow_ups_asked": list(self.follow_ups_asked),
            "skipped": self.skipped,
            "asked_at": iso(self.asked_at),
            "answered_at": iso(self.answered_at),
        }
        if self.transcript is not None:
            out["transcript"] = self.transcript
        if self.speech is not None:
            out["speech"] = self.speech
        return out


def _session_avg(answers: list[AnswerRecord]) -> float | None:
    values = [r for r in (a.avg_rating for a in answers) if r is not None]
    return round(sum(values) / len(values), 2) if values else None


@dataclass
class SessionRecord:
    """One session with every saved answer, ordered by index."""

    id: str
    title: str
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    pack: str | None
    plan: str | None
    seed: int | None
    question_count: int
    answers: list[AnswerRecord] = field(default_factory=list)
    #: Target company or role, free text (limits.MAX_TAG characters at most).
    tag: str | None = None
    #: The interview was ended before its last question.
    ended_early: bool = False

    @property
    def avg_rating(self) -> float | None:
        return _session_avg(self.answers)

    def summary(self) -> SessionSummary:
        skipped = sum(1 for a in self.answers if a.skipped)
        return SessionSummary(
            id=self.id,
            title=self.title,
            started_at=self.started_at,
            ended_at=self.ended_at,
            status=self.status,
            pack=self.pack,
            plan=self.plan,
            seed=self.seed,
            question_count=self.question_count,
            answered=len(self.answers) - skipped,
            skipped=skipped,
            avg_rating=self.avg_rating,
            tag=self.tag,
            ended_early=self.ended_early,
        )

    def to_json(self) -> dict[str, Any]:
        """The object of `mockint show --json`, which is also SESSION in a JSON export."""
        return {
            "id": self.id,
            "title": self.title,
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at),
            "status": self.status,
            "pack": self.pack,
            "plan": self.plan,
            "seed": self.seed,
            "questions": self.question_count,
            "avg_rating": self.avg_rating,
            "tag": self.tag,
            "ended_early": self.ended_early,
            "answers": [a.to_json() for a in self.answers],
        }


@dataclass(frozen=True)
class Attempt:
    """One earlier answer to a question, with the session it belongs to."""

    session_id: str
    answer: AnswerRecord
