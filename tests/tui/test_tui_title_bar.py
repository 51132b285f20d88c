"""The title bar: the screen's title and sub-title, kept current, literal, and its icon opens the palette."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from mockint.tui.screens.review import ReviewScreen
from mockint.tui.widgets.title_bar import TitleBar
from tests.support.tui_support import make_app


async def test_shows_the_screen_title_and_follows_changes(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        bar = app.screen.query_one(TitleBar)
        line = bar.render_line(0).text
        assert len(line) == 80 and line.startswith(" ⭘")
        assert "Review — History" in line
        # Centred between the icon and the right margin, as Textual's Header centres it.
        assert line.index("Review") == 8 + (80 - 18 - len("Review — History")) // 2
        app.screen.sub_title = "[b]not markup[/b]"
        await pilot.pause()
        assert "Review — [b]not markup[/b]" in bar.render_line(0).text


async def test_long_titles_are_cut_with_an_ellipsis(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="review")
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        app.screen.sub_title = "a very long sub-title that cannot fit in forty columns"
        await pilot.pause()
        line = app.screen.query_one(TitleBar).render_line(0).text
        assert len(line) == 40 and "…" in line


async def test_clicking_the_icon_opens_the_command_palette(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
