"""Export sessions (JSON, CSV, Markdown) and import a JSON export (docs/data-formats.md)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING

from mockint.core import format
from mockint.core.history.io.validate import iter_export
from mockint.core.history.records import SessionRecord, iso

if TYPE_CHECKING:
    from mockint.core.history.db.store import Store

__all__ = ["ImportReport", "export_csv", "export_json", "export_markdown", "import_file", "import_json",
           "write_json"]

EXPORT_FORMAT = 1


def _now() -> datetime:
    return datetime.now(UTC)


def write_json(sessions: Iterable[SessionRecord], out: IO[str], *, now: Callable[[], datetime] = _now) -> int:
    """Write `{"format": 1, "exported_at": ..., "sessions": [SESSION, ...]}` one session at a time
    (SESSION as `show --json`), exactly as `json.dumps(doc, indent=2)` would; returns the count."""
    out.write(f'{{\n  "format": {EXPORT_FORMAT},\n  "exported_at": {json.dumps(iso(now()))},\n  "sessions": [')
    count = 0
    for s in sessions:
        body = json.dumps(s.to_json(), indent=2, ensure_ascii=False).replace("\n", "\n    ")
        out.write(("," if count else "") + "\n    " + body)
        count += 1
    out.write("\n  ]\n}\n" if count else "]\n}\n")
    return count


def export_json(sessions: Iterable[SessionRecord], *, now: Callable[[], datetime] = _now) -> str:
    """The whole export of `write_json` as one string."""
    out = io.StringIO()
    write_json(sessions, out, now=now)
    return out.getvalue()


CSV_COLUMNS = (
    "session_id", "session_title", "session_started_at", "session_status", "session_pack", "session_plan",
    "index", "pack", "pack_version", "question_id", "question_text", "category", "target_seconds",
    "elapsed_seconds", "overtime_seconds", "skipped", "overall", "avg_rating",
)
CSV_TAIL = ("notes", "typed_points", "follow_ups_asked", "asked_at", "answered_at", "session_tag",
            "session_ended_early", "transcript")


def export_csv(sessions: Sequence[SessionRecord]) -> str:
    """One row per answer; one `rating:<dimension>` column per rubric dimension that occurs."""
    dims = sorted({d for s in sessions for a in s.answers for d in a.ratings})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *(f"rating:{d}" for d in dims), *CSV_TAIL])
    for s in sessions:
        for a in s.answers:
            writer.writerow([
                s.id, s.title, iso(s.started_at), s.status, s.pack or "", s.plan or "",
                a.index, a.pack_id, a.pack_version, a.question_id, a.question_text, a.category or "",
                a.target_seconds, a.elapsed_seconds, a.overtime_seconds, "yes" if a.skipped else "no",
                "" if a.overall is None else a.overall, "" if a.avg_rating is None else a.avg_rating,
                *(a.ratings.get(d, "") for d in dims),
                a.notes, a.typed_points, " | ".join(a.follow_ups_asked), iso(a.asked_at), iso(a.answered_at) or "",
                s.tag or "", "yes" if s.ended_early else "no", a.transcript or "",
            ])
    return out.getvalue()


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.splitlines()]


def export_markdown(sessions: Sequence[SessionRecord]) -> str:
    """A readable report: each session, each question with time, ratings and notes."""
    lines = ["# mockint practice sessions", ""]
    if not sessions:
        lines.append("No sessions.")
    for s in sessions:
        when = format.when(s.started_at, UTC) + " UTC"
        lines += [f"## {s.title or 'Practice session'} ({when})", ""]
        lines.append(f"- Session: `{s.id}`")
        lines.append(f"- Status: {s.status}")
        if s.pack or s.plan:
            lines.append(f"- Pack: {s.pack or '-'}; plan: {s.plan or '-'}")
        answered = sum(1 for a in s.answers if not a.skipped)
        lines.append(f"- Answered: {answered} of {format.plural(s.question_count, 'question')}")
        if s.tag:
            lines.append(f"- Target: {s.tag}")
        if s.ended_early:
            lines.append("- Ended early")
        if s.avg_rating is not None:
            lines.append(f"- Average rating: {s.avg_rating:.2f} / 5")
        lines.append("")
        for a in s.answers:
            lines += [f"### {a.index + 1}. {a.question_text}", ""]
            if a.skipped:
                lines += ["Skipped.", ""]
                continue
            timing = f"Time: {format.mmss(a.elapsed_seconds)} of {format.mmss(a.target_seconds)}"
            if a.overtime_seconds > 0:
                timing += f" ({format.overtime(a.overtime_seconds)} overtime)"
            lines.append(f"- {timing}")
            if a.ratings:
                lines.append("- Ratings: " + ", ".join(f"{k} {v}" for k, v in a.ratings.items()))
            if a.overall is not None:
                lines.append(f"- Overall: {a.overall} / 5")
            if a.follow_ups_asked:
                lines.append("- Follow-ups asked: " + "; ".join(a.follow_ups_asked))
            lines.append("")
            if a.typed_points.strip():
                lines += ["Points:", "", *_quote(a.typed_points), ""]
            if a.notes.strip():
                lines += ["Notes:", "", *_quote(a.notes), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


@dataclass
class ImportReport:
    """What an import did: sessions added; already present with the same content (unchanged) or
    with other content (conflicts, kept as stored)."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    answers_added: int = 0


def import_file(fh: IO[str], store: Store, *, source: str = "<input>") -> ImportReport:
    """Validate an export while adding its new sessions in ONE transaction (all or nothing),
    reading `fh` a piece at a time so memory stays bounded whatever the file's size.

    Raises MockintError (exit 2) naming each bad field; nothing is written then. Importing the
    same file twice adds nothing the second time.
    """
    merged = store.import_sessions(iter_export(fh, source=source))
    return ImportReport(added=merged.added, unchanged=merged.unchanged, conflicts=merged.conflicts,
                        answers_added=merged.answers_added)


def import_json(text: str, store: Store, *, source: str = "<input>") -> ImportReport:
    """`import_file` of an export held in a string."""
    return import_file(io.StringIO(text), store, source=source)
