"""The command palette's entries: every screen, every installed pack and plan, recent sessions.

People see names, never ids. Pack names, plan names and session titles come from files other
people wrote, so titles are matched and shown as plain text, never as markup.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from mockint.core.format import plural, when

if TYPE_CHECKING:
    from mockint.core.history.db.store import Store
    from mockint.core.history.summary import SessionSummary
    from mockint.core.packs.library import PackLibrary

#: Palette titles of the screens a person opens by name (see mockint/tui/registry.py).
SCREEN_TITLES: dict[str, str] = {
    "home": "Go to home",
    "practice": "Quick practice interview (mixed questions)",
    "backgrounder": "Open the backgrounder editor",
    "review": "Review past sessions",
    "trends": "Trends: ratings over time, practice calendar",
    "drill": "Drill your weakest questions",
    "packs": "Manage question packs",
    "settings": "Open settings",
}

#: How many past sessions the palette offers (newest first), and how many before typing.
RECENT_SESSIONS = 10
DISCOVERED_SESSIONS = 3

OpenScreen = Callable[..., None]


@dataclass(frozen=True)
class Entry:
    """One palette command: what it says, a second line, what it does, and whether it shows before typing."""

    title: str
    help: str
    run: Callable[[], object]
    discover: bool = True


def screen_entries(open_screen: OpenScreen) -> list[Entry]:
    return [Entry(title, "", partial(open_screen, name)) for name, title in SCREEN_TITLES.items()]


def pack_entries(library: PackLibrary, open_screen: OpenScreen) -> list[Entry]:
    """A practice entry per installed pack and a start entry per plan, by name."""
    try:
        packs = library.list()
    except Exception:  # a broken library is reported at start; the palette just has fewer entries
        return []
    entries: list[Entry] = []
    for pack in packs:
        if pack.shadowed:
            continue
        entries.append(
            Entry(
                f"Practice pack: {pack.name}",
                f"{plural(pack.questions, 'question')}, {pack.source} pack",
                partial(open_screen, "practice", pack_id=pack.id),
            )
        )
        for plan_id, plan_name in plan_names(library, pack.id, pack.plans):
            entries.append(
                Entry(
                    f"Start plan: {plan_name}", f"a plan in {pack.name}",
                    partial(open_screen, "practice", plan_id=plan_id),
                )
            )
    return entries


def plan_names(library: PackLibrary, pack_id: str, plan_ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(id, name) of each plan of a pack; the pack is read only when it has plans."""
    if not plan_ids:
        return []
    try:
        plans = library.get(pack_id).plans
    except Exception:  # an unreadable pack: it cannot be practised either
        return []
    return [(plan.id, plan.name) for plan in plans]


def session_title(summary: SessionSummary, tz: tzinfo | None) -> str:
    return f"Session: {summary.title}, {when(summary.started_at, tz)}"


def session_help(summary: SessionSummary) -> str:
    answered = f"{summary.answered} of {plural(summary.question_count, 'question')} answered"
    rating = f"average {summary.avg_rating:.1f}" if summary.avg_rating is not None else "not rated"
    unfinished = ", unfinished" if summary.status != "complete" else ""
    return f"{answered}, {rating}{unfinished}"


def session_entries(store: Store, open_screen: OpenScreen, tz: tzinfo | None) -> list[Entry]:
    """The newest sessions, each opening its detail; the first few show before typing."""
    try:
        summaries = store.list_sessions(limit=RECENT_SESSIONS)
    except Exception:  # a database problem is reported at start; the palette just has fewer entries
        return []
    return [
        Entry(session_title(s, tz), session_help(s), partial(open_screen, "session", session_id=s.id),
              discover=index < DISCOVERED_SESSIONS)
        for index, s in enumerate(summaries)
    ]


def highlight(matcher: Matcher, title: str) -> Content:
    """`title` as plain text with the matched letters styled (Matcher.highlight would read markup)."""
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(entry: Entry) -> str | None:
    # The palette reads help lines as markup: pack names in them must stay literal.
    return escape(entry.help) if entry.help else None


class EntryProvider(Provider):
    """A palette provider over a list of entries, read when the palette opens."""

    @abstractmethod
    def entries(self) -> list[Entry]:
        """The entries to offer (called once per opening of the palette)."""

    async def startup(self) -> None:
        self._entries = self.entries()

    async def discover(self) -> Hits:
        for entry in self._entries:
            if entry.discover:
                yield DiscoveryHit(Content(entry.title), entry.run, text=entry.title, help=_help(entry))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries:
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(score, highlight(matcher, entry.title), entry.run, text=entry.title, help=_help(entry))


def all_entries(library: PackLibrary, store: Store, open_screen: OpenScreen, tz: tzinfo | None) -> list[Entry]:
    """Screens, packs and plans, then recent sessions."""
    return [*screen_entries(open_screen), *pack_entries(library, open_screen), *session_entries(store, open_screen, tz)]

