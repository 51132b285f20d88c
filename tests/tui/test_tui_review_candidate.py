"""Review screens as a candidate meets them: names not ids, targets, ended early, keys and help."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.widgets import Input

from mockint.core.history.db.store import Store
from mockint.core.history.queries import HistoryRow
from mockint.core.history.summary import SessionSummary
from mockint.core.paths import get_paths
from mockint.tui.screens.attempts import AttemptsScreen
from mockint.tui.screens.date_range import DateRangeScreen
from mockint.tui.screens.drill import DrillScreen
from mockint.tui.screens.picker import PickerScreen
from mockint.tui.screens.review import ReviewScreen
from mockint.tui.screens.session_detail import SessionDetailScreen
from mockint.tui.screens.session_tag import SessionTagScreen
from mockint.tui.screens.trends import TrendsScreen
from mockint.tui.widgets.answer_card import time_against_target
from mockint.tui.widgets.filter_bar import FilterBar
from mockint.tui.widgets.session_list import COLUMNS, CellContext, SessionList, default_practice
from tests.support.review_app import ReviewApp, ids, line_text
from tests.support.tui_review_seed import NOW, answer, fixed_now, small_history


@pytest.fixture
def seeded() -> list[str]:
    with Store.open(get_paths(), now=fixed_now) as store:
        return small_history(store)


async def test_review_rows_show_names_status_and_target(seeded: list[str]) -> None:
    app = ReviewApp()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        lines = {sid: line_text(session_list, i + 1) for i, sid in enumerate(ids(session_list))}
        # A plan's session: the plan's name from its title, then the pack's name (not ids).
        assert "Product sense round · Product sense and exec" in lines["s2"]
        assert "product-sense" not in lines["s2"]
        assert "ended early" in lines["s3"] and "ended early" not in lines["s2"]
        # Wide: the target has a column of its own.
        assert "Target" in line_text(session_list, 0)
        assert "Acme, Head of" in lines["s4"]
    narrow = ReviewApp()
    async with narrow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session_list = narrow.screen.query_one(SessionList)
        assert "Target" not in line_text(session_list, 0)
        assert "Acme, Head of Produc…" in line_text(session_list, 3)  # s4: the target leads


async def test_a_plan_session_is_named_by_its_plan_and_pack(seeded: list[str]) -> None:
    app = ReviewApp(session_id="s2")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = str(app.screen.query_one("#detail-summary").render())
        assert summary.startswith("Product sense round · Product sense and execution\n")
        assert "Product sense and execution / Product sense round" in summary
        assert "product-sense" not in summary


async def test_down_reads_a_tall_answer_to_its_end_before_the_next(seeded: list[str]) -> None:
    from textual.containers import VerticalScroll

    from mockint.tui.widgets.answer_card import AnswerCard

    app = ReviewApp(session_id="s4")
    async with app.run_test(size=(80, 16)) as pilot:  # the first card (with its guidance) is taller
        await pilot.pause()
        answers = app.screen.query_one("#answers", VerticalScroll)
        first, second = list(app.screen.query(AnswerCard).results(AnswerCard))
        assert app.screen.focused is first and first.outer_size.height > answers.size.height
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.focused is first and answers.scroll_y == 1  # scrolled, not moved on
        for _ in range(20):
            if app.screen.focused is second:
                break
            assert first.region.bottom > answers.scrollable_content_region.bottom or answers.scroll_y > 0
            await pilot.press("down")
            await pilot.pause()
        assert app.screen.focused is second
        await pilot.press("up")  # back up: the first card is read upwards the same way
        await pilot.pause()
        assert app.screen.focused is first


async def test_set_a_target_and_filter_by_it(seeded: list[str]) -> None:
    app = ReviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        await pilot.press("down", "e")  # s5
        await pilot.pause()
        assert isinstance(app.screen, SessionTagScreen)
        await pilot.press(*"Globex PM", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        with Store.open(get_paths(), now=fixed_now) as store:
            assert store.get_session("s5").tag == "Globex PM"
        assert "Globex PM" in line_text(session_list, 2)
        # The target picker lists every target, ignoring case in its order.
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("down", "down", "enter")  # any, Acme, Head of Product, Globex PM
        await pilot.pause()
        assert ids(session_list) == ["s5"]
        bar = app.screen.query_one(FilterBar)
        assert bar.size.height == 2  # at 80 columns the chips take two lines, none is cut off
        assert "Target: Globex PM" in bar.render_line(1).text
        # On the session's own screen the target can be changed or cleared (blank).
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert "Target: Globex PM" in str(app.screen.query_one("#detail-summary").render())
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert "Target:" not in str(app.screen.query_one("#detail-summary").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and ids(session_list) == []  # filtered on a cleared target
        await pilot.press("escape")  # cancelling the tag dialog changes nothing either
        await pilot.pause()


async def test_escape_returns_where_you_came_from(seeded: list[str]) -> None:
    from mockint.tui.screens.home import HomeScreen

    app = ReviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        review, depth = app.screen, len(app.screen_stack)
        for key, opened in (("t", TrendsScreen), ("w", DrillScreen), ("enter", SessionDetailScreen),
                            ("D", DateRangeScreen), ("e", SessionTagScreen), ("k", PickerScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, opened), key
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is review, key
        await pilot.press("enter", "a")  # detail, then attempts: escape twice is back on the list
        await pilot.pause()
        assert isinstance(app.screen, AttemptsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review
        await pilot.press("t", "w")  # review > trends > drill
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen) and len(app.screen_stack) == depth + 2
        await pilot.press("r")  # back down to the review below, not a second one on top
        await pilot.pause()
        assert app.screen is review and len(app.screen_stack) == depth
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_every_review_screen_explains_itself_and_keys_agree() -> None:
    screens = (ReviewScreen, SessionDetailScreen, AttemptsScreen, TrendsScreen, DrillScreen, DateRangeScreen,
               SessionTagScreen)
    for screen in screens:
        text = screen.HELP_TEXT  # type: ignore[attr-defined]
        assert isinstance(text, str) and 40 < len(text) < 300, screen

    def actions(screen: type[Any]) -> dict[str, str]:
        out = {}
        for binding in screen.BINDINGS:
            for key in binding.key.split(","):
                out[key] = binding.action
        return out

    review, trends, drill = actions(ReviewScreen), actions(TrendsScreen), actions(DrillScreen)
    assert review["w"] == trends["w"] == "drill"  # w: the weakest questions everywhere
    assert review["t"] == drill["t"] == "trends"
    assert trends["r"] == drill["r"] == "review"
    assert review["d"] == "pick('period')" and trends["d"] == "period"
    assert actions(SessionDetailScreen)["a"] == drill["a"] == "compare"
    assert actions(SessionDetailScreen)["e"] == review["e"] == "edit_tag"


def test_one_answer_shows_one_time() -> None:
    record = answer(0, pack="p", qid="q", text="Q", category=None, asked_at=NOW, elapsed=125.9)
    summary = SessionSummary("x", "t", NOW, NOW + timedelta(minutes=5), "complete", "p", None, None, 1, 1, 0, 3.0)
    time_cell = next(c for c in COLUMNS if c.key == "time")
    assert time_cell.cell(HistoryRow(summary, 125.9), CellContext(None, default_practice)) == "2:05"
    assert str(time_against_target(record)).startswith("2:05 of 2:00")  # truncated, as the clock


# --- snapshots at 80×24 and wide ------------------------------------------------------------------

SIZES = [(80, 24), (120, 36)]


def keys(*pressed: str) -> Any:
    async def run(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_ended_early_filter(snap_compare: Any, seeded: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(ReviewApp(), terminal_size=size, run_before=keys("u", "u"))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_skipped_with_notes(snap_compare: Any, seeded: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(ReviewApp(session_id="s3"), terminal_size=size, run_before=keys("down"))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_attempts(snap_compare: Any, seeded: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(ReviewApp(session_id="s4"), terminal_size=size, run_before=keys("a"))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_set_target(snap_compare: Any, seeded: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(ReviewApp(), terminal_size=size, run_before=keys("down", "down", "e"))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_trends(snap_compare: Any, seeded: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(ReviewApp(start="trends"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_drill(snap_compare: Any, seeded: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(ReviewApp(start="drill"), terminal_size=size)


def test_names_read_the_index_and_fall_back_to_readable_ids() -> None:
    from mockint.core.packs.library import PackLibrary
    from mockint.tui.names import Names, readable

    names = Names(PackLibrary(get_paths()))
    assert names.pack("behavioral-star") == "Behavioural classics (STAR)"
    assert names._loaded == {}  # a pack name parses no pack
    assert names.category("about-you") == "About you"
    assert names.plan("pm-phone-screen", "behavioral-star") == "PM phone screen"
    assert names.dimension("structure") == "Structure"
    # A pack removed since the session: its id, and its category and plan ids made readable.
    assert names.pack("gone-pack") == "gone-pack"
    assert names.category("gone-category", "gone-pack") == "Gone category"
    assert names.plan("final_round", "gone-pack") == "Final round"
    assert names.guidance("gone-pack", "q") is None
    assert readable("") == "" and readable("a--b") == "A b"
