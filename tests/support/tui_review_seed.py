"""Deterministic practice histories for the review-screen tests (written through the store)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mockint.core.history.db.store import Store
from mockint.core.history.records import AnswerRecord, SessionRecord

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
DIMENSIONS = ("structure", "evidence", "impact", "concision", "delivery")


def fixed_now() -> datetime:
    return NOW


def answer(
    index: int,
    *,
    pack: str,
    qid: str,
    text: str,
    category: str | None,
    asked_at: datetime,
    elapsed: float,
    target: int = 120,
    rating: int | None = 3,
    skipped: bool = False,
    notes: str = "",
    typed: str = "",
) -> AnswerRecord:
    ratings = {} if skipped or rating is None else {d: max(1, min(5, rating + (i % 2))) for i, d in enumerate(DIMENSIONS)}
    return AnswerRecord(
        index=index,
        pack_id=pack,
        pack_version="1.0.0",
        question_id=qid,
        question_text=text,
        category=category,
        target_seconds=target,
        elapsed_seconds=0.0 if skipped else elapsed,
        overtime_seconds=0.0 if skipped else max(0.0, elapsed - target),
        ratings=ratings,
        overall=None if skipped else rating,
        notes=notes,
        typed_points=typed,
        feedback={"words": 180, "speaking_seconds": 72.0, "has_numbers": True, "star": {"situation": True,
                  "task": True, "action": True, "result": False}, "fillers": {"um": 2}} if typed else None,
        follow_ups_asked=[],
        skipped=skipped,
        asked_at=asked_at,
        answered_at=asked_at + timedelta(seconds=elapsed + 5),
    )


def small_history(store: Store) -> list[str]:
    """Six sessions over five weeks with known packs, categories, ratings and statuses.

    Returns the ids newest first. The newest session (s6) is incomplete; s1 and s4 answer
    the same question (behavioral-star/conflict-with-engineer, from the built-in pack) to compare.
    """
    specs = [
        # id, days ago, pack, status, [(qid, text, category, elapsed, rating, skipped)]
        ("s1", 34, "behavioral-star", "complete", [
            ("conflict-with-engineer", "Tell me about a conflict with an engineer.", "conflict", 150.0, 2, False),
            ("failure", "Describe a launch that failed.", "failure", 100.0, 3, False),
        ]),
        ("s2", 20, "product-sense", "complete", [
            ("design-alarm", "Design an alarm clock for the deaf.", "design", 200.0, 4, False),
            ("metrics", "How would you measure success of [markup] search?", "metrics", 90.0, 3, False),
        ]),
        ("s3", 12, "behavioral-star", "complete", [
            ("failure", "Describe a launch that failed.", "failure", 110.0, 3, False),
            ("influence", "Influence without authority?", "conflict", 0.0, None, True),
        ]),
        ("s4", 5, "behavioral-star", "complete", [
            ("conflict-with-engineer", "Tell me about a conflict with an engineer.", "conflict", 118.0, 4, False),
            ("proud", "What are you proudest of?", "motivation", 95.0, 5, False),
        ]),
        ("s5", 2, "product-sense", "complete", [
            ("design-alarm", "Design an alarm clock for the deaf.", "design", 130.0, 2, False),
        ]),
        ("s6", 0, "behavioral-star", "incomplete", [
            ("conflict-with-engineer", "Tell me about a conflict with an engineer.", "conflict", 125.0, 3, False),
        ]),
    ]
    notes = {
        ("s4", 0): "Lead with the outcome; [bold]not markup[/bold]",
        ("s3", 1): "Skipped: no story ready yet, find one about the data team",
    }
    records = []
    for sid, days_ago, pack, status, answers in specs:
        start = NOW - timedelta(days=days_ago, hours=2)
        rows = [
            answer(i, pack=pack, qid=qid, text=text, category=cat, asked_at=start + timedelta(minutes=4 * i),
                   elapsed=elapsed, rating=rating, skipped=skipped, notes=notes.get((sid, i), ""),
                   typed="Met weekly; agreed a shared metric" if sid == "s4" and i == 0 else "")
            for i, (qid, text, cat, elapsed, rating, skipped) in enumerate(answers)
        ]
        # s2 ran a plan (its title names the plan and the pack's id, as the interviewer writes it);
        # s3 was ended early; s4 was practice for a target company.
        plan = "product-sense-round" if sid == "s2" else None
        records.append(
            SessionRecord(
                id=sid, title=f"Product sense round ({pack})" if plan else f"{pack} practice", started_at=start,
                ended_at=None if status == "incomplete" else start + timedelta(minutes=15),
                status=status, pack=pack, plan=plan, seed=1, question_count=len(answers) + (sid == "s3"),
                answers=rows, tag="Acme, Head of Product" if sid == "s4" else None, ended_early=sid == "s3",
            )
        )
    store.import_sessions(records)
    return [spec[0] for spec in reversed(specs)]


def bulk_history(store: Store, sessions: int = 10_000, answers_per_session: int = 4) -> None:
    """`sessions` sessions of `answers_per_session` answers, one every 2 hours back from NOW."""
    packs = ("behavioral-star", "product-sense", "product-leadership")
    categories = ("conflict", "design", "metrics", "strategy")
    records = []
    for n in range(sessions):
        start = NOW - timedelta(hours=2 * (n + 1))
        pack = packs[n % len(packs)]
        rows = [
            answer(i, pack=pack, qid=f"q{(n + i) % 40}", text=f"Question {(n + i) % 40}", category=categories[i % 4],
                   asked_at=start + timedelta(minutes=4 * i), elapsed=60.0 + (n * 7 + i * 13) % 120,
                   rating=1 + (n + i) % 5)
            for i in range(answers_per_session)
        ]
        records.append(
            SessionRecord(
                id=f"bulk-{n:05d}", title=f"{pack} practice", started_at=start,
                ended_at=start + timedelta(minutes=20), status="complete" if n % 7 else "incomplete",
                pack=pack, plan=None, seed=n, question_count=answers_per_session, answers=rows,
            )
        )
    store.import_sessions(records)
