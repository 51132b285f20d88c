"""Review screens: history list, filters and sort, detail, attempts, trends, drill, scale."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.widgets import DataTable, Header

from mockint.core.history.db.store import Store
from mockint.core.paths import get_paths
from mockint.tui.screens.attempts import AttemptsScreen
from mockint.tui.screens.drill import DrillScreen
from mockint.tui.screens.picker import PickerScreen
from mockint.tui.screens.review import ReviewScreen
from mockint.tui.screens.session_detail import SessionDetailScreen
from mockint.tui.screens.trends import TrendsScreen
from mockint.tui.widgets.answer_card import AnswerCard
from mockint.tui.widgets.calendar import PracticeCalendar
from mockint.tui.widgets.filter_bar import FilterBar
from mockint.tui.widgets.plot import TrendPlot
from mockint.tui.widgets.session_list import SessionList
from tests.support.review_app import ReviewApp, ids, line_text
from tests.support.tui_review_seed import NOW, bulk_history, fixed_now, small_history


@pytest.fixture
def seeded() -> list[str]:
    with Store.open(get_paths(), now=fixed_now) as store:
        return small_history(store)


async def test_list_shows_newest_first(seeded: list[str]) -> None:
    app = ReviewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        session_list = app.screen.query_one(SessionList)
        assert ids(session_list) == seeded == ["s6", "s5", "s4", "s3", "s2", "s1"]
        header, first = line_text(session_list, 0), line_text(session_list, 1)
        assert "Date▼" in header
        assert first.strip().startswith("2026-11-21 16:00") and "incomplete" in first
        # Totals: s6 answered one question in 2:05.
        assert "2:05" in first and "3.4" in first


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        # pack picker, by name: all, Behavioural classics (STAR), Product sense and execution
        (["k", "down", "down", "enter"], ["s5", "s2"]),
        # category picker, by name: all, Conflict and disagreement, Failure and learning, …
        (["c", "down", "down", "enter"], ["s3", "s1"]),
        (["u"], ["s5", "s4", "s2", "s1"]),  # status: any -> complete (not ended early)
        (["u", "u"], ["s3"]),  # -> ended early
        (["u", "u", "u"], ["s6"]),  # -> incomplete
        (["d"], ["s6", "s5", "s4"]),  # period: last 7 days
        (["d", "d"], ["s6", "s5", "s4", "s3", "s2"]),  # last 30 days
    ],
)
async def test_filters_change_rows(seeded: list[str], keys: list[str], expected: list[str]) -> None:
    app = ReviewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert app.screen is screen
        session_list = screen.query_one(SessionList)
        assert ids(session_list) == expected
        assert screen.sub_title.startswith(f"{len(expected)} session")
        shown = " ".join(str(part.render()) for part in screen.query_one(Header).query("*"))
        assert f"Review — {len(expected)} session" in shown  # the header says it
        await pilot.press("x")  # clear filters
        await pilot.pause()
        assert ids(session_list) == seeded


async def test_filter_chips_respond_to_clicks(seeded: list[str]) -> None:
    app = ReviewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(FilterBar)
        x = next(x for x in range(bar.size.width) if (c := bar.chip_at(x)) and c.name == "status")
        await pilot.click(FilterBar, offset=(x + 1, 0))
        await pilot.pause()
        assert ids(app.screen.query_one(SessionList)) == ["s5", "s4", "s2", "s1"]
        assert "Status: complete" in bar.render_line(0).text
        x = next(x for x in range(bar.size.width) if (c := bar.chip_at(x)) and c.name == "pack")
        await pilot.click(FilterBar, offset=(x + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape")  # cancelling the picker changes nothing
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert len(ids(app.screen.query_one(SessionList))) == 4


async def test_sort_by_key_and_header_click(seeded: list[str]) -> None:
    app = ReviewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        await pilot.press("O")  # reverse: oldest first
        assert ids(session_list) == list(reversed(seeded))
        await pilot.press("o")  # next sortable column: the practice's name, descending, ignoring case
        assert session_list.sort == "title"
        # "product-sense practice" > "Product sense round (…)" > "behavioral-star practice" (ignoring case;
        # by code points the capital P would sort "Product sense round" last).
        assert ids(session_list)[:2] == ["s5", "s2"]
        assert "Practice▼" in line_text(session_list, 0)
        # Click the "Avg" header: highest average first, then again for lowest first.
        x = next(x for x in range(session_list.size.width) if (c := session_list.column_at(x)) and c.key == "rating")
        await pilot.click(SessionList, offset=(x + 1, 0))
        assert (session_list.sort, session_list.descending) == ("avg_rating", True)
        assert ids(session_list)[0] == "s4"  # 4.7
        await pilot.click(SessionList, offset=(x + 1, 0))
        assert session_list.descending is False
        assert ids(session_list)[0] == "s5"  # 2.4
        assert "Avg▲" in line_text(session_list, 0)


async def test_keys_and_mouse_open_detail(seeded: list[str]) -> None:
    app = ReviewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.session_id == "s5"
        await pilot.press("escape")
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        await pilot.click(SessionList, offset=(5, 3))  # third data row: s4 (line 0 is the header)
        assert session_list.cursor == 2 and isinstance(app.screen, ReviewScreen)
        await pilot.click(SessionList, offset=(5, 3))  # a click on the highlighted row opens it
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen) and app.screen.session_id == "s4"


async def test_history_is_read_again_when_coming_back(seeded: list[str]) -> None:
    app = ReviewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.press("enter")
        await pilot.pause()
        with Store.open(get_paths(), now=fixed_now) as other:  # e.g. a practice in another terminal
            record = other.get_session("s1")
            record.id, record.started_at = "s7", NOW
            other.import_sessions([record])
        await pilot.press("escape")
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        assert ids(session_list) == ["s7", *seeded]
        assert session_list.cursor == 2  # the place in the list is kept
        assert app.screen.sub_title.startswith("7 sessions")


async def test_detail_shows_everything_as_plain_text(seeded: list[str]) -> None:
    app = ReviewApp(session_id="s4")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        cards = list(app.screen.query(AnswerCard).results(AnswerCard))
        assert [c.answer.question_id for c in cards] == ["conflict-with-engineer", "proud"]
        first = cards[0].text
        assert "Tell me about a conflict with an engineer." in first
        # Names, not ids: the pack's and the category's, from the installed pack.
        assert "[Conflict and disagreement]" in first and "Behavioural classics (STAR)" in first
        assert "behavioral-star" not in first
        assert "1:58 of 2:00" in first and "over)" not in first
        assert "Structure 4 · Evidence 5" in first and "Overall 4" in first
        assert "[bold]not markup[/bold]" in first  # notes are shown literally
        assert "Met weekly; agreed a shared metric" in first and "STAR" in first
        # The question's guidance, in full, from the pack.
        assert "What a strong answer covers: Show that you understood the engineer's concern" in first
        assert first.rstrip().endswith("Credit the other person where they were right.")
        assert "What a strong answer covers" not in cards[1].text  # not in the pack: none
        summary = str(app.screen.query_one("#detail-summary").render())
        assert "2 answered, 0 skipped of 2 questions" in summary and "average 4.7" in summary
        assert "Target: Acme, Head of Product" in summary


async def test_detail_shows_notes_on_a_skipped_question_and_ended_early(seeded: list[str]) -> None:
    app = ReviewApp(session_id="s3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cards = list(app.screen.query(AnswerCard).results(AnswerCard))
        skipped = cards[1].text
        assert "Skipped" in skipped and "Notes: Skipped: no story ready yet" in skipped
        summary = str(app.screen.query_one("#detail-summary").render())
        assert "ended early" in summary and "1 answered, 1 skipped of 3 questions" in summary
        await pilot.press("down", "a")  # the skipped question's attempts show its notes too
        await pilot.pause()
        assert isinstance(app.screen, AttemptsScreen)
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert row[1] == "skipped" and row[-1].startswith("Skipped: no story ready yet")
        notes = str(app.screen.query_one("#attempt-notes").render())
        assert notes == "Skipped. Notes: Skipped: no story ready yet, find one about the data team"


async def test_compare_attempts(seeded: list[str]) -> None:
    app = ReviewApp(session_id="s4")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AttemptsScreen)
        assert [a.session_id for a in app.screen.attempts] == ["s6", "s4", "s1"]
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(3)]
        assert rows[1][0].endswith("◀")  # the session the comparison came from
        assert rows[2][1] == "2:30 / 2:00"  # s1 ran over
        assert rows[1][-2] == "4" and rows[2][-2] == "2"  # overall, then the notes
        assert rows[1][-1].startswith("Lead with the outcome")
        await pilot.press("escape")
        await pilot.press("down", "a")  # the second answer has a single attempt
        await pilot.pause()
        assert isinstance(app.screen, AttemptsScreen) and len(app.screen.attempts) == 1


async def test_trends_render(seeded: list[str]) -> None:
    app = ReviewApp(start="trends")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen) and screen.data is not None
        plots = {p.title: p for p in screen.query(TrendPlot).results(TrendPlot)}
        names = {"Average rating", "Overtime rate (%)", "Structure", "Delivery", "Conflict and disagreement"}
        assert names | {"Product design"} <= set(plots)
        assert len(screen.data.weeks) == 12 and screen.data.weeks[-1] == "2026-W47"
        # Week 47 holds s4 (4.4, 5.0), s5 (2.4) and s6 (3.4): mean 3.8.
        assert plots["Average rating"].latest() == pytest.approx(3.8)
        assert "⠀" in str(plots["Average rating"].render())  # drawn in braille
        calendar = screen.query_one(PracticeCalendar)
        assert calendar.streak == 1 and sum(calendar.counts.values()) == 6
        await pilot.press("d")  # the period, as d is on the review screen
        await pilot.pause()
        assert app.screen.weeks == 26 and len(app.screen.data.weeks) == 26  # type: ignore[attr-defined]
        await pilot.press("w")  # the weakest questions, as w is on the review screen
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)


async def test_drill_starts_practice_on_the_weakest(seeded: list[str]) -> None:
    with Store.open(get_paths(), now=fixed_now) as store:
        expected = [(w.pack_id, w.question_id) for w in store.weakest_questions(limit=5, now=NOW)]
    app = ReviewApp(start="drill")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.query_one(DataTable).row_count == 5
        assert expected[0] == ("behavioral-star", "influence")  # skipped last time: first
        await pilot.press("p")
        assert app.practice_calls == [{"drill": expected}]
        await pilot.press("minus", "minus")
        assert app.screen.query_one(DataTable).row_count == 3
        await pilot.press("p")
        assert app.practice_calls[-1] == {"drill": expected[:3]}


async def test_drill_with_no_history_does_not_start() -> None:
    app = ReviewApp(start="drill")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        assert app.practice_calls == []
        assert "Nothing to drill yet" in str(app.screen.query_one("#drill-intro").render())


async def test_ten_thousand_sessions_without_per_row_widgets() -> None:
    with Store.open(get_paths(), now=fixed_now) as store:
        bulk_history(store, 10_000)
    app = ReviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        assert session_list.row_count == 10_000
        # Only the first page was read, and the screen holds a handful of widgets.
        assert session_list.fetches == 1
        assert len(list(app.screen.walk_children())) < 80
        await pilot.press("end")
        await pilot.pause()
        assert session_list.cursor == 9_999
        assert session_list.highlighted.summary.id == "bulk-09999"  # type: ignore[union-attr]
        assert session_list.fetches <= 3
        assert len(list(app.screen.walk_children())) < 80
        await pilot.press("home")
        await pilot.pause()
        assert session_list.scroll_offset.y == 0
        for _ in range(3):  # the mouse wheel scrolls the list
            session_list.post_message(events.MouseScrollDown(session_list, 2, 2, 0, 1, 0, False, False, False))
        await pilot.pause()
        top = session_list.scroll_offset.y
        assert top > 0
        expected = session_list.row(top).summary.started_at.strftime("%Y-%m-%d %H:%M")  # type: ignore[union-attr]
        assert line_text(session_list, 1).strip().startswith(expected)


# --- snapshots ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_review(snap_compare: Any, seeded: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(ReviewApp(), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_detail(snap_compare: Any, seeded: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(ReviewApp(session_id="s4"), terminal_size=size)


async def test_textual_scrollbar_follows_and_drives_the_list() -> None:
    from textual.scrollbar import ScrollBar

    with Store.open(get_paths(), now=fixed_now) as store:
        bulk_history(store, 2_000)
    app = ReviewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        # Textual's own scrollbar, sized by the virtual height (rows plus the header line).
        assert session_list.show_vertical_scrollbar and not session_list.show_horizontal_scrollbar
        bar = session_list.vertical_scrollbar
        assert isinstance(bar, ScrollBar) and bar.window_virtual_size == 2_001
        assert session_list.scrollable_size.width == session_list.outer_size.width - session_list.scrollbar_size_vertical
        assert len(line_text(session_list, 1)) == session_list.scrollable_size.width  # rows stop beside the bar
        # A click on the track below the thumb scrolls down; the thumb follows the list.
        await pilot.click(SessionList, offset=(session_list.outer_size.width - 1, session_list.size.height - 1))
        await pilot.wait_for_scheduled_animations()  # the page scroll may be animated
        await pilot.pause()
        assert session_list.scroll_offset.y > 0 and bar.position == session_list.scroll_offset.y
        # A click in the rows still moves the cursor, not the scroll position.
        top = session_list.scroll_offset.y
        await pilot.click(SessionList, offset=(5, 3))
        await pilot.pause()
        assert session_list.cursor == top + 2 and session_list.scroll_offset.y == top
        await pilot.press("end")
        await pilot.pause()
        assert session_list.scroll_offset.y == session_list.max_scroll_y == 2_001 - session_list.size.height
        assert line_text(session_list, session_list.size.height - 1).strip().startswith(
            session_list.row(1_999).summary.started_at.strftime("%Y-%m-%d %H:%M")  # type: ignore[union-attr]
        )


async def test_custom_date_range_both_ends_included(seeded: list[str]) -> None:
    from textual.widgets import Input

    from mockint.tui.screens.date_range import DateRangeScreen

    app = ReviewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        session_list = app.screen.query_one(SessionList)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DateRangeScreen)
        await pilot.press(*"2026-11-16", "tab", *"2026-11-01", "enter")  # the wrong way round
        await pilot.pause()
        assert isinstance(app.screen, DateRangeScreen)
        assert "From is after To" in str(app.screen.query_one("#range-problem").render())
        app.screen.query_one("#range-from", Input).value = "2026-11-01"
        app.screen.query_one("#range-to", Input).value = "2026-11-16"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert ids(session_list) == ["s4", "s3", "s2"]  # s4 started on the 16th: included
        assert "Period: 2026-11-01 – 2026-11-16" in app.screen.query_one(FilterBar).render_line(0).text
        await pilot.press("D")  # open-ended: everything up to 1 November
        await pilot.pause()
        app.screen.query_one("#range-from", Input).value = ""
        app.screen.query_one("#range-to", Input).value = "2026-11-01"
        await pilot.press("enter")
        await pilot.pause()
        assert ids(session_list) == ["s2", "s1"]
        await pilot.press("D")
        await pilot.pause()
        app.screen.query_one("#range-to", Input).value = "1 Nov"
        await pilot.press("enter")
        await pilot.pause()
        assert "expected a date like" in str(app.screen.query_one("#range-problem").render())
        await pilot.press("escape")  # cancelled: the range stays
        await pilot.pause()
        assert ids(session_list) == ["s2", "s1"]
        await pilot.press("d")  # the period key leaves the range for all time
        await pilot.pause()
        assert len(ids(session_list)) == 6


def test_parse_range() -> None:
    from datetime import date

    from mockint.tui.screens.date_range import parse_range

    assert parse_range("2026-01-02", " ") == (date(2026, 1, 2), None)
    assert parse_range("", "") == (None, None)
    assert parse_range("2026-02-30", "") == "From: expected a date like 2026-11-01, got '2026-02-30'"
    assert parse_range("2026-03-02", "2026-03-01") == "From is after To"
