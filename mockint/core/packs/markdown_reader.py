"""Read a question pack written in Markdown (pack-format.md, section 6) into the native raw shape.

The reader only converts: it builds the same dict a TOML file would give, plus the line of
every heading and list item, and leaves every rule to the validator so Markdown packs get
exactly the checks TOML packs get.

Decisions beyond the spec (documented for pack authors in docs/):
- A list item indented further than the question above it is a follow-up of that question,
  however deep (a third level is flattened into follow-ups of the question).
- A non-blank line straight after a list item (no blank line in between) continues that
  item's text, as in Markdown.
- List items before the first `## ` heading are questions without a category.
- A question or category whose text leaves nothing for a slug (only emoji, punctuation or
  non-Latin letters) gets the id `q-N` / `category-N`, N being its 1-based position.
- Two `## ` headings with the same slug are one category (a warning if the names differ).
- Fenced code blocks are skipped with one warning; a second `# ` heading and deeper
  headings are ignored with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mockint.core.errors import Diagnostic, MockintError
from mockint.core.packs.source import MapLocator
from mockint.core.packs.validate_support import show
from mockint.core.text import normalise_newlines, slugify

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)([-*+]|[0-9]{1,9}[.)])(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")

#: Longest generated question id: a slug is at most 64 characters.
MAX_ID = 64


def unique_id(base: str, used: set[str], fallback: str) -> str:
    """`base` (or `fallback` if empty), made unique among `used` with -2, -3, … and recorded."""
    base = base or fallback
    candidate = base
    n = 1
    while candidate in used:
        n += 1
        suffix = f"-{n}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    used.add(candidate)
    return candidate


def _indent_width(prefix: str) -> int:
    return len(prefix.expandtabs(4))


@dataclass
class _Question:
    text: str
    line: int
    col: int
    text_col: int
    indent: int
    category: str | None
    follow_ups: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class _Category:
    id: str
    name: str
    line: int


@dataclass
class _State:
    source: str
    warnings: list[Diagnostic] = field(default_factory=list)
    name: str | None = None
    name_line: int | None = None
    description: list[list[str]] = field(default_factory=list)
    description_line: int | None = None
    categories: list[_Category] = field(default_factory=list)
    questions: list[_Question] = field(default_factory=list)
    category: str | None = None
    seen_level2: bool = False

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Diagnostic(message, self.source, line, None, None, "warning"))


def read_markdown(
    text: str, *, source: str, pack_id: str, name: str | None, version: str
) -> tuple[dict[str, Any], MapLocator, list[Diagnostic]]:
    """Convert Markdown to (raw pack dict, positions, reader warnings).

    `name`, when given, overrides the first `# ` heading (which is then optional).
    Raises MockintError (exit 2) when there is no name at all.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    st = _State(source)
    _parse(normalise_newlines(text).split("\n"), st)
    if name is None and st.name is None:
        raise MockintError(
            "no pack name: the first heading must be a level-1 heading such as '# Behavioral classics' "
            "(or give the name when importing)",
            path=source,
            line=1,
        )
    return _build(st, pack_id=pack_id, name=name, version=version)


def _parse(lines: list[str], st: _State) -> None:
    current: _Question | None = None  # the question that follow-ups attach to
    last_item: tuple[_Question, int | None] | None = None  # item a continuation line extends
    paragraph: list[str] | None = None  # description paragraph being read
    closing: str | None = None  # end marker of a code block or HTML comment being skipped
    for lineno, line in enumerate(lines, start=1):
        if closing is not None:
            if (closing == "-->" and "-->" in line) or line.strip().startswith(closing):
                closing = None
            continue
        stripped = line.strip()
        if not stripped:
            last_item = paragraph = None
            continue
        if stripped.startswith("<!--"):
            # An HTML comment is invisible in Markdown, so it is skipped without a warning.
            if "-->" not in stripped[4:]:
                closing = "-->"
            continue
        m_fence = _FENCE.match(line)
        if m_fence:
            closing = m_fence.group(1)[0] * 3
            st.warn(lineno, "code block ignored: a pack holds headings, list items and a description")
            last_item = paragraph = None
            continue
        if paragraph is not None and len(paragraph) == 1 and _SETEXT.match(line):
            # "Title" underlined with === or --- is a heading, not description.
            title = paragraph[0]
            st.description.pop()
            if not st.description:
                st.description_line = None
            level = 1 if stripped[0] == "=" else 2
            current = last_item = paragraph = None
            _heading(st, level, title, lineno - 1)
            continue
        heading = _HEADING.match(line)
        if heading:
            current = last_item = paragraph = None
            _heading(st, len(heading.group(1)), (heading.group(2) or "").strip(), lineno)
            continue
        item = None if _RULE.match(line) else _ITEM.match(line)
        if item:
            paragraph = None
            indent = _indent_width(item.group(1))
            body = item.group(3) or ""
            col = indent + 1
            text_col = len(line) - len(body) + 1 if body else col
            if current is not None and indent > current.indent:
                current.follow_ups.append((body.strip(), lineno, text_col))
                last_item = (current, len(current.follow_ups) - 1)
            else:
                current = _Question(body.strip(), lineno, col, text_col, indent, st.category)
                st.questions.append(current)
                last_item = (current, None)
            continue
        if last_item is not None:
            _continue_item(last_item, stripped)
            continue
        if paragraph is not None:
            paragraph.append(stripped)
            continue
        if not st.seen_level2 and _indent_width(line[: len(line) - len(line.lstrip())]) < 4 and not _RULE.match(line):
            current = None
            paragraph = [stripped]
            st.description.append(paragraph)
            if st.description_line is None:
                st.description_line = lineno
            continue
        st.warn(lineno, "line ignored: not a heading, a list item, or part of the description")


def _continue_item(target: tuple[_Question, int | None], extra: str) -> None:
    question, index = target
    if index is None:
        question.text = f"{question.text} {extra}".strip()
    else:
        text, line, col = question.follow_ups[index]
        question.follow_ups[index] = (f"{text} {extra}".strip(), line, col)


def _heading(st: _State, level: int, title: str, lineno: int) -> None:
    if level == 1:
        if st.name is None:
            st.name, st.name_line = title, lineno
        else:
            st.warn(lineno, "second level-1 heading ignored: use '## ' for a category")
        return
    if level > 2:
        st.warn(lineno, f"level-{level} heading ignored: use '## ' for a category")
        return
    st.seen_level2 = True
    same_name = [c.id for c in st.categories if c.name == title]
    cid = same_name[0] if same_name else slugify(title) or f"category-{len(st.categories) + 1}"
    for cat in st.categories:
        if cat.id == cid:
            if cat.name != title:
                st.warn(lineno, f"heading {show(title)} has the same id {show(cid)} as {show(cat.name)} (line {cat.line}): merged")
            st.category = cid
            return
    st.categories.append(_Category(cid, title, lineno))
    st.category = cid


def _build(
    st: _State, *, pack_id: str, name: str | None, version: str
) -> tuple[dict[str, Any], MapLocator, list[Diagnostic]]:
    loc = MapLocator()
    info: dict[str, Any] = {"id": pack_id, "name": name if name is not None else st.name, "version": version}
    if name is None and st.name_line is not None:
        loc.add(("pack", "name"), st.name_line)
    if st.description:
        info["description"] = "\n\n".join(" ".join(p) for p in st.description)
        if st.description_line is not None:
            loc.add(("pack", "description"), st.description_line)
    raw: dict[str, Any] = {"format": 1, "pack": info}
    if st.categories:
        raw["categories"] = [{"id": c.id, "name": c.name} for c in st.categories]
        for j, c in enumerate(st.categories):
            loc.add(("categories", j), c.line)
    questions: list[dict[str, Any]] = []
    used: set[str] = set()
    for i, q in enumerate(st.questions):
        qid = unique_id(slugify(q.text, MAX_ID), used, f"q-{i + 1}")
        entry: dict[str, Any] = {"id": qid, "text": q.text}
        if q.category is not None:
            entry["category"] = q.category
        if q.follow_ups:
            entry["follow_ups"] = [f[0] for f in q.follow_ups]
            for k, (_, line, col) in enumerate(q.follow_ups):
                loc.add(("questions", i, "follow_ups", k), line, col)
        loc.add(("questions", i), q.line, q.col)
        loc.add(("questions", i, "text"), q.line, q.text_col)
        questions.append(entry)
    raw["questions"] = questions
    return raw, loc, st.warnings
