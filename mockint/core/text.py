"""Text rules shared by every untrusted file: normalise line endings, refuse control characters."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

# C0 controls except tab (\x09) and newline (\x0a), DEL, and C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def find_control(text: str) -> int | None:
    """Index of the first forbidden control character, or None."""
    m = _CONTROL.search(text)
    return m.start() if m else None


_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def find_any_control(text: str) -> int | None:
    """Index of the first control character, tab and newline included, or None."""
    m = _ANY_CONTROL.search(text)
    return m.start() if m else None


def one_line(text: str, replacement: str = "?") -> str:
    """`text` safe to draw as one terminal line: every control character (tab and newline
    too) replaced, so nothing from a file can move the cursor or change the terminal."""
    return _ANY_CONTROL.sub(replacement, text)


def escape_controls(text: str, *, keep_lines: bool = False) -> str:
    """Control characters written out as `\\uXXXX`: shown literally, never acted on by a terminal.

    With `keep_lines`, tab and newline stay (multi-line text); otherwise every one is escaped.
    """
    pattern = _CONTROL if keep_lines else _ANY_CONTROL
    return pattern.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Everything that is not printable ASCII is looked at one character at a time.
_NOT_PLAIN = re.compile("[^\x20-\x7e]")
# Controls, format characters (bidirectional overrides, zero-width characters, ...), line and
# paragraph separators, lone surrogates.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _listing_escape(match: re.Match[str]) -> str:
    import unicodedata

    ch = match.group(0)
    short = _SHORT_ESCAPES.get(ch)
    if short is not None:
        return short
    if unicodedata.category(ch) in _HIDDEN_CATEGORIES:
        return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
    return ch


def escape_for_listing(text: str) -> str:
    """`text` as one line of a table or listing that text from others cannot forge.

    Line breaks and tabs read `\\n`, `\\r`, `\\t`; other control characters and the invisible
    format characters (bidirectional overrides such as U+202E, zero-width characters, line and
    paragraph separators) read `\\uXXXX`. Visible characters, accents and emoji stay as they are.
    """
    if text.isascii() and text.isprintable():
        return text
    return _NOT_PLAIN.sub(_listing_escape, text)


def describe_char(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def is_slug(value: str) -> bool:
    return SLUG_RE.fullmatch(value) is not None


def slugify(text: str, max_len: int = 64) -> str:
    """Lowercase ASCII slug of `text` (may be empty if nothing survives)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_len].strip("-")
    return slug


def value_kind(value: Any) -> str:
    """How a value's type is named in messages: 'a string', 'an integer', ... (bool is not an integer)."""
    t = type(value)
    if t is bool:
        return "a boolean"
    if t is int:
        return "an integer"
    if t is float:
        return "a float"
    if t is str:
        return "a string"
    if t is list:
        return "an array"
    if t is dict:
        return "a table"
    if t is _dt.datetime:
        return "a date-time"
    if t is _dt.date:
        return "a date"
    if t is _dt.time:
        return "a time"
    return f"a {t.__name__}"
