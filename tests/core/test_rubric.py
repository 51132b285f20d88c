"""The default rubric, pack rubrics, the one-line anchor summary and the overall suggestion."""

from __future__ import annotations

from mockint.core.interview.rubric import DEFAULT_RUBRIC, OVERALL, RatingSheet, rubric_for
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


def test_rating_sheet_rates_the_highlighted_row_and_moves_on() -> None:
    sheet = RatingSheet(DEFAULT_RUBRIC[:2])
    assert [r.id for r in sheet.rows] == ["structure", "evidence", OVERALL]
    assert sheet.is_empty and not sheet.complete and sheet.current.dimension == DEFAULT_RUBRIC[0]
    assert sheet.rate(4) and sheet.highlight == 1
    assert not sheet.rate(0) and not sheet.rate(6) and not sheet.rate(True)
    sheet.rate(2)
    sheet.rate(3)
    sheet.rate(5)  # stays on the overall row
    assert sheet.ratings == {"structure": 4, "evidence": 2} and sheet.overall == 5 and sheet.complete
    sheet.move(-5)
    assert sheet.highlight == 0
    sheet.select(99)
    assert sheet.current.id == OVERALL and sheet.current.dimension is None
