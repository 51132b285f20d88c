"""The plain-text view of one pack for `mockint packs show` (no markup: pack text is untrusted)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from mockint.core.packs.model import InstalledPack, Pack, Question

WIDTH = 88


def _wrap(text: str, indent: str) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(textwrap.wrap(para, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent.rstrip()])
    return lines


def _timing(q: Question) -> str:
    minutes, seconds = divmod(q.answer_seconds, 60)
    out = f"{minutes}:{seconds:02d}"
    if q.prep_seconds:
        out += f", prep {q.prep_seconds}s"
    return out


def pack_lines(pack: Pack, entry: InstalledPack | None = None) -> Iterator[str]:
    """Header, description, questions grouped by category, rubric and plans."""
    info = pack.info
    source = ""
    if entry is not None:
        source = "user pack, shadows the built-in pack" if entry.shadows_builtin else (
            "user pack" if entry.source == "user" else "built-in pack"
        )
    yield f"{pack.name}  ({pack.id} {pack.version}{', ' + source if source else ''})"
    for label, value in (("author", info.author), ("license", info.license), ("homepage", info.homepage)):
        if value:
            yield f"  {label}: {value}"
    if info.tags:
        yield f"  tags: {', '.join(info.tags)}"
    if info.description:
        yield ""
        yield from _wrap(info.description, "  ")
    groups: list[tuple[str | None, str]] = [(c.id, c.name) for c in pack.categories]
    if any(q.category is None for q in pack.questions):
        groups.append((None, "Uncategorised"))
    for cid, cname in groups:
        questions = [q for q in pack.questions if q.category == cid]
        yield ""
        yield f"{cname} ({cid}, {len(questions)} question{'s' * (len(questions) != 1)})" if cid else cname
        for q in questions:
            meta = [_timing(q), *([q.difficulty] if q.difficulty else []), *q.tags]
            yield f"  - {q.id}  [{', '.join(meta)}]"
            yield from _wrap(q.text, "      ")
            for f in q.follow_ups:
                yield from _wrap(f"follow-up: {f}", "      ")
    if pack.rubric:
        yield ""
        yield "Rubric: " + ", ".join(f"{r.name} ({r.id})" for r in pack.rubric)
    if pack.plans:
        yield ""
        yield "Plans"
        for plan in pack.plans:
            steps = []
            for s in plan.steps:
                if s.question is not None:
                    steps.append(f"question {s.question}")
                else:
                    kind, value = ("category", s.category) if s.category is not None else ("tag", s.tag)
                    steps.append(f"{s.count} from {kind} {value}")
            yield f"  - {plan.id}: {plan.name}"
            yield from _wrap("; ".join(steps), "      ")
