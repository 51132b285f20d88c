"""The Markdown pack reader (pack-format.md section 6): every rule, positions, and fuzzing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockint.core.errors import MockintError
from mockint.core.packs.markdown_reader import read_markdown
from mockint.core.packs.model import Pack
from mockint.core.packs.validate import validate_pack

EXAMPLE = """\
# Behavioral classics

Questions every interviewer asks.

## Conflict

- Tell me about a time you disagreed with your manager.
  - What did you do to convince them?
- Describe a conflict inside your team.
1. Numbered items are questions too.
"""


def read(text: str, **kw: Any) -> tuple[dict[str, Any], Any, list[Any]]:
    args: dict[str, Any] = {"source": "p.md", "pack_id": "p", "name": None, "version": "1.0.0"}
    args.update(kw)
    return read_markdown(text, **args)


def load(text: str, strict: bool = False) -> Pack:
    raw, loc, _ = read(text)
    pack, _ = validate_pack(raw, source="p.md", locator=loc, strict=strict)
    return pack


def test_spec_example_converts_to_native_shape() -> None:
    raw, _, warnings = read(EXAMPLE)
    assert warnings == []
    assert raw["format"] == 1
    assert raw["pack"] == {
        "id": "p",
        "name": "Behavioral classics",
        "version": "1.0.0",
        "description": "Questions every interviewer asks.",
    }
    assert raw["categories"] == [{"id": "conflict", "name": "Conflict"}]
    assert [q["text"] for q in raw["questions"]] == [
        "Tell me about a time you disagreed with your manager.",
        "Describe a conflict inside your team.",
        "Numbered items are questions too.",
    ]
    assert raw["questions"][0]["follow_ups"] == ["What did you do to convince them?"]
    assert raw["questions"][0]["id"] == "tell-me-about-a-time-you-disagreed-with-your-manager"
    assert all(q["category"] == "conflict" for q in raw["questions"])


def test_spec_example_validates_strictly() -> None:
    pack = load(EXAMPLE, strict=True)
    assert pack.name == "Behavioral classics"
    assert len(pack.questions) == 3
    assert pack.questions[0].follow_ups == ("What did you do to convince them?",)


@pytest.mark.parametrize("marker", ["-", "*", "+", "1.", "7)", "12."])
def test_every_list_marker_makes_a_question(marker: str) -> None:
    raw, _, warnings = read(f"# P\n\n{marker} What is your superpower?\n")
    assert warnings == []
    assert [q["text"] for q in raw["questions"]] == ["What is your superpower?"]


def test_item_indented_under_a_question_is_a_follow_up_at_any_depth() -> None:
    text = "# P\n- Q one\n  - F1\n    - F2\n\t- F3\n- Q two\n   1. F4\n"
    raw, _, _ = read(text)
    assert [q["text"] for q in raw["questions"]] == ["Q one", "Q two"]
    assert raw["questions"][0]["follow_ups"] == ["F1", "F2", "F3"]
    assert raw["questions"][1]["follow_ups"] == ["F4"]


def test_follow_up_survives_a_blank_line_but_not_a_heading() -> None:
    raw, _, _ = read("# P\n- Q\n\n  - F\n## C\n  - Not a follow-up\n")
    assert raw["questions"][0]["follow_ups"] == ["F"]
    assert raw["questions"][1]["text"] == "Not a follow-up"
    assert raw["questions"][1]["category"] == "c"


def test_continuation_line_extends_the_item() -> None:
    raw, _, warnings = read("# P\n- Tell me about\n  a hard call.\n  - What did\n    you learn?\n")
    assert warnings == []
    assert raw["questions"][0]["text"] == "Tell me about a hard call."
    assert raw["questions"][0]["follow_ups"] == ["What did you learn?"]


def test_description_is_every_paragraph_before_the_first_category() -> None:
    raw, loc, _ = read("# P\n\nFirst line\nsame paragraph.\n\nSecond.\n\n## C\n- Q\n")
    assert raw["pack"]["description"] == "First line same paragraph.\n\nSecond."
    assert loc.locate(("pack", "description")) == (3, None)


def test_no_description_key_without_paragraphs() -> None:
    raw, _, _ = read("# P\n- Q\n")
    assert "description" not in raw["pack"]
    assert "categories" not in raw
    assert "category" not in raw["questions"][0]


def test_questions_before_first_category_have_none() -> None:
    raw, _, _ = read("# P\n- Loose\n## Cat\n- Filed\n")
    assert "category" not in raw["questions"][0]
    assert raw["questions"][1]["category"] == "cat"


def test_category_id_is_slug_of_heading_and_name_is_heading() -> None:
    raw, loc, _ = read("# P\n## Product Sense & Strategy ##\n- Q\n")
    assert raw["categories"] == [{"id": "product-sense-strategy", "name": "Product Sense & Strategy"}]
    assert loc.locate(("categories", 0)) == (2, None)


def test_repeated_heading_is_one_category_and_differing_names_warn() -> None:
    raw, _, warnings = read("# P\n## Strategy\n- A\n## Execution\n- B\n## Strategy\n- C\n## STRATEGY\n- D\n")
    assert [c["id"] for c in raw["categories"]] == ["strategy", "execution"]
    assert [q["category"] for q in raw["questions"]] == ["strategy", "execution", "strategy", "strategy"]
    assert len(warnings) == 1 and warnings[0].line == 8 and "merged" in warnings[0].message


def test_question_ids_unique_with_numeric_suffixes() -> None:
    raw, _, _ = read("# P\n- Why?\n- Why?\n- why\n- Why 2\n")
    assert [q["id"] for q in raw["questions"]] == ["why", "why-2", "why-3", "why-2-2"]


def test_question_ids_are_cut_to_64_characters_even_with_suffix() -> None:
    long = "word " * 40
    raw, _, _ = read(f"# P\n- {long}\n- {long}\n")
    ids = [q["id"] for q in raw["questions"]]
    assert all(len(i) <= 64 for i in ids)
    assert ids[0] != ids[1] and ids[1].endswith("-2")
    load(f"# P\n- {long}\n- {long}\n", strict=True)  # both are valid slugs


def test_question_without_slug_characters_gets_positional_id() -> None:
    raw, _, _ = read("# P\n- 🚀🚀?\n- Как дела?\n- ok\n## 🙂\n- x\n")
    assert [q["id"] for q in raw["questions"]] == ["q-1", "q-2", "ok", "x"]
    assert raw["categories"][0]["id"] == "category-1"
    load("# P\n- 🚀🚀?\n- Как дела?\n## 🙂\n- x\n", strict=True)


def test_stray_lines_are_ignored_with_a_warning_and_line_number() -> None:
    text = "# P\n## C\n- Q\n\nA paragraph after a category.\n---\n### Deeper\n# Again\n"
    raw, _, warnings = read(text)
    assert [(w.line, w.severity) for w in warnings] == [(5, "warning"), (6, "warning"), (7, "warning"), (8, "warning")]
    assert all(w.path == "p.md" for w in warnings)
    assert raw["pack"]["name"] == "P"
    assert len(raw["questions"]) == 1


def test_reader_warnings_turn_into_errors_in_strict_loading() -> None:
    from mockint.core.packs.loader import load_pack_bytes

    data = b"# P\n## C\n- Q\n\nstray\n"
    assert len(load_pack_bytes(data, source="p.md", fmt="md").warnings) == 1
    with pytest.raises(MockintError) as exc:
        load_pack_bytes(data, source="p.md", fmt="md", strict=True)
    assert exc.value.line == 5


def test_code_block_is_skipped_with_one_warning() -> None:
    raw, _, warnings = read("# P\n```\n- not a question\n# not a name\n```\n- Q\n")
    assert [q["text"] for q in raw["questions"]] == ["Q"]
    assert [w.line for w in warnings] == [2]


def test_html_comment_is_skipped_silently() -> None:
    raw, _, warnings = read("<!-- a note -->\n# P\n<!--\n- hidden\n-->\n- Q\n")
    assert warnings == []
    assert [q["text"] for q in raw["questions"]] == ["Q"]
    assert "description" not in raw["pack"]


def test_setext_heading_is_the_name() -> None:
    raw, loc, warnings = read("Behavioral\n==========\n\nIntro.\n\n- Q\n")
    assert warnings == []
    assert raw["pack"]["name"] == "Behavioral"
    assert raw["pack"]["description"] == "Intro."
    assert loc.locate(("pack", "name")) == (1, None)


def test_missing_name_is_an_error_with_a_line() -> None:
    with pytest.raises(MockintError) as exc:
        read("Just a paragraph.\n- Q\n")
    assert exc.value.exit_code == 2
    assert exc.value.line == 1 and exc.value.path == "p.md"
    assert "level-1 heading" in exc.value.message


def test_given_name_overrides_heading_and_makes_it_optional() -> None:
    raw, _, _ = read("- Q\n", name="Given")
    assert raw["pack"]["name"] == "Given"
    raw, loc, _ = read("# Heading\n- Q\n", name="Given")
    assert raw["pack"]["name"] == "Given"
    assert loc.locate(("pack", "name")) == (None, None)


def test_importer_values_are_used() -> None:
    raw, _, _ = read("# P\n- Q\n", pack_id="my-pack", version="2.3.4")
    assert raw["pack"]["id"] == "my-pack" and raw["pack"]["version"] == "2.3.4"


def test_positions_point_at_question_and_follow_up_lines() -> None:
    raw, loc, _ = read("# P\n\n## C\n- Q\n  - F\n- {bogus}\n")
    assert loc.locate(("questions", 0)) == (4, 1)
    assert loc.locate(("questions", 0, "follow_ups", 0)) == (5, 5)
    assert loc.locate(("questions", 1, "text")) == (6, 3)
    with pytest.raises(MockintError) as exc:
        validate_pack(raw, source="p.md", locator=loc)
    assert exc.value.line == 6 and "bogus" in exc.value.message


def test_empty_item_is_a_validation_error_on_its_line() -> None:
    raw, loc, _ = read("# P\n- Q\n-\n")
    assert raw["questions"][1]["id"] == "q-2"
    with pytest.raises(MockintError) as exc:
        validate_pack(raw, source="p.md", locator=loc)
    assert exc.value.line == 3


def test_control_characters_are_rejected_by_validation() -> None:
    raw, loc, _ = read("# P\n- Hello \x1b[31mred\n")
    with pytest.raises(MockintError) as exc:
        validate_pack(raw, source="p.md", locator=loc)
    assert exc.value.line == 2


def test_crlf_and_bom_are_accepted() -> None:
    raw, _, warnings = read("\ufeff# P\r\n\r\n- Q\r\n  - F\r\n")
    assert warnings == []
    assert raw["pack"]["name"] == "P"
    assert raw["questions"][0] == {"id": "q", "text": "Q", "follow_ups": ["F"]}


def test_square_brackets_stay_literal() -> None:
    pack = load("# [bold]P[/bold]\n- [link=x]Q[/link]\n")
    assert pack.name == "[bold]P[/bold]"
    assert pack.questions[0].text == "[link=x]Q[/link]"


def test_no_questions_is_a_validation_error() -> None:
    raw, loc, _ = read("# P\n\nOnly a description.\n")
    with pytest.raises(MockintError):
        validate_pack(raw, source="p.md", locator=loc)


_md_lines = st.lists(
    st.one_of(
        st.sampled_from(["# T", "## C", "- q", "  - f", "1. n", "", "```", "<!--", "-->", "===", "---", "*", "text"]),
        st.text(max_size=30),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_md_lines)
def test_fuzz_any_markdown_loads_or_raises_mockint_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        raw, loc, _ = read(text)
        validate_pack(raw, source="p.md", locator=loc)
    except MockintError as exc:
        assert exc.diagnostics


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_bytes_through_the_loader(data: bytes) -> None:
    from mockint.core.packs.loader import load_pack_bytes

    try:
        load_pack_bytes(data, source="fuzz.md", fmt="md")
    except MockintError as exc:
        assert exc.diagnostics
