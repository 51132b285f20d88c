"""Reading a session export piece by piece: memory stays bounded whatever the file's size.

The export is one JSON object, `{"format": 1, "exported_at": ..., "sessions": [SESSION, ...]}`
(docs/data-formats.md). `read_export` walks its top level itself and hands each member, and each
SESSION of the array, to `json.JSONDecoder.raw_decode` on a window of the text, so only one
session is ever decoded at a time (a 100 MiB backup needs a few MiB of memory, not gigabytes).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from mockint.core.errors import MockintError

#: Characters read at a time; a value longer than that makes the window grow (doubling).
CHUNK = 1 << 20
_SPACE = " \t\n\r"


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


_DECODER = json.JSONDecoder(parse_constant=_constant)


class _Window:
    """The unread part of the text, refilled from the file; knows the line of its start."""

    def __init__(self, fh: IO[str], source: str) -> None:
        self._fh = fh
        self.source = source
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # line number of buf[0]
        self._line_start = 0  # offset in buf of the start of that line (may be negative)

    def _more(self) -> bool:
        if self.eof:
            return False
        want = max(CHUNK, len(self.buf) - self.pos)  # double a window that holds one big value
        try:
            data = self._fh.read(want)
        except UnicodeDecodeError as exc:
            raise MockintError(f"not UTF-8 text ({exc.reason}); not imported", path=self.source) from None
        if not data:
            self.eof = True
            return False
        done = self.buf[: self.pos]
        newlines = done.count("\n")
        if newlines:
            self._line += newlines
            self._line_start = done.rfind("\n") + 1 - self.pos
        else:
            self._line_start -= self.pos
        self.buf = self.buf[self.pos :] + data
        self.pos = 0
        return True

    def error(self, message: str, at: int | None = None) -> MockintError:
        at = self.pos if at is None else at
        before = self.buf[:at]
        line = self._line + before.count("\n")
        col = at - (before.rfind("\n") + 1) + 1 if "\n" in before else at - self._line_start + 1
        return MockintError(f"not valid JSON: {message}", path=self.source, line=line, col=col)

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the text)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, char: str, what: str) -> None:
        if self.peek() != char:
            found = self.peek()
            raise self.error(f"expected {what}, found {found!r}" if found else f"expected {what}, found the end")
        self.pos += 1

    def value(self) -> Any:
        """Decode the next JSON value, reading more text until it is complete."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                raise self.error(exc.msg, exc.pos) from None
            except ValueError as exc:  # NaN, Infinity
                raise self.error(str(exc)) from None
            except RecursionError:
                raise self.error("nested too deeply") from None
            # A number at the very end of the window may go on in the next chunk.
            if end == len(self.buf) and self._more():
                continue
            self.pos = end
            return value


def read_export(fh: IO[str], source: str) -> Iterator[tuple[str, Any]]:
    """The export's top-level members in file order: `(key, value)`, except that the sessions
    array yields `("session", SESSION)` once per element (and `("sessions", None)` if it is not a
    list, with the value in the second place then). MockintError (exit 2) for text that is not JSON.
    """
    w = _Window(fh, source)
    if w.peek() == "\ufeff":
        w.pos += 1
    if w.peek() != "{":
        found = w.value() if w.peek() else None
        raise MockintError(f"expected a JSON object with format and sessions, found {_show(found)}", path=source)
    w.pos += 1
    first = True
    while True:
        if w.peek() == "}":
            w.pos += 1
            break
        if not first:
            w.expect(",", "',' or '}'")
        first = False
        if w.peek() != '"':
            raise w.error("expected a key in double quotes")
        key = w.value()
        w.expect(":", "':'")
        if key == "sessions" and w.peek() == "[":
            yield from _array(w)
        else:
            yield key, w.value()
    if w.peek():
        raise w.error("extra data after the export")


def _array(w: _Window) -> Iterator[tuple[str, Any]]:
    w.pos += 1  # the '['
    yield "sessions", []
    if w.peek() == "]":
        w.pos += 1
        return
    while True:
        yield "session", w.value()
        if w.peek() == "]":
            w.pos += 1
            return
        w.expect(",", "',' or ']'")


def _show(value: Any) -> str:
    from mockint.core.history.io.fields import show

    return show(value)
