"""Text helpers the importers share: HTML made plain, what reads as a question, clipping."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mockint.core.packs.placeholders import literal

#: Words a question or prompt often starts with (docs/pack-format.md, "Markdown").
PROMPT_WORDS = frozenset(
    ["tell", "describe", "explain", "walk", "give", "share", "how", "what", "why", "when", "which", "who", "name", "list", "design", "estimate", "imagine", "can", "could", "would", "do", "did", "is", "are", "have"]
)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_SEPARATORS = re.compile(r"^[\s|/·•,;:()\[\]\-–—]*$")


def is_question_like(text: str) -> bool:
    """Holds a question mark (also the full-width one) or starts with a prompt word."""
    if "?" in text or "？" in text:
        return True
    m = _FIRST_WORD.search(text[:40])
    return m is not None and m.start() <= 4 and m.group(0).lower() in PROMPT_WORDS


def is_separator_text(text: str) -> bool:
    """Text found between links in a list of links (`|`, `·`, commas, white space)."""
    return _SEPARATORS.match(text) is not None


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Plain(HTMLParser):
    _BREAKS = frozenset({"br"})
    _BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol", "table"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self, code_literal: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.code_literal = code_literal
        self.parts: list[str] = []
        self.code = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS or (tag in self._BLOCKS and self.parts and not self.parts[-1].endswith("\n")):
            self.parts.append("\n")
        if tag in ("code", "pre"):
            self.code += 1
        if tag in self._SKIP:
            self.skip += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre") and self.code:
            self.code -= 1
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag in self._BLOCKS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(literal(data) if self.code and self.code_literal else data)


def html_to_text(value: str, *, code_literal: bool = True) -> str:
    """HTML as plain text: `<br>` and blocks become newlines, entities decoded, tags dropped.

    Text inside `<code>`/`<pre>` gets its braces doubled (unless `code_literal` is false), so
    it is never a placeholder.
    """
    if "<" not in value and "&" not in value:
        return value
    if "<" not in value:
        return html.unescape(value)
    parser = _Plain(code_literal)
    parser.feed(value)
    parser.close()
    text = "".join(parts for parts in parser.parts).replace("\xa0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
