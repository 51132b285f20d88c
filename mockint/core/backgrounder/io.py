"""The backgrounder's TOML format (docs/data-formats.md): strict parsing with positions, and writing.

Errors are collected, not stopped at: a refused file reports every problem at once,
each with its key path (`quantitative[1]`) and, where the text allows, line:col.
"""

from __future__ import annotations

import difflib
from typing import Any, Final

import tomli
import tomli_w

from mockint.core.backgrounder.model import (
    MAX_ENTRIES,
    MAX_ENTRY,
    MAX_HEADLINE,
    MAX_NAME,
    SECTIONS,
    Backgrounder,
)
from mockint.core.errors import Diagnostic, MockintError
from mockint.core.packs.source import KeyPath
from mockint.core.text import describe_char, find_control, normalise_newlines, value_kind

FORMAT: Final = 1
#: A backgrounder is a few kilobytes; anything near this is not one.
MAX_BYTES: Final = 1024 * 1024
KNOWN_KEYS: Final[tuple[str, ...]] = ("format", "name", "headline", *SECTIONS)

_HEADER = (
    "# mockint backgrounder (format 1): your press kit.\n"
    "# Edit it with `mockint backgrounder`; `mockint backgrounder check` gives advice.\n"
)


def parse_backgrounder(data: bytes, *, source: str) -> tuple[Backgrounder, list[Diagnostic]]:
    """Parse and validate a backgrounder file; returns (backgrounder, warnings).

    Raises MockintError (exit code 2) carrying every error found.
    """
    if len(data) > MAX_BYTES:
        raise MockintError(
            f"file is {len(data)} bytes; a backgrounder may be at most {MAX_BYTES}", path=source
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", "replace")
        line, col = _offset_to_line_col(before, len(before))
        raise MockintError("file is not valid UTF-8", path=source, line=line, col=col) from None
    text = normalise_newlines(text)
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise MockintError(
            f"TOML syntax error: {exc.msg}", path=source, line=exc.lineno, col=exc.colno
        ) from None
    except RecursionError:
        raise MockintError("TOML syntax error: arrays or tables nested too deeply", path=source) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise MockintError(f"TOML syntax error: {exc}", path=source) from None
    return from_dict(raw, source=source, locator=TomlLocator(text))


def from_dict(
    raw: dict[str, Any], *, source: str, locator: TomlLocator | None = None
) -> tuple[Backgrounder, list[Diagnostic]]:
    """Validate an already-parsed document (format-1 shape); returns (backgrounder, warnings)."""
    check = _Checker(source, locator)
    bg = Backgrounder()
    if "format" not in raw:
        check.error((), "required key `format` is missing; expected format = 1")
    else:
        fmt = raw["format"]
        if type(fmt) is not int:
            check.error(("format",), f"expected the integer 1, got {value_kind(fmt)}")
        elif fmt != FORMAT:
            check.error(("format",), f"unsupported format {fmt}; this version of mockint reads format 1")
    bg.name = check.line_text(raw, "name", MAX_NAME)
    bg.headline = check.line_text(raw, "headline", MAX_HEADLINE)
    for section in SECTIONS:
        bg.section(section).extend(check.entries(raw, section))
    for key in raw:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            check.warn((key,), f"unknown key ignored{hint}")
    if check.errors:
        raise MockintError(diagnostics=check.errors + check.warnings)
    return bg, check.warnings


def validate(bg: Backgrounder, *, source: str = "<backgrounder>") -> list[Diagnostic]:
    """Check an in-memory backgrounder against the file rules (raises MockintError if invalid)."""
    _, warnings = from_dict(to_dict(bg), source=source)
    return warnings


def to_dict(bg: Backgrounder) -> dict[str, Any]:
    """The format-1 document of a backgrounder (name/headline left out when unset)."""
    doc: dict[str, Any] = {"format": FORMAT}
    if bg.name is not None:
        doc["name"] = bg.name
    if bg.headline is not None:
        doc["headline"] = bg.headline
    for section in SECTIONS:
        doc[section] = list(bg.section(section))
    return doc


def to_toml(bg: Backgrounder) -> str:
    """The backgrounder as format-1 TOML; parse_backgrounder(to_toml(bg)) == bg for a valid one."""
    return _HEADER + tomli_w.dumps(to_dict(bg))


class _Checker:
    """Collects errors and warnings with key paths and positions."""

    def __init__(self, source: str, locator: TomlLocator | None) -> None:
        self.source = source
        self.locator = locator
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def _diag(self, path: KeyPath, message: str, severity: str) -> Diagnostic:
        line, col = self.locator.locate(path) if self.locator and path else (None, None)
        key = _key_name(path) or None
        return Diagnostic(
            message, self.source, line, col, key, "warning" if severity == "warning" else "error"
        )

    def error(self, path: KeyPath, message: str) -> None:
        self.errors.append(self._diag(path, message, "error"))

    def warn(self, path: KeyPath, message: str) -> None:
        self.warnings.append(self._diag(path, message, "warning"))

    def text(self, value: Any, path: KeyPath, limit: int, *, required: bool) -> str | None:
        """A stripped string, or None after recording an error (or when blank and optional)."""
        if type(value) is not str:
            self.error(path, f"expected a string, got {value_kind(value)}")
            return None
        text: str = normalise_newlines(value)
        bad = find_control(text)
        if bad is not None:
            self.error(
                path, f"control character {describe_char(text[bad])} at character {bad + 1} is not allowed"
            )
            return None
        text = text.strip()
        if not text:
            if required:
                self.error(path, f"is empty; expected 1..{limit} characters")
            return None
        if len(text) > limit:
            self.error(path, f"is {len(text)} characters long; at most {limit} allowed")
            return None
        return text

    def line_text(self, raw: dict[str, Any], key: str, limit: int) -> str | None:
        if key not in raw:
            return None
        value = self.text(raw[key], (key,), limit, required=False)
        if value is not None and "\n" in value:
            self.error((key,), "must be a single line")
            return None
        return value

    def entries(self, raw: dict[str, Any], key: str) -> list[str]:
        if key not in raw:
            return []
        value = raw[key]
        if not isinstance(value, list):
            self.error((key,), f"expected an array of strings, got {value_kind(value)}")
            return []
        if len(value) > MAX_ENTRIES:
            self.error((key,), f"has {len(value)} entries; at most {MAX_ENTRIES} allowed (3 recommended)")
        out: list[str] = []
        for index, item in enumerate(value):
            text = self.text(item, (key, index), MAX_ENTRY, required=True)
            if text is not None:
                out.append(text)
        return out


class TomlLocator:
    """Finds where a top-level key, or one element of its array, starts in the TOML text.

    Backgrounder files are flat, so a small scanner is enough; anything it cannot
    place falls back to the key's own line, or to no position at all.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        if not path or not isinstance(path[0], str):
            return (None, None)
        start = self._key_offset(path[0])
        if start is None:
            return (None, None)
        offset = start
        if len(path) > 1 and isinstance(path[1], int):
            eq = self.text.find("=", start)
            elements = _array_elements(self.text, eq + 1) if eq >= 0 else []
            if path[1] < len(elements):
                offset = elements[path[1]]
        return _offset_to_line_col(self.text, offset)

    def _key_offset(self, key: str) -> int | None:
        offset = 0
        for line in self.text.split("\n"):
            stripped = line.lstrip()
            if stripped.startswith("["):
                return None  # past the top level: a table header
            indent = len(line) - len(stripped)
            for quoted in (key, f'"{key}"', f"'{key}'"):
                rest = stripped[len(quoted) :].lstrip() if stripped.startswith(quoted) else ""
                if rest.startswith("="):
                    return offset + indent
            offset += len(line) + 1
        return None


def _array_elements(text: str, i: int) -> list[int]:
    """Offsets where the elements of the array starting at or after `i` begin."""
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i >= n or text[i] != "[":
        return []
    i += 1
    depth, expecting, found = 1, True, []
    while i < n and depth > 0:
        c = text[i]
        if c in " \t\n":
            i += 1
            continue
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c == ",":
            expecting = depth == 1 or expecting
            i += 1
            continue
        if depth == 1 and expecting and c != "]":
            found.append(i)
            expecting = False
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        i += 1
    return found


def _skip_string(text: str, i: int) -> int:
    """Offset just after the TOML string that starts at `i`."""
    quote = text[i]
    delim = quote * 3 if text.startswith(quote * 3, i) else quote
    j = i + len(delim)
    while j < len(text):
        if quote == '"' and text[j] == "\\":
            j += 2
            continue
        if text.startswith(delim, j):
            return j + len(delim)
        j += 1
    return j


def _offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _key_name(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out

