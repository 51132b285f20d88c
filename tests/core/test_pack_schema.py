"""The shipped JSON Schema agrees with the validator (in --strict mode) wherever a schema can say it.

No JSON Schema library is used: every limit the schema states is probed against the validator
at its boundary (just inside must pass, just outside must fail), and every key set is compared.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

import mockint.core.packs
from mockint.core.errors import MockintError
from mockint.core.packs import validate_support as vs
from mockint.core.packs.validate import validate_pack

SCHEMA_PATH = Path(mockint.core.packs.__file__).with_name("schema.json")
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

BASE: dict[str, Any] = {
    "format": 1,
    "pack": {"id": "sample", "name": "Sample", "version": "1.0.0"},
    "defaults": {"answer_seconds": 90},
    "categories": [{"id": "strategy", "name": "Strategy"}],
    "rubric": [{"id": "structure", "name": "Structure"}],
    "questions": [{"id": "first", "text": "Why?", "category": "strategy", "tags": ["intro"]}],
    "plans": [{"id": "loop", "name": "Loop", "steps": [{"question": "first"}, {"category": "strategy", "count": 2}]}],
}

# Schema node (slash path) -> where that value lives in BASE (dot path).
PROBES = {
    "properties/pack/properties/name": "pack.name",
    "properties/pack/properties/description": "pack.description",
    "properties/pack/properties/author": "pack.author",
    "properties/pack/properties/license": "pack.license",
    "properties/pack/properties/homepage": "pack.homepage",
    "properties/pack/properties/tags": "pack.tags",
    "properties/pack/properties/version": "pack.version",
    "properties/pack/properties/language": "pack.language",
    "properties/pack/properties/id": "pack.id",
    "properties/defaults/properties/answer_seconds": "defaults.answer_seconds",
    "properties/defaults/properties/prep_seconds": "defaults.prep_seconds",
    "properties/categories/items/properties/name": "categories.0.name",
    "properties/categories/items/properties/description": "categories.0.description",
    "properties/rubric/items/properties/name": "rubric.0.name",
    "properties/rubric/items/properties/anchors": "rubric.0.anchors",
    "properties/questions/items/properties/text": "questions.0.text",
    "properties/questions/items/properties/follow_ups": "questions.0.follow_ups",
    "properties/questions/items/properties/answer_seconds": "questions.0.answer_seconds",
    "properties/questions/items/properties/prep_seconds": "questions.0.prep_seconds",
    "properties/questions/items/properties/difficulty": "questions.0.difficulty",
    "properties/questions/items/properties/guidance": "questions.0.guidance",
    "properties/plans/items/properties/name": "plans.0.name",
    "properties/plans/items/properties/description": "plans.0.description",
    "$defs/count": "plans.0.steps.1.count",
}

# The object nodes of the schema and the key sets the validator knows for them.
OBJECTS = {
    "": vs.TOP_KEYS,
    "properties/pack": vs.PACK_KEYS,
    "properties/defaults": vs.DEFAULTS_KEYS,
    "properties/categories/items": vs.CATEGORY_KEYS,
    "properties/rubric/items": vs.RUBRIC_KEYS,
    "properties/questions/items": vs.QUESTION_KEYS,
    "properties/plans/items": vs.PLAN_KEYS,
}


def node(pointer: str) -> dict[str, Any]:
    current: Any = SCHEMA
    for part in filter(None, pointer.split("/")):
        current = current[part]
    while "$ref" in current:
        extra = {k: v for k, v in current.items() if k != "$ref"}
        current = {**node(current["$ref"].removeprefix("#/")), **extra}
    return dict(current)


def with_value(dotted: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    *parents, last = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    target: Any = data
    for part in parents:
        target = target[part]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return data


_DELETE = object()


def accepts(data: dict[str, Any]) -> bool:
    try:
        validate_pack(data, source="schema-test", strict=True)
    except MockintError:
        return False
    return True


def schema_pattern(n: dict[str, Any]) -> re.Pattern[str]:
    # ECMA-262 patterns written with ^...$ and \uXXXX; Python's re reads the same subset.
    return re.compile(n["pattern"])


@pytest.mark.parametrize(("pointer", "known"), OBJECTS.items())
def test_schema_knows_exactly_the_validators_keys(pointer: str, known: frozenset[str]) -> None:
    n = node(pointer)
    assert set(n["properties"]) == set(known)
    assert n["additionalProperties"] is False  # like --strict: unknown keys are refused
    required = set(n.get("required", []))
    for key in known:
        if pointer in ("properties/defaults",):
            continue
        dotted = {
            "": key,
            "properties/pack": f"pack.{key}",
            "properties/categories/items": f"categories.0.{key}",
            "properties/rubric/items": f"rubric.0.{key}",
            "properties/questions/items": f"questions.0.{key}",
            "properties/plans/items": f"plans.0.{key}",
        }[pointer]
        data = with_value(dotted, _DELETE) if _present(dotted) else copy.deepcopy(BASE)
        if key in required:
            assert not accepts(data), f"{dotted} is required by the schema but not by the validator"
        elif key not in ("categories", "category", "tags"):  # removing these breaks references
            assert accepts(data), f"{dotted} is optional in the schema but the validator requires it"


def _present(dotted: str) -> bool:
    target: Any = BASE
    for part in dotted.split("."):
        key: Any = int(part) if part.isdigit() else part
        try:
            target = target[key]
        except (KeyError, IndexError):
            return False
    return True


def test_step_kinds_match() -> None:
    shapes = node("$defs/step")["oneOf"]
    assert {tuple(s["required"]) for s in shapes} == {("question",), ("category",), ("tag",)}
    assert {k for s in shapes for k in s["properties"]} == set(vs.STEP_KEYS)
    for s in shapes:
        assert ("count" in s["properties"]) == (s["required"] != ["question"])
        assert s["additionalProperties"] is False


@pytest.mark.parametrize(("pointer", "dotted"), PROBES.items())
def test_limits_agree_at_their_boundaries(pointer: str, dotted: str) -> None:
    n = node(pointer)
    if n.get("type") == "integer":
        lo, hi = n["minimum"], n["maximum"]
        assert accepts(with_value(dotted, lo)) and accepts(with_value(dotted, hi))
        assert not accepts(with_value(dotted, lo - 1)) and not accepts(with_value(dotted, hi + 1))
        assert not accepts(with_value(dotted, float(lo)))  # a schema says "integer"; TOML floats are not
    elif n.get("type") == "array":
        item = node(f"{pointer}/items")
        make = (lambda k: f"t{k}") if "slug" in json.dumps(node(pointer)["items"]) or item.get("pattern", "").startswith("^[a-z0-9]") else (lambda k: f"x{k}")
        lo, hi = n.get("minItems", 0), n["maxItems"]
        assert accepts(with_value(dotted, [make(k) for k in range(hi)]))
        assert not accepts(with_value(dotted, [make(k) for k in range(hi + 1)]))
        if lo:
            assert not accepts(with_value(dotted, [make(k) for k in range(lo - 1)]))
        if "maxLength" in item:
            longest = ["x" * item["maxLength"]] + [make(k) for k in range(max(lo, 1) - 1)]
            assert accepts(with_value(dotted, longest))
            assert not accepts(with_value(dotted, ["x" + longest[0], *longest[1:]]))
    elif "enum" in n:
        for value in n["enum"]:
            assert accepts(with_value(dotted, value))
        assert not accepts(with_value(dotted, "impossible"))
    elif n.get("type") == "string" and "maxLength" in n and "slug" not in pointer and pointer != "properties/pack/properties/id":
        hi, lo = n["maxLength"], n.get("minLength", 0)
        assert accepts(with_value(dotted, "x" * hi))
        assert not accepts(with_value(dotted, "x" * (hi + 1)))
        assert accepts(with_value(dotted, "")) == (lo == 0)
        # The schema's control-character rule matches the validator's.
        pattern = schema_pattern(n)
        for sample in ("tab\tand\nnewline", "crlf\r\n", "esc\x1b[31m", "del\x7f", "nel\x85", "c1\x9b"):
            assert bool(pattern.fullmatch(sample)) == accepts(with_value(dotted, sample)), repr(sample)


@pytest.mark.parametrize(
    ("pointer", "dotted", "samples"),
    [
        ("properties/pack/properties/version", "pack.version", ["1.0.0", "0.10.2", "1.02.0", "1.0", "v1.0.0", "1.0.0-rc1", "01.1.1"]),
        ("properties/pack/properties/language", "pack.language", ["en", "en-GB", "zh-Hant-TW", "es-419", "x-mine", "english", "en_GB", "e"]),
        ("properties/pack/properties/id", "pack.id", ["a", "a-b", "x" * 64, "x" * 65, "A", "-a", "a-", "a_b", "é"]),
    ],
)
def test_patterns_agree(pointer: str, dotted: str, samples: list[str]) -> None:
    pattern = schema_pattern(node(pointer))
    for sample in samples:
        assert bool(pattern.fullmatch(sample)) == accepts(with_value(dotted, sample)), sample


@pytest.mark.parametrize(
    ("pointer", "dotted", "item"),
    [
        ("properties/questions", "questions", {"id": "q{}", "text": "Why?"}),
        ("properties/categories", "categories", {"id": "c{}", "name": "C"}),
        ("properties/rubric", "rubric", {"id": "r{}", "name": "R"}),
        ("properties/plans", "plans", {"id": "p{}", "name": "P", "steps": [{"question": "first"}]}),
        ("properties/plans/items/properties/steps", "plans.0.steps", {"question": "first"}),
    ],
)
def test_section_sizes_agree(pointer: str, dotted: str, item: dict[str, Any]) -> None:
    n = node(pointer)
    lo, hi = n.get("minItems", 0), n["maxItems"]

    def items(count: int) -> list[dict[str, Any]]:
        made = [{k: v.format(k_) if isinstance(v, str) else v for k, v in item.items()} for k_ in range(count)]
        if dotted in ("questions", "categories"):  # keep what the base pack refers to
            made[:1] = [copy.deepcopy(BASE[dotted][0])] if count else []
        return made

    assert accepts(with_value(dotted, items(hi)))
    assert not accepts(with_value(dotted, items(hi + 1)))
    if dotted != "categories":  # with none declared, the base question's category would dangle
        assert accepts(with_value(dotted, items(lo)))
    if lo:
        assert not accepts(with_value(dotted, items(lo - 1)))


def test_format_is_the_constant_one() -> None:
    n = node("properties/format")
    assert n["const"] == 1 and n["type"] == "integer"
    assert accepts(with_value("format", 1)) and not accepts(with_value("format", 2))


def test_schema_is_shipped_inside_the_package() -> None:
    assert SCHEMA_PATH.is_file()
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
