"""The Markdown reader (docs/pack-format.md, "Markdown"): real-shaped lists, positions and fuzzing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockint.core.errors import MockintError
from mockint.core.packs.loader import LoadResult, load_pack_bytes, load_pack_file
from mockint.core.packs.markdown_reader import read_markdown
from mockint.core.packs.model import Pack
from mockint.core.packs.placeholders import display
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


FIXTURES = Path(__file__).parent / "fixtures"


def load_file(name: str, **kw: Any) -> LoadResult:
    return load_pack_file(FIXTURES / name, **kw)


# -- a README list as GitHub holds them ------------------------------------------------------------

def test_readme_list_with_front_matter_sections_and_translation_links() -> None:
    result = load_file("front-end-questions.md")
    pack = result.pack
    assert pack.name == "Front-end Job Interview Questions"  # front matter title
    assert pack.info.description == "A list of questions for front-end candidates."
    assert [(c.id, c.name) for c in pack.categories] == [
        ("general-questions", "General Questions"), ("js-questions", "JS Questions"),
    ]
    texts = [q.text for q in pack.questions]
    assert "English" not in " ".join(texts) and "Contributors" not in texts
    excites = pack.questions[1]
    assert excites.follow_ups == ("Which project was the most fun?", "And why?")  # nested, flattened
    iife = pack.question("explain-why-the-following-doesn-t-work-as-an-iife-function-foo")
    assert iife is not None and display(iife.text).endswith("`function foo(){ }();`.")
    assert iife.placeholders == frozenset()
    printed = pack.question("what-value-is-returned-from-the-following-statement")
    assert printed is not None
    assert printed.text.endswith('```javascript\n"i\'m a lasagna hog".split("").reverse().join("");\n```')
    assert printed.guidance == '"goh angasal a m\'i"'
    x = pack.question("what-is-x-after-this")
    assert x is not None and display(x.text) == "What is `x` after this?\n```js\nvar x = {n: 1}; x.n = {n: 2};\n```"
    code = pack.question("what-s-the-difference-between-about-and-about")
    assert code is not None and code.placeholders == frozenset()
    assert display(code.text) == "What's the difference between `{about}` and `{{about}}`?"
    messages = [w.message for w in result.warnings]
    assert any("only links" in m and "English" in m for m in messages)
    assert any("2 list items left out" in m for m in messages)  # the table of contents, once per list
    assert not any("Table of Contents" in m and "reads as a question" in m for m in messages)


def test_japanese_list_with_hash_sections_gets_readable_categories_and_positional_ids() -> None:
    result = load_file("reverse-interview-ja.md")
    pack = result.pack
    assert pack.name == "逆面接"
    assert pack.info.description == "面接官に聞くべき質問のリストです。"  # the language switcher is left out
    assert [c.name for c in pack.categories] == ["役割", "技術"]
    assert [q.id for q in pack.questions] == ["q-1", "q-2", "q-3", "q-4"]
    assert pack.questions[1].follow_ups == ("最初の3か月で期待されることは？",)
    left_out = [w for w in result.warnings if "reads as a question" in w.message]
    assert len(left_out) == 1 and "使い方" in left_out[0].message and left_out[0].line == 18


def test_keep_all_keeps_sections_and_link_items() -> None:
    pack = load_file("reverse-interview-ja.md", keep_all=True).pack
    assert [c.name for c in pack.categories] == ["役割", "技術", "使い方"]
    assert "全部の質問をする必要はありません" in [q.text for q in pack.questions]


def test_cyrillic_headings_of_level_two_are_all_categories_and_the_file_names_the_pack() -> None:
    pack = load_file("ru-questions.md").pack
    assert pack.name == "ru-questions"
    assert [c.name for c in pack.categories] == ["Общие вопросы", "Технические вопросы"]
    assert [q.id for q in pack.questions] == ["q-1", "q-2", "q-3"]


def test_every_heading_level_starts_a_category_and_repeated_subsections_stay_apart() -> None:
    text = "# Title\n\n## HTML\n\n### Basics\n\n- What is a doctype?\n\n## CSS\n\n### Basics\n\n- What is the box model?\n"
    raw, _, _ = read(text)
    assert raw["categories"] == [{"id": "basics", "name": "Basics"}, {"id": "css-basics", "name": "CSS – Basics"}]
    assert [q["category"] for q in raw["questions"]] == ["basics", "css-basics"]


def test_question_paragraphs_with_q_prefix_and_code_blocks() -> None:
    raw, _, warnings = read("# P\n\nQ: What does this print?\n\n    print({1: 2})\n\nQuestion: And this?\n")
    assert [q["text"] for q in raw["questions"]] == ["What does this print?\n```\nprint({{1: 2}})\n```", "And this?"]
    assert warnings == []


def test_code_block_after_nothing_is_left_out_with_a_warning() -> None:
    raw, _, warnings = read("# P\n\n```\ncode\n```\n\n- Why?\n")
    assert [q["text"] for q in raw["questions"]] == ["Why?"]
    assert [(w.line, "follows no question" in w.message) for w in warnings] == [(3, True)]


def test_inline_code_keeps_its_backticks_and_markup_is_dropped() -> None:
    raw, _, _ = read("# P\n\n- What does **`a && b`** return for [falsy](x) values?\n")
    assert raw["questions"][0]["text"] == "What does `a && b` return for falsy values?"


def test_too_long_question_is_left_out_with_a_warning_not_refused() -> None:
    result = load_pack_bytes(("# P\n\n- Why " + "x" * 1200 + "?\n- Why not?\n").encode(), source="p.md")
    assert [q.text for q in result.pack.questions] == ["Why not?"]
    assert any("more than the 1000" in w.message for w in result.warnings)


def test_file_without_any_name_still_imports() -> None:
    result = load_pack_bytes(b"- What is your superpower?\n", source="/x/my-list.md")
    assert result.pack.name == "my-list" and result.pack.id == "my-list"


def test_given_name_wins_over_front_matter_and_heading() -> None:
    result = load_pack_bytes(b"---\ntitle: Front\n---\n# Head\n\n- Why?\n", source="p.md", name="Mine")
    assert result.pack.name == "Mine"


def test_ids_are_unique_and_linear_for_repeated_questions() -> None:
    raw, _, _ = read("# P\n\n" + "- Why?\n" * 5)
    assert [q["id"] for q in raw["questions"]] == ["why", "why-2", "why-3", "why-4", "why-5"]


def test_positions_point_at_questions_and_follow_ups() -> None:
    _raw, loc, _ = read("# P\n\n## C\n\n- Why?\n  - Really?\n")
    assert loc.locate(("questions", 0)) == (5, None)
    assert loc.locate(("questions", 0, "follow_ups", 0)) == (6, None)
    assert loc.locate(("categories", 0)) == (3, None)


def test_control_characters_are_rejected_by_validation() -> None:
    with pytest.raises(MockintError):
        load_pack_bytes(b"# P\n\n- Why \x1b[31mred?\n", source="p.md")


def test_crlf_and_bom_are_accepted() -> None:
    pack = load_pack_bytes("\ufeff# P\r\n\r\n- Why?\r\n".encode(), source="p.md").pack
    assert pack.name == "P" and pack.questions[0].text == "Why?"


_md_lines = st.lists(
    st.one_of(
        st.sampled_from(["# T", "## C", "- q?", "  - f", "1. n", "", "```", "<!--", "-->", "===", "---", "*", "text", "Q: x"]),
        st.text(max_size=30),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_md_lines)
def test_fuzz_any_markdown_loads_or_raises_mockint_error(lines: list[str]) -> None:
    try:
        load_pack_bytes("\n".join(lines).encode("utf-8", "surrogatepass"), source="fuzz.md", keep_all=True)
    except (MockintError, UnicodeEncodeError) as exc:
        assert not isinstance(exc, MockintError) or exc.diagnostics


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_bytes_through_the_loader(data: bytes) -> None:
    try:
        load_pack_bytes(data, source="fuzz.md", fmt="md")
    except MockintError as exc:
        assert exc.diagnostics


def test_quiz_list_with_numbered_question_headings_code_and_options() -> None:
    """Quiz lists ask in headings (`###### 1. What's the output?`) over code, options and an answer."""
    result = load_file("javascript-quiz.md")
    pack = result.pack
    assert pack.name == "JavaScript Questions"  # from the centred <h1> banner
    assert pack.categories == ()  # "#### Answer: C" is not a category
    first, second = pack.questions
    assert display(first.text).startswith("What's the output?\n```javascript\nfunction sayHi() {\n")
    assert display(first.text).endswith("- C: `undefined` and `ReferenceError`")
    assert "diameter() { return this.radius * 2; }," in display(second.text)
    assert first.placeholders == second.placeholders == frozenset()
    assert any("2 headings that ask a question" in w.message for w in result.warnings)


def test_a_question_heading_without_code_or_number_is_still_a_category() -> None:
    raw, _, _ = read("# P\n\n## Why use this list?\n\n- [Contributing](c.md)\n\n## Team\n\n- Who decides?\n")
    assert [c["name"] for c in raw["categories"]] == ["Team"]
    assert [q["text"] for q in raw["questions"]] == ["Who decides?"]
