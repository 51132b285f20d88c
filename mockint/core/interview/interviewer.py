"""Planning an interview: which questions, in which order, with the backgrounder filled in.

`build_interview` is deterministic for a seed (random.Random(seed)); when no seed
is given one is drawn and recorded so the same interview can be rebuilt. Among
candidates it prefers questions not practised recently. A question whose
placeholder cannot be filled is listed in `Interview.skipped` with a reason.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from mockint.core.errors import EXIT_FAILED, Diagnostic, MockintError
from mockint.core.interview.plan import Interview, PlannedQuestion, SkippedQuestion
from mockint.core.interview.rubric import REVERSE_RUBRIC, rubric_for
from mockint.core.packs.model import Pack, PlanStep, Question
from mockint.core.packs.placeholders import fill, placeholders_in

# The plan's records live in plan.py (the persona reads them too); the store imports them from here.
__all__ = ["Interview", "PlannedQuestion", "SkippedQuestion", "build_interview", "with_reverse_questions"]

#: Questions in a quick mixed interview when nothing else is asked for.
QUICK_COUNT = 5
#: Practice within the same window counts as equally recent, so the seed still shuffles them.
RECENCY_BUCKET_SECONDS = 86_400

_NEEDS = {
    "about": "needs an About-You bullet in your backgrounder",
    "quantitative": "needs a quantitative highlight in your backgrounder",
    "qualitative": "needs a qualitative highlight in your backgrounder",
}


def _ids(items: Sequence[str]) -> str:
    return ", ".join(items) if items else "(none)"


def _find_pack(packs: Sequence[Pack], pack_id: str) -> Pack:
    for p in packs:
        if p.id == pack_id:
            return p
    raise MockintError(
        f'unknown pack "{pack_id}"; installed packs: {_ids(sorted(p.id for p in packs))}', key="--pack"
    )


def _find_plan(packs: Sequence[Pack], plan_id: str, pack: Pack | None) -> Pack:
    """The pack holding `plan_id` (within `pack` when given)."""
    scope = [pack] if pack is not None else list(packs)
    holders = [p for p in scope if p.plan(plan_id) is not None]
    if not holders:
        known = sorted({pl.id for p in scope for pl in p.plans})
        where = f' in pack "{pack.id}"' if pack is not None else ""
        raise MockintError(f'unknown plan "{plan_id}"{where}; available plans: {_ids(known)}', key="--plan")
    if len(holders) > 1:
        names = ", ".join(p.id for p in holders)
        raise MockintError(
            f'plan "{plan_id}" exists in several packs ({names}); choose one with --pack', key="--plan"
        )
    return holders[0]


class _Planner:
    """The mutable state of one build: the seeded generator, what was used, placeholder rotations."""

    def __init__(
        self,
        rng: random.Random,
        last_practised: Mapping[tuple[str, str], float],
        backgrounder: Mapping[str, Sequence[str]],
        default_answer: int | None = None,
        default_prep: int | None = None,
    ) -> None:
        self.rng = rng
        self.default_answer = default_answer
        self.default_prep = default_prep
        self.last = last_practised
        self.values = {k: [v.strip() for v in vs if v and v.strip()] for k, vs in backgrounder.items()}
        self.seen: set[tuple[str, str]] = set()
        self.planned: list[PlannedQuestion] = []
        self.skipped: list[SkippedQuestion] = []
        self._rotation: dict[str, list[int]] = {}
        self._used: dict[str, int] = {}

    def order(self, candidates: Sequence[tuple[Pack, Question]]) -> list[tuple[Pack, Question]]:
        """Never practised first, then oldest practice; the seed shuffles within a recency bucket."""
        fresh = [c for c in candidates if (c[0].id, c[1].id) not in self.seen]
        self.rng.shuffle(fresh)

        def key(c: tuple[Pack, Question]) -> tuple[int, float]:
            when = self.last.get((c[0].id, c[1].id))
            return (0, 0.0) if when is None else (1, when // RECENCY_BUCKET_SECONDS)

        return sorted(fresh, key=key)  # stable: the shuffle decides within a bucket

    def take(self, candidates: Sequence[tuple[Pack, Question]], count: int | None) -> int:
        """Plan up to `count` of `candidates` (all when None) in order, replacing skipped ones."""
        taken = 0
        for pack, q in candidates:
            if count is not None and taken >= count:
                break
            if (pack.id, q.id) in self.seen:
                continue
            self.seen.add((pack.id, q.id))
            if self._plan_one(pack, q):
                taken += 1
        return taken

    def _next_value(self, name: str) -> str:
        # Each placeholder walks a seed-shuffled rotation of the entries, so consecutive
        # questions get different bullets while there are enough of them.
        entries = self.values[name]
        if name not in self._rotation:
            order = list(range(len(entries)))
            self.rng.shuffle(order)
            self._rotation[name] = order
            self._used[name] = 0
        i = self._used[name]
        self._used[name] = i + 1
        rotation = self._rotation[name]
        return entries[rotation[i % len(rotation)]]

    def _plan_one(self, pack: Pack, q: Question) -> bool:
        names = sorted(placeholders_in(q.text))
        missing = [n for n in names if not self.values.get(n)]
        if missing:
            partial = {n: self.values[n][0] for n in names if self.values.get(n)}
            self.skipped.append(SkippedQuestion(pack.id, q.id, fill(q.text, partial), _NEEDS[missing[0]]))
            return False
        text = fill(q.text, {n: self._next_value(n) for n in names})
        # The person's settings stand in only where neither the question nor its pack chose a time.
        answer, prep = q.answer_seconds, q.prep_seconds
        if self.default_answer is not None and not (q.own_answer_seconds or pack.defaults.own_answer_seconds):
            answer = self.default_answer
        if self.default_prep is not None and not (q.own_prep_seconds or pack.defaults.own_prep_seconds):
            prep = self.default_prep
        self.planned.append(
            PlannedQuestion(
                pack_id=pack.id,
                pack_version=pack.version,
                question_id=q.id,
                text=text,
                category=q.category,
                target_seconds=answer,
                prep_seconds=prep,
                follow_ups=q.follow_ups,
                guidance=q.guidance,
                tags=q.tags,
                rubric=rubric_for(pack),
                category_name=pack.category_name(q.category),
            )
        )
        return True


def _step_candidates(pack: Pack, step: PlanStep) -> list[tuple[Pack, Question]]:
    if step.category is not None:
        return [(pack, q) for q in pack.questions if q.category == step.category]
    if step.tag is not None:
        return [(pack, q) for q in pack.questions if step.tag in q.tags]
    return []


def build_interview(
    packs: Sequence[Pack],
    *,
    pack_id: str | None = None,
    plan_id: str | None = None,
    category: str | None = None,
    count: int | None = None,
    seed: int | None = None,
    last_practised: Mapping[tuple[str, str], float] | None = None,
    backgrounder: Mapping[str, Sequence[str]] | None = None,
    default_answer_seconds: int | None = None,
    default_prep_seconds: int | None = None,
    minutes: int | None = None,
    mix: Collection[str] | None = None,
) -> Interview:
    """Plan an interview from a plan, a pack, a category, or a quick mix across every pack.

    A mix across packs (no pack given) draws only from packs whose id is in `mix` (when given:
    `PackLibrary.mix_ids()`) and never from reverse packs (questions to ask the interviewer).

    `default_answer_seconds` / `default_prep_seconds` (from Settings) apply to questions whose
    pack sets no time for them. `minutes` keeps the questions, in order, whose answer and prep
    times fit in that many minutes (at least one question), instead of a `count`.

    Raises MockintError (exit 2) for an unknown pack, plan or category, a bad count, or
    --category with --plan; and (exit 1) when no question at all can be asked.
    """
    if count is not None and (isinstance(count, bool) or count < 1):
        raise MockintError(f"count must be a positive integer, got {count}", key="--count")
    if minutes is not None and (isinstance(minutes, bool) or minutes < 1):
        raise MockintError(f"minutes must be a positive integer, got {minutes}", key="--minutes")
    if plan_id is not None and category is not None:
        raise MockintError(
            "--category cannot be combined with --plan (a plan chooses its own questions)", key="--category"
        )
    if seed is None:
        seed = random.SystemRandom().randrange(2**31)
    planner = _Planner(
        random.Random(seed),
        last_practised or {},
        backgrounder or {},
        default_answer_seconds,
        default_prep_seconds,
    )
    pack = _find_pack(packs, pack_id) if pack_id is not None else None

    if plan_id is not None:
        holder = _find_plan(packs, plan_id, pack)
        plan = holder.plan(plan_id)
        assert plan is not None
        for step in plan.steps:
            remaining = None if count is None else count - len(planner.planned)
            if remaining is not None and remaining <= 0:
                break
            if step.question is not None:
                q = holder.question(step.question)
                if q is not None:
                    planner.take([(holder, q)], 1)
                continue
            want = step.count if remaining is None else min(step.count, remaining)
            planner.take(planner.order(_step_candidates(holder, step)), want)
        title = f"{plan.name} ({holder.id})"
        pack_id = holder.id
    else:
        scope = [pack] if pack is not None else [p for p in packs if not p.reverse and (mix is None or p.id in mix)]
        if category is not None:
            known = sorted({q.category for p in scope for q in p.questions if q.category})
            if category not in known:
                where = f' in pack "{pack.id}"' if pack is not None else ""
                raise MockintError(
                    f'unknown category "{category}"{where}; categories: {_ids(known)}', key="--category"
                )
        candidates = [
            (p, q) for p in scope for q in p.questions if category is None or q.category == category
        ]
        limit = count
        if pack is None and category is None and count is None and minutes is None:
            limit = QUICK_COUNT
        planner.take(planner.order(candidates), limit)
        title = _title(pack, category, scope)

    if minutes is not None:
        _fit(planner.planned, minutes * 60)
    if not planner.planned:
        reasons = [
            Diagnostic(f"{s.pack_id}/{s.question_id}: {s.reason}", severity="warning")
            for s in planner.skipped
        ]
        raise MockintError(
            "no question can be asked" + (" (every candidate was skipped)" if reasons else ""),
            diagnostics=reasons,
            exit_code=EXIT_FAILED,
        )
    return Interview(
        title=title,
        pack_id=pack_id,
        plan_id=plan_id,
        seed=seed,
        questions=tuple(planner.planned),
        skipped=tuple(planner.skipped),
        category=category,
    )


def _fit(planned: list[PlannedQuestion], budget: int) -> None:
    """Keep the first questions whose answer and prep times fit in `budget` seconds (at least one)."""
    used = 0
    for i, q in enumerate(planned):
        used += q.target_seconds + q.prep_seconds
        if used > budget and i > 0:
            del planned[i:]
            return


#: Questions for the interviewer practised at the end of an interview, when a pack of them exists:
#: two after a short interview, three after a longer one.
REVERSE_COUNTS = (2, 3)


def with_reverse_questions(interview: Interview, packs: Sequence[Pack], count: int | None = None) -> Interview:
    """`interview` followed by up to `count` questions for the interviewer from the reverse packs
    (by default two, or three after five questions or more).

    The choice is deterministic for the interview's seed. Without a reverse pack, or when the
    interview already asks from one, the interview is returned as it is.
    """
    reverse = [p for p in packs if p.reverse]
    if not reverse or any(q.reverse for q in interview.questions):
        return interview
    if interview.pack_id is not None and interview.pack_id in {p.id for p in reverse}:
        return interview
    if count is None:
        count = REVERSE_COUNTS[1] if len(interview.questions) >= 5 else REVERSE_COUNTS[0]
    planner = _Planner(random.Random(f"{interview.seed}:reverse"), {}, {})
    planner.take(planner.order([(p, q) for p in reverse for q in p.questions if not placeholders_in(q.text)]), count)
    extra = tuple(
        replace(q, reverse=True, rubric=q.rubric if _own_rubric(packs, q.pack_id) else REVERSE_RUBRIC)
        for q in planner.planned
    )
    return replace(interview, questions=interview.questions + extra)


def _own_rubric(packs: Sequence[Pack], pack_id: str) -> bool:
    return any(p.id == pack_id and p.rubric for p in packs)


def _title(pack: Pack | None, category: str | None, scope: Sequence[Pack]) -> str:
    if category is not None:
        name = next(
            (p.category_name(category) for p in scope if any(c.id == category for c in p.categories)),
            category,
        )
        return f"{pack.name}: {name}" if pack is not None else f"{name} questions"
    if pack is not None:
        return pack.name
    return "Quick mixed interview"
