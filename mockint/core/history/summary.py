"""The light half of the session records: time helpers and the history row.

`SessionSummary` is a plain class rather than a dataclass because `mockint history --json`
imports it at start-up and must stay about as quick as `mockint --version`; building a
dataclass costs about a millisecond each.
"""

from __future__ import annotations

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


_SUMMARY_FIELDS = ("id", "title", "started_at", "ended_at", "status", "pack", "plan", "seed",
                   "question_count", "answered", "skipped", "avg_rating")


class SessionSummary:
    """One row of the history: a session without its answers (`answered` excludes skipped)."""

    __slots__ = _SUMMARY_FIELDS

    def __init__(
        self,
        id: str,
        title: str,
        started_at: datetime,
        ended_at: datetime | None,
        status: SessionStatus,
        pack: str | None,
        plan: str | None,
        seed: int | None,
        question_count: int,
        answered: int,
        skipped: int,
        avg_rating: float | None,
    ) -> None:
        self.id = id
        self.title = title
        self.started_at = started_at
        self.ended_at = ended_at
        self.status: SessionStatus = status
        self.pack = pack
        self.plan = plan
        self.seed = seed
        self.question_count = question_count
        self.answered = answered
        self.skipped = skipped
        self.avg_rating = avg_rating

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _SUMMARY_FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SessionSummary):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass with eq

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(_SUMMARY_FIELDS, self._values(), strict=True))
        return f"SessionSummary({inner})"

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
        }
