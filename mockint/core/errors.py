"""The one error type of the domain, with positions, and its compiler-style formatting."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

#: Exit codes of every command (`mockint --help`, docs/architecture.md).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


# Control characters (all but tab, including C1 such as U+0085) and the Unicode line and
# paragraph separators. Keys and values quoted from untrusted files end up in diagnostics:
# escaped, they cannot break the one-line format or reach the terminal as escape sequences.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _escape_unsafe(text: str) -> str:
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a file: where it is and what was expected."""

    message: str
    path: str | None = None
    line: int | None = None
    col: int | None = None
    key: str | None = None
    severity: Severity = "error"

    def format(self) -> str:
        """`PATH:LINE:COL: error: KEY: MESSAGE`, leaving out what is unknown."""
        where = self.path or "mockint"  # no file involved: the program speaks, as compilers do
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{self.key}: {self.message}" if self.key else self.message
        return _escape_unsafe(f"{where}: {self.severity}: {text}")

    def as_warning(self) -> Diagnostic:
        return Diagnostic(self.message, self.path, self.line, self.col, self.key, "warning")

    def as_error(self) -> Diagnostic:
        return Diagnostic(self.message, self.path, self.line, self.col, self.key, "error")


@dataclass
class MockintError(Exception):
    """Raised by core for bad input or a failed operation; never shown as a traceback.

    `diagnostics` holds every error found (at least one). `exit_code` is 2 for bad
    input and 1 for an operation that failed (I/O, conflict, nothing to resume).
    """

    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = EXIT_BAD_INPUT

    def __init__(
        self,
        message: str | None = None,
        *,
        path: str | None = None,
        line: int | None = None,
        col: int | None = None,
        key: str | None = None,
        diagnostics: Iterable[Diagnostic] | None = None,
        exit_code: int = EXIT_BAD_INPUT,
    ) -> None:
        diags = list(diagnostics or [])
        if message is not None:
            diags.insert(0, Diagnostic(message, path, line, col, key))
        if not diags:
            diags.append(Diagnostic("unknown error", path))
        self.diagnostics = diags
        self.exit_code = exit_code
        super().__init__(self.format())

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]

    @property
    def path(self) -> str | None:
        return self.first.path

    @property
    def line(self) -> int | None:
        return self.first.line

    @property
    def col(self) -> int | None:
        return self.first.col

    @property
    def key(self) -> str | None:
        return self.first.key

    @property
    def message(self) -> str:
        return self.first.message

    def format(self) -> str:
        """Every diagnostic, one per line."""
        return "\n".join(d.format() for d in self.diagnostics)

    def __str__(self) -> str:
        return self.format()


def failure(message: str, *, path: str | None = None) -> MockintError:
    """An operation failed (exit code 1) rather than the input being bad."""
    return MockintError(message, path=path, exit_code=EXIT_FAILED)
