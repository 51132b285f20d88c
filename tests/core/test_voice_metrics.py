"""Speaking metrics from word timestamps (pure: no audio, no model)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockint.core.interview.feedback import FILLERS
from mockint.core.voice.metrics import (
    PAUSE_SECONDS,
    Word,
    cover_key_points,
    find_pauses,
    key_point_lines,
    measure,
    normalise_fillers,
    summary_lines,
)


def timed(text: str, *, gap: float = 0.1, length: float = 0.3, pauses: dict[int, float] | None = None) -> list[Word]:
    """Words of `text` said one after another; `pauses` adds silence before word i."""
    words, t = [], 0.0
    for i, token in enumerate(text.split()):
        t += (pauses or {}).get(i, 0.0)
        words.append(Word(" " + token, t, t + length))
        t += length + gap
    return words


def test_pace_is_over_speaking_time_not_the_recording() -> None:
    words = timed("one two three four five six seven eight nine ten", pauses={5: 3.0})
    m = measure(words, duration_seconds=30.0)
    assert m.words == 10
    span = words[-1].end - words[0].start
    assert m.speaking_seconds == pytest.approx(span - (3.0 + 0.1))
    assert m.words_per_minute == pytest.approx(10 * 60 / m.speaking_seconds)
    assert m.duration_seconds == 30.0


def test_pauses_of_two_seconds_or_more_are_counted_with_the_longest() -> None:
    words = timed("a b c d e f", pauses={2: 1.8, 4: 4.0})  # gaps 1.9 s (not a pause) and 4.1 s
    m = measure(words, duration_seconds=10.0)
    assert len(m.pauses) == 1
    assert m.pauses[0].start == pytest.approx(words[3].end)
    assert m.pauses[0].seconds == pytest.approx(4.1)
    assert m.longest_pause_seconds == pytest.approx(4.1)
    data = m.as_dict()
    assert data["pauses"] == [{"start": round(words[3].end, 2), "seconds": 4.1}]


def test_fillers_use_the_typed_feedback_list_and_drawn_out_spellings() -> None:
    words = timed("Umm, so I, uh, basically shipped it. Uhh, you know, I'd like to add more. Ermm.")
    m = measure(words, duration_seconds=8.0)
    assert m.fillers == {"um": 1, "uh": 2, "basically": 1, "you know": 1, "erm": 1}  # "I'd like to" is not one
    assert set(m.fillers) <= set(FILLERS)
    assert normalise_fillers("UMMM and Uhhh") == "um and uh"


def test_numbers_and_star_markers() -> None:
    text = "When I was at Acme the goal was growth. I led a squad of 12 and we increased revenue by 30% ($2M)."
    m = measure(timed(text), duration_seconds=10.0)
    assert m.numbers == ("12", "30%", "$2M")
    assert m.star == {"situation": True, "task": True, "action": True, "result": True}
    assert measure(timed("nothing much here"), duration_seconds=2).star == dict.fromkeys(
        ("situation", "task", "action", "result"), False
    )


def test_key_point_coverage() -> None:
    typed = "- team of 12 engineers\n* retention up 30%\n\n3) launched on mobile first\n• the"
    assert key_point_lines(typed) == ["team of 12 engineers", "retention up 30%", "launched on mobile first", "the"]
    covered = cover_key_points(typed, "I led a team of twelve engineers; retention rose 30% in a quarter.")
    assert (covered.total, covered.mentioned) == (3, 2)  # "the" has no telling word
    assert covered.missed == ("launched on mobile first",)
    m = measure(timed("engineering teams grew"), duration_seconds=2, key_points="engineers team")
    assert m.as_dict()["key_points"] == {"total": 1, "mentioned": 1, "missed": []}


def test_no_words_is_an_empty_answer_not_an_error() -> None:
    m = measure([], duration_seconds=5.0)
    assert (m.words, m.speaking_seconds, m.words_per_minute, m.longest_pause_seconds) == (0, 0.0, 0.0, 0.0)
    assert m.fillers == {} and m.numbers == () and m.pauses == ()
    assert summary_lines(m.as_dict()) == ["no speech heard in the recording"]


def test_punctuation_only_words_are_not_words() -> None:
    m = measure([Word(" ...", 0, 0.2), Word(" Right.", 0.3, 0.6), Word(" -", 5.0, 5.1)], duration_seconds=6)
    assert m.words == 1 and m.pauses == ()


def test_summary_lines_say_what_was_measured() -> None:
    words = timed("um I led the launch and we grew revenue 40%", pauses={3: 2.5})
    lines = summary_lines(measure(words, duration_seconds=12, key_points="launch\npricing page").as_dict())
    assert lines[0].startswith("pace: ") and "words a minute (10 words)" in lines[0]
    assert lines[1] == "pauses: 1 pause of 2 s or more, longest 2.6 s"
    assert lines[2] == "fillers: um ×1"
    assert lines[3] == "numbers: 1 (40%)"
    assert lines[4].startswith("STAR: ")
    assert lines[5] == "key points said: 1 of 2"


_word_text = st.sampled_from(["um", "uh", "like", "we", "grew", "12", "30%", "led", "...", "-", "result", "team"])


@st.composite
def timed_words(draw: st.DrawFn) -> list[Word]:
    t = draw(st.floats(0, 5))
    words = []
    for _ in range(draw(st.integers(0, 40))):
        t += draw(st.floats(0, 4))
        length = draw(st.floats(0, 1.5))
        words.append(Word(" " + draw(_word_text), t, t + length))
        t += length
    return words


@given(timed_words(), st.floats(0, 600))
def test_metrics_invariants(words: list[Word], duration: float) -> None:
    m = measure(words, duration_seconds=duration)
    spoken = [w for w in words if any(c.isalnum() for c in w.text)]
    assert m.words == len(spoken)
    assert m.speaking_seconds >= 0 and m.words_per_minute >= 0
    assert all(p.seconds >= PAUSE_SECONDS for p in m.pauses)
    assert m.longest_pause_seconds == max((p.seconds for p in m.pauses), default=0.0)
    if spoken:
        span = spoken[-1].end - spoken[0].start
        assert m.speaking_seconds == pytest.approx(max(0.0, span - sum(p.seconds for p in m.pauses)), abs=1e-6)
    assert sum(m.fillers.values()) <= m.words
    data = m.as_dict()
    assert set(data) >= {"duration_seconds", "speaking_seconds", "words", "words_per_minute", "pauses",
                         "longest_pause_seconds", "fillers", "numbers", "star"}
    assert all(isinstance(v, bool) for v in data["star"].values())


@given(timed_words())
def test_pauses_are_gaps_between_consecutive_words(words: list[Word]) -> None:
    pauses = find_pauses(words)
    gaps = [b.start - a.end for a, b in itertools.pairwise(words)]
    assert len(pauses) == sum(1 for g in gaps if g >= PAUSE_SECONDS)
