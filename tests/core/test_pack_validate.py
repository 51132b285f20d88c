"""The format-1 validator, rule by rule (pack-format.md sections 1, 2, 4, 5): valid and invalid cases."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from mockint.core.errors import Diagnostic, MockintError
from mockint.core.packs.loader import load_pack_bytes
from mockint.core.packs.placeholders import fill, placeholders_in
from mockint.core.packs.validate import MAX_REPORTED, validate_pack

BASE: dict[str, Any] = {
    "format": 1,
    "pack": {"id": "sample", "name": "Sample pack", "version": "1.0.0"},
    "defaults": {"answer_seconds": 90},
    "categories": [{"id": "strategy", "name": "Strategy"}],
    "rubric": [{"id": "structure", "name": "Structure"}],
    "questions": [
        {"id": "first", "text": "Tell me about yourself.", "category": "strategy", "tags": ["intro"]},
        {"id": "proud-project", "text": "What are you proud of?", "answer_seconds": 180},
    ],
    "plans": [
        {
            "id": "phone-screen",
            "name": "Phone screen",
            "steps": [{"question": "first"}, {"category": "strategy", "count": 2}, {"tag": "intro"}],
        }
    ],
}

Q0 = 'questions[0] (id "first")'
Q1 = 'questions[1] (id "proud-project")'
P0 = 'plans[0] (id "phone-screen")'
C0 = 'categories[0] (id "strategy")'
R0 = 'rubric[0] (id "structure")'


def pack(**changes: Any) -> dict[str, Any]:
    """A copy of BASE with `changes`: keys are dotted paths (`questions.1.answer_seconds`)."""
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        set_path(data, dotted, value)
    return data


def set_path(data: Any, dotted: str, value: Any) -> None:
    *parents, last = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    node = data
    for part in parents:
        node = node[part]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value


DELETE = object()


def problems(data: dict[str, Any], strict: bool = False) -> list[Diagnostic]:
    try:
        validate_pack(data, source="t.toml", strict=strict)
    except MockintError as exc:
        assert exc.exit_code == 2
        return exc.diagnostics
    return []


def assert_error(data: dict[str, Any], key: str, message: str, strict: bool = False) -> None:
    found = problems(data, strict)
    assert any(d.key == key and message in d.message and d.severity == "error" for d in found), [
        d.format() for d in found
    ]


def assert_valid(data: dict[str, Any]) -> None:
    assert problems(data) == []


def test_base_pack_is_valid_and_applies_defaults() -> None:
    p, warnings = validate_pack(copy.deepcopy(BASE), source="t.toml")
    assert warnings == []
    first, proud = p.questions
    assert (first.answer_seconds, first.own_answer_seconds) == (90, False)
    assert (proud.answer_seconds, proud.own_answer_seconds) == (180, True)
    assert (first.prep_seconds, first.own_prep_seconds) == (0, False)
    assert p.defaults.present and p.defaults.own_answer_seconds and not p.defaults.own_prep_seconds
    assert p.info.language == "en" and not p.info.own_language
    assert p.plans[0].steps[1].count == 2 and p.plans[0].steps[1].own_count
    assert p.plans[0].steps[0].count == 1 and not p.plans[0].steps[0].own_count


def test_defaults_absent_means_120_and_0() -> None:
    p, _ = validate_pack(pack(defaults=DELETE), source="t")
    assert p.questions[0].answer_seconds == 120 and p.questions[0].prep_seconds == 0
    assert not p.defaults.present


# -- required keys ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("dotted", "key"),
    [
        ("format", "format"),
        ("pack", "pack"),
        ("pack.id", "pack.id"),
        ("pack.name", "pack.name"),
        ("pack.version", "pack.version"),
        ("questions", "questions"),
        ("questions.1.id", "questions[1].id"),
        ("questions.1.text", f"{Q1}.text"),
        ("categories.0.id", "categories[0].id"),
        ("categories.0.name", f"{C0}.name"),
        ("rubric.0.id", "rubric[0].id"),
        ("rubric.0.name", f"{R0}.name"),
        ("plans.0.id", "plans[0].id"),
        ("plans.0.name", f"{P0}.name"),
        ("plans.0.steps", f"{P0}.steps"),
    ],
)
def test_required_key_missing(dotted: str, key: str) -> None:
    assert_error(pack(**{dotted: DELETE}), key, "required")


# -- exact types --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("dotted", "value", "key", "message"),
    [
        ("questions.1.answer_seconds", "180", f"{Q1}.answer_seconds", "expected an integer from 10 to 3600, found a string"),
        ("questions.1.answer_seconds", 180.0, f"{Q1}.answer_seconds", "found a float"),
        ("questions.1.answer_seconds", True, f"{Q1}.answer_seconds", "found a boolean"),
        ("questions.1.answer_seconds", dt.date(2024, 1, 1), f"{Q1}.answer_seconds", "found a date"),
        ("questions.1.answer_seconds", dt.datetime(2024, 1, 1, 9), f"{Q1}.answer_seconds", "found a date-time"),
        ("questions.1.answer_seconds", dt.time(9, 30), f"{Q1}.answer_seconds", "found a time"),
        ("questions.1.answer_seconds", [180], f"{Q1}.answer_seconds", "found an array"),
        ("questions.1.prep_seconds", False, f"{Q1}.prep_seconds", "expected an integer from 0 to 600, found a boolean"),
        ("defaults.answer_seconds", "90", "defaults.answer_seconds", "found a string"),
        ("defaults.prep_seconds", 1.5, "defaults.prep_seconds", "found a float"),
        ("plans.0.steps.1.count", "2", f"{P0}.steps[1].count", "expected an integer from 1 to 50, found a string"),
        ("plans.0.steps.1.count", True, f"{P0}.steps[1].count", "found a boolean"),
        ("format", "1", "format", "expected the integer 1, found a string"),
        ("format", 1.0, "format", "found a float"),
        ("format", True, "format", "found a boolean"),
        ("questions.0.text", 5, f"{Q0}.text", "expected a string of 1 to 1000 characters, found an integer"),
        ("pack.name", ["Sample"], "pack.name", "found an array"),
        ("pack.version", 1, "pack.version", "found an integer"),
        ("pack.id", 7, "pack.id", "found an integer"),
        ("pack.tags", "intro", "pack.tags", "expected an array of at most 20 slugs, found a string"),
        ("questions.0.tags", "intro", f"{Q0}.tags", "found a string"),
        ("questions.0.follow_ups", "Why?", f"{Q0}.follow_ups", "expected an array of at most 10 strings, found a string"),
        ("questions.0.follow_ups", [1], f"{Q0}.follow_ups[0]", "found an integer"),
        ("questions.0.category", 1, f"{Q0}.category", "found an integer"),
        ("questions.0.difficulty", 2, f"{Q0}.difficulty", "found an integer"),
        ("questions.0.guidance", {"a": 1}, f"{Q0}.guidance", "found a table"),
        ("rubric.0.anchors", "good", f"{R0}.anchors", "found a string"),
        ("pack", "sample", "pack", "expected a [pack] table, found a string"),
        ("defaults", [1], "defaults", "expected a [defaults] table, found an array"),
        ("questions", {"id": "x"}, "questions", "write [[questions]], not [questions]"),
        ("questions.0", "a question", "questions[0]", "expected a table, found a string"),
        ("plans.0.steps", {"question": "first"}, f"{P0}.steps", "found a table"),
        ("plans.0.steps.0", "first", f"{P0}.steps[0]", "found a string"),
    ],
)
def test_types_are_exact(dotted: str, value: Any, key: str, message: str) -> None:
    assert_error(pack(**{dotted: value}), key, message)


def test_top_level_must_be_a_table() -> None:
    with pytest.raises(MockintError) as info:
        validate_pack([1, 2], source="t")  # type: ignore[arg-type]
    assert "expected a table at the top level, found an array" in info.value.message


# -- ranges -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("dotted", "lo", "hi"),
    [
        ("questions.1.answer_seconds", 10, 3600),
        ("questions.1.prep_seconds", 0, 600),
        ("defaults.answer_seconds", 10, 3600),
        ("defaults.prep_seconds", 0, 600),
        ("plans.0.steps.1.count", 1, 50),
    ],
)
def test_integer_ranges(dotted: str, lo: int, hi: int) -> None:
    assert_valid(pack(**{dotted: lo}))
    assert_valid(pack(**{dotted: hi}))
    key_part = dotted.rsplit(".", 1)[1]
    for bad in (lo - 1, hi + 1):
        found = problems(pack(**{dotted: bad}))
        assert len(found) == 1 and found[0].key is not None and found[0].key.endswith(key_part)
        assert found[0].message == f"expected an integer from {lo} to {hi}, found {bad}"


def test_question_timing_overrides_defaults() -> None:
    p, _ = validate_pack(pack(**{"defaults.prep_seconds": 30, "questions.0.prep_seconds": 0}), source="t")
    assert (p.questions[0].prep_seconds, p.questions[0].own_prep_seconds) == (0, True)
    assert (p.questions[1].prep_seconds, p.questions[1].own_prep_seconds) == (30, False)


# -- text lengths (stripped first) --------------------------------------------------------

LENGTHS = [
    ("pack.name", "pack.name", 1, 120),
    ("pack.description", "pack.description", 0, 4000),
    ("pack.author", "pack.author", 0, 200),
    ("pack.license", "pack.license", 0, 100),
    ("pack.homepage", "pack.homepage", 0, 500),
    ("categories.0.name", f"{C0}.name", 1, 120),
    ("categories.0.description", f"{C0}.description", 0, 4000),
    ("rubric.0.name", f"{R0}.name", 1, 60),
    ("questions.0.text", f"{Q0}.text", 1, 1000),
    ("questions.0.guidance", f"{Q0}.guidance", 0, 4000),
    ("plans.0.name", f"{P0}.name", 1, 120),
    ("plans.0.description", f"{P0}.description", 0, 4000),
]


@pytest.mark.parametrize(("dotted", "key", "lo", "hi"), LENGTHS)
def test_text_length_limits(dotted: str, key: str, lo: int, hi: int) -> None:
    assert_valid(pack(**{dotted: "  " + "x" * hi + "\n "}))  # white space does not count
    assert_error(pack(**{dotted: "x" * (hi + 1)}), key, f"found {hi + 1} characters")


@pytest.mark.parametrize(("dotted", "key", "lo", "hi"), [x for x in LENGTHS if x[2] == 1])
def test_required_text_may_not_be_empty(dotted: str, key: str, lo: int, hi: int) -> None:
    assert_error(pack(**{dotted: ""}), key, "found an empty string")
    assert_error(pack(**{dotted: " \t\n "}), key, "found only white space")


@pytest.mark.parametrize(("dotted", "key", "lo", "hi"), [x for x in LENGTHS if x[2] == 0])
def test_optional_text_left_empty_is_absent(dotted: str, key: str, lo: int, hi: int) -> None:
    assert_valid(pack(**{dotted: "   "}))


def test_text_is_stored_stripped() -> None:
    p, _ = validate_pack(pack(**{"questions.0.text": "  Why?\n", "pack.description": "\n  "}), source="t")
    assert p.questions[0].text == "Why?" and p.info.description is None


def test_follow_ups_and_anchors_limits() -> None:
    ten = [f"Follow-up {n}?" for n in range(10)]
    assert validate_pack(pack(**{"questions.0.follow_ups": ten}), source="t")[0].questions[0].follow_ups == tuple(ten)
    assert_error(pack(**{"questions.0.follow_ups": [*ten, "x"]}), f"{Q0}.follow_ups", "found 11 items")
    assert_error(pack(**{"questions.0.follow_ups": ["ok", "x" * 1001]}), f"{Q0}.follow_ups[1]", "found 1001 characters")
    assert_error(pack(**{"questions.0.follow_ups": ["ok", "  "]}), f"{Q0}.follow_ups[1]", "only white space")
    five = ["a" * 300, "b", "c", "d", "e"]
    assert_valid(pack(**{"rubric.0.anchors": five}))
    for bad in (five[:4], [*five, "f"], []):
        assert_error(pack(**{"rubric.0.anchors": bad}), f"{R0}.anchors", f"expected exactly 5 strings (for ratings 1 to 5), found {len(bad)}")
    assert_error(pack(**{"rubric.0.anchors": ["a" * 301, "b", "c", "d", "e"]}), f"{R0}.anchors[0]", "found 301 characters")


# -- slugs ----------------------------------------------------------------------------------

GOOD_SLUGS = ["a", "0", "a-b", "a--b", "product-sense-2", "x" * 64]
BAD_SLUGS = ["A", "-a", "a-", "a_b", "a b", "x" * 65, "café", "a.b", "", "a\nb"]


@pytest.mark.parametrize("slug", GOOD_SLUGS)
def test_valid_slugs(slug: str) -> None:
    assert_valid(pack(**{"pack.id": slug, "questions.1.id": slug if slug != "first" else "z"}))


@pytest.mark.parametrize("slug", BAD_SLUGS)
@pytest.mark.parametrize(
    ("dotted", "key"),
    [("pack.id", "pack.id"), ("questions.1.id", "questions[1]"), ("plans.0.id", "plans[0]"), ("questions.0.tags.0", f"{Q0}.tags[0]"), ("pack.tags", "pack.tags[0]")],
)
def test_invalid_slugs(slug: str, dotted: str, key: str) -> None:
    value: Any = [slug] if dotted == "pack.tags" else slug
    found = problems(pack(**{dotted: value}))
    assert any(d.key is not None and d.key.startswith(key) and "expected a slug" in d.message for d in found), [
        d.format() for d in found
    ]


def test_ids_are_stripped_before_the_slug_check() -> None:
    p, _ = validate_pack(pack(**{"pack.id": "  sample  "}), source="t")
    assert p.id == "sample"


def test_tags_at_most_twenty() -> None:
    twenty = [f"t{n}" for n in range(20)]
    assert_valid(pack(**{"questions.0.tags": [*twenty[:19], "intro"], "pack.tags": twenty}))
    assert_error(pack(**{"pack.tags": [*twenty, "x"]}), "pack.tags", "found 21 items")
    assert_error(pack(**{"questions.1.tags": [*twenty, "x"]}), f"{Q1}.tags", "found 21 items")


# -- uniqueness and references ------------------------------------------------------------

@pytest.mark.parametrize(
    ("section", "item", "key"),
    [
        ("categories", {"id": "strategy", "name": "Again"}, 'categories[1] (id "strategy").id'),
        ("rubric", {"id": "structure", "name": "Again"}, 'rubric[1] (id "structure").id'),
        ("questions", {"id": "first", "text": "Again?"}, 'questions[2] (id "first").id'),
        ("plans", {"id": "phone-screen", "name": "Again", "steps": [{"question": "first"}]}, 'plans[1] (id "phone-screen").id'),
    ],
)
def test_ids_are_unique(section: str, item: dict[str, Any], key: str) -> None:
    data = pack()
    data[section].append(item)
    found = problems(data)
    assert [(d.key, d.message) for d in found] == [(key, f'duplicate id "{item["id"]}": already used by {section}[0]')]


def test_question_category_must_be_declared() -> None:
    assert_error(pack(**{"questions.0.category": "stratgy"}), f"{Q0}.category", 'unknown category "stratgy" (did you mean "strategy"?)')
    assert_error(pack(**{"questions.0.category": "  "}), f"{Q0}.category", "found only white space")


def test_without_categories_any_category_text_is_accepted() -> None:
    data = pack(categories=DELETE, **{"questions.0.category": "Anything goes", "plans.0.steps.1.category": "Anything goes"})
    p, _ = validate_pack(data, source="t")
    assert p.questions[0].category == "Anything goes" and p.categories == ()


def test_declared_but_empty_categories_refuse_every_category() -> None:
    assert_error(pack(categories=[]), f"{Q0}.category", "there are none")


# -- counts of sections ---------------------------------------------------------------------

def test_questions_from_one_to_twenty_thousand() -> None:
    assert_error(pack(questions=[], plans=DELETE), "questions", "expected 1 to 20000 entries in [[questions]], found 0")
    many = [{"id": f"q{n}", "text": "Why?"} for n in range(20001)]
    found = problems(pack(questions=many, plans=DELETE, categories=DELETE))
    assert [d.message for d in found] == ["expected 1 to 20000 entries in [[questions]], found 20001"]
    assert_valid(pack(questions=many[:20000], plans=DELETE, categories=DELETE))


def test_categories_at_most_one_hundred() -> None:
    cats = [{"id": f"c{n}", "name": f"C{n}"} for n in range(99)]
    assert_valid(pack(categories=[*BASE["categories"], *cats]))
    assert_error(pack(categories=[*BASE["categories"], *cats, {"id": "z", "name": "Z"}]), "categories", "found 101")


@pytest.mark.parametrize(("n", "ok"), [(0, False), (1, True), (8, True), (9, False)])
def test_rubric_one_to_eight(n: int, ok: bool) -> None:
    data = pack(rubric=[{"id": f"d{k}", "name": f"D{k}"} for k in range(n)])
    if ok:
        assert_valid(data)
    else:
        assert_error(data, "rubric", f"expected 1 to 8 entries in [[rubric]], found {n}")


def test_plans_at_most_fifty_and_steps_one_to_fifty() -> None:
    plan = {"id": "p", "name": "P", "steps": [{"question": "first"}]}
    assert_valid(pack(plans=[{**plan, "id": f"p{n}"} for n in range(50)]))
    assert_error(pack(plans=[{**plan, "id": f"p{n}"} for n in range(51)]), "plans", "found 51")
    assert_valid(pack(**{"plans.0.steps": [{"tag": "intro"}] * 50}))
    assert_error(pack(**{"plans.0.steps": [{"tag": "intro"}] * 51}), f"{P0}.steps", "found 51 steps")
    assert_error(pack(**{"plans.0.steps": []}), f"{P0}.steps", "found 0 steps")


# -- plan steps -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("step", "key", "message"),
    [
        ({}, f"{P0}.steps[0]", "expected exactly one of question, category or tag, found none"),
        ({"count": 2}, f"{P0}.steps[0]", "found none"),
        ({"question": "first", "tag": "intro"}, f"{P0}.steps[0]", "found question and tag"),
        ({"category": "strategy", "tag": "intro"}, f"{P0}.steps[0]", "found category and tag"),
        ({"question": "first", "count": 1}, f"{P0}.steps[0].count", "count is not allowed with question"),
        ({"question": "nope"}, f"{P0}.steps[0].question", 'unknown question "nope"'),
        ({"question": "frist"}, f"{P0}.steps[0].question", '(did you mean "first"?)'),
        ({"category": "tactics"}, f"{P0}.steps[0].category", 'unknown category "tactics"'),
        ({"tag": "outro"}, f"{P0}.steps[0].tag", 'unknown tag "outro"'),
        ({"tag": "Intro"}, f"{P0}.steps[0].tag", "expected a slug"),
        ({"category": "strategy", "count": 0}, f"{P0}.steps[0].count", "found 0"),
    ],
)
def test_invalid_steps(step: dict[str, Any], key: str, message: str) -> None:
    assert_error(pack(**{"plans.0.steps.0": step}), key, message)


def test_step_refers_to_question_categories_when_none_are_declared() -> None:
    data = pack(categories=DELETE)
    assert_valid(data)  # "strategy" is a category of questions[0]
    data["questions"][0]["category"] = "other"
    assert_error(data, f"{P0}.steps[1].category", 'unknown category "strategy"')


def test_step_count_may_exceed_what_exists() -> None:
    p, _ = validate_pack(pack(**{"plans.0.steps.1.count": 50}), source="t")
    assert p.plans[0].steps[1].count == 50


# -- version, language, difficulty, format ------------------------------------------------

@pytest.mark.parametrize("version", ["0.0.0", "1.2.3", "10.20.30", " 1.0.0 "])
def test_valid_versions(version: str) -> None:
    assert_valid(pack(**{"pack.version": version}))


@pytest.mark.parametrize("version", ["1.2", "1.02.0", "01.0.0", "1.2.3-beta", "v1.2.3", "1.2.3.4", "１.2.3", ""])
def test_invalid_versions(version: str) -> None:
    assert_error(pack(**{"pack.version": version}), "pack.version", "expected a version MAJOR.MINOR.PATCH")


@pytest.mark.parametrize("tag", ["en", "en-GB", "pt-BR", "zh-Hant-TW", "es-419", "de-CH-1996", "x-private", "sr-Latn"])
def test_valid_languages(tag: str) -> None:
    p, _ = validate_pack(pack(**{"pack.language": tag}), source="t")
    assert p.info.language == tag and p.info.own_language


@pytest.mark.parametrize("tag", ["english", "e", "en_GB", "en-", "123", ""])
def test_invalid_languages(tag: str) -> None:
    assert_error(pack(**{"pack.language": tag}), "pack.language", "expected a BCP 47 language tag")


@pytest.mark.parametrize(("value", "ok"), [("easy", True), ("medium", True), ("hard", True), (" hard ", True), ("Hard", False), ("extreme", False)])
def test_difficulty_enum(value: str, ok: bool) -> None:
    data = pack(**{"questions.0.difficulty": value})
    if ok:
        assert validate_pack(data, source="t")[0].questions[0].difficulty == value.strip()
    else:
        assert_error(data, f"{Q0}.difficulty", 'expected one of "easy", "medium", "hard"')


@pytest.mark.parametrize("strict", [False, True])
def test_unsupported_format_is_the_only_error(strict: bool) -> None:
    found = problems({"format": 2, "whatever": True}, strict=strict)
    assert [(d.key, d.message) for d in found] == [("format", "unsupported format 2: this version of mockint reads format 1")]


def test_missing_format_is_reported_with_the_rest() -> None:
    found = problems(pack(format=DELETE, **{"pack.name": ""}))
    assert [d.key for d in found] == ["format", "pack.name"]


# -- text rules (section 2) ----------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\x0b", "\x0c", "\x1f", "\x7f", "\x80", "\x85", "\x9b", "\x9f"])
@pytest.mark.parametrize(
    ("dotted", "key"),
    [
        ("questions.0.text", f"{Q0}.text"),
        ("questions.0.guidance", f"{Q0}.guidance"),
        ("questions.0.follow_ups", f"{Q0}.follow_ups[0]"),
        ("pack.name", "pack.name"),
        ("pack.description", "pack.description"),
        ("categories.0.name", f"{C0}.name"),
        ("plans.0.name", f"{P0}.name"),
    ],
)
def test_control_characters_are_refused(char: str, dotted: str, key: str) -> None:
    value: Any = f"Red {char}[31mtext" if char != "\x1f" else f"trailing{char}"
    if dotted.endswith("follow_ups"):
        value = [value]
    assert_error(pack(**{dotted: value}), key, f"contains the control character U+{ord(char):04X}")


def test_control_character_hidden_at_the_edge_is_not_stripped_away() -> None:
    # str.strip() counts U+001C..U+001F and U+0085 as white space: they must be refused first.
    assert_error(pack(**{"pack.id": "sample\x1c"}), "pack.id", "U+001C")
    assert_error(pack(**{"questions.0.tags": ["intro\x85"]}), f"{Q0}.tags[0]", "U+0085")


def test_tab_newline_and_other_unicode_are_fine() -> None:
    text = "Line one\twith a tab\nline two — “quoted” £5 café\u00a0[bold]not markup[/bold]"
    p, _ = validate_pack(pack(**{"questions.0.guidance": text}), source="t")
    assert p.questions[0].guidance == text


@pytest.mark.parametrize(("raw", "stored"), [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\r\n\r\nb\r", "a\n\nb")])
def test_line_endings_are_normalised(raw: str, stored: str) -> None:
    p, _ = validate_pack(pack(**{"questions.0.guidance": raw, "questions.1.follow_ups": [raw]}), source="t")
    assert p.questions[0].guidance == stored and p.questions[1].follow_ups == (stored,)


# -- placeholders (section 4) ----------------------------------------------------------------

@pytest.mark.parametrize(
    "text", ["About {about}?", "{quantitative} and {qualitative}", "Braces {{like this}}", "{{about}} is literal"]
)
def test_valid_placeholders(text: str) -> None:
    assert_valid(pack(**{"questions.0.text": text}))


@pytest.mark.parametrize(
    "text",
    [
        "Tell me about {name}",
        "What does function Person(){} return?",
        "Is {n: 1} valid JSON?",
        "* { box-sizing: border-box; }",
        "A lone { brace",
        "A lone } brace",
    ],
)
def test_other_braces_are_literal_text(text: str) -> None:
    p, warnings = validate_pack(pack(**{"questions.0.text": text}), source="t.toml")
    assert p.questions[0].text == text
    assert p.questions[0].placeholders == frozenset()
    assert fill(text, {"about": "X"}) == text
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "meant"), [("Hello {About}", "about"), ("Your {quantitive} win", "quantitative"), ("{qualitive}", "qualitative")]
)
def test_near_miss_placeholders_warn_with_did_you_mean(text: str, meant: str) -> None:
    p, warnings = validate_pack(pack(**{"questions.0.text": text}), source="t.toml")
    assert p.questions[0].placeholders == frozenset()
    assert any(d.key == f"{Q0}.text" and f"did you mean the placeholder {{{meant}}}" in d.message for d in warnings)
    assert_error(pack(**{"questions.0.text": text}), f"{Q0}.text", "did you mean", strict=True)


def test_double_braces_stay_literal_and_placeholders_keep_their_meaning() -> None:
    assert fill("{{about}} and {about} and {x}", {"about": "A"}) == "{about} and A and {x}"
    assert placeholders_in("{{about}}") == frozenset()
    assert placeholders_in("Tell me about {about}") == frozenset({"about"})


def test_braces_outside_question_text_are_literal() -> None:
    assert_valid(pack(**{"questions.0.follow_ups": ["What about {name}?"], "questions.0.guidance": "{x"}))


# -- unknown keys ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("dotted", "key", "suggestion"),
    [
        ("formt", "formt", ' (did you mean "format"?)'),
        ("pack.verison", "pack.verison", ' (did you mean "version"?)'),
        ("defaults.answer_second", "defaults.answer_second", ' (did you mean "answer_seconds"?)'),
        ("categories.0.descripton", f"{C0}.descripton", ' (did you mean "description"?)'),
        ("rubric.0.anchor", f"{R0}.anchor", ' (did you mean "anchors"?)'),
        ("questions.0.follow_up", f"{Q0}.follow_up", ' (did you mean "follow_ups"?)'),
        ("questions.0.zzz", f"{Q0}.zzz", ""),
        ("plans.0.nam", f"{P0}.nam", ' (did you mean "name"?)'),
        ("plans.0.steps.1.counts", f"{P0}.steps[1].counts", ' (did you mean "count"?)'),
    ],
)
def test_unknown_keys_warn_and_strict_refuses(dotted: str, key: str, suggestion: str) -> None:
    data = pack(**{dotted: 1})
    _, warnings = validate_pack(copy.deepcopy(data), source="t")
    name = key.rsplit(".", 1)[-1]
    assert [(w.key, w.message, w.severity) for w in warnings] == [(key, f'unknown key "{name}"{suggestion}', "warning")]
    assert_error(data, key, f'unknown key "{name}"', strict=True)


# -- messages, positions, collection ------------------------------------------------------------

TOML = """\
format = 1

[pack]
id = "sample"
name = "Sample pack"
version = "1.0.0"

[[questions]]
id = "first"
text = "Tell me about yourself."
tags = ["intro"]

[[questions]]
id = "proud-project"
text = "What are you proud of?"
answer_seconds = "180"
follow_ups = ["ok", ""]

[[plans]]
id = "phone-screen"
name = "Phone screen"
steps = [
  { question = "first" },
  { tag = "intro" },
  { tag = "intro", count = 0 },
]
"""


def test_all_errors_reported_with_key_paths_and_lines() -> None:
    with pytest.raises(MockintError) as info:
        load_pack_bytes(TOML.encode(), source="p.toml")
    lines = [d.format() for d in info.value.diagnostics]
    assert lines == [
        f'p.toml:16:1: error: {Q1}.answer_seconds: expected an integer from 10 to 3600, found a string',
        f'p.toml:17:21: error: {Q1}.follow_ups[1]: expected a string of 1 to 1000 characters, found an empty string',
        f"p.toml:25:20: error: {P0}.steps[2].count: expected an integer from 1 to 50, found 0",
    ]


def test_missing_key_points_at_its_table() -> None:
    text = TOML.replace('text = "What are you proud of?"\n', "")
    with pytest.raises(MockintError) as info:
        load_pack_bytes(text.encode(), source="p.toml")
    missing = [d for d in info.value.diagnostics if d.key == f"{Q1}.text"]
    assert [(d.line, d.col) for d in missing] == [(13, 1)]


def test_warnings_carry_positions() -> None:
    text = TOML.replace('answer_seconds = "180"\nfollow_ups = ["ok", ""]', "follow_up = []").replace(
        "count = 0", "count = 1"
    )
    result = load_pack_bytes(text.encode(), source="p.toml")
    assert [w.format() for w in result.warnings] == [
        f'p.toml:16:1: warning: {Q1}.follow_up: unknown key "follow_up" (did you mean "follow_ups"?)'
    ]


def test_too_many_errors_are_summarised() -> None:
    many = [{"id": f"Q{n}", "text": "Why?"} for n in range(MAX_REPORTED + 5)]
    found = problems(pack(questions=many, plans=DELETE, categories=DELETE))
    assert len(found) == MAX_REPORTED + 1
    assert found[-1].message == "5 more errors not shown"


def test_careful_pass_reports_the_same_model_as_the_fast_pass() -> None:
    # A CR anywhere sends validation down the careful path; the result must not differ otherwise.
    plain, _ = validate_pack(pack(), source="t")
    careful, _ = validate_pack(pack(**{"pack.description": "x\r"}), source="t")
    assert careful.questions == plain.questions and careful.plans == plain.plans
