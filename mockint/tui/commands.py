"""Command palette entries: every screen, every installed pack, every plan."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

#: Palette titles of the screens (names from mockint.tui.screens.SCREENS).
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


def palette_entries(app: Any) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) for each palette command; pack text is plain, never markup."""
    from mockint.tui.app import screen_available
    from mockint.tui.screens import SCREENS

    entries: list[tuple[str, str, Callable[[], object]]] = []
    for name in SCREENS:
        if screen_available(name):
            title = SCREEN_TITLES.get(name, f"Open {name}")
            entries.append((title, f"screen: {name}", partial(app.open_screen, name)))
    try:
        packs = app.library.list()
    except Exception:  # a broken library must not break the palette
        packs = []
    for pack in packs:
        if getattr(pack, "shadowed", False):
            continue
        entries.append(
            (
                f"Practice pack: {pack.name}",
                f"{pack.questions} questions ({pack.source})",
                partial(app.open_screen, "practice", pack_id=pack.id),
            )
        )
        for plan_id in pack.plans:
            entries.append(
                (
                    f"Start plan: {plan_id}",
                    f"a plan in {pack.name}",
                    partial(app.open_screen, "practice", plan_id=plan_id),
                )
            )
    return entries


class MockintCommands(Provider):
    """Screens, packs and plans for the command palette."""

    async def startup(self) -> None:
        self._entries = palette_entries(self.app)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries:
            yield DiscoveryHit(Text(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
