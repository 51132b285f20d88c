"""A drill: an interview made of chosen questions (the weakest ones), asked in the given order.

The order is the caller's (weakest first), so the seed only rotates backgrounder
entries in placeholders, exactly as in `build_interview`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from mockint.core.errors import EXIT_FAILED, Diagnostic, MockintError
from mockint.core.format import plural
from mockint.core.history.stats import WeakQuestion
from mockint.core.interview.interviewer import Interview, SkippedQuestion, _Planner
from mockint.core.packs.model import Pack

DRILL_TITLE = "Drill: weakest questions"


def build_drill_interview(
    packs: Sequence[Pack],
    targets: Sequence[tuple[str, str]],
    seed: int | None = None,
    *,
    backgrounder: Mapping[str, Sequence[str]] | None = None,
) -> Interview:
    """Plan the questions `targets` ((pack id, question id) pairs) in that order.

    A target whose pack or question is no longer installed, or whose placeholder the
    backgrounder cannot fill, is listed in `Interview.skipped` with the reason; duplicate
    targets are asked once. Raises MockintError (exit 1) when no target can be asked.
    """
    if seed is None:
        seed = random.SystemRandom().randrange(2**31)
    planner = _Planner(random.Random(seed), {}, backgrounder or {})
    by_id = {pack.id: pack for pack in packs}
    missing: list[SkippedQuestion] = []
    for pack_id, question_id in targets:
        pack = by_id.get(pack_id)
        question = None if pack is None else pack.question(question_id)
        if pack is None or question is None:
            what = "pack" if pack is None else "question"
            missing.append(SkippedQuestion(pack_id, question_id, "", f"the {what} is no longer installed"))
            continue
        planner.take([(pack, question)], 1)
    skipped = (*missing, *planner.skipped)
    if not planner.planned:
        raise MockintError(
            "none of the drill's questions can be asked",
            diagnostics=[Diagnostic(f"{s.pack_id}/{s.question_id}: {s.reason}", severity="warning") for s in skipped],
            exit_code=EXIT_FAILED,
        )
    pack_ids = {q.pack_id for q in planner.planned}
    count = len(planner.planned)
    return Interview(
        title=f"{DRILL_TITLE} ({plural(count, 'question')})",
        pack_id=next(iter(pack_ids)) if len(pack_ids) == 1 else None,
        plan_id=None,
        seed=seed,
        questions=tuple(planner.planned),
        skipped=tuple(skipped),
    )


def ago(delta: timedelta) -> str:
    """"today", "yesterday" or "N days ago" for the time since something happened."""
    days = int(delta.total_seconds() // 86_400)
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{plural(days, 'day')} ago"


def weak_reason(question: WeakQuestion, now: datetime, *, compact: bool = False) -> str:
    """Why a question is in the drill list: "rated 2.0 · ran overtime · due now · last practised …".

    `compact` gives the short form for a narrow table column ("rated 2.0 · overtime · due now").
    """
    parts: list[str] = []
    if question.last_skipped:
        parts.append("skipped" if compact else "skipped last time")
    elif question.last_rating is None:
        parts.append("not rated")
    elif question.last_rating < 3:
        parts.append(f"rated {question.last_rating:.1f}")
    if question.last_overtime and not question.last_skipped:
        parts.append("overtime" if compact else "ran overtime")
    if question.due:
        overdue = int((now - question.due_at).total_seconds() // 86_400)
        parts.append("due now" if overdue < 2 else f"overdue {overdue} d" if compact
                      else f"overdue {plural(overdue, 'day')}")
    else:
        remaining = max(1, math.ceil((question.due_at - now).total_seconds() / 86_400))
        parts.append(f"due in {remaining} d" if compact else f"due in {plural(remaining, 'day')}")
    if not compact:
        parts.append(f"last practised {ago(now - question.last_practised)}")
    return " · ".join(parts)
