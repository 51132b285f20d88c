"""Read a question list written in Markdown (docs/pack-format.md, "Markdown") into the native raw shape.

The text is parsed as CommonMark by markdown-it-py (with the front-matter plugin), and the
reader walks the block tree. It only converts: it builds the dict a TOML file would give, with
the line of every heading and question, and the validator applies every rule.

How a list is read (the author's guide in docs/pack-format.md says the same):
- Name: the importer's option, else front matter `title`, else the title heading, else the
  file name. The title heading is the first heading when no question comes before it and it
  is a `#` heading or shallower than every other heading.
- Every other heading, whatever its level, starts a category. A heading whose slug an earlier
  category already has is named after its parent heading too ("CSS – Basics"), so sub-sections
  of different sections stay apart.
- Questions: top-level list items and paragraphs starting "Question:" or "Q:". A code block
  inside an item or right after a question belongs to it, verbatim; inline code keeps its
  backticks. Items nested under a question are its follow-ups (deeper levels flattened).
- Left out, each with a warning naming the line: items that are only links (translation
  lists), other paragraphs after the first category, quotes and tables, and — once per
  section — a section none of whose items reads as a question. `keep_all` keeps every item.
- Braces inside code are doubled, so code is never read as a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mockint.core.errors import Diagnostic
from mockint.core.format import plural
from mockint.core.packs.ids import MAX_ID, UniqueIds
from mockint.core.packs.md_blocks import Block, block_tree, front_matter
from mockint.core.packs.placeholders import literal
from mockint.core.packs.plain import clip, html_to_text, is_question_like, is_separator_text
from mockint.core.packs.source import MapLocator
from mockint.core.packs.validate_support import show
from mockint.core.text import normalise_newlines, slugify

_PROMPT = re.compile(r"^\s*(?:\*\*|__)?(question|q)\s*[:：]\s*(?:\*\*|__)?\s*", re.IGNORECASE)
_ANSWER = re.compile(r"^\s*(?:\*\*|__)?(answer|a)\s*[:：]\s*(?:\*\*|__)?\s*", re.IGNORECASE)
_TASK = re.compile(r"^\[[ xX]\]\s+")
MAX_TEXT = 1000
MAX_FOLLOW_UPS = 10

@dataclass
class _Question:
    text: str
    line: int
    category: str | None
    follow_ups: list[tuple[str, int]] = field(default_factory=list)
    guidance: str | None = None


@dataclass
class _Section:
    category: str | None
    title: str | None
    line: int
    questions: list[_Question] = field(default_factory=list)
    #: Code blocks that follow no question (kept in case the heading itself is the question).
    codes: list[Block] = field(default_factory=list)
    #: The category of the heading above this one (for a heading that is itself a question).
    parent: str | None = None


@dataclass
class _State:
    source: str
    keep_all: bool
    warnings: list[Diagnostic] = field(default_factory=list)
    front: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    title_line: int | None = None
    description: list[str] = field(default_factory=list)
    description_line: int | None = None
    categories: dict[str, tuple[str, int]] = field(default_factory=dict)
    sections: list[_Section] = field(default_factory=list)
    #: (level, title, category id) of the headings above the current one.
    parents: list[tuple[int, str, str | None]] = field(default_factory=list)
    last: _Question | None = None  # the question a following code block belongs to

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(Diagnostic(message, self.source, line, None, None, "warning"))

    @property
    def section(self) -> _Section:
        return self.sections[-1]


def read_markdown(
    text: str, *, source: str, pack_id: str, name: str | None, version: str,
    fallback_name: str = "", keep_all: bool = False,
) -> tuple[dict[str, Any], MapLocator, list[Diagnostic]]:
    """Convert Markdown to (raw pack dict, positions, reader warnings)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    if text.startswith("\ufeff"):
        text = text[1:]
    parser = MarkdownIt("commonmark").use(front_matter_plugin)
    blocks = block_tree(parser.parse(normalise_newlines(text)))
    st = _State(source, keep_all)
    st.sections.append(_Section(None, None, 1))
    title_at = _title_heading(blocks)
    for index, node in enumerate(blocks):
        _block(st, node, index == title_at)
    return _build(st, pack_id=pack_id, name=name, version=version, fallback_name=fallback_name)


def _line(node: Block) -> int:
    mapped = node.map
    return mapped[0] + 1 if mapped else 1


def _title_heading(blocks: list[Block]) -> int | None:
    """Index of the heading that names the pack, or None."""
    first: int | None = None
    deepest_other = 7
    for i, node in enumerate(blocks):
        if node.type == "heading":
            level = int(node.token.tag[1])
            if first is None:
                first = i
            else:
                deepest_other = min(deepest_other, level)
        elif (first is None and node.type in ("bullet_list", "ordered_list")) or (first is None and node.type == "paragraph" and _PROMPT.match(_inline(node)[0])):
            return None
    if first is None:
        return None
    level = int(blocks[first].token.tag[1])
    return first if level == 1 or level < deepest_other else None


def _block(st: _State, node: Block, is_title: bool) -> None:
    kind = node.type
    if kind == "front_matter":
        st.front = front_matter(node.token.content)
    elif kind == "heading":
        st.last = None
        title, _ = _inline(node)
        title = " ".join(title.split())
        if is_title:
            st.title, st.title_line = title, _line(node)
        elif not _ANSWER.match(title):  # "#### Answer: C" under a quiz question is no category
            _category(st, int(node.token.tag[1]), title, _line(node))
    elif kind in ("bullet_list", "ordered_list"):
        st.last = None
        links: list[tuple[int, str]] = []
        for item in node.children:
            _item(st, item, links)
        if len(links) == 1:
            st.warn(links[0][0], f"list item {show(clip(links[0][1], 60))} left out: it holds only links")
        elif links:
            st.warn(
                links[0][0],
                f"{len(links)} list items left out (lines {links[0][0]}–{links[-1][0]}): they hold only links",
            )
    elif kind == "paragraph":
        _paragraph(st, node)
    elif kind in ("fence", "code_block"):
        if st.last is not None:
            _attach_code(st, st.last, node)
        else:
            st.section.codes.append(node)
    elif kind == "html_block":
        # Comments and badges are layout, not content; a centred `<h1>` banner can name the pack.
        banner = _H1.search(node.token.content) if st.title is None and len(st.sections) == 1 else None
        if banner and html_to_text(banner.group(1)).strip():
            st.title, st.title_line = " ".join(html_to_text(banner.group(1)).split()), _line(node)
    elif kind == "hr":
        return
    else:
        st.last = None
        st.warn(_line(node), f"{_KIND_NAMES.get(kind, kind)} left out: only list items and \"Question:\" paragraphs are questions")


_KIND_NAMES = {"blockquote": "quote", "table": "table"}


def _category(st: _State, level: int, title: str, line: int) -> None:
    while st.parents and st.parents[-1][0] >= level:
        st.parents.pop()
    parent, parent_id = (st.parents[-1][1], st.parents[-1][2]) if st.parents else (None, None)
    if not title:
        st.warn(line, "empty heading: its items join the section before it")
        return
    cid = slugify(title, MAX_ID)
    name = title
    if cid in st.categories and parent is not None:
        name = f"{parent} – {title}"
        cid = slugify(name, MAX_ID)
    if not cid:
        cid = f"category-{len(st.categories) + 1}"
    name = clip(name, 120)
    known = st.categories.get(cid)
    if known is None:
        st.categories[cid] = (name, line)
    elif known[0] != name:
        st.warn(line, f"heading {show(name)} has the same id {show(cid)} as {show(known[0])} (line {known[1]}): merged")
    st.parents.append((level, title, cid))
    st.sections.append(_Section(cid, name, line, parent=parent_id))


def _item(st: _State, item: Block, links: list[tuple[int, str]]) -> None:
    line = _line(item)
    text = ""
    links_only = False
    codes: list[Block] = []
    follow_ups: list[tuple[str, int]] = []
    for child in item.children:
        if child.type == "paragraph" and not text:
            text, links_only = _inline(child)
            text = _TASK.sub("", text)
        elif child.type in ("fence", "code_block"):
            codes.append(child)
        elif child.type in ("bullet_list", "ordered_list"):
            _follow_ups(child, follow_ups)
        elif child.type == "paragraph":
            st.warn(_line(child), "paragraph inside a list item left out: the item's first paragraph is its question")
    if not text.strip():
        st.warn(line, "empty list item left out")
        return
    if links_only and not st.keep_all:
        links.append((line, text))
        return
    question = _Question(text.strip(), line, st.section.category, follow_ups)
    for code in codes:
        _attach_code(st, question, code)
    st.section.questions.append(question)
    st.last = question


def _follow_ups(node: Block, out: list[tuple[str, int]]) -> None:
    for item in node.children:
        for child in item.children:
            if child.type == "paragraph":
                text, _ = _inline(child)
                if text.strip():
                    out.append((text.strip(), _line(child)))
                break
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                _follow_ups(child, out)


def _paragraph(st: _State, node: Block) -> None:
    text, links_only = _inline(node)
    line = _line(node)
    prompt = _PROMPT.match(text)
    if prompt:
        question = _Question(text[prompt.end():].strip(), line, st.section.category)
        if question.text:
            st.section.questions.append(question)
            st.last = question
            return
    answer = _ANSWER.match(text)
    if answer and st.last is not None and st.last.guidance is None:
        st.last.guidance = text[answer.end():].strip() or None
        return
    st.last = None
    if links_only:
        st.warn(line, f"{show(clip(text, 60))} left out: it holds only links")
    elif st.section.title is None and not st.section.questions:
        if st.description_line is None:
            st.description_line = line
        st.description.append(text.strip())
    else:
        st.warn(line, "paragraph left out: only list items and \"Question:\" paragraphs are questions")


def _attach_code(st: _State, question: _Question, node: Block) -> None:
    tok = node.token
    fence = tok.markup if node.type == "fence" and tok.markup else "```"
    info = tok.info.strip() if node.type == "fence" else ""
    body = tok.content.rstrip("\n")
    question.text = f"{question.text}\n{fence}{info}\n{literal(body)}\n{fence}"


def _inline(node: Block) -> tuple[str, bool]:
    """(plain text of a block's inline content, whether it holds only links)."""
    parts: list[str] = []
    links = 0
    outside = False
    depth = 0  # inside a link
    children = node.inline.children if node.inline is not None else None
    for child in children or ():
        kind = child.type
        if kind == "text":
            parts.append(child.content)
            if not depth and not outside and not is_separator_text(child.content):
                outside = True
        elif kind == "code_inline":
            mark = child.markup or "`"
            body = child.content
            pad = " " if body.startswith("`") or body.endswith("`") else ""
            parts.append(f"{mark}{pad}{literal(body)}{pad}{mark}")
            outside = outside or not depth
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            links += 1
            depth += 1
        elif kind == "link_close":
            depth = max(0, depth - 1)
        elif kind == "image":
            links += 0 if depth else 1
        elif kind == "html_inline" and child.content.lower().replace(" ", "").startswith("<br"):
            parts.append("\n")
    text = "".join(parts)
    if not links:
        return text, False
    # A language switcher ("[English](README.md) | 日本語") is a list of links too.
    switcher = "|" in text and all(len(seg.split()) <= 3 for seg in re.split(r"[|·•]", text))
    return text, switcher or not outside


def _build(
    st: _State, *, pack_id: str, name: str | None, version: str, fallback_name: str
) -> tuple[dict[str, Any], MapLocator, list[Diagnostic]]:
    loc = MapLocator()
    chosen = name or st.front.get("title") or st.title or fallback_name or pack_id
    if name is None and "title" not in st.front and st.title and st.title_line is not None:
        loc.add(("pack", "name"), st.title_line)
    info: dict[str, Any] = {"id": pack_id, "name": clip(chosen, 120), "version": version}
    description = st.front.get("description") or "\n\n".join(st.description)
    if description:
        info["description"] = clip(description, 4000)
        if st.description_line is not None and "description" not in st.front:
            loc.add(("pack", "description"), st.description_line)
    raw: dict[str, Any] = {"format": 1, "pack": info}
    kept = _kept_sections(st)
    used_categories = {q.category for s in kept for q in s.questions if q.category is not None}
    if used_categories:
        raw["categories"] = []
        for cid, (cname, line) in st.categories.items():
            if cid in used_categories:
                loc.add(("categories", len(raw["categories"])), line)
                raw["categories"].append({"id": cid, "name": cname})
    questions: list[dict[str, Any]] = []
    ids = UniqueIds()
    for section in kept:
        for q in section.questions:
            entry = _question(st, q, loc, len(questions), ids)
            if entry is not None:
                questions.append(entry)
    raw["questions"] = questions
    return raw, loc, st.warnings


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S | re.I)
_NUMBERED = re.compile(r"^\s*(?:\d{1,4}|[A-Za-z])[.)]\s+")


def _kept_sections(st: _State) -> list[_Section]:
    kept: list[_Section] = []
    headings = 0
    for section in st.sections:
        asks = st.keep_all or any(is_question_like(q.text) for q in section.questions)
        if not asks and _heading_question(st, section):
            headings += 1
            kept.append(section)
            continue
        for code in section.codes:
            st.warn(_line(code), "code block left out: it follows no question")
        if not section.questions:
            continue
        if not asks:
            what = f"section {show(section.title)}" if section.title else "the items before the first heading"
            st.warn(
                section.line,
                f"{what} left out: {_none_of(len(section.questions))} as a question "
                "(keep everything to import it anyway)",
            )
            continue
        kept.append(section)
    if headings:
        st.warn(None, f"{plural(headings, 'heading')} that ask a question (with code or numbered, and no questions "
                      "under them) read as questions, with their code and options")
    return kept


def _heading_question(st: _State, section: _Section) -> bool:
    """A heading such as `###### 1. What's the output?` over a code block and answer options is
    itself the question (many quiz lists are written so); the section becomes that question."""
    title = section.title or ""
    numbered = _NUMBERED.match(title)
    if not title.rstrip().endswith(("?", "？")) or not (section.codes or numbered):
        return False
    question = _Question(title[numbered.end():] if numbered else title, section.line, section.parent)
    for code in section.codes:
        _attach_code(st, question, code)
    if section.questions:
        question.text += "\n" + "\n".join(f"- {q.text}" for q in section.questions)
    section.questions = [question]
    return True


def _none_of(n: int) -> str:
    return "its only item does not read" if n == 1 else f"none of its {n} items reads"


def _question(st: _State, q: _Question, loc: MapLocator, i: int, ids: UniqueIds) -> dict[str, Any] | None:
    if len(q.text) > MAX_TEXT:
        st.warn(q.line, f"question left out: {len(q.text)} characters, more than the {MAX_TEXT} a question may have")
        return None
    head = q.text.split("\n", 1)[0]
    entry: dict[str, Any] = {"id": ids.make(slugify(head, MAX_ID), f"q-{i + 1}"), "text": q.text}
    if q.category is not None:
        entry["category"] = q.category
    follow_ups = [(t, line) for t, line in q.follow_ups if len(t) <= MAX_TEXT]
    if len(follow_ups) < len(q.follow_ups):
        st.warn(q.line, f"follow-ups longer than {MAX_TEXT} characters left out")
    if len(follow_ups) > MAX_FOLLOW_UPS:
        st.warn(follow_ups[MAX_FOLLOW_UPS][1], f"only the first {MAX_FOLLOW_UPS} follow-ups of a question are kept")
        follow_ups = follow_ups[:MAX_FOLLOW_UPS]
    if follow_ups:
        entry["follow_ups"] = [t for t, _ in follow_ups]
        for k, (_, line) in enumerate(follow_ups):
            loc.add(("questions", i, "follow_ups", k), line)
    if q.guidance:
        entry["guidance"] = clip(q.guidance, 4000)
    loc.add(("questions", i), q.line)
    return entry
