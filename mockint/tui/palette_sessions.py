"""Command palette: recent sessions, each opening its detail (every answer, attempts to compare)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

#: How many past sessions the palette offers (newest first).
RECENT_SESSIONS = 10


def session_entries(app: Any, limit: int = RECENT_SESSIONS) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) per recent session; titles are plain text (pack names are untrusted)."""
    from mockint.tui.screens.home import session_label

    try:
        summaries = app.store.list_sessions(limit=limit)
    except Exception:  # a database problem is reported at start; the palette just has fewer entries
        return []
    return [
        (f"Session: {session_label(s)}", f"open session {s.id}", partial(open_session, app, s.id))
        for s in summaries
    ]


def open_session(app: Any, session_id: str) -> None:
    """Show one session's detail screen."""
    from mockint.tui.screens.session_detail import SessionDetailScreen

    app.push_screen(SessionDetailScreen(session_id))


class RecentSessionCommands(Provider):
    """Past sessions for the command palette."""

    async def startup(self) -> None:
        self._entries = session_entries(self.app)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries[:3]:  # the newest few before typing
            yield DiscoveryHit(Text(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
