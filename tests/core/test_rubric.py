"""The default rubric, pack rubrics, the one-line anchor summary and the overall suggestion."""

from __future__ import annotations

from mockint.core.interview.rubric import DEFAULT_RUBRIC, anchor_summary, overall_from, rubric_for
from mockint.core.packs.model import Pack, PackInfo, Question, RubricDimension
from mockint.core.text import find_control, is_slug


def _pack(rubric: tuple[RubricDimension, ...] = ()) -> Pack:
    return Pack(PackInfo("p", "P", "1.0.0"), (Question("q", "Why?"),), rubric=rubric)


def test_default_rubric_shape() -> None:
    assert [d.id for d in DEFAULT_RUBRIC] == ["structure", "evidence", "impact", "concision", "delivery"]
    for dim in DEFAULT_RUBRIC:
        assert is_slug(dim.id)
        assert 1 <= len(dim.name) <= 60
        assert len(dim.anchors) == 5
        assert len(set(dim.anchors)) == 5
        for anchor in dim.anchors:
            assert 0 < len(anchor) <= 300
            assert find_control(anchor) is None


def test_rubric_for_prefers_the_packs_own() -> None:
    own = (RubricDimension("clarity", "Clarity"),)
    assert rubric_for(_pack(own)) == own
    assert rubric_for(_pack()) == DEFAULT_RUBRIC
    assert rubric_for(None) == DEFAULT_RUBRIC


def test_anchor_summary_default_fits_a_narrow_screen() -> None:
    for dim in DEFAULT_RUBRIC:
        line = anchor_summary(dim)
        assert line.startswith("1 ") and " · 3 " in line and " · 5 " in line
        assert len(line) <= 72
        assert "\n" not in line


def test_anchor_summary_of_pack_dimension() -> None:
    dim = RubricDimension(
        "clarity",
        "Clarity",
        (
            "Muddled; hard to follow",
            "b",
            "Clear enough, some jargon",
            "d",
            "Crystal clear to a newcomer. Extra text",
        ),
    )
    assert anchor_summary(dim) == "1 Muddled · 3 Clear enough · 5 Crystal clear to a newcomer"
    assert anchor_summary(RubricDimension("x", "X")) == "1 weak · 3 solid · 5 outstanding"
    cut = anchor_summary(dim, width=20)
    assert len(cut) == 20 and cut.endswith("…")


def test_overall_from_rounds_half_up() -> None:
    assert overall_from({}) is None
    assert overall_from({"a": 3}) == 3
    assert overall_from({"a": 3, "b": 4}) == 4  # 3.5 rounds up, not to even
    assert overall_from({"a": 2, "b": 3}) == 3  # 2.5 rounds up
    assert overall_from({"a": 1, "b": 1, "c": 2}) == 1  # 1.33
    assert overall_from({"a": 5, "b": 4, "c": 4}) == 4  # 4.33


def test_overall_from_ignores_out_of_range_values() -> None:
    assert overall_from({"a": 0, "b": 6, "c": 2}) == 2
    assert overall_from({"a": 0}) is None
