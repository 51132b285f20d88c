"""Read a question list from CSV, TSV or an Anki text export (docs/pack-format.md, "CSV and TSV").

Like the Markdown reader this only converts; the validator applies every rule. Positions are
the physical line where a row starts and the column (from 1); every message about a row also
names the row (the header is row 1), since a quoted cell may span several lines.

Decisions beyond the spec:
- The delimiter is the one among comma, tab and semicolon that splits the first rows into the
  same, largest number of cells (csv.Sniffer, limited to those three); Anki's `#separator:`
  line overrides it.
- Anki's header lines (`#separator:`, `#html:`, `#columns:`, `#tags column:`, `#deck:`, …)
  are read before the first row; `#columns:` names the columns when there is no header row.
- Fields are made plain text when the file says `#html:true`, or when a field holds HTML
  line breaks, closing tags or entities (spreadsheets never write those).
- Blank rows are skipped; a row with more cells than the header warns; fewer cells are empty.
- `answer_seconds` / `prep_seconds` written as whole numbers become integers; anything else
  stays text so the validator reports its row.
- Two category values with the same slug are one category (a warning names the other spelling).
- A question or category whose text leaves nothing for a slug gets `q-N` / `category-N`.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from mockint.core.errors import Diagnostic, MockintError
from mockint.core.packs.ids import MAX_ID, UniqueIds
from mockint.core.packs.placeholders import literal
from mockint.core.packs.plain import html_to_text
from mockint.core.packs.source import MapLocator
from mockint.core.packs.validate_support import show
from mockint.core.text import normalise_newlines, slugify

COLUMNS = ("id", "text", "category", "follow_ups", "answer_seconds", "prep_seconds", "tags", "difficulty", "guidance")
ALIASES = {"question": "text", "front": "text", "back": "guidance", "answer": "guidance"}
DELIMITERS = (",", "\t", ";")
_SEPARATOR_NAMES = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "colon": ":", "space": " "}
_ANKI_HEADER = re.compile(r"^#([a-z][a-z ]*):(.*)$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_TAG_SPLIT = re.compile(r"[;,]")
_LOOKS_HTML = re.compile(r"<br\s*/?>|</(?:div|p|span|b|i|u|li|ul|ol|code|pre|em|strong|sub|sup|font)>|&(?:nbsp|amp|lt|gt|quot|#\d+);", re.I)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


class CsvLocator(MapLocator):
    """Positions of a CSV pack, with the row number of each row's first line for messages."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, int] = {}

    def label(self, diagnostic: Diagnostic) -> Diagnostic:
        row = self.rows.get(diagnostic.line) if diagnostic.line is not None else None
        if row is None or diagnostic.message.startswith("row "):
            return diagnostic
        return Diagnostic(
            f"row {row}: {diagnostic.message}", diagnostic.path, diagnostic.line, diagnostic.col,
            diagnostic.key, diagnostic.severity,
        )


@dataclass
class _Anki:
    """What an Anki text export says about itself in its `#key:value` header lines."""

    separator: str | None = None
    html: bool | None = None
    columns: list[str] | None = None
    tags_column: int | None = None
    lines: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def detect_delimiter(sample: str) -> str:
    """Comma, tab or semicolon: the one that splits a header naming known columns, else the one
    that splits the first rows most consistently."""
    first = sample.split("\n", 1)[0]
    for delimiter in DELIMITERS:
        cells = first.split(delimiter)
        if len(cells) > 1 and _names_columns([c.strip('# "') for c in cells]):
            return delimiter
    try:
        dialect = csv.Sniffer().sniff(sample[:64 * 1024], delimiters="".join(DELIMITERS))
        if dialect.delimiter in DELIMITERS:
            return dialect.delimiter
    except csv.Error:
        pass
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return max(DELIMITERS, key=lambda d: counts[d])


def _anki_header(text: str) -> _Anki:
    anki = _Anki()
    offset = 0
    while True:
        end = text.find("\n", offset)
        line = text[offset:] if end < 0 else text[offset:end]
        m = _ANKI_HEADER.match(line)
        if m is None:
            break
        key, value = m.group(1).strip(), m.group(2).strip()
        if key == "separator":
            anki.separator = _SEPARATOR_NAMES.get(value.lower(), value[:1] or None)
        elif key == "html":
            anki.html = value.lower() == "true"
        elif key == "columns":
            anki.columns = [value]  # split once the separator is known
        elif key == "tags column" and value.isdigit():
            anki.tags_column = int(value)
        else:
            anki.extra[key] = value
        anki.lines += 1
        if end < 0:
            break
        offset = end + 1
    return anki


def read_csv(
    text: str, *, source: str, pack_id: str, name: str, version: str, delimiter: str | None = None
) -> tuple[dict[str, Any], CsvLocator, list[Diagnostic]]:
    """Convert CSV/TSV text to (raw pack dict, positions, reader warnings).

    Raises MockintError (exit 2) for a file without questions, no `text` column, or unreadable CSV.
    """
    if delimiter is not None and delimiter not in DELIMITERS:
        raise ValueError(f"unsupported delimiter {delimiter!r}")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = normalise_newlines(text)
    anki = _anki_header(text)
    parts = text.split("\n", anki.lines)
    body = parts[anki.lines] if len(parts) > anki.lines else ""
    delimiter = anki.separator or delimiter or detect_delimiter(body)
    records, starts = _records(body, delimiter, source, anki.lines)
    if anki.columns is not None:
        anki.columns = anki.columns[0].split(delimiter)
    warnings: list[Diagnostic] = []
    loc = CsvLocator()
    while records and not any(cell.strip() for cell in records[0]):
        records.pop(0)
        starts.pop(0)
    if not records:
        raise MockintError("no rows: the file holds no questions", path=source, line=anki.lines + 1)
    header = list(records[0])
    if header and header[0].startswith("#"):
        header[0] = header[0].lstrip("#").strip()  # Anki's "# FRONT<TAB>BACK" header row
    columns = _columns(header, source, starts[0], warnings) if _names_columns(header) else None
    first_row = 2
    if columns is None and anki.columns is not None:
        columns = _columns(anki.columns, source, anki.lines, warnings)
        records.insert(0, anki.columns)
        starts.insert(0, anki.lines)
    elif columns is None:
        widest = max(len(r) for r in records[:1000])
        if widest > 2 and anki.tags_column is None:
            found = ", ".join(show(c.strip()) for c in records[0][:20])
            raise MockintError(
                f"no \"text\" (or \"question\", \"front\") column in the header; found {found}",
                path=source, line=starts[0],
            )
        warnings.append(Diagnostic(
            "no header row naming the columns: each row is read as a question and, after it, its guidance",
            source, starts[0], None, None, "warning",
        ))
        columns = {"text": 0, "guidance": 1}
        records.insert(0, [])
        starts.insert(0, starts[0])
        first_row = 1
    if anki.tags_column is not None and "tags" not in columns:
        columns["tags"] = anki.tags_column - 1
    if "text" not in columns:
        found = ", ".join(show(c.strip()) for c in header[:20])
        raise MockintError(
            f"no \"text\" (or \"question\", \"front\") column in the header; found {found}", path=source, line=starts[0]
        )
    return _build(records, starts, columns, first_row, html=anki.html, anki=anki, loc=loc, source=source,
                  pack_id=pack_id, name=name, version=version, warnings=warnings)


def _names_columns(header: list[str]) -> bool:
    return any(ALIASES.get(c.strip().lower(), c.strip().lower()) in COLUMNS for c in header)


def _records(text: str, delimiter: str, source: str, offset: int) -> tuple[list[list[str]], list[int]]:
    """Every record and the physical line (1-based, in the whole file) where it starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records: list[list[str]] = []
    starts: list[int] = []
    previous = 0
    try:
        for row in reader:
            if row:
                records.append(row)
                starts.append(offset + previous + 1)
            previous = reader.line_num
    except csv.Error as exc:
        raise MockintError(
            f"row {len(records) + 1}: unreadable CSV: {exc}", path=source, line=offset + previous + 1
        ) from None
    return records, starts


def _columns(header: list[str], source: str, line: int, warnings: list[Diagnostic]) -> dict[str, int]:
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
                Diagnostic(f"row 1: unknown column {show(label)} ignored{hint}", source, line, index + 1, None, "warning")
            )
        elif key in columns:
            warnings.append(
                Diagnostic(f"row 1: column {show(label)} repeats an earlier column and is ignored", source, line, index + 1, None, "warning")
            )
        else:
            columns[key] = index
    return columns


def _seconds(value: str) -> int | str:
    return int(value) if _INTEGER.match(value) else value


def _plain(value: str, html: bool | None) -> str:
    """A field as plain text: HTML converted when the file says so or plainly holds HTML;
    code spans keep their backticks and are never placeholders."""
    if html or (html is None and _LOOKS_HTML.search(value)):
        value = html_to_text(value)
    if "`" in value and ("{" in value or "}" in value):
        value = _CODE_SPAN.sub(lambda m: m.group(1) + literal(m.group(2)) + m.group(1), value)
    return value


def _build(
    records: list[list[str]], starts: list[int], columns: dict[str, int], first_row: int, *,
    html: bool | None, anki: _Anki, loc: CsvLocator, source: str, pack_id: str, name: str, version: str,
    warnings: list[Diagnostic],
) -> tuple[dict[str, Any], CsvLocator, list[Diagnostic]]:
    categories: dict[str, dict[str, str]] = {}
    by_name: dict[str, str] = {}
    questions: list[dict[str, Any]] = []
    width = max(len(records[0]), max(columns.values(), default=0) + 1)
    anki_tags = anki.tags_column is not None and columns.get("tags") == anki.tags_column - 1
    for row_number, (record, line) in enumerate(zip(records[1:], starts[1:], strict=True), start=first_row):
        if not any(cell.strip() for cell in record):
            continue
        loc.rows[line] = row_number
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            warnings.append(Diagnostic(
                f"row {row_number}: {len(record)} cells but the header has {width}: the extra cells are ignored",
                source, line, width + 1, None, "warning",
            ))
        cells = {key: record[idx] if idx < len(record) else "" for key, idx in columns.items()}
        i = len(questions)
        entry: dict[str, Any] = {"text": _plain(cells["text"], html)}
        if cells.get("id", "").strip():
            entry["id"] = cells["id"].strip()
        category = cells.get("category", "").strip()
        if category:
            entry["category"] = _category(category, categories, by_name, loc, line, row_number, columns, source, warnings)
        follow_ups = [f.strip() for f in _plain(cells.get("follow_ups", ""), html).split(" | ") if f.strip()]
        if follow_ups:
            entry["follow_ups"] = follow_ups
        for key in ("answer_seconds", "prep_seconds"):
            value = cells.get(key, "").strip()
            if value:
                entry[key] = _seconds(value)
        tags = _tags(cells.get("tags", ""), anki_tags)
        if tags:
            entry["tags"] = tags
        difficulty = cells.get("difficulty", "").strip()
        if difficulty:
            entry["difficulty"] = difficulty
        guidance = _plain(cells.get("guidance", ""), html)
        if guidance.strip():
            entry["guidance"] = guidance
        loc.add(("questions", i), line)
        for key, idx in columns.items():
            loc.add(("questions", i, key), line, idx + 1)
        questions.append(entry)
    _assign_ids(questions)
    info: dict[str, Any] = {"id": pack_id, "name": name, "version": version}
    raw: dict[str, Any] = {"format": 1, "pack": info}
    if categories:
        raw["categories"] = list(categories.values())
    raw["questions"] = questions
    return raw, loc, warnings


def _tags(value: str, anki: bool) -> list[str]:
    """Tags of a cell: `;` or `,` separated; Anki's tags column is space separated and only
    tags that are slugs once lowercased are kept."""
    if not anki:
        return [t.strip() for t in _TAG_SPLIT.split(value) if t.strip()]
    out = []
    for tag in value.split():
        slug = tag.lower().replace("_", "-").replace("::", "-")
        if re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?", slug) and slug not in out:
            out.append(slug)
    return out[:20]


def _category(
    value: str, categories: dict[str, dict[str, str]], by_name: dict[str, str], loc: CsvLocator,
    line: int, row_number: int, columns: dict[str, int], source: str, warnings: list[Diagnostic],
) -> str:
    known_id = by_name.get(value)
    if known_id is not None:
        return known_id
    cid = slugify(value) or f"category-{len(categories) + 1}"
    known = categories.get(cid)
    if known is None:
        loc.add(("categories", len(categories)), line, columns["category"] + 1)
        categories[cid] = {"id": cid, "name": value}
    else:
        warnings.append(Diagnostic(
            f"row {row_number}: category {show(value)} has the same id {show(cid)} as {show(known['name'])}: merged",
            source, line, columns["category"] + 1, None, "warning",
        ))
    by_name[value] = cid
    return cid


def _assign_ids(questions: list[dict[str, Any]]) -> None:
    """Questions without an `id` cell get the slug of their text, unique among all ids."""
    ids = UniqueIds(q["id"] for q in questions if "id" in q)
    for i, q in enumerate(questions):
        if "id" not in q:
            q["id"] = ids.make(slugify(str(q["text"]).split("\n", 1)[0], MAX_ID), f"q-{i + 1}")
    # Keep the native key order (id first) so exported and diagnosed packs read naturally.
    for i, q in enumerate(questions):
        questions[i] = {"id": q.pop("id"), **q}
