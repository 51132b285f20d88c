"""The app's plumbing: the start screen and the way home, screens by name, the palette, settings."""

from __future__ import annotations

from pathlib import Path

from textual.fuzzy import Matcher
from textual.screen import Screen

from mockint.core.settings import load_settings
from mockint.tui.palette import Entry, highlight, pack_entries, screen_entries
from mockint.tui.registry import SCREENS, screen_class
from tests.support.tui_support import make_app

SIZE = (100, 30)


def test_every_registered_screen_is_a_screen_class() -> None:
    for name in SCREENS:
        assert issubclass(screen_class(name), Screen), name


async def test_home_and_review_as_first_screens_are_textuals_default_screen(tmp_path: Path) -> None:
    for start in ("home", "review"):
        app = make_app(tmp_path, start_screen=start)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # No blank screen under them: the first screen is the bottom of the stack.
            assert [type(s) for s in app.screen_stack] == [screen_class(start)]


async def test_back_from_a_first_review_screen_goes_home_in_a_mode_of_its_own(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        review = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [screen_class("home")]
        assert app.current_mode == "home" and review not in app.screen_stack  # kept only in the default mode
        await pilot.press("escape")  # home is as far back as one goes
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [screen_class("home")]
        await pilot.press("r")  # a fresh review screen opens over home, and back goes home
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [screen_class("home"), screen_class("review")]
        assert app.screen is not review
        await pilot.press("escape")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [screen_class("home")]


async def test_back_from_another_first_screen_goes_home_and_takes_that_screen_down(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="backgrounder")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.screen
        # Pushed over Textual's blank default screen, so it can be switched for home.
        assert [type(s) for s in app.screen_stack] == [Screen, screen_class("backgrounder")]
        await pilot.press("escape")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [Screen, screen_class("home")]
        assert not first.is_attached  # the first screen is gone (its unmount work has run)
        await pilot.press("escape")  # home is as far back as one goes
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [Screen, screen_class("home")]


async def test_open_home_from_deep_in_the_stack(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_screen("packs")
        await pilot.pause()
        app.open_screen("settings")
        await pilot.pause()
        assert len(app.screen_stack) == 3
        app.open_screen("home")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [screen_class("home")]


async def test_the_palette_names_packs_and_plans_and_shows_markup_literally(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        opened: list[tuple[str, dict[str, object]]] = []

        def record(name: str, **kwargs: object) -> None:
            opened.append((name, kwargs))

        entries = {e.title: e for e in pack_entries(app.library, record)}
        assert "Practice pack: Demo pack" in entries and "Start plan: Demo plan" in entries
        assert not any("demo-plan" in title for title in entries)  # ids stay out of sight
        entries["Start plan: Demo plan"].run()
        assert opened == [("practice", {"plan_id": "demo-plan"})]
        assert screen_entries(record)[0].title == "Go to home"
    title = "Practice pack: [bold]Loud[/bold] $x"
    shown = highlight(Matcher("loud"), title)
    assert shown.plain == title  # matched and styled, never read as markup


def test_an_entry_is_discovered_unless_told_otherwise() -> None:
    assert Entry("t", "h", lambda: None).discover
    assert not Entry("t", "h", lambda: None, discover=False).discover


async def test_save_settings_writes_and_uses_them(tmp_path: Path) -> None:
    from dataclasses import replace

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.save_settings(replace(app.settings, reduced_motion=True))
        assert app.settings.reduced_motion
        assert load_settings(app.paths).reduced_motion


async def test_a_theme_picked_in_the_app_is_remembered(tmp_path: Path) -> None:
    from mockint.tui.app import MockintApp

    app = MockintApp(paths=make_app(tmp_path).paths)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        assert load_settings(app.paths).theme == "nord"
