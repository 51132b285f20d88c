"""The rubric an answer is rated against: the app's default, or the pack's own."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
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


# Hand-written short forms of the default anchors (1, 3, 5) so the rating line fits 80 columns.
_SHORT: dict[str, tuple[str, str, str]] = {
    "structure": ("rambling", "clear arc, some detours", "headline first, tight"),
    "evidence": ("generalities", "real example, some specifics", "precise and personal"),
    "impact": ("no outcome", "result stated", "measured impact + learning"),
    "concision": ("far off time", "about right, some padding", "every sentence counts"),
    "delivery": ("hesitant, fillers", "steady, a few fillers", "natural and assured"),
}


def _short(text: str, limit: int = 28) -> str:
    # Up to the first clause break keeps a pack author's anchor recognisable yet short.
    for sep in (";", ":", ".", ","):
        text = text.split(sep, 1)[0]
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def anchor_summary(dim: RubricDimension, width: int | None = None) -> str:
    """One line shown while rating: what a 1, a 3 and a 5 look like (cut to `width` if given)."""
    if dim in DEFAULT_RUBRIC:
        low, mid, high = _SHORT[dim.id]
    elif len(dim.anchors) == 5:
        low, mid, high = (_short(dim.anchors[i]) for i in (0, 2, 4))
    else:
        low, mid, high = "weak", "solid", "outstanding"
    line = f"1 {low} · 3 {mid} · 5 {high}"
    if width is not None and len(line) > width:
        line = line[: max(0, width - 1)].rstrip() + "…"
    return line


def overall_from(ratings: Mapping[str, int]) -> int | None:
    """Suggested overall rating: the mean of the 1..5 ratings, rounded half up; None when none."""
    values = [v for v in ratings.values() if not isinstance(v, bool) and isinstance(v, int) and 1 <= v <= 5]
    if not values:
        return None
    mean = Decimal(sum(values)) / Decimal(len(values))
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
