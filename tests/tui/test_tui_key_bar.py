"""The key bar: the screen's keys on one line, kept current, clickable, cut to the width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mockint.core.history.db.store import Store
from mockint.core.paths import get_paths
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.review import ReviewScreen
from mockint.tui.widgets.key_bar import KeyBar
from tests.support.tui_review_seed import fixed_now, small_history
from tests.support.tui_support import make_app


def bar_text(app: Any) -> str:
    bar = app.screen.query_one(KeyBar)
    return bar.render_line(0).text


async def test_home_bar_lists_its_keys_and_the_palette(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        line = bar_text(app)
        for label in ("p Practice", "b Backgrounder", "r Review", "q Quit", "? Help"):
            assert label in line
        assert line.rstrip().endswith("^p palette")
        assert len(line) == 100


async def test_bar_follows_the_screen_and_its_focus(tmp_path: Path) -> None:
    with Store.open(get_paths(), now=fixed_now) as store:
        small_history(store)
    app = make_app(tmp_path, start_screen="review")
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        line = bar_text(app)
        assert "o Sort" in line and "Open" in line  # "Open" is the focused list's enter key
        app.set_focus(None)
        await pilot.pause()
        assert "Open" not in bar_text(app)


async def test_clicking_a_key_presses_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        bar.render_line(0)
        x = next(span.start for span in bar._spans if span.item.description == "Help")
        await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_hovering_highlights_and_leaving_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        bar.render_line(0)
        x = next(span.start for span in bar._spans if span.item.description == "Review")
        await pilot.hover(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert bar._hover is not None and bar._hover.description == "Review"
        await pilot.hover("#home-grid", offset=(1, 1))
        await pilot.pause()
        assert bar._hover is None


async def test_narrow_bar_cuts_whole_keys_and_keeps_help_and_the_palette(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(50, 24)) as pilot:
        await pilot.pause()
        line = bar_text(app)
        assert len(line) == 50
        assert "…" in line and line.rstrip().endswith("^p palette")
        left, right = line.split("…")
        assert left.startswith("p Practice")
        assert "Quit" not in left  # cut at a whole key, not mid-word
        assert right.split("▏")[0].strip() == "? Help"  # the app's own key stays reachable
        bar = app.screen.query_one(KeyBar)
        assert all(span.end <= 50 for span in bar._spans)
        help_span = next(span for span in bar._spans if span.item.description == "Help")
        await pilot.click(KeyBar, offset=(help_span.start, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
