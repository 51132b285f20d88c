"""Backgrounder placeholders in question text: `{about}`, `{quantitative}`, `{qualitative}`."""

from __future__ import annotations

import re

KNOWN = ("about", "quantitative", "qualitative")
# `{{` and `}}` are literal braces; `{name}` is a placeholder; anything else with a brace is examined.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def scan(text: str) -> tuple[set[str], list[tuple[int, str]]]:
    """(known placeholders used, [(offset, problem)]) for `text`."""
    used: set[str] = set()
    problems: list[tuple[int, str]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok in ("{{", "}}"):
            continue
        name = m.group(1)
        if name is None:
            problems.append((m.start(), f"lone {tok!r}: write {tok * 2!r} for a literal brace"))
        elif name in KNOWN:
            used.add(name)
        else:
            problems.append(
                (m.start(), f"unknown placeholder {{{name}}}: expected one of {{about}}, {{quantitative}}, {{qualitative}} (write {{{{ and }}}} for literal braces)")
            )
    return used, problems


def placeholders_in(text: str) -> frozenset[str]:
    return frozenset(scan(text)[0])


def fill(text: str, values: dict[str, str]) -> str:
    """Replace placeholders with `values` and `{{`/`}}` with literal braces."""

    def sub(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "{{":
            return "{"
        if tok == "}}":
            return "}"
        name = m.group(1)
        if name is not None and name in values:
            return values[name]
        return tok

    return _TOKEN.sub(sub, text)
