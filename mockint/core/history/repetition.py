"""Spaced repetition of questions with FSRS (the `fsrs` library, the scheduler Anki uses).

Each question (pack id, question id) is one FSRS card; every saved answer to it is one review,
at the time the question was asked. The self-rating maps onto FSRS's grades:

| answer                                             | grade |
|----------------------------------------------------|-------|
| skipped, or saved without any rating               | Again |
| rating 1 (the answer's mean rubric rating, rounded half up; else its overall rating) | Again |
| rating 2                                           | Hard  |
| rating 3 or 4                                      | Good  |
| rating 5                                           | Easy  |
| any of Good or Easy, but the answer ran overtime   | Hard  |

A card's state is kept in the `cards` table; it is rebuilt by replaying the question's answers
in the order they were asked whenever one of them is saved, replaced or imported, so it never
depends on the order in which answers reached the database. The scheduler runs without
learning steps (minutes between reviews make no sense for interview questions) and without
fuzzing (the same history always gives the same due dates).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mockint.core.history import limits

if TYPE_CHECKING:
    from fsrs import Card, Rating, Scheduler


@functools.cache
def scheduler() -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def grade(rating: float | None, skipped: bool, overtime: bool) -> Rating:
    """The FSRS grade of one answer (see the table above)."""
    from fsrs import Rating

    if skipped or rating is None:
        return Rating.Again
    score = min(5, max(1, int(rating + 0.5)))
    result = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Good, 5: Rating.Easy}[score]
    if overtime and result in (Rating.Good, Rating.Easy):
        return Rating.Hard
    return result


def replay(reviews: Iterable[tuple[float, float | None, bool, bool]]) -> Card | None:
    """The card after the reviews (asked unix time, rating, skipped, overtime), oldest first."""
    from fsrs import Card

    card: Card | None = None
    for asked_ts, rating, skipped, overtime in reviews:
        when = datetime.fromtimestamp(asked_ts, UTC)
        if card is None:
            card = Card(card_id=1, due=when)
        card, _ = scheduler().review_card(card, grade(rating, skipped, overtime), when)
    return card


_ANSWERS = (
    f"SELECT {limits.sql_time('asked_ts')} AS t, avg_rating, skipped, overtime_seconds > 0 FROM answers "
    "WHERE pack_id = ? AND question_id = ? ORDER BY t, id"
)


def refresh(conn: sqlite3.Connection, questions: Iterable[tuple[str, str]]) -> None:
    """Rebuild the cards of `questions` from their answers (inside the caller's transaction)."""
    rows = []
    gone = []
    for pack_id, question_id in set(questions):
        card = replay(
            (float(ts), rating, bool(skipped), bool(over))
            for ts, rating, skipped, over in conn.execute(_ANSWERS, (pack_id, question_id))
        )
        if card is None:
            gone.append((pack_id, question_id))
            continue
        assert card.due is not None and card.last_review is not None
        rows.append((pack_id, question_id, card.to_json(), card.due.timestamp(), card.last_review.timestamp()))
    conn.executemany("DELETE FROM cards WHERE pack_id = ? AND question_id = ?", gone)
    conn.executemany(
        "INSERT OR REPLACE INTO cards (pack_id, question_id, card, due_ts, last_ts) VALUES (?, ?, ?, ?, ?)", rows
    )


def refresh_all(conn: sqlite3.Connection) -> None:
    """Rebuild every card from the whole history (the migration that introduced cards)."""
    questions = [(str(p), str(q)) for p, q in conn.execute("SELECT DISTINCT pack_id, question_id FROM answers")]
    refresh(conn, questions)
