"""Validation of [[plans]]: named interview formats whose steps refer to the pack's own content."""

from __future__ import annotations

from mockint.core.packs import validate_support as vs
from mockint.core.packs.model import Plan, PlanStep
from mockint.core.packs.source import KeyPath
from mockint.core.packs.validate_support import MISSING, Checker

_KINDS = ("question", "category", "tag")


def check_plans(
    run: Checker, value: object, questions: dict[str, int], categories: set[str], tags: set[str]
) -> tuple[Plan, ...]:
    """Plans of the pack; every step must name exactly one question, category or tag that exists."""
    out: list[Plan] = []
    seen: dict[str, int] = {}
    for i, t in enumerate(run.tables(value, "plans", 0, 50, required=False)):
        if t is None:
            continue
        base: KeyPath = ("plans", i)
        if not t.keys() <= vs.PLAN_KEYS:
            run.unknown(t, vs.PLAN_KEYS, base)
        ident = run.slug(t.get("id", MISSING), base, "id")
        run.unique(ident, seen, "plans", i)
        name = run.text(t.get("name", MISSING), base, "name", 1, 120)
        description = run.text(t.get("description", MISSING), base, "description", 0, 4000)
        steps = _steps(run, t.get("steps", MISSING), (*base, "steps"), questions, categories, tags)
        out.append(Plan(ident or "", name or "", steps, description))
    return tuple(out)


def _steps(
    run: Checker, value: object, path: KeyPath, questions: dict[str, int], categories: set[str], tags: set[str]
) -> tuple[PlanStep, ...]:
    hint = "an array of 1 to 50 steps such as { question = \"id\" } or { category = \"id\", count = 2 }"
    if value is MISSING:
        run.error(path, f"required key missing: expected {hint}")
        return ()
    if type(value) is not list:
        run.error(path, f"expected {hint}, found {vs.kind(value)}")
        return ()
    if not 1 <= len(value) <= 50:
        run.error(path, f"expected {hint}, found {len(value)} steps")
    out: list[PlanStep] = []
    for j, step in enumerate(value):
        base: KeyPath = (*path, j)
        if type(step) is not dict:
            run.error(base, f"expected a table such as {{ question = \"id\" }}, found {vs.kind(step)}")
            continue
        if not step.keys() <= vs.STEP_KEYS:
            run.unknown(step, vs.STEP_KEYS, base)
        given = [k for k in _KINDS if k in step]
        raw_count = step.get("count", MISSING)
        count = 1
        if raw_count is not MISSING:
            if "question" in step:
                run.error(
                    (*base, "count"),
                    "count is not allowed with question: a question step asks exactly that question",
                )
            else:
                count = run.integer(raw_count, base, "count", 1, 50, 1)
        if len(given) != 1:
            found = "none" if not given else " and ".join(given)
            run.error(base, f"expected exactly one of question, category or tag, found {found}")
            continue
        kind = given[0]
        ref = _reference(run, kind, step[kind], base, questions, categories, tags)
        if ref is not None:
            out.append(
                PlanStep(
                    question=ref if kind == "question" else None,
                    category=ref if kind == "category" else None,
                    tag=ref if kind == "tag" else None,
                    count=count,
                    own_count=raw_count is not MISSING,
                )
            )
    return tuple(out)


def _reference(
    run: Checker,
    kind: str,
    value: object,
    base: KeyPath,
    questions: dict[str, int],
    categories: set[str],
    tags: set[str],
) -> str | None:
    """The id a step refers to, after checking the pack has it."""
    if kind == "category":
        ref = run.text(value, base, kind, 1, None)
        known: set[str] | dict[str, int] = categories
        where = "the pack's categories"
    else:
        ref = run.slug(value, base, kind)
        known = questions if kind == "question" else tags
        where = "the pack's question ids" if kind == "question" else "the tags of the pack's questions"
    if ref is None or ref in known:
        return ref
    names = sorted(known)
    listing = vs.ordinal_list(names) if names else "there are none"
    run.error(
        (*base, kind),
        f"unknown {kind} {vs.show(ref)}{vs.suggest(ref, names)}: expected one of {where} ({listing})",
    )
    return None
