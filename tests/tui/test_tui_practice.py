"""The practice screen driven by keys, with a manual clock: the whole interview loop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from mockint.core.interview.rubric import DEFAULT_RUBRIC
from mockint.core.settings import Settings
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.home import HomeScreen
from mockint.tui.screens.practice import PracticeScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.clock import ClockWidget
from mockint.tui.widgets.feedback_pane import FeedbackPane
from mockint.tui.widgets.interviewer_pane import InterviewerPane
from tests.support.practice_support import big_pack
from tests.support.tui_support import ManualClock, make_app


async def until(pilot: Any, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app run until `condition` holds (the 4 Hz clock tick may be late on a busy machine)."""
    waited = 0.0
    while not condition():
        assert waited < timeout, "condition not reached"
        await pilot.pause(0.05)
        waited += 0.05

SIZE = (100, 32)


def practice_app(tmp_path: Path, clock: ManualClock, **screen_kwargs: Any) -> Any:
    kwargs = {"pack_id": "demo", "seed": 7, "count": 3} | screen_kwargs
    return make_app(tmp_path, clock, start_screen="practice", screen_kwargs=kwargs)


def transcript(screen: PracticeScreen) -> str:
    pane = screen.query_one(InterviewerPane)
    return "\n".join(str(child.render()) for child in pane.children)


async def test_first_question_appears_without_a_key(tmp_path: Path) -> None:
    app = practice_app(tmp_path, ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.session.index == 0
        text = transcript(screen)
        assert "Sam" in text  # the persona greets first
        assert screen.session.question.text in text
        progress = str(screen.query_one("#progress").render())
        assert progress.startswith(f"Question 1 of {len(screen.session.questions)}")
        # The claim question needs a backgrounder entry: it is skipped, and says so.
        assert "Left out “You wrote:" in text and "needs a quantitative highlight" in text


async def test_rating_and_enter_save_before_the_next_question(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        first_text = screen.session.questions[0].text
        second_text = screen.session.questions[1].text
        seen_at_save: list[str] = []
        real_save = app.store.save_answer

        def spy(session_id: str, answer: Any) -> None:
            seen_at_save.append(transcript(screen))
            real_save(session_id, answer)

        app.store.save_answer = spy
        await pilot.press("space")
        clock.advance(42.5)
        await pilot.press("space")
        await pilot.press("4", "3", "5", "2", "4", "4")  # five dimensions, then overall
        await pilot.press("enter")
        await pilot.pause()
        answers = app.store.session_answers(screen.session.session_id)
        assert len(answers) == 1
        saved = answers[0]
        assert saved.index == 0 and saved.question_text == first_text
        assert saved.elapsed_seconds == 42.5 and saved.overtime_seconds == 0
        assert list(saved.ratings.values()) == [4, 3, 5, 2, 4]
        assert saved.overall == 4 and not saved.skipped
        # The next question was not on screen when the answer was written, and is now.
        assert second_text not in seen_at_save[0]
        assert screen.session.index == 1 and second_text in transcript(screen)


async def test_follow_ups_are_asked_once_each_and_saved(tmp_path: Path) -> None:
    app = practice_app(tmp_path, ManualClock(), plan_id="demo-plan", pack_id=None, count=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.session.question.question_id == "shipped-hard"
        await pilot.press("f", "f", "f")
        await pilot.pause()
        text = transcript(screen)
        assert "What would you do differently?" in text and "How did you measure success?" in text
        assert any("No follow-ups left" in n.message for n in app._notifications)
        await pilot.press("enter")  # nothing rated: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        saved = app.store.session_answers(screen.session.session_id)[0]
        assert saved.follow_ups_asked == ["What would you do differently?", "How did you measure success?"]


async def test_pause_stops_the_answer_clock(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space")
        clock.advance(10)
        await pilot.press("p")
        assert screen.session.answer_clock.phase == "paused"
        assert "paused" in str(screen.query_one("#progress").render())
        assert not screen._ticker._active.is_set()  # nothing moves, nothing refreshes
        clock.advance(300)
        await pilot.press("space")  # ignored while paused
        await pilot.press("p")
        clock.advance(5)
        await pilot.press("space")
        assert screen.session.answer_clock.elapsed() == 15
        assert screen.session.interview_clock.elapsed() == 15


async def test_skip_is_recorded(tmp_path: Path) -> None:
    app = practice_app(tmp_path, ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("3", "s")
        await pilot.pause()
        saved = app.store.session_answers(screen.session.session_id)
        assert [a.skipped for a in saved] == [True]
        assert saved[0].ratings == {}
        assert screen.session.index == 1


async def test_escape_asks_and_n_returns_y_ends(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        practice = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is practice
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # escape in the modal also returns
        await pilot.pause()
        assert app.screen is practice
        await pilot.press("space")
        clock.advance(20)
        await pilot.press("space", "3", "enter")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        record = app.store.get_session(practice.session.session_id)
        assert record.status == "complete" and len(record.answers) == 1


async def test_whole_interview_ends_with_summary_then_home(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        total = len(screen.session.questions)
        for n in range(total):
            await pilot.press("space")
            clock.advance(200 if n == 0 else 30)  # the first one runs over its target
            await pilot.press("space", "2", "4", "4", "4", "4", "3", "enter")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        record = app.store.get_session(screen.session.session_id)
        assert record.status == "complete" and len(record.answers) == total
        summary_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Lowest dimension: Structure" in summary_text
        assert "Q1 ran +" in summary_text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_typing_in_notes_never_triggers_practice_keys(tmp_path: Path) -> None:
    app = practice_app(tmp_path, ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("n")
        assert isinstance(screen.focused, TextArea) and screen.focused.id == "notes"
        await pilot.press("1", "space", "s", "f", "p", "enter", "x")
        await pilot.pause()
        assert screen.query_one("#notes", TextArea).text == "1 sfp\nx"
        assert screen.session.rating.is_empty
        assert screen.session.answer_clock.phase in ("ready", "prep") and not screen.session.paused
        assert screen.session.index == 0 and app.store.session_answers(screen.session.session_id) == []
        await pilot.press("escape")  # leaves the field, does not end the interview
        await pilot.pause()
        assert screen.focused is None and app.screen is screen
        await pilot.press("k", *"grew revenue 30%", "escape", "space")
        assert screen.session.answer_clock.phase == "answering"
        assert "numbers: 1" in screen.query_one(FeedbackPane).plain


async def test_clock_colours_bell_and_overtime(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        bells: list[int] = []
        app.bell = lambda: bells.append(1)
        target = screen.session.question.target_seconds
        widget = screen.query_one(ClockWidget)
        await pilot.press("space")
        clock.advance(target * 0.8)
        await until(pilot, lambda: widget.has_class("-warn"))
        assert not bells
        clock.advance(target * 0.3)
        await until(pilot, lambda: widget.has_class("-over"))
        assert bells == [1]
        assert "+0:" in str(widget.render())
        face = str(widget.render())
        clock.advance(1.0)
        await until(pilot, lambda: str(widget.render()) != face)  # the clock has ticked again
        assert bells == [1]  # once per answer


async def test_auto_probe_after_a_short_answer(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    app._settings = Settings(auto_probe=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space")
        clock.advance(3)
        await pilot.press("space")
        await pilot.pause()
        assert len(screen.session.follow_ups_asked) == 1
        assert screen.session.follow_ups_asked[0] in transcript(screen)
        # The guidance is revealed once the answer is over.
        if screen.session.question.guidance:
            assert screen.session.question.guidance[:20] in screen.query_one(FeedbackPane).plain


async def test_teleprompter_toggles(tmp_path: Path) -> None:
    app = practice_app(tmp_path, ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompter = app.screen.query_one("#teleprompter")
        assert not prompter.display
        await pilot.press("t")
        assert prompter.display
        await pilot.press("t")
        assert not prompter.display


async def test_resume_continues_at_first_unanswered(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_id = app.screen.session.session_id
        questions = [q.question_id for q in app.screen.session.questions]
        await pilot.press("space")
        clock.advance(12)
        await pilot.press("space", "3", "enter")
        await pilot.pause()
    # The first app quit mid-interview: the session is incomplete, with one saved answer.
    again = make_app(tmp_path, ManualClock(), start_screen="practice",
                     screen_kwargs={"resume_session_id": session_id})
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, PracticeScreen)
        assert again.store.last_incomplete() == session_id
        assert screen.session.index == 1 and screen.session.question.question_id == questions[1]
        assert "Welcome back" in transcript(screen)
        assert screen.session.interview_clock.elapsed() == 12
        await pilot.press("s")
        await pilot.pause()
        assert again.store.answered_indexes(session_id) == {0, 1}


def test_summary_advice_names_the_weakest_dimension_and_overtime() -> None:
    from datetime import UTC, datetime

    from mockint.core.history.records import AnswerRecord
    from mockint.tui.screens.summary import summarise

    def answer(index: int, ratings: dict[str, int], elapsed: float, skipped: bool = False) -> AnswerRecord:
        return AnswerRecord(
            index=index, pack_id="p", pack_version="1", question_id=f"q{index}", question_text=f"Q {index}",
            category=None, target_seconds=60, elapsed_seconds=elapsed, overtime_seconds=max(0.0, elapsed - 60),
            ratings=ratings, overall=None, notes="", typed_points="", feedback=None, follow_ups_asked=[],
            skipped=skipped, asked_at=datetime(2026, 1, 1, tzinfo=UTC),
        )

    data = summarise(
        [answer(0, {"structure": 4, "impact": 2}, 75), answer(1, {}, 0, skipped=True),
         answer(2, {"structure": 2, "impact": 3}, 40)],
        {"structure": "Structure", "impact": "Impact"},
    )
    assert data.answered == 2 and data.skipped == 1
    assert data.work_on[0] == "Lowest dimension: Impact (average 2.5)"
    assert "Q1 ran +0:15 over" in data.work_on
    assert data.rows[0][2] == "1:15 / 1:00 +0:15" and data.rows[1][2] == "skipped"
    assert summarise([], {}).work_on  # always some advice


async def test_prep_countdown_then_the_answer_starts_by_itself(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock, plan_id="prep-plan", pack_id=None, count=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        face = screen.query_one(ClockWidget)
        assert screen.session.answer_clock.phase == "prep"
        assert str(face.render()).startswith("prep 0:15")
        clock.advance(5)
        await until(pilot, lambda: str(face.render()).startswith("prep 0:10"))
        await pilot.press("p")  # paused prep does not count down
        clock.advance(100)
        await pilot.press("p")
        clock.advance(12)  # 10 s of prep left, so 2 s into the answer
        await until(pilot, lambda: screen.session.answer_clock.phase == "answering")
        assert screen.session.answer_clock.elapsed() == 2
        await until(pilot, lambda: str(face.render()).startswith("0:02 / 2:00"))


async def test_teleprompter_on_start_shows_the_backgrounder(tmp_path: Path) -> None:
    from mockint.core.backgrounder.model import Backgrounder
    from mockint.core.backgrounder.storage import save_backgrounder

    save_backgrounder(Backgrounder(about=["Product lead for payments, ten years in fintech."]))
    app = practice_app(tmp_path, ManualClock(), teleprompter=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompter = app.screen.query_one("#teleprompter")
        assert prompter.display
        assert "ten years in fintech" in str(prompter.render())
        await pilot.press("t")
        assert not prompter.display


async def test_drill_asks_the_chosen_questions_in_order(tmp_path: Path) -> None:
    targets = [("demo", "prioritise"), ("demo", "conflict")]
    app = practice_app(tmp_path, ManualClock(), drill=targets, pack_id=None, count=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert [(q.pack_id, q.question_id) for q in screen.session.questions] == targets
        session = app.store.get_session(screen.session.session_id)
        assert session.title.startswith("Drill")


async def test_ending_early_keeps_the_answer_just_stopped_and_rated(tmp_path: Path) -> None:
    # Issue 11: stop the clock, rate, then escape + y: the rated answer is saved, not dropped.
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        session_id = screen.session.session_id
        await pilot.press("space")
        clock.advance(25)
        await pilot.press("space", "4", "3")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        asked = str(app.screen.query("Static").first().render())
        assert "1 answer will be kept, this one included; 2 questions will not be asked" in asked
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        record = app.store.get_session(session_id)
        assert record.ended_early
        assert [(a.index, a.elapsed_seconds, a.ratings) for a in record.answers] == [
            (0, 25, {"structure": 4, "evidence": 3})
        ]


async def test_ending_early_without_starting_saves_nothing(tmp_path: Path) -> None:
    app = practice_app(tmp_path, ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_id = app.screen.session.session_id
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.store.get_session(session_id).answers == []
        summary_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "ended early" in summary_text
        assert "well paced" not in summary_text and "good conversation" not in summary_text


async def test_enter_on_an_unrated_answer_asks_first(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space")
        clock.advance(10)
        await pilot.press("enter")  # while answering: the time stops, then it asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        clock.advance(20)
        assert "no rating" in str(app.screen.query("Static").first().render())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.session.index == 0
        assert app.store.session_answers(screen.session.session_id) == []
        await pilot.press("enter", "y")
        await pilot.pause()
        assert screen.session.index == 1
        saved = app.store.session_answers(screen.session.session_id)
        assert [(a.index, a.ratings, a.overall, a.elapsed_seconds) for a in saved] == [(0, {}, None, 10)]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_all_five_anchors_of_the_dimension_being_rated_are_readable(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("space")
        pane = screen.query_one(FeedbackPane)
        for row, dimension in enumerate(DEFAULT_RUBRIC):
            await pilot.pause()
            assert screen.session.rating.highlight == row
            text = screen.query_one(FeedbackPane).plain
            assert all(anchor in text.replace("\n", " ") or anchor in text for anchor in dimension.anchors)
            assert dimension.name in str(pane.border_title)
            # All five fit in the pane as it is, without scrolling.
            assert pane.scrollable_content_region.height >= _lines_of(screen, dimension.anchors)
            await pilot.press("3")


def _lines_of(screen: Any, anchors: tuple[str, ...]) -> int:
    """Lines the five anchors take at the pane's width."""
    import textwrap

    width = screen.query_one("#feedback-text").content_region.width
    return sum(len(textwrap.wrap(f"{n} {a}", width)) for n, a in enumerate(anchors, 1))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_guidance_is_readable_in_full_once_the_answer_is_rated(tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock, plan_id="demo-plan", pack_id=None, count=None)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        guidance = screen.session.question.guidance
        assert guidance and guidance not in screen.query_one(FeedbackPane).plain
        await pilot.press("space")
        clock.advance(40)
        await pilot.press("space", "4", "4", "4", "4", "4", "4")
        await pilot.pause()
        pane = screen.query_one(FeedbackPane)
        assert "strong answer" in str(pane.border_title)
        assert screen.query_one(FeedbackPane).plain.startswith(guidance)
        await pilot.press("pagedown")  # scrolls when it is longer than the pane; never cut off
        assert pane.allow_vertical_scroll or pane.max_scroll_y == 0


async def test_the_right_column_grows_with_the_terminal(tmp_path: Path) -> None:
    widths = []
    for size in ((80, 24), (160, 45)):
        app = practice_app(tmp_path, ManualClock())
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            widths.append(app.screen.query_one("#practice-right").region.width)
    assert widths[0] >= 36 and widths[1] >= 60


async def test_the_interview_clock_runs_while_the_candidate_rates(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock, count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        face = screen.query_one(ClockWidget)
        await pilot.press("space")
        clock.advance(18)
        await pilot.press("space")
        clock.advance(30)  # rating takes a while
        await until(pilot, lambda: "Interview 0:48" in str(face.render()))
        await pilot.press("3", "3", "3", "3", "3", "3")
        clock.advance(5)
        await until(pilot, lambda: "Interview 0:53" in str(face.render()))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "0:53 in total" in summary_text


async def test_the_teleprompter_never_hides_the_current_question(tmp_path: Path) -> None:
    from mockint.core.backgrounder.model import Backgrounder
    from mockint.core.backgrounder.storage import save_backgrounder

    save_backgrounder(Backgrounder(
        about=[f"About entry number {n}, long enough to wrap at eighty columns for sure." for n in range(3)],
        quantitative=[f"Grew revenue by {n}0% in a year" for n in range(1, 4)],
        qualitative=["Built the payments team from scratch"],
    ))
    app = practice_app(tmp_path, ManualClock(), plan_id="demo-plan", pack_id=None, count=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        pane = screen.query_one(InterviewerPane)
        await pilot.press("f", "f")  # follow-ups push the question up
        for _ in range(2):
            await pilot.press("t")
            await pilot.pause()
            await pilot.pause()
            question = pane.current
            assert question is not None
            visible = pane.scrollable_content_region
            assert question.region.height > 0 and visible.contains_region(question.region), "question hidden"


def test_summary_is_honest_when_little_happened() -> None:
    from datetime import UTC, datetime

    from mockint.core.history.records import AnswerRecord
    from mockint.tui.screens.summary import summarise

    def answer(index: int, ratings: dict[str, int], skipped: bool = False) -> AnswerRecord:
        return AnswerRecord(
            index=index, pack_id="p", pack_version="1", question_id=f"q{index}", question_text=f"Q {index}",
            category=None, target_seconds=60, elapsed_seconds=30, overtime_seconds=0,
            ratings=ratings, overall=None, notes="", typed_points="", feedback=None, follow_ups_asked=[],
            skipped=skipped, asked_at=datetime(2026, 1, 1, tzinfo=UTC),
        )

    nothing = " ".join(summarise([], {}).work_on + summarise([answer(0, {}, skipped=True)], {}).work_on)
    assert "well paced" not in nothing and "Nothing was answered" in nothing
    assert "1 question skipped: try it again" in nothing
    equal = summarise([answer(0, {"structure": 3, "impact": 3})], {"structure": "Structure"})
    assert not any("Lowest dimension" in line for line in equal.work_on)
    assert equal.rows[0][4] == "–"  # no "lowest" among equal scores


@pytest.mark.parametrize(("choice", "expected"), [("count:3", 3), ("minutes:10", 5), ("all", 14)])
async def test_choosing_a_pack_asks_how_long(tmp_path: Path, choice: str, expected: int) -> None:
    from textual.widgets import OptionList

    from mockint.tui.screens.picker import PickerScreen

    big_pack()
    app = make_app(tmp_path, ManualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_screen("practice", pack_id="big")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        picker = app.screen
        options = picker.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "3 questions · about 6 minutes" in labels and "All 14 questions · about 28 minutes" in labels
        assert "Big pack: 14 questions in all" in str(picker.query(".picker-title").first().render())
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index(choice)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PracticeScreen) and app.screen.session is not None)
        assert len(app.screen.session.questions) == expected


async def test_escape_from_how_long_goes_back(tmp_path: Path) -> None:
    from mockint.tui.screens.picker import PickerScreen

    big_pack()
    app = make_app(tmp_path, ManualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_screen("practice", category="general")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.store.last_incomplete() is None  # nothing was started


async def test_a_short_pack_starts_without_asking(tmp_path: Path) -> None:
    app = make_app(tmp_path, ManualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_screen("practice", pack_id="demo")
        await until(pilot, lambda: isinstance(app.screen, PracticeScreen) and app.screen.session is not None)


def test_plan_choices_show_each_plans_length(tmp_path: Path) -> None:
    from mockint.core.packs.library import PackLibrary
    from mockint.core.paths import get_paths
    from mockint.tui.screens.picker import plan_choices
    from tests.support.tui_support import builtin_dir

    packs = PackLibrary(get_paths(), builtin_dir=builtin_dir(tmp_path)).load_all()
    labels = dict(plan_choices(packs))
    assert labels["demo-plan"] == "Demo plan (Demo pack) · 2 questions · about 3 minutes"
    assert labels["prep-plan"] == "One case with preparation time (Demo pack) · 1 question · about 2 minutes"


async def test_the_closing_leads_into_practising_questions_for_the_interviewer(tmp_path: Path) -> None:
    from tests.support.practice_support import reverse_pack_in
    from tests.support.tui_support import builtin_dir

    reverse_pack_in(builtin_dir(tmp_path))
    clock = ManualClock()
    app = practice_app(tmp_path, clock, count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        session = screen.session
        assert [q.reverse for q in session.questions] == [False, True, True]
        assert "1 question," in transcript(screen)  # the greeting counts the interviewer's questions
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("space", "4", "4", "4", "4", "4", "4", "enter")
        await pilot.pause()
        assert session.reverse_part and app.screen is screen
        text = transcript(screen)
        assert "You ask: " + session.question.text in text
        assert str(screen.query_one("#progress").render()).startswith("Your question 1 of 2")
        assert [r.name for r in session.rating.rows] == ["Insight", "Delivery", "Overall"]
        await pilot.press("space")
        clock.advance(20)
        await pilot.press("space", "4", "3", "4", "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "1 answered" in summary_text  # the interviewer's question
        assert "Your questions for the interviewer" in summary_text


async def test_without_a_reverse_pack_the_closing_invites_no_questions(tmp_path: Path) -> None:
    clock = ManualClock()
    app = practice_app(tmp_path, clock, count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "3", "3", "3", "3", "3", "3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        closing = str(app.screen.query("Static").first().render())
        assert "?" not in closing and "ask me" not in closing


async def test_a_click_on_a_rating_row_highlights_it(tmp_path: Path) -> None:
    from mockint.tui.widgets.rating import RatingPanel

    app = practice_app(tmp_path, ManualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        panel = screen.query_one(RatingPanel)
        top = panel.content_region.y - panel.region.y
        await pilot.click(RatingPanel, offset=(4, top + 2))  # the third row: Impact
        await pilot.pause()
        assert screen.session.rating.current.id == "impact"
        await pilot.press("5")
        assert screen.session.rating.scores == {"impact": 5}


async def test_the_teleprompter_opens_by_mouse_on_a_wide_terminal(tmp_path: Path) -> None:
    from mockint.tui.widgets.key_bar import KeyBar

    app = practice_app(tmp_path, ManualClock())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        prompter = app.screen.query_one("#teleprompter")
        assert not prompter.display
        bar = app.screen.query_one(KeyBar)
        line = "".join(segment.text for segment in bar.render_line(0))
        await pilot.click(KeyBar, offset=(line.index("t Prompter") + 1, 0))
        await pilot.pause()
        assert prompter.display
