"""Backgrounder placeholders in question text: `{about}`, `{quantitative}`, `{qualitative}`.

Only those three are placeholders (docs/pack-format.md, "Placeholders"). `{{` and `}}` stand
for literal braces; every other brace is literal text, so questions about code
(`function Person(){}`, `{n: 1}`) read exactly as written. A `{word}` close to a
placeholder name is only a warning, with a did-you-mean.
"""

from __future__ import annotations

import difflib
import re

KNOWN = ("about", "quantitative", "qualitative")
# `{{` and `}}` first, so `{{about}}` is a literal `{about}`; then a placeholder candidate `{word}`.
_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_ -]{0,40})\}")


def _near(name: str) -> str | None:
    """The placeholder `name` was probably meant to be, or None."""
    lowered = name.strip().lower()
    if lowered in KNOWN:
        return lowered
    close = difflib.get_close_matches(lowered, KNOWN, n=1, cutoff=0.75)
    return close[0] if close else None


def scan(text: str) -> tuple[set[str], list[tuple[int, str]]]:
    """(placeholders used, [(offset, warning)]) for `text`: warnings are near misses only."""
    used: set[str] = set()
    near: list[tuple[int, str]] = []
    for m in _TOKEN.finditer(text):
        name = m.group(1)
        if name is None:
            continue
        if name in KNOWN:
            used.add(name)
            continue
        meant = _near(name)
        if meant is not None:
            near.append(
                (m.start(), f"{{{name}}} is shown as written, not replaced: did you mean the placeholder {{{meant}}}?")
            )
    return used, near


def placeholders_in(text: str) -> frozenset[str]:
    if "{" not in text:
        return frozenset()
    return frozenset(scan(text)[0])


def fill(text: str, values: dict[str, str]) -> str:
    """Replace placeholders with `values` and `{{`/`}}` with literal braces; other braces stay."""
    if "{" not in text and "}" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "{{":
            return "{"
        if tok == "}}":
            return "}"
        name = m.group(1)
        if name in values:
            return values[name]
        return tok

    return _TOKEN.sub(sub, text)


def display(text: str) -> str:
    """The text as a person reads it: `{{`/`}}` as single braces, placeholders left as written."""
    return fill(text, {})


def literal(text: str) -> str:
    """`text` made free of placeholders: braces doubled (for code read from Markdown or CSV)."""
    return text.replace("{", "{{").replace("}", "}}")
