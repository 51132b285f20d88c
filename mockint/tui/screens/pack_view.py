"""What the packs screen shows, as plain text built from core objects (no widgets, easy to test).

Pack text is untrusted: it goes into rich Text objects only, never into markup, and
control characters are shown escaped (as `mockint packs` prints them).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.text import Text

from mockint.core.format import mmss, plural
from mockint.core.packs.placeholders import display
from mockint.core.text import escape_controls, escape_for_listing

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


def mix_label(entry: Any) -> str:
    """Whether the pack joins the quick mixed interview, in words."""
    if getattr(entry, "reverse", False):
        return "questions to ask them: practised at the closing, never in a mix"
    return "in the quick mix" if getattr(entry, "in_mix", True) else "out of the quick mix"


def pack_row(entry: Any) -> Text:
    """Two lines of the pack list: the name, then id, question count, source and mix (names can be long)."""
    mark = {"user": "user", "builtin": "built-in"}.get(entry.source, entry.source)
    if entry.shadowed:
        mark = "hidden"
    line = Text(escape_for_listing(entry.name), no_wrap=True, overflow="ellipsis")
    extra = " · to ask" if getattr(entry, "reverse", False) else ("" if getattr(entry, "in_mix", True) else " · no mix")
    line.append(f"\n{escape_for_listing(entry.id)} · {entry.questions} q · {mark}{extra}", style="dim")
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
    origin = getattr(entry, "origin", None)
    if origin:
        out.append(f"\nfrom {plain(origin)}", style="dim")
    out.append(f"\n{mix_label(entry)}", style="dim")
    if pack.info.description:
        out.append(f"\n\n{plain(pack.info.description)}")
    out.append(f"\n\n{plural(len(pack.questions), 'question')}", style="bold")
    for _cid, name, count in category_counts(pack):
        out.append(f"\n  {count:>3}  {plain(name)}")
    if pack.plans:
        out.append("\n\nPlans", style="bold")
        for plan in pack.plans:
            out.append(f"\n  {plain(plan.name)} ({plain(plan.id)}, {plural(len(plan.steps), 'step')})")
    return out


def question_preview(pack: Any, limit: int = PREVIEW_LIMIT) -> Text:
    """Every question (up to `limit`) with its category, target time and follow-up count."""
    out = Text()
    for number, question in enumerate(pack.questions[:limit], 1):
        if number > 1:
            out.append("\n\n")
        out.append(f"{number}. ", style="bold")
        out.append(plain(display(question.text)))
        meta = [plain(question.id), mmss(question.answer_seconds)]
        if question.category:
            meta.insert(1, plain(pack.category_name(question.category) or question.category))
        if question.follow_ups:
            meta.append(plural(len(question.follow_ups), "follow-up"))
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


def preview_lines(loaded: list[Any]) -> list[tuple[str, str]]:
    """What an import would bring in, per file: the pack, its questions per category, and every
    warning (what was left out and why) or the reason it would be refused."""
    lines: list[tuple[str, str]] = []
    for item in loaded:
        if lines:
            lines.append(("", "ok"))
        if item.result is None:
            for diagnostic in item.refusal.diagnostics:
                lines.append((plain(diagnostic.format()), diagnostic.severity))
            lines.append((plain(item.refusal.message), "error"))
            continue
        pack = item.result.pack
        kind = ", questions to ask the interviewer" if pack.reverse else ""
        lines.append((f"{plain(pack.name)}  ({plain(pack.id)} {plain(pack.version)}{kind})", "ok"))
        lines.append((f"  {plural(len(pack.questions), 'question')} from {plain(item.source)}", "ok"))
        for _cid, name, count in category_counts(pack):
            lines.append((f"  {count:>5}  {plain(name)}", "ok"))
        warnings = item.result.warnings
        if warnings:
            lines.append((f"  {plural(len(warnings), 'note')} on what was left out or guessed:", "warning"))
            lines.extend((plain("  " + d.format()), "warning") for d in warnings)
        else:
            lines.append(("  nothing was left out", "ok"))
    if any(item.result is not None for item in loaded):
        lines.append(("", "ok"))
        lines.append(("Nothing is installed yet: ctrl+s installs, escape closes.", "ok"))
    return lines


def report_text(lines: list[tuple[str, str]]) -> Text:
    """The import report as text; refusals and errors in bold (the words say which is which)."""
    styles = {"error": "bold", "warning": "italic", "ok": ""}
    out = Text()
    for i, (line, severity) in enumerate(lines):
        out.append(("\n" if i else "") + line, style=styles.get(severity, ""))
    return out
