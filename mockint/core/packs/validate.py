"""Validate a raw pack dict (format 1) into a `Pack`, collecting every error with its key path.

The happy path is tuned for big packs: exact `type(x) is T` checks, precompiled patterns,
key paths built only when something is wrong, and one C-speed scan of all text for control
characters at the end. Only when that scan finds something (or a CR that needs normalising)
does the whole validation run again in "careful" mode, which checks string by string.
"""

from __future__ import annotations

from typing import Any

from mockint.core.errors import Diagnostic, MockintError, Severity
from mockint.core.packs import validate_support as vs
from mockint.core.packs.model import (
    DEFAULT_ANSWER_SECONDS,
    DEFAULT_PREP_SECONDS,
    Category,
    Defaults,
    Difficulty,
    Pack,
    PackInfo,
    Question,
    RubricDimension,
)
from mockint.core.packs.placeholders import scan
from mockint.core.packs.source import KeyPath, Locator
from mockint.core.packs.validate_fast import DIFFICULTY, FastQuestions
from mockint.core.packs.validate_plans import check_plans
from mockint.core.packs.validate_support import MISSING

#: More errors than this are summarised in one line: nobody reads 20,000 of them.
MAX_REPORTED = 100


class Run(vs.Checker):
    """One pass over a raw pack, section by section (the primitives live in `Checker`)."""

    # -- sections -------------------------------------------------------------------------

    def run(self, data: dict[str, Any]) -> Pack | None:
        if type(data) is not dict:
            self.error((), f"expected a table at the top level, found {vs.kind(data)}")
            return None
        fmt = data.get("format", MISSING)
        if fmt is MISSING:
            self.error(("format",), "required key missing: expected format = 1")
        elif type(fmt) is not int:
            self.error(("format",), f"expected the integer 1, found {vs.kind(fmt)}")
        elif fmt != 1:
            # Another format's layout would only produce noise below.
            self.error(("format",), f"unsupported format {fmt}: this version of mockint reads format 1")
            return None
        if not data.keys() <= vs.TOP_KEYS:
            self.unknown(data, vs.TOP_KEYS, ())
        info = self.pack_info(data.get("pack", MISSING))
        defaults = self.defaults(data.get("defaults", MISSING))
        categories = self.categories(data.get("categories", MISSING))
        rubric = self.rubric(data.get("rubric", MISSING))
        declared = {c.id for c in categories} if type(data.get("categories")) is list else None
        questions, qids, used_cats, used_tags = self.questions(data.get("questions", MISSING), defaults, declared)
        known_cats = declared if declared is not None else used_cats
        plans = check_plans(self, data.get("plans", MISSING), qids, known_cats, used_tags)
        if self.errors or info is None:
            return None
        return Pack(info, tuple(questions), defaults, categories, rubric, plans)

    def pack_info(self, value: object) -> PackInfo | None:
        base: KeyPath = ("pack",)
        t = self.table(value, base, "[pack]", required=True)
        if t is None:
            return None
        if not t.keys() <= vs.PACK_KEYS:
            self.unknown(t, vs.PACK_KEYS, base)
        get = t.get
        ident = self.slug(get("id", MISSING), base, "id")
        name = self.text(get("name", MISSING), base, "name", 1, 120)
        version = self.pattern_text(
            get("version", MISSING), base, "version", vs.VERSION,
            'a version MAJOR.MINOR.PATCH such as "1.2.0" (whole numbers without leading zeros)',
        )
        language = get("language", MISSING)
        lang = "en"
        if language is not MISSING:
            hint = 'a BCP 47 language tag such as "en", "en-GB" or "pt-BR"'
            lang = self.pattern_text(language, base, "language", vs.LANGUAGE, hint) or "en"
        return PackInfo(
            id=ident or "",
            name=name or "",
            version=version or "",
            description=self.text(get("description", MISSING), base, "description", 0, 4000),
            author=self.text(get("author", MISSING), base, "author", 0, 200),
            license=self.text(get("license", MISSING), base, "license", 0, 100),
            homepage=self.text(get("homepage", MISSING), base, "homepage", 0, 500),
            language=lang,
            tags=self.slugs(get("tags", MISSING), base, "tags", 20),
            own_language=language is not MISSING,
            reverse=self.boolean(get("reverse", MISSING), base, "reverse"),
        )

    def defaults(self, value: object) -> Defaults:
        base: KeyPath = ("defaults",)
        t = self.table(value, base, "[defaults]", required=False)
        if t is None:
            return Defaults()
        if not t.keys() <= vs.DEFAULTS_KEYS:
            self.unknown(t, vs.DEFAULTS_KEYS, base)
        answer, prep = t.get("answer_seconds", MISSING), t.get("prep_seconds", MISSING)
        return Defaults(
            answer_seconds=self.integer(answer, base, "answer_seconds", 10, 3600, DEFAULT_ANSWER_SECONDS),
            prep_seconds=self.integer(prep, base, "prep_seconds", 0, 600, DEFAULT_PREP_SECONDS),
            present=True,
            own_answer_seconds=answer is not MISSING,
            own_prep_seconds=prep is not MISSING,
        )

    def categories(self, value: object) -> tuple[Category, ...]:
        out: list[Category] = []
        seen: dict[str, int] = {}
        for i, t in enumerate(self.tables(value, "categories", 0, 100, required=False)):
            if t is None:
                continue
            base: KeyPath = ("categories", i)
            if not t.keys() <= vs.CATEGORY_KEYS:
                self.unknown(t, vs.CATEGORY_KEYS, base)
            ident = self.slug(t.get("id", MISSING), base, "id")
            self.unique(ident, seen, "categories", i)
            name = self.text(t.get("name", MISSING), base, "name", 1, 120)
            description = self.text(t.get("description", MISSING), base, "description", 0, 4000)
            out.append(Category(ident or "", name or "", description))
        return tuple(out)

    def rubric(self, value: object) -> tuple[RubricDimension, ...]:
        out: list[RubricDimension] = []
        seen: dict[str, int] = {}
        for i, t in enumerate(self.tables(value, "rubric", 1, 8, required=False)):
            if t is None:
                continue
            base: KeyPath = ("rubric", i)
            if not t.keys() <= vs.RUBRIC_KEYS:
                self.unknown(t, vs.RUBRIC_KEYS, base)
            ident = self.slug(t.get("id", MISSING), base, "id")
            self.unique(ident, seen, "rubric", i)
            name = self.text(t.get("name", MISSING), base, "name", 1, 60)
            raw = t.get("anchors", MISSING)
            anchors = self.strings(raw, base, "anchors", 5, 1, 300)
            if type(raw) is list and len(raw) != 5:
                self.error((*base, "anchors"), f"expected exactly 5 strings (for ratings 1 to 5), found {len(raw)}")
            out.append(RubricDimension(ident or "", name or "", anchors))
        return tuple(out)

    def questions(
        self, value: object, defaults: Defaults, declared: set[str] | None
    ) -> tuple[list[Question], dict[str, int], set[str], set[str]]:
        out: list[Question] = []
        seen: dict[str, int] = {}
        used_cats: set[str] = set()
        used_tags: set[str] = set()
        d_answer, d_prep = defaults.answer_seconds, defaults.prep_seconds
        fast = None if self.careful else FastQuestions(d_answer, d_prep, declared, self._slugs, self.raw)
        for i, q in enumerate(self.tables(value, "questions", 1, 20000, required=True)):
            if q is None:
                continue
            made = fast.build(q) if fast is not None else None
            if made is None:
                made = self.question(q, ("questions", i), d_answer, d_prep, declared)
            ident = made.id
            if ident:
                first = seen.setdefault(ident, i)
                if first != i:
                    self.error(("questions", i, "id"), f"duplicate id {vs.show(ident)}: already used by questions[{first}]")
            if made.category is not None:
                used_cats.add(made.category)
            if made.tags:
                used_tags.update(made.tags)
            out.append(made)
        return out, seen, used_cats, used_tags

    def question(
        self, q: dict[str, Any], base: KeyPath, d_answer: int, d_prep: int, declared: set[str] | None
    ) -> Question:
        """The general path: every rule, every message (the fast path hands anything unusual here)."""
        if not q.keys() <= vs.QUESTION_KEYS:
            self.unknown(q, vs.QUESTION_KEYS, base)
        get = q.get
        body = self.text(get("text", MISSING), base, "text", 1, 1000)
        if body is not None and ("{" in body or "}" in body):
            for offset, problem in scan(body)[1]:
                self.warnings.append(((*base, "text"), f"at character {offset + 1}: {problem}"))
        category = get("category", MISSING)
        category = None if category is MISSING else self.category_ref(category, base, declared)
        answer, prep = get("answer_seconds", MISSING), get("prep_seconds", MISSING)
        difficulty = get("difficulty", MISSING)
        return Question(
            self.slug(get("id", MISSING), base, "id") or "",
            body or "",
            category,
            self.strings(get("follow_ups", MISSING), base, "follow_ups", 10, 1, 1000),
            self.integer(answer, base, "answer_seconds", 10, 3600, d_answer),
            self.integer(prep, base, "prep_seconds", 0, 600, d_prep),
            self.slugs(get("tags", MISSING), base, "tags", 20),
            None if difficulty is MISSING else self.difficulty(difficulty, base),
            self.text(get("guidance", MISSING), base, "guidance", 0, 4000),
            answer is not MISSING,
            prep is not MISSING,
        )

    def category_ref(self, value: object, base: KeyPath, declared: set[str] | None) -> str | None:
        category = self.text(value, base, "category", 1, None)
        if category is None or declared is None or category in declared:
            return category
        self.error(
            (*base, "category"),
            f"unknown category {vs.show(category)}{vs.suggest(category, declared)}: expected one of the ids "
            f"in [[categories]] ({vs.ordinal_list(sorted(declared)) or 'there are none'})",
        )
        return None

    def difficulty(self, value: object, base: KeyPath) -> Difficulty | None:
        hint = 'one of "easy", "medium", "hard"'
        if type(value) is str:
            if not self.careful:
                self.raw.append(value)
            elif self._clean(value, base, "difficulty") is None:
                return None
            known = DIFFICULTY.get(value.strip())
            if known is not None:
                return known
            self.error((*base, "difficulty"), f"expected {hint}, found {vs.show(value.strip())}")
        else:
            self.error((*base, "difficulty"), f"expected {hint}, found {vs.kind(value)}")
        return None


def validate_pack(
    data: dict[str, Any], *, source: str, locator: Locator | None = None, strict: bool = False
) -> tuple[Pack, list[Diagnostic]]:
    """Validate a raw format-1 pack dict: (pack, warnings), or MockintError (exit 2) with every error.

    `locator` maps key paths to positions in the source; it is asked only when something is wrong.
    With `strict`, warnings (unknown keys) are errors.
    """
    run = Run(careful=False)
    pack = run.run(data)
    if run.raw and vs.needs_care("\n".join(run.raw)):
        run = Run(careful=True)
        pack = run.run(data)
    errors, warnings = run.errors, run.warnings
    if strict and warnings:
        errors, warnings = errors + warnings, []
    if errors or pack is None:
        raise MockintError(diagnostics=_diagnostics(errors, data, source, locator, "error"))
    return pack, _diagnostics(warnings, data, source, locator, "warning")


def _diagnostics(
    found: list[tuple[KeyPath, str]], data: Any, source: str, locator: Locator | None, severity: str
) -> list[Diagnostic]:
    level: Severity = "warning" if severity == "warning" else "error"
    out: list[Diagnostic] = []
    for path, message in found[:MAX_REPORTED]:
        line, col = locator.locate(path) if locator is not None else (None, None)
        key = vs.render_path(path, data) or None
        out.append(Diagnostic(message, source, line, col, key, level))
    # Document order reads best; positionless ones (missing top-level keys) come first.
    out.sort(key=lambda d: (d.line or 0, d.col or 0))
    if len(found) > MAX_REPORTED:
        more = len(found) - MAX_REPORTED
        out.append(Diagnostic(f"{more} more {severity}s not shown", source, severity=level))
    return out
