"""The backgrounder as a one-page Markdown press kit.

User text is escaped so that it renders as the words typed: an entry can be one
bullet and nothing more (no headings, links, images, HTML or extra list items).
"""

from __future__ import annotations

import re
from typing import Final

from mockint.core.backgrounder.model import SECTION_TITLES, SECTIONS, Backgrounder

# Characters with inline meaning in CommonMark/GFM; escaping them everywhere is harmless.
_INLINE: Final = re.compile(r"([\\`*_\[\]<>|~!#])")
# At the start of a line these open a block (list item, quote, heading, rule, setext).
_BLOCK_START: Final = re.compile(r"^([-+=>]|\d+(?=[.)](?:\s|$)))")
_ENTITY: Final = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape_markdown(text: str) -> str:
    """`text` on one line, escaped so Markdown shows it literally."""
    flat = " ".join(text.split())
    flat = _INLINE.sub(r"\\\1", flat)
    flat = _ENTITY.sub("&amp;", flat)
    m = _BLOCK_START.match(flat)
    if m:
        token = m.group(1)
        # A digit run cannot be escaped itself; escape the `.` or `)` after it.
        flat = token + "\\" + flat[len(token) :] if token[0].isdigit() else "\\" + flat
    return flat


def to_markdown(bg: Backgrounder) -> str:
    """A one-page press kit: title, headline, then the three sections as bullet lists."""
    title = escape_markdown(bg.name) if bg.name and bg.name.strip() else "Press kit"
    lines = [f"# {title}", ""]
    if bg.headline and bg.headline.strip():
        lines += [escape_markdown(bg.headline), ""]
    for section in SECTIONS:
        lines += [f"## {SECTION_TITLES[section]}", ""]
        entries = [e for e in bg.section(section) if e.strip()]
        if entries:
            lines += [f"- {escape_markdown(e)}" for e in entries]
        else:
            lines.append("_Nothing here yet._")
        lines.append("")
    return "\n".join(lines)
