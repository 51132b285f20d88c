"""Read a native TOML pack: strict UTF-8, tomli, and a locator that finds key paths in the text.

Positions are 1-based (line, column). The locator indexes the text only when first asked,
which happens only when validation found something to report.
"""

from __future__ import annotations

import re
from typing import Any

from mockint.core.errors import MockintError
from mockint.core.packs.source import KeyPath

BOM = "\ufeff"


def decode_utf8(data: bytes, *, source: str) -> str:
    """The text of a pack file: strict UTF-8 without a leading BOM; MockintError (exit 2) with the position."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", "replace")) + 1
        raise MockintError(
            f"not valid UTF-8: byte 0x{data[start]:02X} at offset {start} ({exc.reason}); save the file as UTF-8",
            path=source,
            line=data.count(b"\n", 0, start) + 1,
            col=col,
        ) from None
    return text[1:] if text.startswith(BOM) else text


def read_toml(data: bytes | str, *, source: str) -> tuple[dict[str, Any], str]:
    """(parsed document, its text). Syntax errors become MockintError with the parser's line:col."""
    import tomli

    text = decode_utf8(data, source=source) if isinstance(data, bytes) else data.removeprefix(BOM)
    try:
        return tomli.loads(text), text
    except tomli.TOMLDecodeError as exc:
        message = getattr(exc, "msg", None) or str(exc)
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        raise MockintError(f"not valid TOML: {_lower_first(message)}", path=source, line=line, col=col) from None
    except RecursionError:
        raise MockintError("not valid TOML: arrays or tables nested too deeply", path=source) from None
    except ValueError as exc:
        # E.g. an integer with more digits than Python converts; tomli lets that through.
        raise MockintError(f"not valid TOML: {exc}", path=source) from None


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]


# One token of TOML as far as positions are concerned: strings are single tokens (they may hold
# brackets and `#`), numbers/dates/booleans/bare keys are runs, punctuation is single characters.
_TOKEN = re.compile(
    r"""
    (?P<nl>\r?\n)
  | (?P<ws>[ \t]+)
  | (?P<comment>\#[^\n]*)
  | (?P<mlb>\"\"\"(?:[^\\]|\\.)*?\"{3,5})
  | (?P<mll>'''.*?'{3,5})
  | (?P<bs>"(?:[^"\\\n]|\\.)*")
  | (?P<ls>'[^'\n]*')
  | (?P<punct>[\[\]{},=.])
  | (?P<bare>[A-Za-z0-9_+\-:]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str) -> Any:
    """(kind, token, line, col) for every token but blanks and comments."""
    line, line_start = 1, 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "ws" or kind == "comment":
            continue
        tok = m.group()
        yield kind, tok, line, m.start() - line_start + 1
        if kind == "nl":
            line, line_start = line + 1, m.end()
        elif kind in ("mlb", "mll") and "\n" in tok:
            line += tok.count("\n")
            line_start = m.start() + tok.rfind("\n") + 1


def _key_text(kind: str, tok: str) -> str:
    if kind == "bs":
        import tomli

        try:
            return str(tomli.loads(f"k = {tok}")["k"])
        except tomli.TOMLDecodeError:
            return tok[1:-1]
    if kind == "ls":
        return tok[1:-1]
    return tok


class TomlLocator:
    """Finds where a key path of the parsed document is written: `[[questions]]` headers by
    index, keys in tables and inline tables, and the items of arrays (plan steps, follow-ups).

    A path that is not written (a missing key) resolves to its nearest written parent.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._index: dict[KeyPath, tuple[int, int]] | None = None

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        if self._index is None:
            try:
                self._index = index_positions(self._text)
            except Exception:
                # Positions are a courtesy: a document this scanner misreads must still get its
                # messages, just without line numbers.
                self._index = {}
        for end in range(len(path), 0, -1):
            hit = self._index.get(path[:end])
            if hit is not None:
                return hit
        return (None, None)


def index_positions(text: str) -> dict[KeyPath, tuple[int, int]]:
    """Every key path written in (valid) TOML `text`, mapped to its (line, col)."""
    return _Indexer().run(text)


class _Indexer:
    """A small state machine over tokens; containers are an explicit stack (no recursion)."""

    def __init__(self) -> None:
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.table: KeyPath = ()
        # Last index of each array of tables, by its resolved path (so nested ones restart).
        self.aot: dict[KeyPath, int] = {}
        # Open arrays/inline tables: [kind, path, index].
        self.stack: list[list[Any]] = []
        self.mode = "start"
        self.parts: list[str] = []
        self.at = (0, 0)
        self.value_path: KeyPath = ()
        self.header_aot = False

    def run(self, text: str) -> dict[KeyPath, tuple[int, int]]:
        for kind, tok, line, col in _tokens(text):
            if kind == "nl":
                if not self.stack:
                    self.mode = "start"
                continue
            self.step(kind, tok, (line, col))
        return self.positions

    def step(self, kind: str, tok: str, at: tuple[int, int]) -> None:
        mode = self.mode
        if mode == "skip":
            return
        if mode == "start":
            if tok == "[":
                self.mode, self.parts, self.header_aot, self.at = "header", [], False, at
            else:
                self.begin_key(kind, tok, at)
        elif mode == "header":
            if tok == "[" and not self.parts:
                self.header_aot = True
            elif tok == "]":
                self.end_header()
            elif tok != ".":
                self.parts.append(_key_text(kind, tok))
        elif mode == "key":
            if tok == "=":
                base = self.stack[-1][1] if self.stack else self.table
                self.value_path = (*base, *self.parts)
                self.mark(self.value_path, len(base) + 1)
                self.mode = "value"
            elif tok != ".":
                self.parts.append(_key_text(kind, tok))
        elif mode == "value":
            self.begin_value(tok, at)
        elif mode == "inline_key":
            if tok == "}":
                self.close()
            elif tok != ",":
                self.begin_key(kind, tok, at)
        elif mode == "after" and self.stack:
            top = self.stack[-1]
            if top[0] == "array" and tok == ",":
                top[2] += 1
                self.value_path, self.mode = (*top[1], top[2]), "value"
            elif top[0] == "inline" and tok == ",":
                self.mode = "inline_key"
            elif tok in ("]", "}"):
                self.close()

    def begin_key(self, kind: str, tok: str, at: tuple[int, int]) -> None:
        self.mode, self.parts, self.at = "key", [_key_text(kind, tok)], at

    def begin_value(self, tok: str, at: tuple[int, int]) -> None:
        if tok == "]" and self.stack and self.stack[-1][0] == "array":
            self.close()  # an empty array, or a trailing comma
            return
        self.positions.setdefault(self.value_path, at)
        if tok == "[":
            self.stack.append(["array", self.value_path, 0])
            self.value_path = (*self.value_path, 0)
        elif tok == "{":
            self.stack.append(["inline", self.value_path, 0])
            self.mode = "inline_key"
        else:
            self.mode = "after"

    def close(self) -> None:
        self.stack.pop()
        self.mode = "after"

    def end_header(self) -> None:
        path: list[str | int] = []
        last = len(self.parts) - 1
        for n, part in enumerate(self.parts):
            path.append(part)
            current = tuple(path)
            if current in self.aot and (n < last or not self.header_aot):
                path.append(self.aot[current])
        if self.header_aot:
            key = tuple(path)
            index = self.aot.get(key, -1) + 1
            self.aot[key] = index
            path.append(index)
        self.table = tuple(path)
        self.mark(self.table, 1)
        self.mode = "skip"

    def mark(self, path: KeyPath, shortest: int) -> None:
        """Position `path` and the tables it defines on the way (`[a.b]` defines `a`; so does `a.b = 1`)."""
        for end in range(shortest, len(path) + 1):
            self.positions.setdefault(path[:end], self.at)
