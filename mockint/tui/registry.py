"""Screens by name: the app opens a screen from its name and imports its module only then.

Start-up pays only for the screen it shows. The app knows screens by name alone because every
screen imports the app (`app = getters.app(MockintApp)`): naming them here keeps the imports
one-way (docs/architecture.md). Add an entry for a new screen; `MockintApp.open_screen(name,
**kwargs)` builds it.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path, PurePath
from typing import Any

from textual.screen import Screen

SCREENS: dict[str, str] = {
    "home": "mockint.tui.screens.home:HomeScreen",
    "practice": "mockint.tui.screens.practice:PracticeScreen",
    "backgrounder": "mockint.tui.screens.backgrounder:BackgrounderScreen",
    "review": "mockint.tui.screens.review:ReviewScreen",
    "session": "mockint.tui.screens.session_detail:SessionDetailScreen",
    "trends": "mockint.tui.screens.trends:TrendsScreen",
    "drill": "mockint.tui.screens.drill:DrillScreen",
    "packs": "mockint.tui.screens.packs:PacksScreen",
    "settings": "mockint.tui.screens.settings:SettingsScreen",
    "help": "mockint.tui.screens.help:HelpScreen",
    "confirm": "mockint.tui.screens.confirm:ConfirmScreen",
}


def screen_class(name: str) -> type[Screen[Any]]:
    """The class of the screen registered as `name` (KeyError for an unknown name)."""
    module_name, class_name = SCREENS[name].split(":")
    cls: type[Screen[Any]] = getattr(importlib.import_module(module_name), class_name)
    return cls


def screen_css_paths(name: str) -> list[Path]:
    """The CSS files of the screen `name`, resolved as Textual resolves a screen's CSS_PATH."""
    cls = screen_class(name)
    css_path = cls.CSS_PATH
    if css_path is None:
        return []
    base = Path(inspect.getfile(cls)).parent
    paths = [css_path] if isinstance(css_path, str | PurePath) else css_path
    return [(base / path).resolve() for path in paths]
