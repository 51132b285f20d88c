"""People's names for the ids the history keeps: packs, plans, categories, questions' guidance.

The history stores ids (`behavioral-star`, `about-you`); screens show names (`Behavioural
classics (STAR)`, `About you`). Pack names come from the library's index (no pack is parsed);
a category or plan name, or a question's guidance, parses only the one pack that holds it, and
only when asked (never for a whole list). A pack removed since leaves its id, made readable.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from mockint.core.history.summary import SessionSummary

if TYPE_CHECKING:
    from mockint.core.packs.library import PackLibrary
    from mockint.core.packs.model import Pack


def readable(identifier: str) -> str:
    """An id as words, for what no installed pack names any more: `about-you` -> `About you`."""
    words = identifier.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else identifier


class Names:
    """Name lookups over one pack library, each source read at most once."""

    def __init__(self, library: PackLibrary | Callable[[], PackLibrary]) -> None:
        """`library`, or a function giving it, called when a name is first needed (listing it reads the index)."""
        self._get_library: Callable[[], PackLibrary] = library if callable(library) else (lambda: library)
        self._packs: dict[str, tuple[str, tuple[str, ...]]] | None = None
        self._loaded: dict[str, Pack | None] = {}

    @cached_property
    def library(self) -> PackLibrary:
        """The pack library the names come from."""
        return self._get_library()

    def _index(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """pack id -> (name, category ids), from the library's index."""
        if self._packs is None:
            try:
                listed = self.library.effective()
            except Exception:  # an unreadable library: ids, made readable, instead of names
                listed = []
            self._packs = {p.id: (p.name, p.categories) for p in listed}
        return self._packs

    def pack_object(self, pack_id: str | None) -> Pack | None:
        """The installed pack with this id, parsed once; None when it is not installed or broken."""
        if pack_id is None:
            return None
        if pack_id not in self._loaded:
            pack = None
            if pack_id in self._index():
                try:
                    pack = self.library.get(pack_id)
                except Exception:  # removed or broken since it was listed
                    pack = None
            self._loaded[pack_id] = pack
        return self._loaded[pack_id]

    def pack(self, pack_id: str | None) -> str:
        """A pack's name (its id when it is no longer installed)."""
        if not pack_id:
            return ""
        entry = self._index().get(pack_id)
        return entry[0] if entry else pack_id

    def category(self, category_id: str | None, pack_id: str | None = None) -> str:
        """A category's name: from `pack_id` when given, else from the first pack that has it."""
        if not category_id:
            return ""
        holders = [pack_id] if pack_id else []
        holders += [pid for pid, (_name, cats) in self._index().items() if category_id in cats and pid != pack_id]
        for holder in holders:
            pack = self.pack_object(holder)
            if pack is not None and any(c.id == category_id for c in pack.categories):
                return pack.category_name(category_id) or readable(category_id)
        return readable(category_id)

    def plan(self, plan_id: str | None, pack_id: str | None) -> str:
        """A plan's name (readable id when its pack is gone)."""
        if not plan_id:
            return ""
        pack = self.pack_object(pack_id)
        plan = pack.plan(plan_id) if pack is not None else None
        return plan.name if plan is not None else readable(plan_id)

    def dimension(self, dimension_id: str, pack_id: str | None = None) -> str:
        """A rubric dimension's name: the pack's own rubric, else the default rubric, else its id."""
        from mockint.core.interview.rubric import DEFAULT_RUBRIC

        pack = self.pack_object(pack_id) if pack_id else None
        for dimension in (*(pack.rubric if pack is not None else ()), *DEFAULT_RUBRIC):
            if dimension.id == dimension_id:
                return dimension.name
        return readable(dimension_id)

    def guidance(self, pack_id: str, question_id: str) -> str | None:
        """What a strong answer covers, from the question in its installed pack (None if unknown)."""
        pack = self.pack_object(pack_id)
        question = pack.question(question_id) if pack is not None else None
        return question.guidance if question is not None else None

    def practice(self, summary: SessionSummary) -> str:
        """What a session practised, as the history list shows it.

        The session's title was written from names when it started ("Product sense and
        execution", "Behavioural classics (STAR): Conflict", "Quick mixed interview"); a plan's
        title ends with its pack's id, which is swapped for the pack's name.
        """
        title = summary.title.strip()
        if summary.plan and summary.pack:
            suffix = f" ({summary.pack})"
            plan = title[: -len(suffix)] if title.endswith(suffix) else self.plan(summary.plan, summary.pack)
            return f"{plan} · {self.pack(summary.pack)}"
        if title:
            return title
        return self.pack(summary.pack) if summary.pack else "Mixed practice"
