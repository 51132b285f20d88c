"""The settings screen: values shown, validated on save with inline errors, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox, Input, Select

from mockint.core.paths import get_paths
from mockint.core.settings import Settings, load_settings, save_settings
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.settings import FIELDS, SettingsScreen
from tests.support.tui_support import make_app

SIZE = (80, 24)


def error_of(screen: Any, key: str) -> str:
    widget = screen.query_one(f"#err-{key}")
    return str(widget.render()) if widget.display else ""


async def test_shows_the_saved_values(tmp_path: Path) -> None:
    save_settings(Settings(answer_seconds=95, bell=False, persona_name="Ada", persona_style="formal"))
    app = make_app(tmp_path, start_screen="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#set-answer_seconds", Input).value == "95"
        assert screen.query_one("#set-bell", Checkbox).value is False
        assert str(screen.query_one("#set-bell", Checkbox).label) == "off"
        assert screen.query_one("#set-persona_name", Input).value == "Ada"
        assert screen.query_one("#set-persona_style", Select).value == "formal"
        assert screen.query_one("#set-theme", Select).value == "textual-dark"
        assert [key for key, _ in FIELDS] == [
            "answer_seconds", "prep_seconds", "bell", "persona_name", "persona_style",
            "auto_probe", "reduced_motion", "theme",
        ]


async def test_bad_values_are_shown_inline_and_nothing_is_written(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#set-answer_seconds", Input).value = "5"
        screen.query_one("#set-prep_seconds", Input).value = ""
        screen.query_one("#set-persona_name", Input).value = "   "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "10..3600" in error_of(screen, "answer_seconds")
        assert "0..600" in error_of(screen, "prep_seconds")
        assert "characters" in error_of(screen, "persona_name")
        assert error_of(screen, "bell") == ""
        assert "Not saved" in str(screen.query_one("#settings-status").render())
        assert isinstance(app.screen, SettingsScreen)
    assert not get_paths().settings.exists()


async def test_saving_writes_every_setting_and_applies_reduced_motion(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="settings")
    app.animation_level = "full"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#set-answer_seconds", Input).value = "90"
        screen.query_one("#set-prep_seconds", Input).value = "30"
        screen.query_one("#set-bell", Checkbox).value = False
        screen.query_one("#set-persona_name", Input).value = "Alex"
        screen.query_one("#set-persona_style", Select).value = "direct"
        screen.query_one("#set-auto_probe", Checkbox).value = True
        screen.query_one("#set-reduced_motion", Checkbox).value = True
        await pilot.pause()
        assert str(screen.query_one("#set-auto_probe", Checkbox).label) == "on"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(screen.query_one("#settings-status").render()) == "Saved."
        assert app.animation_level == "none"
        expected = Settings(90, 30, False, "Alex", "direct", True, True, "textual-dark")
        assert app.settings == expected
        await pilot.press("escape")  # saved: leaves without asking
        await pilot.pause()
        assert not isinstance(app.screen, (SettingsScreen, ConfirmScreen))
    assert load_settings() == expected


async def test_turning_reduced_motion_off_restores_animation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import textual.constants

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "full")
    save_settings(Settings(reduced_motion=True))
    app = make_app(tmp_path, start_screen="settings")
    app.animation_level = "full"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.animation_level == "none"  # from the saved setting, at start
        app.screen.query_one("#set-reduced_motion", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.animation_level == "full"


async def test_theme_select_offers_every_theme_and_applies_at_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select = app.screen.query_one("#set-theme", Select)
        offered = {value for _label, value in select._options}
        assert offered == set(app.available_themes)
        assert {"paper", "calm-dark", "nord"} <= offered
        select.value = "paper"
        await pilot.pause()
        assert app.theme == "paper"
        assert not app.screen.dirty  # the theme is applied already, not an unsaved change


async def test_escape_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#set-persona_name", Input).value = "Kim"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
    assert not get_paths().settings.exists()


async def test_ctrl_q_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#set-persona_name", Input).value = "Kim"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running
    assert not get_paths().settings.exists()


async def test_a_settings_file_that_cannot_be_written_is_an_inline_message(tmp_path: Path) -> None:
    target = get_paths().settings
    target.parent.mkdir(parents=True, exist_ok=True)
    target.mkdir()  # a directory where the file should be: the atomic write fails
    app = make_app(tmp_path, start_screen="settings")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = str(app.screen.query_one("#settings-status").render())
        assert status.startswith("Not saved: ") and "cannot write settings" in status
