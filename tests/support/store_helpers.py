"""Builders shared by the store, session I/O and session CLI tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from mockint.core.history.records import AnswerRecord
from mockint.core.interview.interviewer import Interview, PlannedQuestion
from mockint.core.packs.model import RubricDimension

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # a Monday

RUBRIC = (RubricDimension("structure", "Structure"), RubricDimension("clarity", "Clarity"))


class Clock:
    """A settable `now` for the store."""

    def __init__(self, start: datetime = T0) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **kw: float) -> datetime:
        self.value += timedelta(**kw)
        return self.value


def planned(qid: str, *, pack: str = "behavioral-star", category: str | None = "leadership") -> PlannedQuestion:
    return PlannedQuestion(
        pack_id=pack,
        pack_version="1.0.0",
        question_id=qid,
        text=f"Question {qid}?",
        category=category,
        target_seconds=120,
        prep_seconds=0,
        follow_ups=("And then?",),
        guidance=None,
        tags=("core",),
        rubric=RUBRIC,
    )


def interview(*qids: str, pack: str | None = "behavioral-star", plan: str | None = None,
              category: str | None = "leadership") -> Interview:
    return Interview(
        title="Practice",
        pack_id=pack,
        plan_id=plan,
        seed=7,
        questions=tuple(planned(q, pack=pack or "behavioral-star", category=category) for q in qids),
        skipped=(),
    )


def answer(index: int, qid: str, asked_at: datetime, *, pack: str = "behavioral-star",
           category: str | None = "leadership", ratings: dict[str, int] | None = None,
           overall: int | None = None, elapsed: float = 100.0, skipped: bool = False,
           notes: str = "", **extra: Any) -> AnswerRecord:
    target = 120
    return AnswerRecord(
        index=index,
        pack_id=pack,
        pack_version="1.0.0",
        question_id=qid,
        question_text=f"Question {qid}?",
        category=category,
        target_seconds=target,
        elapsed_seconds=elapsed,
        overtime_seconds=max(0.0, elapsed - target),
        ratings={"structure": 3, "clarity": 4} if ratings is None else ratings,
        overall=overall,
        notes=notes,
        typed_points=extra.get("typed_points", ""),
        feedback=extra.get("feedback"),
        follow_ups_asked=extra.get("follow_ups_asked", []),
        skipped=skipped,
        asked_at=asked_at,
    )
