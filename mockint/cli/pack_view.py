"""The plain-text view of one pack for `mockint packs show` (no markup: pack text is untrusted).

Text reads as the practice screen shows it (`{{` as `{`), lines are wrapped by display width
(CJK characters take two cells) with rich's wrapping, and every line is escaped for listings,
so a pack cannot hide text with bidirectional overrides or zero-width characters.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from functools import lru_cache

from mockint.core.format import mmss, plural
from mockint.core.packs.model import InstalledPack, Pack, Question
from mockint.core.packs.placeholders import display
from mockint.core.text import escape_for_listing

WIDTH = 88


def width() -> int:
    """The terminal's width, kept between 40 and 100 columns (88 when it is not a terminal)."""
    return max(40, min(100, shutil.get_terminal_size((WIDTH, 24)).columns))


@lru_cache(maxsize=1)
def _console(columns: int) -> object:
    from rich.console import Console

    return Console(width=columns, no_color=True, highlight=False, markup=False, emoji=False)


def wrap(text: str, indent: str, columns: int) -> list[str]:
    """`text` wrapped to `columns` display cells after `indent`, every line escaped for listings."""
    from rich.console import Console
    from rich.text import Text

    console = _console(columns)
    assert isinstance(console, Console)
    room = max(10, columns - len(indent))
    lines: list[str] = []
    for para in text.replace("\t", "    ").split("\n"):
        if not para.strip():
            lines.append(indent.rstrip())
            continue
        for line in Text(escape_for_listing(para), overflow="fold").wrap(console, room):
            lines.append(indent + line.plain.rstrip())
    return lines


def _timing(q: Question) -> str:
    out = mmss(q.answer_seconds)
    if q.prep_seconds:
        out += f", prep {q.prep_seconds}s"
    return out


def pack_lines(pack: Pack, entry: InstalledPack | None = None, columns: int | None = None) -> Iterator[str]:
    """Header, description, questions grouped by category, rubric and plans."""
    cols = columns or width()
    info = pack.info
    source = ""
    if entry is not None:
        source = "user pack, shadows the built-in pack" if entry.shadows_builtin else (
            "user pack" if entry.source == "user" else "built-in pack"
        )
    kind = ", questions to ask the interviewer" if pack.reverse else ""
    yield from wrap(f"{pack.name}  ({pack.id} {pack.version}{', ' + source if source else ''}{kind})", "", cols)
    if entry is not None and entry.origin:
        yield from wrap(f"from: {entry.origin}", "  ", cols)
    if entry is not None and not entry.in_mix:
        yield "  not in the quick mixed interview"
    for label, value in (("author", info.author), ("license", info.license), ("homepage", info.homepage)):
        if value:
            yield from wrap(f"{label}: {value}", "  ", cols)
    if info.tags:
        yield f"  tags: {', '.join(info.tags)}"
    if info.description:
        yield ""
        yield from wrap(info.description, "  ", cols)
    groups: list[tuple[str | None, str]] = [(c.id, c.name) for c in pack.categories]
    if any(q.category is None for q in pack.questions):
        groups.append((None, "Uncategorised"))
    for cid, cname in groups:
        questions = [q for q in pack.questions if q.category == cid]
        yield ""
        yield from wrap(f"{cname} ({cid}, {plural(len(questions), 'question')})" if cid else cname, "", cols)
        for q in questions:
            meta = [_timing(q), *([q.difficulty] if q.difficulty else []), *q.tags]
            yield f"  - {q.id}  [{', '.join(meta)}]"
            yield from wrap(display(q.text), "      ", cols)
            for f in q.follow_ups:
                yield from wrap(f"follow-up: {f}", "      ", cols)
    if pack.rubric:
        yield ""
        yield from wrap("Rubric: " + ", ".join(f"{r.name} ({r.id})" for r in pack.rubric), "", cols)
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
            yield from wrap(f"- {plan.id}: {plan.name}", "  ", cols)
            yield from wrap("; ".join(steps), "      ", cols)
