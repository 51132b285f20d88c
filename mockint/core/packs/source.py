"""How a reader tells the validator where a key came from, so errors carry line:col."""

from __future__ import annotations

from typing import Protocol

#: A key path into the raw pack dict, e.g. ("questions", 3, "answer_seconds").
KeyPath = tuple[str | int, ...]


class Locator(Protocol):
    """Maps a key path of the raw dict to a (line, col) in the source, 1-based, or (None, None)."""

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]: ...


class NoLocator:
    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        return (None, None)


class MapLocator:
    """A locator from explicit positions (used by the Markdown and CSV readers).

    Looks up the longest prefix of the path that has a known position, so an error
    deep inside question 3 still points at question 3's line (or CSV row).
    """

    def __init__(self, positions: dict[KeyPath, tuple[int, int | None]] | None = None) -> None:
        self.positions: dict[KeyPath, tuple[int, int | None]] = positions or {}

    def add(self, path: KeyPath, line: int, col: int | None = None) -> None:
        self.positions[path] = (line, col)

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        for end in range(len(path), -1, -1):
            hit = self.positions.get(path[:end])
            if hit is not None:
                return hit
        return (None, None)
