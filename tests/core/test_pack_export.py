"""Export to native TOML: passes --strict and round-trips exactly (load(export(p)) == p)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockint.core.packs.export import pack_to_dict, pack_to_toml
from mockint.core.packs.loader import load_pack_bytes
from mockint.core.packs.model import Pack
from mockint.core.packs.validate import validate_pack

FULL = '''\
format = 1

[pack]
id = "cpo-leadership"
name = "Chief Product Officer loop"
version = "1.2.0"
description = "Questions for the final round."
author = "A. Author"
license = "CC-BY-4.0"
homepage = "https://example.org/packs"
language = "en-GB"
tags = ["product", "leadership"]

[defaults]
prep_seconds = 10

[[categories]]
id = "strategy"
name = "Strategy"
description = "Where the product goes."

[[rubric]]
id = "structure"
name = "Structure"
anchors = ["Rambling", "Loose", "Clear", "Crisp", "Masterful"]

[[questions]]
id = "proud-project"
text = "What are you proudest of? Mention {quantitative}; braces: {{x}}."
category = "strategy"
follow_ups = ["Why that one?", "What would you change?"]
answer_seconds = 180
prep_seconds = 0
tags = ["behavioral"]
difficulty = "medium"
guidance = """
Names the outcome first.
Says "I", not "we" \\\\ and owns it."""

[[questions]]
id = "vision"
text = "Where should the product be in three years?"

[[plans]]
id = "phone-screen"
name = "PM phone screen"
description = "Thirty minutes."
steps = [
    { question = "vision" },
    { category = "strategy", count = 2 },
    { tag = "behavioral" },
]
'''


def round_trip(pack: Pack) -> str:
    text = pack_to_toml(pack)
    again = load_pack_bytes(text.encode(), source="export.toml", strict=True)
    assert again.warnings == []
    assert again.pack == pack
    assert pack_to_toml(again.pack) == text
    return text


def test_full_pack_round_trips_and_writes_only_what_was_given() -> None:
    pack = load_pack_bytes(FULL.encode(), source="full.toml", strict=True).pack
    text = round_trip(pack)
    doc = pack_to_dict(pack)
    assert doc["defaults"] == {"prep_seconds": 10}
    assert "answer_seconds" not in doc["questions"][1] and "prep_seconds" not in doc["questions"][1]
    assert doc["questions"][0]["prep_seconds"] == 0  # given, even though it equals nothing special
    assert doc["plans"][0]["steps"] == [{"question": "vision"}, {"category": "strategy", "count": 2}, {"tag": "behavioral"}]
    assert 'guidance = """\nNames the outcome first.' in text  # multi-line text stays readable
    assert "{ question = \"vision\" }" in text


def test_absent_sections_stay_absent() -> None:
    minimal = 'format = 1\n[pack]\nid = "m"\nname = "M"\nversion = "0.1.0"\n[[questions]]\nid = "q"\ntext = "Why?"\n'
    pack = load_pack_bytes(minimal.encode(), source="m.toml").pack
    text = round_trip(pack)
    assert "[defaults]" not in text and "language" not in text and "categories" not in text


def test_empty_defaults_table_is_kept() -> None:
    src = 'format = 1\n[pack]\nid = "m"\nname = "M"\nversion = "0.1.0"\n[defaults]\n[[questions]]\nid = "q"\ntext = "Why?"\n'
    pack = load_pack_bytes(src.encode(), source="m.toml").pack
    assert pack.defaults.present
    assert "[defaults]" in round_trip(pack)


# -- generated packs ---------------------------------------------------------------------------

SLUG = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
# Any text an author could write: all of Unicode but surrogates and the refused controls,
# plus quotes, backslashes, brackets, tabs, newlines and CRs (normalised on load).
_CHARS = st.one_of(
    st.characters(exclude_categories=("Cs", "Cc")),
    st.sampled_from(list("\n\t\r\"'\\#[]{}=,. ")),
)


def text(max_size: int, braces: bool = True) -> st.SearchStrategy[str]:
    chars = _CHARS if braces else _CHARS.filter(lambda c: c not in "{}")
    return st.text(chars, min_size=1, max_size=max_size).filter(
        lambda s: bool(s.replace("\r", "\n").strip())
    )


def question_text() -> st.SearchStrategy[str]:
    placeholder = st.sampled_from(["{about}", "{quantitative}", "{qualitative}", "{{", "}}"])
    return st.lists(st.one_of(text(30, braces=False), placeholder), min_size=1, max_size=4).map("".join).filter(
        lambda s: bool(s.replace("\r", "\n").strip())
    )


def optional(d: dict[str, Any], key: str, draw: Any, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        d[key] = draw(strategy)


@st.composite
def raw_packs(draw: Any) -> dict[str, Any]:
    info: dict[str, Any] = {"id": draw(SLUG), "name": draw(text(40)), "version": draw(st.from_regex(r"(0|[1-9][0-9]{0,2})\.(0|[1-9])\.(0|[1-9][0-9]?)", fullmatch=True))}
    optional(info, "description", draw, text(80))
    optional(info, "author", draw, text(20))
    optional(info, "language", draw, st.sampled_from(["en", "en-GB", "de", "pt-BR"]))
    optional(info, "tags", draw, st.lists(SLUG, max_size=3))
    doc: dict[str, Any] = {"format": 1, "pack": info}
    if draw(st.booleans()):
        defaults: dict[str, Any] = {}
        optional(defaults, "answer_seconds", draw, st.integers(10, 3600))
        optional(defaults, "prep_seconds", draw, st.integers(0, 600))
        doc["defaults"] = defaults
    cat_ids = draw(st.lists(SLUG, max_size=3, unique=True))
    declared = draw(st.booleans())
    if declared:
        doc["categories"] = [{"id": c, "name": draw(text(20))} for c in cat_ids]
        for c in doc["categories"]:
            optional(c, "description", draw, text(40))
    if draw(st.booleans()):
        doc["rubric"] = [
            {"id": r, "name": draw(text(20)), **({"anchors": draw(st.lists(text(15), min_size=5, max_size=5))} if draw(st.booleans()) else {})}
            for r in draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
        ]
    questions = []
    for qid in draw(st.lists(SLUG, min_size=1, max_size=5, unique=True)):
        q: dict[str, Any] = {"id": qid, "text": draw(question_text())}
        if cat_ids:
            optional(q, "category", draw, st.sampled_from(cat_ids))
        optional(q, "follow_ups", draw, st.lists(text(30), max_size=3))
        optional(q, "answer_seconds", draw, st.integers(10, 3600))
        optional(q, "prep_seconds", draw, st.integers(0, 600))
        optional(q, "tags", draw, st.lists(SLUG, max_size=3))
        optional(q, "difficulty", draw, st.sampled_from(["easy", "medium", "hard"]))
        optional(q, "guidance", draw, text(60))
        questions.append(q)
    doc["questions"] = questions
    used_cats = sorted({q["category"] for q in questions if "category" in q} | (set(cat_ids) if declared else set()))
    used_tags = sorted({t for q in questions for t in q.get("tags", [])})
    steps = [st.builds(lambda i: {"question": i}, st.sampled_from([q["id"] for q in questions]))]
    if used_cats:
        steps.append(st.builds(lambda c, n: {"category": c, **n}, st.sampled_from(used_cats), st.sampled_from([{}, {"count": 1}, {"count": 3}])))
    if used_tags:
        steps.append(st.builds(lambda t, n: {"tag": t, **n}, st.sampled_from(used_tags), st.sampled_from([{}, {"count": 50}])))
    if draw(st.booleans()):
        doc["plans"] = [
            {"id": p, "name": draw(text(20)), "steps": draw(st.lists(st.one_of(*steps), min_size=1, max_size=4))}
            for p in draw(st.lists(SLUG, min_size=1, max_size=2, unique=True))
        ]
    return doc


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_packs())
def test_generated_packs_round_trip(raw: dict[str, Any]) -> None:
    pack, warnings = validate_pack(raw, source="gen", strict=True)
    assert warnings == []
    round_trip(pack)
