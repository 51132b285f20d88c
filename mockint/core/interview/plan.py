"""What an interview asks: the planned questions, the ones left out, and the interview they make.

Plain records shared by the planner (interviewer.py), the persona, the practice session and
the store; this module imports nothing else of the interview package.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mockint.core.format import plural
from mockint.core.packs.model import RubricDimension


@dataclass(frozen=True)
class PlannedQuestion:
    """One question as it will be asked: text filled in, effective timings, its rubric."""

    pack_id: str
    pack_version: str
    question_id: str
    text: str
    category: str | None
    target_seconds: int
    prep_seconds: int
    follow_ups: tuple[str, ...]
    guidance: str | None
    tags: tuple[str, ...]
    rubric: tuple[RubricDimension, ...]
    #: The category's display name when the pack names it.
    category_name: str | None = None
    #: A question the candidate asks the interviewer (from a pack marked `reverse`), practised
    #: after the interviewer's own questions.
    reverse: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the store keeps planned questions in this shape)."""
        return {
            "pack_id": self.pack_id,
            "pack_version": self.pack_version,
            "question_id": self.question_id,
            "text": self.text,
            "category": self.category,
            "category_name": self.category_name,
            "target_seconds": self.target_seconds,
            "prep_seconds": self.prep_seconds,
            "follow_ups": list(self.follow_ups),
            "guidance": self.guidance,
            "tags": list(self.tags),
            "rubric": [{"id": d.id, "name": d.name, "anchors": list(d.anchors)} for d in self.rubric],
            **({"reverse": True} if self.reverse else {}),
        }

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> PlannedQuestion:
        """Inverse of to_dict."""
        return PlannedQuestion(
            pack_id=str(d["pack_id"]),
            pack_version=str(d["pack_version"]),
            question_id=str(d["question_id"]),
            text=str(d["text"]),
            category=None if d.get("category") is None else str(d["category"]),
            target_seconds=int(d["target_seconds"]),
            prep_seconds=int(d.get("prep_seconds", 0)),
            follow_ups=tuple(str(x) for x in d.get("follow_ups", ())),
            guidance=None if d.get("guidance") is None else str(d["guidance"]),
            tags=tuple(str(x) for x in d.get("tags", ())),
            rubric=tuple(
                RubricDimension(str(r["id"]), str(r["name"]), tuple(str(a) for a in r.get("anchors", ())))
                for r in d.get("rubric", ())
            ),
            category_name=None if d.get("category_name") is None else str(d["category_name"]),
            reverse=bool(d.get("reverse", False)),
        )


@dataclass(frozen=True)
class SkippedQuestion:
    """A question the interviewer could not ask, and why (shown to the person)."""

    pack_id: str
    question_id: str
    text: str
    reason: str


@dataclass(frozen=True)
class Interview:
    title: str
    pack_id: str | None
    plan_id: str | None
    seed: int
    questions: tuple[PlannedQuestion, ...]
    skipped: tuple[SkippedQuestion, ...]
    category: str | None = None

    @property
    def asked(self) -> tuple[PlannedQuestion, ...]:
        """The interviewer's own questions (not the candidate's questions for the interviewer)."""
        return tuple(q for q in self.questions if not q.reverse)

    @property
    def estimated_seconds(self) -> int:
        """Answer targets plus prep, a lower bound for how long the interview takes."""
        return estimated_seconds(self.questions)


def about_minutes(seconds: float) -> str:
    """ "about 12 minutes": how long an interview is likely to take, in whole minutes (at least one)."""
    return "about " + plural(max(1, int(seconds / 60 + 0.5)), "minute")


def estimated_seconds(questions: Sequence[PlannedQuestion]) -> int:
    """Answer targets plus prep of `questions`: a lower bound for how long they take."""
    return sum(q.target_seconds + q.prep_seconds for q in questions)
