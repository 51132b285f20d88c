"""Screens by name, imported lazily so start-up pays only for the screen it shows.

Add an entry here for a new screen; `MockintApp.open_screen(name, **kwargs)` uses it.
"""

from __future__ import annotations

SCREENS: dict[str, str] = {
    "home": "mockint.tui.screens.home:HomeScreen",
    "practice": "mockint.tui.screens.practice:PracticeScreen",
    "backgrounder": "mockint.tui.screens.backgrounder:BackgrounderScreen",
    "review": "mockint.tui.screens.review:ReviewScreen",
    "trends": "mockint.tui.screens.trends:TrendsScreen",
    "drill": "mockint.tui.screens.drill:DrillScreen",
    "packs": "mockint.tui.screens.packs:PacksScreen",
    "settings": "mockint.tui.screens.settings:SettingsScreen",
}
