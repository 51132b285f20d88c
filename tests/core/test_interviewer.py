"""Planning interviews: seeds, plans, categories, recency, placeholders, errors; and the persona's voice."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from mockint.core.errors import MockintError
from mockint.core.interview.feedback import analyse
from mockint.core.interview.interviewer import QUICK_COUNT, Interview, PlannedQuestion, build_interview
from mockint.core.interview.persona import Interviewer, Persona
from mockint.core.interview.rubric import DEFAULT_RUBRIC
from mockint.core.packs.model import (
    Category,
    Defaults,
    Pack,
    PackInfo,
    Plan,
    PlanStep,
    Question,
    RubricDimension,
)
from mockint.core.settings import Settings


def _q(
    qid: str, category: str | None = None, tags: tuple[str, ...] = (), text: str | None = None
) -> Question:
    return Question(
        qid, text or f"Question {qid}?", category=category, tags=tags, answer_seconds=120, prep_seconds=10
    )


ALPHA = Pack(
    PackInfo("alpha", "Alpha pack", "1.2.0"),
    (
        _q("intro", tags=("opener",)),
        _q("s1", "strategy", ("behavioral",)),
        _q("s2", "strategy"),
        _q("s3", "strategy", ("behavioral",)),
        _q("l1", "leadership", ("behavioral",)),
        _q("l2", "leadership"),
        _q("l3", "leadership", ("behavioral",)),
        _q("x1", None, ("behavioral",)),
    ),
    categories=(Category("strategy", "Strategy"), Category("leadership", "Leadership")),
    plans=(
        Plan(
            "screen",
            "PM phone screen",
            (
                PlanStep(question="intro"),
                PlanStep(category="strategy", count=2),
                PlanStep(tag="behavioral", count=50),
                PlanStep(category="leadership", count=1),
            ),
        ),
    ),
)
OWN_RUBRIC = (RubricDimension("clarity", "Clarity"), RubricDimension("depth", "Depth"))
BETA = Pack(
    PackInfo("beta", "Beta pack", "0.1.0"),
    (_q("b1", "strategy"), _q("b2", "hiring"), _q("b3", "hiring")),
    rubric=OWN_RUBRIC,
    plans=(Plan("screen", "Beta screen", (PlanStep(category="hiring", count=2),)),),
)
BG = Pack(
    PackInfo("bg", "Backgrounder openers", "1.0.0"),
    (
        _q("about", "openers", text="You wrote: {about}. Tell me more."),
        _q("quant1", "openers", text="You claim {quantitative}. How?"),
        _q("quant2", "openers", text="Walk me through {quantitative}."),
        _q("qual", "openers", text="Who benefited from {qualitative}? Use {{braces}}."),
        _q("plain", "openers", text="Why product?"),
    ),
    plans=(
        Plan(
            "openers",
            "Openers",
            (PlanStep(question="quant1"), PlanStep(question="about"), PlanStep(category="openers", count=2)),
        ),
    ),
)
PACKS = (ALPHA, BETA, BG)


def ids(interview: Interview) -> list[tuple[str, str]]:
    return [(q.pack_id, q.question_id) for q in interview.questions]


def test_same_seed_same_interview_different_seed_differs() -> None:
    a = build_interview(PACKS, pack_id="alpha", seed=7)
    b = build_interview(PACKS, pack_id="alpha", seed=7)
    assert a == b
    orders = {tuple(ids(build_interview(PACKS, pack_id="alpha", seed=s))) for s in range(10)}
    assert len(orders) > 1


def test_seed_is_recorded_when_not_given() -> None:
    a = build_interview(PACKS, pack_id="alpha")
    assert isinstance(a.seed, int)
    assert ids(build_interview(PACKS, pack_id="alpha", seed=a.seed)) == ids(a)


def test_pack_mode_asks_every_question_once_or_count() -> None:
    whole = build_interview(PACKS, pack_id="alpha", seed=1)
    assert sorted(q for _, q in ids(whole)) == sorted(q.id for q in ALPHA.questions)
    assert whole.title == "Alpha pack"
    assert whole.pack_id == "alpha" and whole.plan_id is None
    three = build_interview(PACKS, pack_id="alpha", count=3, seed=1)
    assert len(three.questions) == 3
    assert len(set(ids(three))) == 3


def test_plan_steps_in_order_with_counts_and_exhaustion() -> None:
    for seed in range(20):
        iv = build_interview(PACKS, plan_id="screen", pack_id="alpha", seed=seed)
        got = [q for _, q in ids(iv)]
        assert got[0] == "intro"
        assert {got[1], got[2]} <= {"s1", "s2", "s3"}
        # The tag step wants 50: it asks every remaining behavioral question, then the leadership step runs.
        behavioral = {q.id for q in ALPHA.questions if "behavioral" in q.tags} - {got[1], got[2]}
        assert set(got[3 : 3 + len(behavioral)]) == behavioral
        tail = got[3 + len(behavioral) :]
        assert len(tail) == 1 and tail[0] in {"l1", "l2", "l3"} - behavioral
        assert len(got) == len(set(got)), "no question is asked twice"
    assert iv.title == "PM phone screen (alpha)"
    assert iv.plan_id == "screen" and iv.pack_id == "alpha"


def test_plan_limited_by_count() -> None:
    iv = build_interview(PACKS, plan_id="screen", pack_id="alpha", count=2, seed=3)
    assert next(q for _, q in ids(iv)) == "intro"
    assert len(iv.questions) == 2


def test_plan_found_without_pack_and_ambiguity_is_an_error() -> None:
    iv = build_interview(
        PACKS, plan_id="openers", seed=1, backgrounder={"about": ["a"], "quantitative": ["q"]}
    )
    assert iv.pack_id == "bg"
    with pytest.raises(MockintError, match="several packs"):
        build_interview(PACKS, plan_id="screen")


def test_category_across_all_packs_and_within_a_pack() -> None:
    iv = build_interview(PACKS, category="strategy", seed=5)
    assert sorted(ids(iv)) == [("alpha", "s1"), ("alpha", "s2"), ("alpha", "s3"), ("beta", "b1")]
    assert iv.title == "Strategy questions"
    assert all(q.category_name == "Strategy" for q in iv.questions if q.pack_id == "alpha")
    iv = build_interview(PACKS, pack_id="alpha", category="leadership", count=2, seed=5)
    assert {q for _, q in ids(iv)} <= {"l1", "l2", "l3"} and len(iv.questions) == 2
    assert iv.title == "Alpha pack: Leadership"


def test_quick_mixed_interview_across_packs() -> None:
    iv = build_interview(PACKS, seed=11, backgrounder={})
    assert iv.title == "Quick mixed interview"
    assert len(iv.questions) == QUICK_COUNT
    iv = build_interview(PACKS, count=9, seed=2)
    assert len(set(ids(iv))) == 9
    packs_seen = Counter(p for p, _ in ids(build_interview(PACKS, count=12, seed=4)))
    assert len(packs_seen) >= 2


def test_recency_preference() -> None:
    day = 86_400.0
    now = 100 * day
    # Everything practised except s2 and l2; x1 long ago; the rest recently.
    last = {("alpha", q.id): now - day for q in ALPHA.questions}
    del last[("alpha", "s2")], last[("alpha", "l2")]
    last[("alpha", "x1")] = now - 30 * day
    for seed in range(10):
        iv = build_interview(PACKS, pack_id="alpha", count=3, seed=seed, last_practised=last)
        got = [q for _, q in ids(iv)]
        assert set(got[:2]) == {"s2", "l2"}
        assert got[2] == "x1"


def test_rubric_per_question_follows_its_pack() -> None:
    iv = build_interview(PACKS, count=11, seed=1)
    for q in iv.questions:
        assert q.rubric == (OWN_RUBRIC if q.pack_id == "beta" else DEFAULT_RUBRIC)


def test_placeholders_filled_and_spread() -> None:
    bg = {
        "about": ["I coach a robotics club"],
        "quantitative": ["tripled revenue", "cut churn 20%"],
        "qualitative": ["  "],
    }
    iv = build_interview(PACKS, pack_id="bg", seed=3, backgrounder=bg)
    texts = {q.question_id: q.text for q in iv.questions}
    assert texts["about"] == "You wrote: I coach a robotics club. Tell me more."
    quant = {texts["quant1"], texts["quant2"]}
    assert quant == {"You claim tripled revenue. How?", "Walk me through cut churn 20%."} or quant == {
        "You claim cut churn 20%. How?",
        "Walk me through tripled revenue.",
    }
    assert texts["plain"] == "Why product?"
    # Only a blank qualitative entry: the question is skipped, visibly, with a reason.
    assert [s.question_id for s in iv.skipped] == ["qual"]
    skip = iv.skipped[0]
    assert skip.reason == "needs a qualitative highlight in your backgrounder"
    assert skip.text == "Who benefited from {qualitative}? Use {braces}."


def test_literal_braces_when_filled() -> None:
    iv = build_interview(PACKS, pack_id="bg", seed=1, backgrounder={"qualitative": ["faster payroll"]})
    texts = {q.question_id: q.text for q in iv.questions}
    assert texts["qual"] == "Who benefited from faster payroll? Use {braces}."


def test_skipped_question_is_replaced_when_the_count_allows() -> None:
    bg = {"about": ["a"], "qualitative": ["b"]}  # no quantitative highlights
    replaced = 0
    for seed in range(10):
        iv = build_interview(PACKS, pack_id="bg", count=3, seed=seed, backgrounder=bg)
        assert {q.question_id for q in iv.questions} == {"about", "plain", "qual"}
        assert {s.question_id for s in iv.skipped} <= {"quant1", "quant2"}
        replaced += bool(iv.skipped)
    assert replaced > 0, "some seed met a quantitative question first and replaced it"


def test_explicit_plan_question_is_skipped_not_replaced() -> None:
    iv = build_interview(
        PACKS, plan_id="openers", seed=2, backgrounder={"about": ["a"], "qualitative": ["b"]}
    )
    assert next(q for _, q in ids(iv)) == "about"
    assert iv.skipped[0].question_id == "quant1"
    assert iv.skipped[0].reason == "needs a quantitative highlight in your backgrounder"
    # about, then two from the category step (quant2 is skipped there if met, and replaced).
    assert [q for _, q in ids(iv)][1:] in (["qual", "plain"], ["plain", "qual"])


def test_nothing_askable_is_an_error_naming_the_skips() -> None:
    only_placeholders = Pack(PackInfo("ph", "PH", "1.0.0"), (_q("a", text="Tell me about {about}."),))
    with pytest.raises(MockintError) as info:
        build_interview([only_placeholders], pack_id="ph", seed=1)
    assert info.value.exit_code == 1
    assert any("About-You" in d.message for d in info.value.diagnostics)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"pack_id": "nope"}, 'unknown pack "nope"; installed packs: alpha, beta, bg'),
        (
            {"pack_id": "alpha", "plan_id": "nope"},
            'unknown plan "nope" in pack "alpha"; available plans: screen',
        ),
        ({"plan_id": "nope"}, 'unknown plan "nope"; available plans: openers, screen'),
        ({"category": "nope"}, 'unknown category "nope"; categories: hiring, leadership, openers, strategy'),
        (
            {"pack_id": "beta", "category": "leadership"},
            'unknown category "leadership" in pack "beta"; categories: hiring, strategy',
        ),
        ({"count": 0}, "count must be a positive integer, got 0"),
        ({"plan_id": "screen", "category": "strategy"}, "--category cannot be combined with --plan"),
    ],
)
def test_unknown_ids_are_clear_errors(kwargs: dict[str, object], expected: str) -> None:
    with pytest.raises(MockintError) as info:
        build_interview(PACKS, **kwargs)  # type: ignore[arg-type]
    assert info.value.exit_code == 2
    assert expected in info.value.message


def test_planned_question_round_trip() -> None:
    iv = build_interview(PACKS, count=11, seed=9)
    for q in iv.questions:
        assert PlannedQuestion.from_dict(q.to_dict()) == q
    assert iv.questions[0].pack_version in {"1.2.0", "0.1.0", "1.0.0"}
    assert iv.estimated_seconds == 11 * 130


# -- the persona's voice -------------------------------------------------------------------


def test_persona_validates_style_and_comes_from_settings() -> None:
    with pytest.raises(ValueError):
        Persona("Sam", "grumpy")
    assert Persona.from_settings(Settings(persona_name="Ada", persona_style="direct")) == Persona(
        "Ada", "direct"
    )


@pytest.mark.parametrize("style", ["warm", "direct", "formal"])
def test_greeting_names_persona_and_plan(style: str) -> None:
    iv = build_interview(PACKS, pack_id="alpha", count=4, seed=1)
    text = Interviewer(Persona("Priya", style), seed=1).greeting(iv.questions)
    assert "Priya" in text
    assert "4 questions" in text
    assert "about 9 minutes" in text  # 4 x (120 + 10) s


def test_transitions_vary_and_never_repeat_back_to_back() -> None:
    for style in ("warm", "direct", "formal"):
        voice = Interviewer(Persona("Sam", style), seed=3)
        lines = [voice.transition(i, 12) for i in range(12)]
        assert all(a != b for a, b in itertools.pairwise(lines))
        assert len(set(lines[1:-1])) >= 3
        assert lines == [voice.transition(i, 12) for i in range(12)], "deterministic"
    warm = {Interviewer(Persona("Sam", "warm"), seed=3).transition(i, 12) for i in range(1, 11)}
    direct = {Interviewer(Persona("Sam", "direct"), seed=3).transition(i, 12) for i in range(1, 11)}
    assert warm.isdisjoint(direct)


def test_transition_names_a_new_topic() -> None:
    line = Interviewer(Persona("Sam", "warm"), seed=1).transition(2, 5, topic="Strategy")
    assert "Strategy" in line


def test_closing_invites_questions_only_when_the_candidate_can_ask_some() -> None:
    for style in ("warm", "direct", "formal"):
        voice = Interviewer(Persona("Sam", style), seed=5)
        assert "?" in voice.closing(answered=3, invite=True)
        assert "?" not in voice.closing(answered=3)
        assert "?" not in voice.closing(answered=2, early=True)


def test_closing_thanks_only_for_something_answered() -> None:
    for style in ("warm", "direct", "formal"):
        for seed in range(6):
            line = Interviewer(Persona("Sam", style), seed=seed).closing(answered=0).lower()
            assert "good conversation" not in line and "openness" not in line and "thank" not in line


def test_after_a_skip_the_interviewer_does_not_thank_for_the_answer() -> None:
    for style in ("warm", "direct", "formal"):
        voice = Interviewer(Persona("Sam", style), seed=4)
        lines = {voice.transition(i, 12, after_skip=True) for i in range(1, 11)}
        lines |= {voice.transition(i, 12, topic="Strategy", after_skip=True) for i in range(1, 11)}
        for line in lines:
            low = line.lower()
            assert "appreciate" not in low and "helpful" not in low and "thank" not in low, line
        assert lines.isdisjoint({voice.transition(i, 12) for i in range(1, 11)})


def test_probes_target_gaps_and_do_not_repeat() -> None:
    voice = Interviewer(Persona("Sam"), seed=2)
    no_result = analyse("I decided to run a pilot with 3 teams.", 120)
    assert voice.probe(no_result) == "Can you go deeper on the result?"
    probes = [voice.probe() for _ in range(6)]
    assert all(a != b for a, b in itertools.pairwise(probes))
    assert len(set(probes)) == 6
    no_numbers = analyse("As a result the team was happier.", 120)
    assert "numbers" in voice.probe(no_numbers)


def test_should_probe_below_forty_percent() -> None:
    voice = Interviewer(Persona("Sam"))
    assert voice.should_probe(47.9, 120)
    assert not voice.should_probe(48.0, 120)
    assert not voice.should_probe(0, 120)  # never started: nothing to probe


# -- through the real pack loader ----------------------------------------------------------

LOADED_TOML = b"""
format = 1
[pack]
id = "loaded"
name = "Loaded pack"
version = "2.0.0"
[defaults]
answer_seconds = 90
prep_seconds = 5
[[categories]]
id = "sense"
name = "Product sense"
[[rubric]]
id = "clarity"
name = "Clarity"
[[questions]]
id = "why-pm"
text = "Why product management?"
[[questions]]
id = "design"
text = "Design a {{smart}} fridge."
category = "sense"
answer_seconds = 300
[[questions]]
id = "metric"
text = "Pick a metric for {quantitative}."
category = "sense"
[[plans]]
id = "loop"
name = "Loop"
steps = [{ question = "why-pm" }, { category = "sense", count = 5 }]
"""


def test_plan_from_a_loaded_pack() -> None:
    loader = pytest.importorskip("mockint.core.packs.loader")
    pack = loader.load_pack_bytes(LOADED_TOML, source="loaded.toml").pack
    iv = build_interview([pack], plan_id="loop", seed=4)
    assert iv.title == "Loop (loaded)"
    assert [q.question_id for q in iv.questions] == ["why-pm", "design"]
    design = iv.questions[1]
    assert design.text == "Design a {smart} fridge."
    assert (design.target_seconds, design.prep_seconds) == (300, 5)
    assert iv.questions[0].target_seconds == 90
    assert design.category_name == "Product sense"
    assert [d.id for d in design.rubric] == ["clarity"]
    assert [(s.question_id, s.reason) for s in iv.skipped] == [
        ("metric", "needs a quantitative highlight in your backgrounder")
    ]


def test_settings_defaults_apply_only_where_the_pack_sets_no_time() -> None:
    own = Question("own", "Own time?", answer_seconds=300, own_answer_seconds=True)
    plain = Question("plain", "No time?")
    pack = Pack(PackInfo("t", "T", "1.0.0"), (own, plain))
    iv = build_interview([pack], pack_id="t", seed=1, default_answer_seconds=60, default_prep_seconds=20)
    times = {q.question_id: (q.target_seconds, q.prep_seconds) for q in iv.questions}
    assert times == {"own": (300, 20), "plain": (60, 20)}
    with_defaults = Pack(
        PackInfo("d", "D", "1.0.0"),
        (Question("plain", "No time?", answer_seconds=90),),  # as validation applies [defaults]
        defaults=Defaults(answer_seconds=90, present=True, own_answer_seconds=True),
    )
    iv = build_interview([with_defaults], pack_id="d", seed=1, default_answer_seconds=60)
    assert iv.questions[0].target_seconds == 90  # the pack's [defaults] win over settings


def test_before_question_names_a_category_change() -> None:
    iv = build_interview(PACKS, plan_id="screen", pack_id="alpha", seed=1)
    voice = Interviewer(Persona("Sam", "direct"), seed=1)
    assert voice.before_question(iv.questions, 0) == voice.transition(0, len(iv.questions))
    # Question 1 is the first strategy question after the uncategorised opener.
    assert "Strategy" in voice.before_question(iv.questions, 1)


def test_reverse_questions_close_an_interview_when_a_reverse_pack_is_installed() -> None:
    from mockint.core.interview.interviewer import with_reverse_questions
    from mockint.core.interview.rubric import REVERSE_RUBRIC
    from mockint.core.packs.loader import load_pack_bytes
    from tests.support.practice_support import REVERSE_PACK

    reverse = load_pack_bytes(REVERSE_PACK.encode(), source="to-ask.toml").pack
    assert reverse.reverse
    iv = build_interview([*PACKS, reverse], pack_id="alpha", count=2, seed=3)
    assert all(q.pack_id == "alpha" for q in iv.questions)
    closed = with_reverse_questions(iv, [*PACKS, reverse])
    extra = closed.questions[len(iv.questions):]
    assert len(extra) == 2 and all(q.reverse and q.pack_id == "to-ask" for q in extra)
    assert all(q.rubric == REVERSE_RUBRIC for q in extra)
    assert closed.questions[: len(iv.questions)] == iv.questions
    assert with_reverse_questions(iv, [*PACKS, reverse]) == closed  # deterministic for the seed
    longer = build_interview(PACKS, pack_id="alpha", count=5, seed=3)
    assert len(with_reverse_questions(longer, [*PACKS, reverse]).questions) == 8
    assert with_reverse_questions(iv, PACKS) == iv  # no reverse pack: nothing added
    own = build_interview([reverse], pack_id="to-ask", seed=1)
    assert with_reverse_questions(own, [reverse]) == own  # practising the reverse pack itself
    # A PlannedQuestion keeps the mark through the store's JSON.
    assert PlannedQuestion.from_dict(extra[0].to_dict()).reverse


def test_the_invitation_after_nothing_answered_and_the_reply_to_a_skipped_question() -> None:
    voice = Interviewer(Persona("Sam", "warm"), seed=2)
    line = voice.closing(answered=0, invite=True)
    assert line.endswith("?") and "come back" not in line.lower() and "thank" not in line.lower()
    assert "good question" not in voice.after_reverse_question(1, skipped=True).lower()
