"""What the packs screen shows, as plain text built from core objects (no widgets, easy to test).

Pack text is untrusted: it goes into rich Text objects only, never into markup, and
control characters are shown escaped (as `mockint packs` prints them).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.text import Text

from mockint.core.interview.clock import format_mmss
from mockint.core.text import escape_controls

#: Beyond this many questions the preview says how many more there are (a pack may hold thousands).
PREVIEW_LIMIT = 200


def plain(text: str) -> str:
    """`text` with control characters shown as \\uXXXX, so a pack cannot drive the terminal."""
    return escape_controls(text, keep_lines=True)


def source_label(entry: Any) -> str:
    """Where a pack comes from, including which user pack shadows which built-in one."""
    if entry.source == "user":
        return "user, replaces the built-in pack" if entry.shadows_builtin else "user"
    return "built-in, hidden by your pack" if entry.shadowed else "built-in"


def pack_row(entry: Any) -> Text:
    """Two lines of the pack list: the id, then question count and source (ids can be long)."""
    mark = {"user": "user", "builtin": "built-in"}.get(entry.source, entry.source)
    if entry.shadowed:
        mark = "hidden"
    line = Text(plain(entry.id), no_wrap=True, overflow="ellipsis")
    line.append(f"\n{entry.questions} q · {mark}", style="dim")
    return line


def category_counts(pack: Any) -> list[tuple[str | None, str, int]]:
    """(category id, name, question count) in the pack's category order; uncategorised last."""
    counts: dict[str | None, int] = {}
    for question in pack.questions:
        counts[question.category] = counts.get(question.category, 0) + 1
    rows = [(c.id, c.name, counts.get(c.id, 0)) for c in pack.categories]
    known = {c.id for c in pack.categories}
    rows.extend((cid, cid, n) for cid, n in counts.items() if cid is not None and cid not in known)
    if None in counts:
        rows.append((None, "(no category)", counts[None]))
    return rows


def pack_detail(pack: Any, entry: Any) -> Text:
    """The header of the preview: name, id, version, source, description, categories, plans."""
    out = Text()
    out.append(plain(pack.name), style="bold")
    out.append(f"\n{plain(pack.id)} {plain(pack.version)}  ·  {source_label(entry)}", style="dim")
    # The file name only: the folder is `mockint paths` (built-in: inside mockint).
    folder = "your packs folder" if entry.source == "user" else "mockint's built-in packs"
    out.append(f"\n{plain(Path(entry.path).name)} in {folder}", style="dim")
    if pack.info.description:
        out.append(f"\n\n{plain(pack.info.description)}")
    out.append(f"\n\n{len(pack.questions)} questions", style="bold")
    for _cid, name, count in category_counts(pack):
        out.append(f"\n  {count:>3}  {plain(name)}")
    if pack.plans:
        out.append("\n\nPlans", style="bold")
        for plan in pack.plans:
            steps = len(plan.steps)
            out.append(f"\n  {plain(plan.name)} ({plain(plan.id)}, {steps} step{'s' if steps != 1 else ''})")
    return out


def question_preview(pack: Any, limit: int = PREVIEW_LIMIT) -> Text:
    """Every question (up to `limit`) with its category, target time and follow-up count."""
    out = Text()
    for number, question in enumerate(pack.questions[:limit], 1):
        if number > 1:
            out.append("\n\n")
        out.append(f"{number}. ", style="bold")
        out.append(plain(question.text))
        meta = [plain(question.id), format_mmss(question.answer_seconds)]
        if question.category:
            meta.insert(1, plain(pack.category_name(question.category) or question.category))
        if question.follow_ups:
            meta.append(f"{len(question.follow_ups)} follow-up{'s' if len(question.follow_ups) != 1 else ''}")
        out.append("\n   " + "  ·  ".join(meta), style="dim")
    hidden = len(pack.questions) - limit
    if hidden > 0:
        out.append(f"\n\n… and {hidden} more (`mockint packs show {plain(pack.id)}` lists them all)", style="dim")
    return out


def import_report(outcomes: Iterable[Any]) -> list[tuple[str, str]]:
    """(line, severity) per line, the same lines `mockint packs import` prints, in its order."""
    lines: list[tuple[str, str]] = []
    for outcome in outcomes:
        for diagnostic in outcome.diagnostics:
            lines.append((plain(diagnostic.format()), diagnostic.severity))
        lines.append((plain(outcome.message), "error" if outcome.status == "refused" else "ok"))
    return lines


def report_text(lines: list[tuple[str, str]]) -> Text:
    """The import report as text; refusals and errors in bold (the words say which is which)."""
    styles = {"error": "bold", "warning": "italic", "ok": ""}
    out = Text()
    for i, (line, severity) in enumerate(lines):
        out.append(("\n" if i else "") + line, style=styles.get(severity, ""))
    return out
