"""The light half of the session records: time helpers and the history row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

SessionStatus = Literal["incomplete", "complete"]
STATUSES: tuple[str, ...] = ("incomplete", "complete")


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 in UTC with an explicit offset; naive datetimes are taken as local time."""
    if dt is None:
        return None
    return dt.astimezone(UTC).isoformat()


def parse_iso(text: str) -> datetime:
    """Inverse of `iso` (raises ValueError when `text` is not ISO 8601 with an offset)."""
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:  # fromisoformat gives a fixed offset whenever the text has one
        raise ValueError("no UTC offset")
    return dt.astimezone(UTC)


def mean_rating(ratings: dict[str, int], overall: int | None) -> float | None:
    """One answer's rating: the mean of its rubric ratings, else its overall rating, else None."""
    if ratings:
        return round(sum(ratings.values()) / len(ratings), 2)
    return float(overall) if overall is not None else None


@dataclass(slots=True)
class SessionSummary:
    """One row of the history: a session without its answers (`answered` excludes skipped)."""

    id: str
    title: str
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    pack: str | None
    plan: str | None
    seed: int | None
    question_count: int
    answered: int
    skipped: int
    avg_rating: float | None
    #: Target company or role, free text (limits.MAX_TAG characters at most).
    tag: str | None = None
    #: The interview was ended before its last question.
    ended_early: bool = False

    def to_json(self) -> dict[str, Any]:
        """The object of `mockint history --json`; `answers` counts answered (not skipped) questions."""
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
            "answers": self.answered,
            "skipped": self.skipped,
            "avg_rating": self.avg_rating,
            "tag": self.tag,
            "ended_early": self.ended_early,
        }
