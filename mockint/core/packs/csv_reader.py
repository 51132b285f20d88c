"""Read a question pack from CSV or TSV (pack-format.md, section 6) into the native raw shape.

Like the Markdown reader this only converts; the validator applies every rule, and the
positions it reports for a CSV pack are (row, column): the header is row 1, and a row is one
*record*, so a quoted cell that spans several lines still counts as one row (what a
spreadsheet shows). Columns are numbered from 1.

Decisions beyond the spec:
- Blank rows (every cell empty) are skipped: spreadsheets often leave some at the end.
- A row with more cells than the header gets a warning and the extra cells are ignored;
  a row with fewer cells is read as if the missing ones were empty.
- `answer_seconds` / `prep_seconds` written as whole numbers (`120`, `-5`) become integers;
  anything else (`2m`, `90.5`) stays text, so the validator reports the type with its row.
- Empty pieces of `follow_ups` and `tags` (a trailing separator) are dropped.
- Two category values with the same slug (`Strategy`, `strategy`) are one category
  (the first spelling is its name; a warning names the other).
- A question or category whose text leaves nothing for a slug gets `q-N` / `category-N`.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from typing import Any

from mockint.core.errors import Diagnostic, MockintError
from mockint.core.packs.markdown_reader import MAX_ID, unique_id
from mockint.core.packs.source import MapLocator
from mockint.core.packs.validate_support import show
from mockint.core.text import normalise_newlines, slugify

COLUMNS = ("id", "text", "category", "follow_ups", "answer_seconds", "prep_seconds", "tags", "difficulty", "guidance")
ALIASES = {"question": "text"}
DELIMITERS = (",", "\t", ";")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_TAG_SPLIT = re.compile(r"[;,]")


def detect_delimiter(header_line: str) -> str:
    """The delimiter among comma, tab and semicolon that occurs most often outside quotes in the header."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    # Ties (including a one-column header) prefer comma, then tab, then semicolon.
    return max(DELIMITERS, key=lambda d: counts[d])


def read_csv(
    text: str, *, source: str, pack_id: str, name: str, version: str, delimiter: str | None = None
) -> tuple[dict[str, Any], MapLocator, list[Diagnostic]]:
    """Convert CSV/TSV text to (raw pack dict, positions, reader warnings).

    Raises MockintError (exit 2) for a missing header or `text` column, or unreadable CSV.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = normalise_newlines(text)
    if delimiter is None:
        delimiter = detect_delimiter(text.split("\n", 1)[0])
    elif delimiter not in DELIMITERS:
        raise ValueError(f"unsupported delimiter {delimiter!r}")
    records = _records(text, delimiter, source)
    warnings: list[Diagnostic] = []
    if not records or not any(cell.strip() for cell in records[0]):
        raise MockintError(
            "a header row is required, for example 'text,category,follow_ups'", path=source, line=1
        )
    columns = _columns(records[0], source, warnings)
    if "text" not in columns:
        found = ", ".join(show(c.strip()) for c in records[0][:20])
        raise MockintError(
            f"no \"text\" (or \"question\") column in the header; found {found}", path=source, line=1
        )
    return _build(records, columns, source=source, pack_id=pack_id, name=name, version=version, warnings=warnings)


def _records(text: str, delimiter: str, source: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records: list[list[str]] = []
    try:
        for row in reader:
            records.append(row)
    except csv.Error as exc:
        raise MockintError(f"unreadable CSV: {exc}", path=source, line=len(records) + 1) from None
    return records


def _columns(header: list[str], source: str, warnings: list[Diagnostic]) -> dict[str, int]:
    """Known column name -> 0-based index; warnings for unknown or repeated columns."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        label = cell.strip()
        key = ALIASES.get(label.lower(), label.lower())
        if not label:
            continue
        if key not in COLUMNS:
            close = difflib.get_close_matches(key, [*COLUMNS, *ALIASES], n=1, cutoff=0.75)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            warnings.append(
                Diagnostic(f"unknown column {show(label)} ignored{hint}", source, 1, index + 1, None, "warning")
            )
        elif key in columns:
            warnings.append(
                Diagnostic(f"column {show(label)} repeats an earlier column and is ignored", source, 1, index + 1, None, "warning")
            )
        else:
            columns[key] = index
    return columns


def _seconds(value: str) -> int | str:
    return int(value) if _INTEGER.match(value) else value


def _build(
    records: list[list[str]],
    columns: dict[str, int],
    *,
    source: str,
    pack_id: str,
    name: str,
    version: str,
    warnings: list[Diagnostic],
) -> tuple[dict[str, Any], MapLocator, list[Diagnostic]]:
    loc = MapLocator()
    categories: dict[str, dict[str, str]] = {}
    questions: list[dict[str, Any]] = []
    width = len(records[0])
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            warnings.append(
                Diagnostic(
                    f"row has {len(record)} cells but the header has {width}: the extra cells are ignored",
                    source, row_number, width + 1, None, "warning",
                )
            )
        cells = {key: record[idx] if idx < len(record) else "" for key, idx in columns.items()}
        i = len(questions)
        entry: dict[str, Any] = {"text": cells["text"]}
        if cells.get("id", "").strip():
            entry["id"] = cells["id"].strip()
        category = cells.get("category", "").strip()
        if category:
            entry["category"] = _category(category, categories, loc, row_number, columns, source, warnings)
        follow_ups = [f.strip() for f in cells.get("follow_ups", "").split(" | ") if f.strip()]
        if follow_ups:
            entry["follow_ups"] = follow_ups
        for key in ("answer_seconds", "prep_seconds"):
            value = cells.get(key, "").strip()
            if value:
                entry[key] = _seconds(value)
        tags = [t.strip() for t in _TAG_SPLIT.split(cells.get("tags", "")) if t.strip()]
        if tags:
            entry["tags"] = tags
        for key in ("difficulty", "guidance"):
            value = cells.get(key, "")
            if value.strip():
                entry[key] = value.strip() if key == "difficulty" else value
        loc.add(("questions", i), row_number)
        for key, idx in columns.items():
            loc.add(("questions", i, key), row_number, idx + 1)
        questions.append(entry)
    _assign_ids(questions)
    info: dict[str, Any] = {"id": pack_id, "name": name, "version": version}
    raw: dict[str, Any] = {"format": 1, "pack": info}
    if categories:
        raw["categories"] = list(categories.values())
    raw["questions"] = questions
    return raw, loc, warnings


def _category(
    value: str,
    categories: dict[str, dict[str, str]],
    loc: MapLocator,
    row_number: int,
    columns: dict[str, int],
    source: str,
    warnings: list[Diagnostic],
) -> str:
    same_name = [c["id"] for c in categories.values() if c["name"] == value]
    cid = same_name[0] if same_name else slugify(value) or f"category-{len(categories) + 1}"
    known = categories.get(cid)
    if known is None:
        loc.add(("categories", len(categories)), row_number, columns["category"] + 1)
        categories[cid] = {"id": cid, "name": value}
    elif known["name"] != value:
        warnings.append(
            Diagnostic(
                f"category {show(value)} has the same id {show(cid)} as {show(known['name'])}: merged",
                source, row_number, columns["category"] + 1, None, "warning",
            )
        )
    return cid


def _assign_ids(questions: list[dict[str, Any]]) -> None:
    """Questions without an `id` cell get the slug of their text, unique among all ids."""
    used = {q["id"] for q in questions if "id" in q}
    for i, q in enumerate(questions):
        if "id" not in q:
            q["id"] = unique_id(slugify(str(q["text"]), MAX_ID), used, f"q-{i + 1}")
    # Keep the native key order (id first) so exported and diagnosed packs read naturally.
    for i, q in enumerate(questions):
        questions[i] = {"id": q.pop("id"), **q}
