"""The fast path of question validation: a question of the usual, valid shape, built at once.

A pack of 10,000 questions must validate in a fraction of its parse time, so this path names no
key path and allocates as little as it can; anything unusual goes to the general path in
validate.py, which knows every rule and every message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from mockint.core.packs import validate_support as vs
from mockint.core.packs.model import Difficulty, Question
from mockint.core.packs.validate_support import MISSING

DIFFICULTY: dict[str, Difficulty] = {"easy": "easy", "medium": "medium", "hard": "hard"}
_KEYS = vs.QUESTION_KEYS
_slug = vs.SLUG.fullmatch


class FastQuestions:
    """Builds a question that has the usual, valid shape without naming any key path.

    Returns None for anything else (an unknown key, a type or length to report, a placeholder
    or brace, a tag not seen before, ...) and the general path then checks that question.
    Strings are handed to the run's text list, so the final control-character scan covers them.
    """

    def __init__(
        self, d_answer: int, d_prep: int, declared: set[str] | None, slugs: dict[str, str], raw: list[str]
    ) -> None:
        self.d_answer, self.d_prep, self.declared = d_answer, d_prep, declared
        self.slugs, self.raw = slugs, raw
        self.tag = slugs.__getitem__

    def build(self, q: dict[str, Any]) -> Question | None:
        if not q.keys() <= _KEYS:
            return None
        get = q.get
        ident = get("id", MISSING)
        body = get("text", MISSING)
        if type(ident) is not str or type(body) is not str or _slug(ident) is None:
            return None
        strings = [body]
        body = body.strip()
        if not 0 < len(body) <= 1000 or "{" in body or "}" in body:
            return None
        category = get("category", MISSING)
        if category is MISSING:
            category = None
        else:
            declared = self.declared
            if type(category) is not str or (category not in declared if declared is not None else not category.strip()):
                return None
            strings.append(category)
            category = category.strip()
        answer = get("answer_seconds", MISSING)
        if answer is MISSING:
            answer, own_answer = self.d_answer, False
        elif type(answer) is not int or not 10 <= answer <= 3600:
            return None
        else:
            own_answer = True
        prep = get("prep_seconds", MISSING)
        if prep is MISSING:
            prep, own_prep = self.d_prep, False
        elif type(prep) is not int or not 0 <= prep <= 600:
            return None
        else:
            own_prep = True
        follow_ups: tuple[str, ...] = ()
        items = get("follow_ups", MISSING)
        if items is not MISSING:
            if type(items) is not list or len(items) > 10:
                return None
            stripped = []
            for item in items:
                if type(item) is not str:
                    return None
                item = item.strip()
                if not 0 < len(item) <= 1000:
                    return None
                stripped.append(item)
            strings.extend(items)
            follow_ups = tuple(stripped)
        tags: tuple[str, ...] = ()
        items = get("tags", MISSING)
        if items is not MISSING:
            if type(items) is not list or len(items) > 20:
                return None
            try:
                tags = tuple(map(self.tag, items))
            except (KeyError, TypeError):
                return None
        level: Difficulty | None = None
        raw_level = get("difficulty", MISSING)
        if raw_level is not MISSING:
            level = DIFFICULTY.get(raw_level) if type(raw_level) is str else None
            if level is None:
                return None
        guidance = get("guidance", MISSING)
        if guidance is MISSING:
            guidance = None
        else:
            if type(guidance) is not str:
                return None
            strings.append(guidance)
            guidance = guidance.strip()
            if len(guidance) > 4000:
                return None
            guidance = guidance or None
        self.raw.extend(strings)
        return _make_question(
            ident, body, category, follow_ups, answer, prep, tags, level, guidance, own_answer, own_prep
        )


def _direct_question(
    ident: str,
    text: str,
    category: str | None,
    follow_ups: tuple[str, ...],
    answer: int,
    prep: int,
    tags: tuple[str, ...],
    difficulty: Difficulty | None,
    guidance: str | None,
    own_answer: bool,
    own_prep: bool,
) -> Question:
    """`Question(...)` without the frozen dataclass's per-field `object.__setattr__` calls.

    Those calls are most of the cost of a 10,000-question pack; filling the instance dict at once
    takes a quarter of the time. Used only while the model is a plain frozen dataclass with exactly
    these fields (checked below), so equality, hashing and repr are the dataclass's own.
    """
    q = _new(Question)
    _setattr(
        q,
        "__dict__",
        {
            "id": ident,
            "text": text,
            "category": category,
            "follow_ups": follow_ups,
            "answer_seconds": answer,
            "prep_seconds": prep,
            "tags": tags,
            "difficulty": difficulty,
            "guidance": guidance,
            "own_answer_seconds": own_answer,
            "own_prep_seconds": own_prep,
        },
    )
    return q


_new = object.__new__
_setattr = object.__setattr__
_QUESTION_FIELDS = (
    "id", "text", "category", "follow_ups", "answer_seconds", "prep_seconds", "tags", "difficulty",
    "guidance", "own_answer_seconds", "own_prep_seconds",
)
_make_question: Callable[..., Question] = (
    _direct_question
    if tuple(f.name for f in dataclasses.fields(Question)) == _QUESTION_FIELDS
    and "__slots__" not in vars(Question)
    and not hasattr(Question, "__post_init__")
    else Question
)
