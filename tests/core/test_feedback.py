"""Heuristic feedback on typed answers."""

from __future__ import annotations

import time

import pytest

from mockint.core.interview.feedback import Feedback, analyse

STORY = (
    "When I was at Acme the checkout flow was slow. My goal was to cut drop-off before the holidays. "
    "I decided to interview five customers and I led a redesign with two engineers. "
    "As a result conversion grew 24% and revenue tripled to $10M."
)


def test_word_count_and_speaking_time() -> None:
    f = analyse("one two three " * 100, 120)  # 300 words at 150 wpm = 2:00
    assert f.words == 300
    assert f.speaking_seconds == pytest.approx(120)
    assert f.summary_lines()[0] == "300 words ≈ 2:00 spoken, target 2:00"


def test_words_with_punctuation_inside_count_once() -> None:
    assert analyse("It's a $10,000 deal — co-founded, e.g. twice.", 60).words == 7


def test_length_advice() -> None:
    assert analyse("word " * 400, 120).summary_lines()[0].endswith("— trim it")
    assert analyse("word " * 20, 120).summary_lines()[0].endswith("— room for more detail")


def test_full_star_story_with_numbers() -> None:
    f = analyse(STORY, 120)
    assert f.star == {"S": True, "T": True, "A": True, "R": True}
    assert f.has_numbers
    assert "24%" in f.number_examples
    lines = f.summary_lines()
    assert "STAR: S ✓ T ✓ A ✓ R ✓" in lines
    assert "fillers: none" in lines


@pytest.mark.parametrize(
    "text",
    ["we doubled signups", "revenue grew 3x", "a 15% lift", "saved €200", "three launches", "about 40 users"],
)
def test_numbers_are_found(text: str) -> None:
    assert analyse(text, 60).has_numbers


@pytest.mark.parametrize("text", ["I was the one who cared", "no one asked", "we shipped it quickly"])
def test_no_numbers(text: str) -> None:
    f = analyse(text, 60)
    assert not f.has_numbers
    assert "no numbers — add a metric" in f.summary_lines()


def test_missing_star_parts_show() -> None:
    f = analyse("I decided to rewrite the roadmap and I led the offsite.", 120)
    assert f.star == {"S": False, "T": False, "A": True, "R": False}
    assert "STAR: S ✗ T ✗ A ✓ R ✗" in f.summary_lines()


def test_fillers_on_word_boundaries() -> None:
    text = (
        "Um, so basically it was, like, huge. Like, you know, really huge. "
        "Uh, I mean it was kind of a mess. Umbrella, likely, unlike, actually."
    )
    f = analyse(text, 60)
    assert f.fillers == {
        "um": 1,
        "basically": 1,
        "like": 2,
        "you know": 1,
        "uh": 1,
        "i mean": 1,
        "kind of": 1,
        "actually": 1,
    }
    assert "fillers: like ×2, actually ×1" in f.summary_lines()[-1]


def test_ordinary_like_and_kind_of_are_not_fillers() -> None:
    f = analyse(
        "I'd like to add that I like it; it looks like a win. What kind of product? This sort of thing.", 60
    )
    assert f.fillers == {}


def test_empty_text() -> None:
    f = analyse("   ", 120)
    assert f.words == 0
    assert f.summary_lines() == ["nothing typed yet — jot your key points to get feedback"]


def test_dict_round_trip() -> None:
    f = analyse(STORY + " Um, like, yeah.", 90)
    back = Feedback.from_dict(f.as_dict())
    assert back.words == f.words and back.star == f.star and back.fillers == f.fillers
    assert back.number_examples == f.number_examples
    assert back.speaking_seconds == pytest.approx(f.speaking_seconds, abs=0.05)
    assert back.summary_lines() == f.summary_lines()


def test_linear_on_five_thousand_words() -> None:
    """Ten times the words cost about ten times the time (never a quadratic blow-up).

    A ratio of best-of-three timings, so the machine's speed and load do not decide it.
    """
    chunk = STORY + " Um, like, you know, basically. "
    text = chunk * 110
    f = analyse(text, 120)
    assert f.words > 5000
    assert f.fillers["like"] == 110

    def best(sample: str) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            analyse(sample, 120)
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = best(chunk * 11), best(text)
    assert large < 40 * small + 0.05, f"11 repeats {small:.4f}s, 110 repeats {large:.4f}s"
