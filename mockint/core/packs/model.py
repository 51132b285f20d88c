"""The question-pack model (format 1). Validated objects only: build them via validate.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Listing rows live in installed.py so start-up can list packs without this module.
from mockint.core.packs.installed import InstalledPack as InstalledPack
from mockint.core.packs.installed import PackSource as PackSource

Difficulty = Literal["easy", "medium", "hard"]

DEFAULT_ANSWER_SECONDS = 120
DEFAULT_PREP_SECONDS = 0


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class RubricDimension:
    id: str
    name: str
    #: What a 1, 2, 3, 4, 5 looks like (exactly 5), or empty.
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    category: str | None = None
    follow_ups: tuple[str, ...] = ()
    #: Effective values, after the pack's [defaults] were applied.
    answer_seconds: int = DEFAULT_ANSWER_SECONDS
    prep_seconds: int = DEFAULT_PREP_SECONDS
    tags: tuple[str, ...] = ()
    difficulty: Difficulty | None = None
    guidance: str | None = None
    #: Whether answer_seconds / prep_seconds were given on the question itself
    #: (export writes only what was given, so a file round-trips exactly).
    own_answer_seconds: bool = False
    own_prep_seconds: bool = False

    @property
    def placeholders(self) -> frozenset[str]:
        from mockint.core.packs.placeholders import placeholders_in

        return placeholders_in(self.text)


@dataclass(frozen=True)
class PlanStep:
    """Exactly one of question / category / tag is set."""

    question: str | None = None
    category: str | None = None
    tag: str | None = None
    count: int = 1
    #: Whether `count` was written in the file (for exact round trips).
    own_count: bool = False

    def as_dict(self) -> dict[str, str | int]:
        out: dict[str, str | int] = {}
        if self.question is not None:
            out["question"] = self.question
        if self.category is not None:
            out["category"] = self.category
        if self.tag is not None:
            out["tag"] = self.tag
        if self.own_count:
            out["count"] = self.count
        return out


@dataclass(frozen=True)
class Plan:
    id: str
    name: str
    steps: tuple[PlanStep, ...]
    description: str | None = None


@dataclass(frozen=True)
class PackInfo:
    id: str
    name: str
    version: str
    description: str | None = None
    author: str | None = None
    license: str | None = None
    homepage: str | None = None
    language: str = "en"
    tags: tuple[str, ...] = ()
    #: Whether language was written in the file (for exact round trips).
    own_language: bool = False
    #: "Questions you ask the interviewer": practised at the closing, never in a mixed interview.
    reverse: bool = False


@dataclass(frozen=True)
class Defaults:
    answer_seconds: int = DEFAULT_ANSWER_SECONDS
    prep_seconds: int = DEFAULT_PREP_SECONDS
    present: bool = False
    own_answer_seconds: bool = False
    own_prep_seconds: bool = False


@dataclass(frozen=True)
class Pack:
    info: PackInfo
    questions: tuple[Question, ...]
    defaults: Defaults = field(default_factory=Defaults)
    categories: tuple[Category, ...] = ()
    rubric: tuple[RubricDimension, ...] = ()
    plans: tuple[Plan, ...] = ()

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def version(self) -> str:
        return self.info.version

    @property
    def reverse(self) -> bool:
        return self.info.reverse

    def question(self, qid: str) -> Question | None:
        for q in self.questions:
            if q.id == qid:
                return q
        return None

    def plan(self, plan_id: str) -> Plan | None:
        for p in self.plans:
            if p.id == plan_id:
                return p
        return None

    def category_name(self, cid: str | None) -> str | None:
        if cid is None:
            return None
        for c in self.categories:
            if c.id == cid:
                return c.name
        return cid
