"""Pictures of the main screens at 80x24 and 160x45 (fixed clock, date, seed and data).

Update after an intended change: `pytest tests/tui/test_tui_snapshots.py --snapshot-update`,
then look at the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.tui_support import ManualClock, make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]
PRACTICE = {"pack_id": "demo", "seed": 7, "count": 3}


def practice_app(tmp_path: Path, clock: ManualClock, **kwargs: Any) -> Any:
    return make_app(tmp_path, clock, start_screen="practice", screen_kwargs=PRACTICE | kwargs)


async def clock_shown(pilot: Pilot[Any]) -> None:
    """Wait until the clock face shows the manual clock's time (redrawn on the screen's 4 Hz tick)."""
    from mockint.core.format import mmss
    from mockint.tui.screens.practice import PracticeScreen
    from mockint.tui.widgets.clock import ClockWidget

    await pilot.pause()
    screen = pilot.app.screen
    if not isinstance(screen, PracticeScreen) or screen.session is None or screen.session.finished:
        return
    session = screen.session
    if not session.interview_clock.is_moving():
        return  # nothing ticks: the face was drawn when the clock last changed
    want = [f"Interview {mmss(session.total_seconds)}"]
    if session.answer_clock is not None:
        want.append(session.answer_clock.reading().text)
    face = ""
    for _ in range(1000):  # a guard against a hang, not a speed limit
        face = str(screen.query_one(ClockWidget).render())
        if all(part in face for part in want):
            return
        await pilot.pause(0.01)
    raise AssertionError(f"the clock never showed {want}: {face!r}")


def keys_then_time(clock: ManualClock, *steps: str | float) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press keys and move the manual clock in order, then let it tick.

    A float advances the clock by that many seconds; a negative one by that share of the
    current question's target (-0.8 is 80% of it), so a picture does not depend on the target.
    """

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for step in steps:
            if isinstance(step, str):
                await pilot.press(step)
            elif step < 0:
                clock.advance(-step * pilot.app.screen.session.question.target_seconds)
            else:
                clock.advance(step)
        await clock_shown(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_home_first_run(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_practice_question_shown(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    assert snap_compare(practice_app(tmp_path, clock), terminal_size=size, run_before=keys_then_time(clock))


@pytest.mark.parametrize("size", SIZES)
def test_practice_clock_running(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    run = keys_then_time(clock, "space", -0.8)  # 80% of the target: the warning colour
    assert snap_compare(practice_app(tmp_path, clock), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_practice_overtime(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    run = keys_then_time(clock, "space", -1.5)
    assert snap_compare(practice_app(tmp_path, clock), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_practice_rating(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    run = keys_then_time(clock, "space", 55.0, "space", "4", "3", "k", *"grew signups 30% in Q2", "escape")
    assert snap_compare(practice_app(tmp_path, clock), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    answer = ("space", 70.0, "space", "3", "4", "2", "4", "3", "3", "enter")
    run = keys_then_time(clock, *answer, "s", *answer)
    assert snap_compare(practice_app(tmp_path, clock), terminal_size=size, run_before=run)


PLAN = {"plan_id": "demo-plan", "pack_id": None, "count": None}


@pytest.mark.parametrize("size", SIZES)
def test_practice_anchors_while_rating(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    run = keys_then_time(clock, "space", 40.0, "space", "4")  # Evidence is being rated
    assert snap_compare(practice_app(tmp_path, clock), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_practice_guidance_once_rated(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    run = keys_then_time(clock, "space", 40.0, "space", "4", "3", "4", "2", "4", "4", 12.0)
    assert snap_compare(practice_app(tmp_path, clock, **PLAN), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_practice_teleprompter(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    from mockint.core.backgrounder.model import Backgrounder
    from mockint.core.backgrounder.storage import save_backgrounder

    save_backgrounder(Backgrounder(
        about=["Product lead for payments, ten years in fintech.", "Built two teams from scratch."],
        quantitative=["Grew checkout conversion 18% in two quarters", "Cut fraud losses by a third"],
        qualitative=["Known for calm, written decision records"],
    ))
    clock = ManualClock()
    run = keys_then_time(clock, "f", "f", "t")
    assert snap_compare(practice_app(tmp_path, clock, **PLAN), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_practice_save_unrated_asks(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    run = keys_then_time(clock, "space", 30.0, "space", "enter")
    assert snap_compare(practice_app(tmp_path, clock), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_summary_ended_early_with_nothing_answered(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = ManualClock()
    run = keys_then_time(clock, "s", 5.0, "escape", "y")
    assert snap_compare(practice_app(tmp_path, clock), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_practice_how_long(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    from tests.support.practice_support import big_pack

    big_pack()
    clock = ManualClock()
    app = make_app(tmp_path, clock, start_screen="practice", screen_kwargs={"pack_id": "big"})
    assert snap_compare(app, terminal_size=size, run_before=keys_then_time(clock))


@pytest.mark.parametrize("size", SIZES)
def test_practice_your_questions_for_the_interviewer(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    from tests.support.practice_support import reverse_pack_in
    from tests.support.tui_support import builtin_dir

    reverse_pack_in(builtin_dir(tmp_path))
    clock = ManualClock()
    run = keys_then_time(clock, "space", 30.0, "space", "4", "4", "4", "4", "4", "4", "enter", "space", 20.0)
    assert snap_compare(practice_app(tmp_path, clock, count=1), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_summary_with_your_questions(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    from tests.support.practice_support import reverse_pack_in
    from tests.support.tui_support import builtin_dir

    reverse_pack_in(builtin_dir(tmp_path))
    clock = ManualClock()
    answer = ("space", 30.0, "space", "4", "3", "4", "2", "4", "4", "enter")
    asked = ("space", 25.0, "space", "4", "5", "4", "enter")
    run = keys_then_time(clock, *answer, *asked, "s")
    assert snap_compare(practice_app(tmp_path, clock, count=1), terminal_size=size, run_before=run)
