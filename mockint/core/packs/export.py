"""Write a `Pack` as native TOML (format 1) that validates with --strict and loads back to the same pack.

Only what the pack's author gave is written: the [defaults] table and per-question timings
appear only where the source had them, and `language` only when it was set, so exporting
what was loaded from an export gives the same text again.
"""

from __future__ import annotations

from typing import Any

from mockint.core.packs.model import Category, Pack, Plan, Question, RubricDimension


def pack_to_toml(pack: Pack) -> str:
    """The pack as TOML text; multi-line text is written as multi-line strings for readability."""
    import tomli_w

    return tomli_w.dumps(pack_to_dict(pack), multiline_strings=True)


def pack_to_dict(pack: Pack) -> dict[str, Any]:
    """The raw format-1 document of `pack` (the shape validate_pack reads), keys in reading order."""
    doc: dict[str, Any] = {"format": 1, "pack": _info(pack)}
    d = pack.defaults
    if d.present:
        defaults: dict[str, Any] = {}
        if d.own_answer_seconds:
            defaults["answer_seconds"] = d.answer_seconds
        if d.own_prep_seconds:
            defaults["prep_seconds"] = d.prep_seconds
        doc["defaults"] = defaults
    if pack.categories:
        doc["categories"] = [_category(c) for c in pack.categories]
    if pack.rubric:
        doc["rubric"] = [_dimension(r) for r in pack.rubric]
    doc["questions"] = [_question(q) for q in pack.questions]
    if pack.plans:
        doc["plans"] = [_plan(p) for p in pack.plans]
    return doc


def _info(pack: Pack) -> dict[str, Any]:
    info = pack.info
    out: dict[str, Any] = {"id": info.id, "name": info.name, "version": info.version}
    for key in ("description", "author", "license", "homepage"):
        value = getattr(info, key)
        if value is not None:
            out[key] = value
    if info.own_language:
        out["language"] = info.language
    if info.tags:
        out["tags"] = list(info.tags)
    if info.reverse:
        out["reverse"] = True
    return out


def _category(c: Category) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "name": c.name}
    if c.description is not None:
        out["description"] = c.description
    return out


def _dimension(r: RubricDimension) -> dict[str, Any]:
    out: dict[str, Any] = {"id": r.id, "name": r.name}
    if r.anchors:
        out["anchors"] = list(r.anchors)
    return out


def _question(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"id": q.id, "text": q.text}
    if q.category is not None:
        out["category"] = q.category
    if q.follow_ups:
        out["follow_ups"] = list(q.follow_ups)
    if q.own_answer_seconds:
        out["answer_seconds"] = q.answer_seconds
    if q.own_prep_seconds:
        out["prep_seconds"] = q.prep_seconds
    if q.tags:
        out["tags"] = list(q.tags)
    if q.difficulty is not None:
        out["difficulty"] = q.difficulty
    if q.guidance is not None:
        out["guidance"] = q.guidance
    return out


def _plan(p: Plan) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "name": p.name}
    if p.description is not None:
        out["description"] = p.description
    out["steps"] = [step.as_dict() for step in p.steps]
    return out
