"""`?`/`f1` list every key of the screen in front; `ctrl+p` reaches screens, packs, plans, sessions, themes."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette

from mockint.tui.palette import session_entries
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.session_detail import SessionDetailScreen
from tests.support.tui_review_seed import small_history
from tests.support.tui_support import make_app

SIZE = (80, 24)


async def help_rows(app: Any, pilot: Any, key: str = "question_mark") -> dict[str, str]:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    return dict(app.screen.rows)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_on_the_packs_screen_lists_its_keys_and_the_apps(tmp_path: Path, key: str) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        expected = {b.key_display or b.key for b in screen.BINDINGS}  # type: ignore[union-attr]
        rows = await help_rows(app, pilot, key)
        assert {"p", "c", "l", "i", "d"} <= set(rows)
        assert {k.replace("escape", "esc") for k in expected} <= set(rows)
        assert rows["i"] == "Import a pack from a file, folder or http(s) URL"
        assert "?" in rows and "^q" in rows  # inherited from the app
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_help_on_the_settings_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.set_focus(None)  # keys of the screen itself, not of a text field
        rows = await help_rows(app, pilot)
        assert rows["^s"] == "Check and save every setting"
        assert "esc" in rows and "?" in rows


@pytest.mark.parametrize("start", ["home", "backgrounder", "settings"])
async def test_help_explains_the_screen_above_its_keys(tmp_path: Path, start: str) -> None:
    from mockint.tui.screens.help import screen_help_text

    app = make_app(tmp_path, start_screen=start)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        explanation = screen_help_text(screen)
        assert 40 < len(explanation) < 320  # a line or two
        app.set_focus(None)
        await help_rows(app, pilot)
        text = " ".join(html.unescape(app.export_screenshot()).replace("\xa0", " ").split())
        first_words = " ".join(explanation.split()[:6])
        assert first_words in text
        assert text.index(first_words) < text.index("Keys")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


def test_every_screen_of_the_shell_explains_itself() -> None:
    from mockint.tui.screens.backgrounder import BackgrounderScreen
    from mockint.tui.screens.confirm import ConfirmScreen, SaveElsewhereScreen, UnsavedScreen
    from mockint.tui.screens.home import HomeScreen
    from mockint.tui.screens.settings import SettingsScreen

    for cls in (HomeScreen, BackgrounderScreen, SettingsScreen, HelpScreen, ConfirmScreen, UnsavedScreen,
                SaveElsewhereScreen):
        assert cls.HELP_TEXT and len(cls.HELP_TEXT) < 320, cls


async def test_help_text_is_literal(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(HelpScreen([("[b]x[/b]", "a [red]literal[/red] row")], title="T"))
        await pilot.pause()
        text = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "[b]x[/b]" in text and "a [red]literal[/red] row" in text


async def palette_prompts(
    app: Any, pilot: Any, query: str, ready: Callable[[list[str]], bool] | None = None
) -> list[str]:
    """Open the palette, type `query`, and return its prompts once `ready(prompts)` holds.

    Providers answer asynchronously, so this waits on what is shown (by default: a prompt
    containing the query), never on a delay.
    """
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    done = ready or (lambda shown: any(query.lower() in p.lower() for p in shown))
    prompts: list[str] = []
    for _ in range(1000):  # a guard against a hang, not a speed limit
        await pilot.pause(0.01)
        results = app.screen.query_one(CommandList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        if done(prompts):
            return prompts
    raise AssertionError(f"the palette never offered what was expected for {query!r}: {prompts}")


def first_is(words: str) -> Callable[[list[str]], bool]:
    """Ready when the highlighted (first) prompt holds `words`: enter then chooses it."""
    return lambda prompts: bool(prompts) and words in prompts[0]


def has(prompts: list[str], words: str) -> bool:
    return any(words in p for p in prompts)


async def test_palette_reaches_packs_settings_and_themes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert has(await palette_prompts(app, pilot, "packs"), "Manage question packs")
        await pilot.press("escape")
        assert has(await palette_prompts(app, pilot, "settings"), "Open settings")
        await pilot.press("escape")
        assert has(await palette_prompts(app, pilot, "demo"), "Practice pack: Demo pack")
        await pilot.press("escape")
        assert has(await palette_prompts(app, pilot, "theme"), "Theme")
        await pilot.press("enter")  # Textual's theme picker
        await pilot.pause()
        themes = await _theme_prompts(app, pilot)
        assert has(themes, "paper") and has(themes, "nord"), themes


async def _theme_prompts(app: Any, pilot: Any) -> list[str]:
    prompts: list[str] = []
    for _ in range(1000):  # a guard against a hang, not a speed limit
        await pilot.pause(0.01)
        if isinstance(app.screen, CommandPalette):
            results = app.screen.query_one(CommandList)
            prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
            if any("calm-dark" in p for p in prompts):
                return prompts
    raise AssertionError(f"the theme picker never listed calm-dark: {prompts}")


async def test_palette_offers_recent_sessions_and_opens_one(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    ids = small_history(app.store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        entries = session_entries(app.store, app.open_screen, None)
        assert len(entries) == len(ids)
        assert all(e.title.startswith("Session: ") for e in entries)
        assert not any(sid in e.title + e.help for sid in ids for e in entries)  # names, not ids
        prompts = await palette_prompts(
            app, pilot, "session", lambda shown: sum(p.startswith("Session: ") for p in shown) == len(ids)
        )
        assert sum(p.startswith("Session: ") for p in prompts) == len(ids)
        entries[0].run()
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen) and app.screen.session_id == ids[0]


async def test_palette_opens_the_packs_screen(tmp_path: Path) -> None:
    from mockint.tui.screens.packs import PacksScreen
    from mockint.tui.screens.settings import SettingsScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await palette_prompts(app, pilot, "Manage question packs", first_is("Manage question packs"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PacksScreen)
        await palette_prompts(app, pilot, "Open settings", first_is("Open settings"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
