"""The answer and interview clocks, driven by a fake monotonic clock."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockint.core.interview.clock import AnswerClock, InterviewClock, level_for


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_the_face_spells_durations_as_everywhere_else() -> None:
    # The face uses core.format's one spelling (tests/core/test_format.py covers its cases).
    fake = FakeClock()
    clock = AnswerClock(60, clock=fake)
    clock.start()
    fake.advance(72.7)
    assert clock.reading().text == "1:12 / 1:00 +0:12"


def test_ready_clock_does_not_move() -> None:
    fake = FakeClock()
    c = AnswerClock(120, clock=fake)
    fake.advance(50)
    assert c.phase == "ready"
    assert c.elapsed() == 0
    assert not c.is_moving()


def test_start_and_stop_freeze_elapsed() -> None:
    fake = FakeClock()
    c = AnswerClock(120, clock=fake)
    c.start()
    assert c.is_moving()
    fake.advance(30.5)
    assert c.elapsed() == pytest.approx(30.5)
    c.stop()
    fake.advance(100)
    assert c.phase == "stopped"
    assert c.elapsed() == pytest.approx(30.5)
    assert not c.is_moving()
    c.start()  # stopped stays stopped
    assert c.phase == "stopped"


def test_pause_time_is_excluded() -> None:
    fake = FakeClock()
    c = AnswerClock(120, clock=fake)
    c.start()
    fake.advance(10)
    c.toggle_pause()
    assert c.phase == "paused"
    assert not c.is_moving()
    fake.advance(500)
    assert c.elapsed() == pytest.approx(10)
    c.toggle_pause()
    assert c.phase == "answering"
    fake.advance(5)
    assert c.elapsed() == pytest.approx(15)


def test_prep_counts_down_then_answer_starts_at_prep_end() -> None:
    fake = FakeClock()
    c = AnswerClock(60, prep_seconds=15, clock=fake)
    assert c.prep_remaining() == 15
    c.start_prep()
    assert c.phase == "prep"
    assert c.is_moving()
    fake.advance(5)
    assert c.prep_remaining() == pytest.approx(10)
    assert c.elapsed() == 0
    # Nobody looks for a while: the answer still began exactly when prep ran out.
    fake.advance(13)
    assert c.phase == "answering"
    assert c.elapsed() == pytest.approx(3)
    assert c.prep_remaining() == 0


def test_start_during_prep_skips_the_rest() -> None:
    fake = FakeClock()
    c = AnswerClock(60, prep_seconds=30, clock=fake)
    c.start_prep()
    fake.advance(4)
    c.start()
    assert c.phase == "answering"
    assert c.prep_remaining() == 0
    fake.advance(2)
    assert c.elapsed() == pytest.approx(2)


def test_pause_during_prep_holds_the_countdown() -> None:
    fake = FakeClock()
    c = AnswerClock(60, prep_seconds=20, clock=fake)
    c.start_prep()
    fake.advance(5)
    c.toggle_pause()
    fake.advance(100)
    assert c.phase == "paused"
    assert c.prep_remaining() == pytest.approx(15)
    assert c.reading().text == "prep 0:15"
    c.toggle_pause()
    assert c.phase == "prep"
    fake.advance(15)
    assert c.phase == "answering"
    assert c.elapsed() == 0


def test_start_prep_without_prep_time_stays_ready() -> None:
    c = AnswerClock(60, clock=FakeClock())
    c.start_prep()
    assert c.phase == "ready"


def test_levels_at_exact_boundaries() -> None:
    fake = FakeClock(0.0)
    c = AnswerClock(120, clock=fake)
    c.start()
    fake.advance(89.99)
    assert c.level() == "ok"
    fake.now = 90.0  # exactly 75%
    assert c.level() == "warn"
    fake.now = 119.99
    assert c.level() == "warn"
    fake.now = 120.0  # exactly 100%
    assert c.level() == "over"
    assert c.overtime() == 0
    fake.now = 130.0
    assert c.overtime() == pytest.approx(10)
    assert c.remaining() == pytest.approx(-10)


def test_level_for_odd_targets() -> None:
    # 75% of 7 is 5.25; float ratios must not misplace the boundary.
    assert level_for(5.25, 7) == "warn"
    assert level_for(5.2499, 7) == "ok"
    assert level_for(7, 7) == "over"


def test_bell_crosses_once() -> None:
    fake = FakeClock()
    c = AnswerClock(60, clock=fake)
    c.start()
    fake.advance(59.9)
    assert c.crossed_target() is False
    fake.advance(0.1)
    assert c.crossed_target() is True
    assert c.crossed_target() is False
    fake.advance(30)
    assert c.crossed_target() is False
    c.toggle_pause()
    c.toggle_pause()
    assert c.crossed_target() is False


def test_reading_text_shows_overtime() -> None:
    fake = FakeClock()
    c = AnswerClock(60, clock=fake)
    c.start()
    fake.advance(45)
    r = c.reading()
    assert (r.phase, r.level, r.text) == ("answering", "warn", "0:45 / 1:00")
    fake.advance(30)
    r = c.reading()
    assert r.level == "over"
    assert r.text == "1:15 / 1:00 +0:15"


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        AnswerClock(0)
    with pytest.raises(ValueError):
        AnswerClock(10, prep_seconds=-1)


def test_interview_clock_pause_and_resume_offset() -> None:
    fake = FakeClock()
    ic = InterviewClock(clock=fake, already=100.0)
    assert ic.elapsed() == 100
    ic.start()
    fake.advance(20)
    ic.toggle_pause()
    assert not ic.is_moving()
    fake.advance(1000)
    assert ic.elapsed() == pytest.approx(120)
    ic.resume()
    fake.advance(5)
    ic.stop()
    fake.advance(50)
    ic.start()
    assert ic.stopped
    assert ic.elapsed() == pytest.approx(125)


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.floats(min_value=0, max_value=200, allow_nan=False)),
        st.tuples(st.sampled_from(["start", "stop", "toggle_pause", "start_prep"]), st.just(0.0)),
    ),
    max_size=40,
)


@given(ops=OPS, prep=st.integers(min_value=0, max_value=60))
def test_clock_invariants(ops: list[tuple[str, float]], prep: int) -> None:
    fake = FakeClock(0.0)
    c = AnswerClock(90, prep_seconds=prep, clock=fake)
    total = 0.0
    for op, dt in ops:
        before_phase, before = c.phase, c.elapsed()
        if op == "advance":
            fake.advance(dt)
            total += dt
            after = c.elapsed()
            if before_phase in ("ready", "paused", "stopped"):
                assert after == before  # nothing moves while not running
            elif before_phase == "answering":
                assert after == pytest.approx(before + dt)
            else:  # prep: the answer may have started part-way through dt
                assert before <= after <= before + dt + 1e-9
        else:
            getattr(c, op)()
            assert c.elapsed() == pytest.approx(before)  # transitions never jump the time
        assert 0 <= c.elapsed() <= total + 1e-9
        assert 0 <= c.prep_remaining() <= prep
        assert c.is_moving() == (c.phase in ("prep", "answering"))
