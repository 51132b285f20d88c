"""Ids that importers make from text: slugs made unique with -2, -3, … in linear time."""

from __future__ import annotations

from collections.abc import Iterable

#: Longest generated id: a slug is at most 64 characters.
MAX_ID = 64


class UniqueIds:
    """Hands out ids unique among those seen so far.

    Each base remembers the last suffix it used, so a file repeating the same text 100,000
    times costs one step per repeat instead of a scan over every earlier repeat.
    """

    def __init__(self, used: Iterable[str] = ()) -> None:
        self.used: set[str] = set(used)
        self._next: dict[str, int] = {}

    def make(self, base: str, fallback: str) -> str:
        """`base` (or `fallback` if empty), made unique with -2, -3, … and recorded."""
        base = base or fallback
        if base not in self.used:
            self.used.add(base)
            return base
        n = self._next.get(base, 1)
        while True:
            n += 1
            suffix = f"-{n}"
            candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
            if candidate not in self.used:
                break
        self._next[base] = n
        self.used.add(candidate)
        return candidate


def unique_id(base: str, used: set[str], fallback: str) -> str:
    """One id unique among `used` (which is updated); for many ids use `UniqueIds`."""
    ids = UniqueIds()
    ids.used = used
    return ids.make(base, fallback)
