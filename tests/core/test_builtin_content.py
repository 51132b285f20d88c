"""The built-in content: question packs in question_packs/ and colour themes in themes/.

These tests hold the shipped content to the pack format (strict), to the promises other areas
rely on (pack ids, plan ids, placeholders), and to the content brief (guidance everywhere,
follow-ups on leadership and behavioural questions, readable theme colours).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from mockint.core.packs.loader import load_pack_file
from mockint.core.packs.model import Pack
from mockint.core.text import is_slug

REPO = Path(__file__).resolve().parents[2]
PACKS_DIR = REPO / "question_packs"
THEMES_DIR = REPO / "themes"
#: The domain sources sit next to the repository (`../shared/seeds`); CI must have them.
SEEDS_DIR = REPO.parent / "shared" / "seeds"

REQUIRED_PACKS = {"backgrounder-openers", "product-leadership", "behavioral-star", "product-sense"}
REQUIRED_PLANS = {
    "warm-up": "backgrounder-openers",
    "cpo-final-loop": "product-leadership",
    "pm-phone-screen": "behavioral-star",
}
FULL_BACKGROUNDER = {
    "about": ["Parent of two, runner, ten years in fintech product"],
    "quantitative": ["Grew paid subscribers from 40k to 130k in eighteen months"],
    "qualitative": ["Helped small shops get paid two days faster"],
}

PACK_FILES = sorted(PACKS_DIR.glob("*.toml"))
THEME_FILES = sorted(THEMES_DIR.glob("*.toml"))


@cache
def _load(path: Path) -> Pack:
    result = load_pack_file(path, strict=True)
    assert result.warnings == [], [w.format() for w in result.warnings]
    return result.pack


def _packs() -> dict[str, Pack]:
    return {p.id: p for p in map(_load, PACK_FILES)}


def _all_text(pack: Pack) -> Iterator[tuple[str, str]]:
    for q in pack.questions:
        yield f"{pack.id}/{q.id}", q.text
        for i, fu in enumerate(q.follow_ups):
            yield f"{pack.id}/{q.id}/follow_ups[{i}]", fu
        if q.guidance:
            yield f"{pack.id}/{q.id}/guidance", q.guidance


# ---------------------------------------------------------------------------- packs


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.name)
def test_pack_loads_strictly_with_house_metadata(path: Path) -> None:
    pack = _load(path)
    assert path.stem == pack.id, "a built-in pack file is named after its id"
    assert pack.version == "1.0.0"
    assert pack.info.author == "mockint"
    assert pack.info.license == "CC-BY-4.0"
    assert pack.info.language == "en"
    assert pack.info.description and pack.info.tags
    assert pack.categories, "built-in packs are organised in categories"


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.name)
def test_pack_survives_export_round_trip(path: Path) -> None:
    from mockint.core.packs.export import pack_to_toml
    from mockint.core.packs.loader import load_pack_bytes

    pack = _load(path)
    again = load_pack_bytes(pack_to_toml(pack).encode("utf-8"), source=path.name, strict=True)
    assert again.pack == pack


def test_required_packs_and_question_volume() -> None:
    packs = _packs()
    assert len(packs) >= 4
    assert set(packs) >= REQUIRED_PACKS
    assert sum(len(p.questions) for p in packs.values()) >= 150
    for pack in packs.values():
        # A reverse pack (questions to ask the interviewer) is practised a few at a time at the closing.
        assert len(pack.questions) >= (10 if pack.reverse else 20), f"{pack.id} is too thin to practise with"


def test_question_texts_are_unique_across_packs() -> None:
    seen: dict[str, str] = {}
    for pack in _packs().values():
        for q in pack.questions:
            key = " ".join(q.text.lower().split())
            assert key not in seen, f"{pack.id}/{q.id} repeats {seen[key]}"
            seen[key] = f"{pack.id}/{q.id}"


def test_every_question_has_concise_guidance_and_a_difficulty() -> None:
    for pack in _packs().values():
        for q in pack.questions:
            assert q.guidance and q.guidance.strip(), f"{pack.id}/{q.id} has no guidance"
            # "What a strong answer shows" in a few sentences, not an essay.
            assert len(q.guidance) <= 800, f"{pack.id}/{q.id} guidance is {len(q.guidance)} chars"
            assert q.difficulty is not None, f"{pack.id}/{q.id} has no difficulty"
            assert q.tags, f"{pack.id}/{q.id} has no tags"


def test_leadership_and_behavioural_questions_probe_with_follow_ups() -> None:
    packs = _packs()
    for q in packs["product-leadership"].questions:
        assert q.follow_ups, f"product-leadership/{q.id} has no follow-ups"
    behavioural = [q for q in packs["behavioral-star"].questions if "behavioral" in q.tags]
    assert len(behavioural) >= 35
    for q in behavioural:
        assert q.follow_ups, f"behavioral-star/{q.id} has no follow-ups"


def test_backgrounder_openers_use_each_placeholder() -> None:
    pack = _packs()["backgrounder-openers"]
    used = {name: [q.id for q in pack.questions if name in q.placeholders]
            for name in ("about", "quantitative", "qualitative")}
    for name, ids in used.items():
        assert len(ids) >= 2, f"only {ids} use {{{name}}}"
    # The classic openers themselves need no backgrounder, so a new user can always start.
    for qid in ("tell-me-about-yourself", "career-highlights", "products-you-built"):
        q = pack.question(qid)
        assert q is not None and not q.placeholders
    about_you = pack.question("tell-me-about-yourself")
    assert about_you is not None and 60 <= about_you.answer_seconds <= 90


def test_only_the_openers_pack_depends_on_the_backgrounder() -> None:
    for pack in _packs().values():
        if pack.id != "backgrounder-openers":
            assert not [q.id for q in pack.questions if q.placeholders], pack.id


def test_product_sense_gives_thinking_time_and_long_targets() -> None:
    pack = _packs()["product-sense"]
    for q in pack.questions:
        assert 180 <= q.answer_seconds <= 600, f"{q.id}: {q.answer_seconds}s"
    designs = [q for q in pack.questions if q.category == "design"]
    assert designs and all(q.prep_seconds >= 60 for q in designs)
    wanted = {"design", "metrics", "diagnosis", "experiments", "prioritisation", "launch", "estimation"}
    assert wanted <= {c.id for c in pack.categories}


def test_leadership_pack_covers_competencies_and_responsibilities() -> None:
    pack = _packs()["product-leadership"]
    cats = {c.id for c in pack.categories}
    assert {"strategy", "leading-people", "stakeholders", "communications", "hiring"} <= cats
    assert {"user-advocacy", "vision", "integration", "stakeholder-clarity", "metrics",
            "team-building", "operating-principles"} <= cats
    for cat in cats:
        assert sum(q.category == cat for q in pack.questions) >= 3, f"category {cat} is thin"
    split = pack.question("split-your-time")
    assert split is not None and split.prep_seconds > 0 and len(split.follow_ups) >= 2
    assert split.guidance is not None and "percent" in split.guidance
    # An executive rubric with every level described.
    assert len(pack.rubric) == 5
    assert all(len(d.anchors) == 5 for d in pack.rubric)


def test_plan_ids_are_unique_across_builtin_packs() -> None:
    owners: dict[str, str] = {}
    for pack in _packs().values():
        for plan in pack.plans:
            assert plan.id not in owners, f"plan {plan.id} in {owners.get(plan.id)} and {pack.id}"
            owners[plan.id] = pack.id
    for plan_id, pack_id in REQUIRED_PLANS.items():
        assert owners.get(plan_id) == pack_id


def _plan_cases() -> list[tuple[str, str]]:
    # Read raw at collection time so that a broken pack fails its tests instead of collection.
    cases = []
    for path in PACK_FILES:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
        cases += [(raw["pack"]["id"], plan["id"]) for plan in raw.get("plans", [])]
    return cases


@pytest.mark.parametrize(("pack_id", "plan_id"), _plan_cases())
@pytest.mark.parametrize("seed", [1, 7, 2024])
def test_every_plan_resolves_to_its_full_length(pack_id: str, plan_id: str, seed: int) -> None:
    from mockint.core.interview.interviewer import build_interview

    packs = list(_packs().values())
    pack = _packs()[pack_id]
    plan = pack.plan(plan_id)
    assert plan is not None
    interview = build_interview(packs, plan_id=plan_id, seed=seed, backgrounder=FULL_BACKGROUNDER)
    assert interview.skipped == ()
    ids = [q.question_id for q in interview.questions]
    assert len(ids) == len(set(ids))
    # Every step of a built-in plan is satisfiable, so nothing is silently short.
    assert len(ids) == sum(step.count for step in plan.steps)
    assert all(q.pack_id == pack_id for q in interview.questions)
    assert all("{" not in q.text for q in interview.questions), "placeholders must be filled"


def test_phone_screen_is_about_thirty_minutes_of_answers() -> None:
    from mockint.core.interview.interviewer import build_interview

    for seed in range(10):
        interview = build_interview(list(_packs().values()), plan_id="pm-phone-screen", seed=seed)
        total = sum(q.target_seconds for q in interview.questions)
        assert 25 * 60 <= total <= 35 * 60, total
        assert interview.questions[0].question_id == "walk-me-through-your-resume"
        assert sum("behavioral" in q.tags for q in interview.questions) >= 6


def test_cpo_loop_spans_the_competencies_and_ends_on_time_allocation() -> None:
    pack = _packs()["product-leadership"]
    plan = pack.plan("cpo-final-loop")
    assert plan is not None
    assert len({s.category for s in plan.steps if s.category}) >= 7
    assert plan.steps[-1].question == "split-your-time"


def test_warm_up_is_the_three_classic_openers() -> None:
    plan = _packs()["backgrounder-openers"].plan("warm-up")
    assert plan is not None
    assert [s.question for s in plan.steps] == ["tell-me-about-yourself", "career-highlights",
                                               "products-you-built"]


def test_claim_check_skips_visibly_without_a_backgrounder() -> None:
    from mockint.core.interview.interviewer import build_interview

    interview = build_interview(list(_packs().values()), plan_id="claim-check", seed=3)
    assert {s.question_id for s in interview.skipped} == {
        "quantitative-probe-measurement", "qualitative-probe-user", "about-you-probe"}
    assert len(interview.questions) == 3


def _word_ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_content_is_written_in_our_own_words() -> None:
    if not SEEDS_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the domain sources are missing: {SEEDS_DIR} (expected ../shared/seeds next to the repository)")
        pytest.skip(f"the domain sources are not available here ({SEEDS_DIR})")
    seed_grams: set[tuple[str, ...]] = set()
    for path in SEEDS_DIR.glob("0*.txt"):
        seed_grams |= _word_ngrams(path.read_text(encoding="utf-8"), 7)
    assert seed_grams
    copied = [
        (where, " ".join(sorted(_word_ngrams(text, 7) & seed_grams)[0]))
        for pack in _packs().values()
        for where, text in _all_text(pack)
        if _word_ngrams(text, 7) & seed_grams
    ]
    assert copied == []


def test_builtin_library_lists_every_pack_without_warnings() -> None:
    from mockint.core.packs.library import PackLibrary

    library = PackLibrary(builtin_dir=PACKS_DIR)
    listed = {p.id: p for p in library.list()}
    assert set(listed) == set(_packs())
    assert all(p.source == "builtin" for p in listed.values())
    assert [w.format() for w in library.warnings] == []


# ---------------------------------------------------------------------------- themes

THEME_COLOUR_KEYS = ("primary", "secondary", "accent", "warning", "error", "success",
                     "foreground", "background", "surface", "panel", "boost")
REQUIRED_THEME_KEYS = {"name", "dark", "primary", "secondary", "accent", "warning", "error",
                       "success", "foreground", "background", "surface", "panel"}
CLOCK_KEYS = ("clock-ok", "clock-warn", "clock-over")
EXPECTED_THEMES = {"calm-dark": True, "paper": False, "high-contrast": True}


def _theme(path: Path) -> dict[str, object]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two opaque colours."""
    from textual.color import Color

    def luminance(colour: str) -> float:
        c = Color.parse(colour)

        def channel(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_expected_themes_ship_with_unique_slug_names() -> None:
    names = [_theme(p)["name"] for p in THEME_FILES]
    assert len(names) == len(set(names))
    assert all(isinstance(n, str) and is_slug(n) for n in names)
    assert set(EXPECTED_THEMES) <= set(names)


@pytest.mark.parametrize("path", THEME_FILES, ids=lambda p: p.name)
def test_theme_file_is_complete_and_every_colour_parses(path: Path) -> None:
    from textual.color import Color
    from textual.theme import Theme

    data = _theme(path)
    assert set(data) >= REQUIRED_THEME_KEYS, REQUIRED_THEME_KEYS - set(data)
    assert set(data) <= REQUIRED_THEME_KEYS | {"boost", "variables"}, "unknown key"
    assert data["name"] == path.stem
    assert isinstance(data["dark"], bool)
    if data["name"] in EXPECTED_THEMES:
        assert data["dark"] is EXPECTED_THEMES[str(data["name"])]
    for key in THEME_COLOUR_KEYS:
        if key in data:
            Color.parse(str(data[key]))
    variables = data.get("variables", {})
    assert isinstance(variables, dict)
    for key, value in variables.items():
        assert isinstance(value, str), key
        Color.parse(value)
    # Variables are either ones Textual itself generates, or the app's clock colours.
    textual_names = set(Theme(name="probe", primary="#336699").to_color_system().generate())
    unknown = set(variables) - textual_names - set(CLOCK_KEYS)
    assert unknown == set()
    assert set(CLOCK_KEYS) <= set(variables)
    # Textual accepts the theme as a whole.
    theme = Theme(**{k: v for k, v in data.items()})  # type: ignore[arg-type]
    assert theme.to_color_system().generate()


@pytest.mark.parametrize("path", THEME_FILES, ids=lambda p: p.name)
def test_theme_text_and_clock_colours_are_readable(path: Path) -> None:
    data = _theme(path)
    variables = data["variables"]
    assert isinstance(variables, dict)
    background = str(data["background"])
    # Normal text needs AA (4.5:1) everywhere and AAA (7:1) in the high-contrast theme.
    minimum = 7.0 if data["name"] == "high-contrast" else 4.5
    for key in ("foreground", "warning", "error", "success"):
        assert _contrast(str(data[key]), background) >= minimum, key
    for key in CLOCK_KEYS:
        assert _contrast(variables[key], background) >= minimum, key
    assert len({variables[k].lower() for k in CLOCK_KEYS}) == 3, "clock states must look different"
    cursor = _contrast(variables["block-cursor-foreground"], variables["block-cursor-background"])
    assert cursor >= minimum
