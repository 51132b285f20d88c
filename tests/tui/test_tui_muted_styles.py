"""Muted, translucent and `auto` colours of drawn widgets, under dark and light themes.

A component style taken `partial` and added to the widget's style keeps `$text-muted`
(`auto 60%`) as plain white and `$block-hover-background` (translucent) as black: muted
labels vanished on the light themes. These tests read the colours the widgets draw.
"""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import MouseMove
from textual.geometry import Region

from mockint.core.history.db.store import Store
from mockint.core.paths import get_paths
from mockint.tui.widgets.answer_card import AnswerCard
from mockint.tui.widgets.calendar import PracticeCalendar
from mockint.tui.widgets.filter_bar import FilterBar
from mockint.tui.widgets.key_bar import KeyBar
from tests.support.review_app import ReviewApp
from tests.support.tui_review_seed import fixed_now, small_history

THEMES = ["calm-dark", "paper", "textual-light", "textual-dark"]


def luminance(color: Color | None) -> float:
    assert color is not None
    r, g, b = color.get_truecolor()
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def segment(segments: list[Segment], text: str) -> Segment:
    return next(s for s in segments if text in s.text)


def between(muted: Segment, text: Segment) -> bool:
    """`muted` is drawn fainter than `text`, on the same background, and is not invisible."""
    assert muted.style is not None and text.style is not None
    background = luminance(muted.style.bgcolor)
    low, high = sorted((luminance(text.style.color), background))
    return low < luminance(muted.style.color) < high and abs(luminance(muted.style.color) - background) > 20


class ThemedReviewApp(ReviewApp):
    """The review screen (an empty history) switched to `theme` as it mounts."""

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.wanted_theme = theme

    def on_mount(self) -> None:
        super().on_mount()
        self.ensure_file_themes()  # the shipped themes are otherwise registered after the first frame
        self.theme = self.wanted_theme


@pytest.fixture(params=THEMES)
def themed(request: pytest.FixtureRequest) -> tuple[ReviewApp, str]:
    """The review screen under each theme, and that theme's name."""
    return ThemedReviewApp(request.param), request.param


async def test_filter_labels_are_muted_and_an_active_value_lit(themed: tuple[ReviewApp, str]) -> None:
    app, theme = themed
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        bar = app.screen.query_one(FilterBar)
        line = list(bar.render_line(0))
        assert between(segment(line, "Pack:"), segment(line, "all"))  # label fainter than the value
        await pilot.press("u")  # status: complete, a filter narrowing the list
        await pilot.pause()
        line = list(bar.render_line(0))
        key, active, plain = segment(line, "u"), segment(line, "complete"), segment(line, "all")
        assert active.style is not None and key.style is not None and plain.style is not None
        assert active.style.color == key.style.color != plain.style.color and active.style.bold


async def test_a_hovered_key_is_lit_in_the_key_colour(themed: tuple[ReviewApp, str]) -> None:
    app, theme = themed
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        bar = app.screen.query_one(KeyBar)
        plain = list(bar.render_line(0))
        x = next(x for x in range(bar.size.width) if (item := bar.item_at(x)) and item.description == "Sort")
        bar.post_message(MouseMove(bar, x, 0, 0, 0, 0, False, False, False, screen_x=x, screen_y=0))
        await pilot.pause()
        assert bar._hover is not None and bar._hover.description == "Sort"
        lit = segment(list(bar.render_line(0)), "Sort")
        key = segment(plain, " o ")
        before = segment(plain, "Sort")
        assert lit.style is not None and key.style is not None and before.style is not None
        assert lit.style.color == key.style.color != before.style.color  # lit in the key's colour
        assert lit.style.bgcolor == key.style.bgcolor  # on the bar, not on black


async def test_calendar_levels_are_three_shades_of_success() -> None:
    app = ReviewApp(start="trends")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        calendar = app.screen.query_one(PracticeCalendar)
        text = calendar.render()
        assert isinstance(text, Text)
        colours = {}
        for span in text.spans:
            glyph = text.plain[span.start:span.end][:1]
            if glyph in ("░", "▒", "█") and isinstance(span.style, Style):
                colours[glyph] = luminance(span.style.color)
        assert set(colours) == {"░", "▒", "█"}  # the legend shows every level at least
        background = luminance(calendar.rich_style.bgcolor)
        # `$success 50%` and `75%` blend towards the background: each level stands further from it.
        assert abs(colours["░"] - background) < abs(colours["▒"] - background) < abs(colours["█"] - background)


async def test_a_cards_muted_text_follows_its_background_as_focus_moves() -> None:
    with Store.open(get_paths(), now=fixed_now) as store:
        small_history(store)
    app = ReviewApp(session_id="s4")
    async with app.run_test(size=(100, 40)) as pilot:
        app.theme = "textual-dark"  # a focused card is drawn on $boost, visible in this theme
        await pilot.pause()
        first, second = list(app.screen.query(AnswerCard).results(AnswerCard))[:2]

        def muted_background(card: AnswerCard) -> Color | None:
            lines = card.render_lines(Region(0, 0, card.size.width, card.size.height))
            pack = next(s for line in lines for s in line if "Behavioural classics" in s.text)
            assert pack.style is not None
            return pack.style.bgcolor

        assert first.has_focus
        focused = first.rich_style.bgcolor
        assert muted_background(first) == focused
        await pilot.press("down")  # the next card
        await pilot.pause()
        assert second.has_focus and not first.has_focus
        assert first.rich_style.bgcolor != focused  # the card left $boost...
        assert muted_background(first) == first.rich_style.bgcolor  # ...and so did its muted text
        assert muted_background(second) == focused
