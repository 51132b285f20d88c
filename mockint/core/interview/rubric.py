"""The rubric an answer is rated against: the app's default, or the pack's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockint.core.packs.model import RubricDimension

if TYPE_CHECKING:
    from mockint.core.packs.model import Pack

DEFAULT_RUBRIC: tuple[RubricDimension, ...] = (
    RubricDimension(
        "structure",
        "Structure",
        (
            "Rambles; no clear beginning, middle or end, and the point is hard to find.",
            "A shape is visible but steps jump around or repeat; the listener has to reassemble it.",
            "Follows a recognisable arc (context, what you did, what came of it) with a few detours.",
            "Signposted and easy to follow; each part earns its place and leads to the next.",
            "Crisp from the first sentence: the headline first, then a tight, well-ordered story.",
        ),
    ),
    RubricDimension(
        "evidence",
        "Evidence",
        (
            "Only generalities and opinions; nothing the interviewer could check.",
            "One vague example, with 'we' doing everything and few concrete details.",
            "A real example with some specifics about your own part in it.",
            "Concrete, personal detail: names the decision, the trade-off and the data behind it.",
            "Vivid and verifiable: precise facts, your own choices and why, nothing hand-waved.",
        ),
    ),
    RubricDimension(
        "impact",
        "Impact",
        (
            "No outcome mentioned, or the story stops before anything happened.",
            "An outcome is implied but not stated, and nothing is measured.",
            "States the result, with a number or a clear change for users or the business.",
            "Quantifies the result and ties it to the goal you set out to reach.",
            "Measured impact on users and business, plus what you learned and carried forward.",
        ),
    ),
    RubricDimension(
        "concision",
        "Concision",
        (
            "Far over or under the time; filler and tangents bury the message.",
            "Noticeably long or thin; several parts could be cut or need more.",
            "About the right length, with a little padding or a rushed ending.",
            "Fits the time well; little filler and no tangents.",
            "Every sentence counts; finishes on time with room for follow-ups.",
        ),
    ),
    RubricDimension(
        "delivery",
        "Delivery",
        (
            "Hesitant or flat; many fillers and long pauses, hard to listen to.",
            "Understandable but uneven; fillers and restarts distract.",
            "Steady and clear, with an occasional filler or lost thread.",
            "Confident and conversational; pace and tone keep the listener engaged.",
            "Natural, warm and assured; sounds like a peer already on the team.",
        ),
    ),
)


def rubric_for(pack: Pack | None) -> tuple[RubricDimension, ...]:
    """The pack's own rubric when it has one (it replaces the default), else DEFAULT_RUBRIC."""
    if pack is not None and pack.rubric:
        return pack.rubric
    return DEFAULT_RUBRIC


#: The row after the rubric's dimensions: the candidate's verdict on the whole answer.
OVERALL = "overall"

#: How a question for the interviewer is rated when its pack brings no rubric of its own.
REVERSE_RUBRIC: tuple[RubricDimension, ...] = (
    RubricDimension(
        "insight",
        "Insight",
        (
            "Generic; could be asked of any company, or is answered on its website.",
            "Shows a little homework, but the interviewer learns nothing about you from it.",
            "Specific to the role or team and tells you something you need to decide.",
            "Builds on what was said in the interview; shows how you think about the job.",
            "Sharp and well-timed: the interviewer remembers it and wants to answer it well.",
        ),
    ),
    RubricDimension(
        "delivery",
        "Delivery",
        (
            "Rambling or apologetic; the question is hard to find.",
            "Clear in the end, after some false starts.",
            "One clear question with a sentence of context.",
            "Brief context, one crisp question, then you listen.",
            "Natural and confident, like a peer asking a colleague.",
        ),
    ),
)


@dataclass(frozen=True)
class RatingRow:
    """One row of the rating sheet: a rubric dimension, or the overall verdict (`dimension` None)."""

    id: str
    name: str
    dimension: RubricDimension | None = None


class RatingSheet:
    """The self-rating of one answer: a score per rubric dimension, then an overall score.

    Digits rate the highlighted row and move the highlight to the next one (staying on the
    overall row), as the practice keys say.
    """

    def __init__(self, dimensions: tuple[RubricDimension, ...] = ()) -> None:
        self.rows: tuple[RatingRow, ...] = (
            *(RatingRow(d.id, d.name, d) for d in dimensions),
            RatingRow(OVERALL, "Overall"),
        )
        self.scores: dict[str, int] = {}
        self.highlight = 0

    @property
    def current(self) -> RatingRow:
        return self.rows[self.highlight]

    @property
    def ratings(self) -> dict[str, int]:
        """Scores of the rubric dimensions rated so far (dimension id -> 1..5)."""
        return {k: v for k, v in self.scores.items() if k != OVERALL}

    @property
    def overall(self) -> int | None:
        return self.scores.get(OVERALL)

    @property
    def is_empty(self) -> bool:
        return not self.scores

    @property
    def complete(self) -> bool:
        """Every row has a score."""
        return all(row.id in self.scores for row in self.rows)

    def rate(self, score: int) -> bool:
        """Score the highlighted row (1..5) and move on; False for a score out of range."""
        if isinstance(score, bool) or not 1 <= score <= 5:
            return False
        self.scores[self.current.id] = score
        self.highlight = min(self.highlight + 1, len(self.rows) - 1)
        return True

    def move(self, delta: int) -> None:
        self.select(self.highlight + delta)

    def select(self, row: int) -> None:
        self.highlight = max(0, min(len(self.rows) - 1, row))
