"""Produce the README screenshots from the app itself (App.save_screenshot), with fixed data.

Run: make screenshots   (or .venv/bin/python docs/make_screenshots.py)
Uses a throw-away MOCKINT_HOME, the built-in packs, a sample backgrounder and a fixed clock.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (100, 30)
FIXED_NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


class StepClock:
    """A monotonic clock the script moves by hand, so the pictures never change."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


def sample_backgrounder() -> None:
    from mockint.core.backgrounder.model import Backgrounder
    from mockint.core.backgrounder.storage import save_backgrounder

    save_backgrounder(
        Backgrounder(
            name="Alex Doe",
            headline="Senior PM, payments",
            about=[
                "Product lead in payments for eight years; I like messy, regulated problems.",
                "Parent of two, weekend cyclist, and I mentor first-time PMs.",
            ],
            quantitative=[
                "Grew checkout conversion from 61% to 74% in two quarters at a marketplace.",
                "Cut card-dispute handling cost by 40% with an automated evidence flow.",
            ],
            qualitative=[
                "Helped small shop owners get paid the same day instead of waiting a week.",
            ],
        )
    )


def sample_history() -> None:
    """Ten weeks of practice on the built-in packs, ratings creeping up, a few runs over time."""
    import random
    from datetime import timedelta

    from mockint.core.history.db.store import Store
    from mockint.core.history.records import AnswerRecord, SessionRecord
    from mockint.core.interview.rubric import rubric_for
    from mockint.core.packs.library import PackLibrary
    from mockint.core.paths import get_paths

    rng = random.Random(7)
    library = PackLibrary(get_paths())
    packs = [library.get(pack_id) for pack_id in ("behavioral-star", "product-sense", "product-leadership")]
    records = []
    for n in range(36):
        started = FIXED_NOW - timedelta(days=70 - 2 * n, hours=rng.randrange(8))
        pack = packs[n % len(packs)]
        questions = rng.sample(list(pack.questions), 4)
        answers = []
        for i, q in enumerate(questions):
            base = 2 + n / 18  # from about 2 to about 4 over the ten weeks
            ratings = {d.id: max(1, min(5, round(base + rng.uniform(-1, 1)))) for d in rubric_for(pack)}
            elapsed = q.answer_seconds * rng.uniform(0.7, 1.3)
            asked = started + timedelta(minutes=4 * i)
            answers.append(AnswerRecord(
                index=i, pack_id=pack.id, pack_version=pack.version, question_id=q.id, question_text=q.text,
                category=q.category, target_seconds=q.answer_seconds, elapsed_seconds=round(elapsed, 1),
                overtime_seconds=round(max(0.0, elapsed - q.answer_seconds), 1), ratings=ratings,
                overall=round(sum(ratings.values()) / len(ratings)), notes="", typed_points="", feedback=None,
                follow_ups_asked=[], skipped=False, asked_at=asked, answered_at=asked + timedelta(minutes=3),
            ))
        records.append(SessionRecord(
            id=f"sample-{n:03d}", title=f"{pack.name} practice", started_at=started,
            ended_at=started + timedelta(minutes=18), status="complete", pack=pack.id, plan=None, seed=n,
            question_count=4, answers=answers,
        ))
    with Store.open(get_paths()) as store:
        store.import_sessions(records)


async def shoot(name: str, screen: str, kwargs: dict[str, Any], steps: Callable[[Any, StepClock], Awaitable[None]]) -> None:
    from mockint.tui.app import MockintApp

    clock = StepClock()
    app = MockintApp(
        start_screen=screen,
        screen_kwargs=kwargs,
        clock=clock,
        now=lambda: FIXED_NOW,
        theme_name="calm-dark",
        remember_theme=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await steps(pilot, clock)
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    print(f"wrote {OUT / (name + '.svg')}")


async def nothing(pilot: Any, clock: StepClock) -> None:
    return None


async def answering(pilot: Any, clock: StepClock) -> None:
    await pilot.press("space")
    clock.value += 95
    await pilot.pause(0.4)


async def rating(pilot: Any, clock: StepClock) -> None:
    await answering(pilot, clock)
    await pilot.press("space", "4", "3")


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        os.environ["MOCKINT_HOME"] = home
        sample_backgrounder()
        await shoot("home", "home", {}, nothing)
        await shoot("practice", "practice", {"plan_id": "pm-phone-screen", "seed": 3}, rating)
        await shoot("backgrounder", "backgrounder", {}, nothing)
        await shoot("packs", "packs", {}, nothing)
        sample_history()
        await shoot("review", "review", {}, nothing)
        await shoot("trends", "trends", {}, nothing)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
