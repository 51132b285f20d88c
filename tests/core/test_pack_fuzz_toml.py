"""Robustness: any input either loads or raises MockintError (exit 2) — never anything else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockint.core.errors import MockintError
from mockint.core.packs.loader import LoadResult, load_pack_bytes
from mockint.core.packs.validate import validate_pack

SEED = '''\
format = 1
[pack]
id = "fuzz"
name = "Fuzz"
version = "1.0.0"
[defaults]
answer_seconds = 60
[[categories]]
id = "c"
name = "C"
[[rubric]]
id = "r"
name = "R"
anchors = ["1", "2", "3", "4", "5"]
[[questions]]
id = "q"
text = "Why {about}?"
category = "c"
follow_ups = ["How?"]
tags = ["t"]
[[plans]]
id = "p"
name = "P"
steps = [{ question = "q" }, { tag = "t", count = 2 }]
'''

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes, **kw: Any) -> None:
    try:
        result = load_pack_bytes(data, source="fuzz.toml", **kw)
    except MockintError as exc:
        assert exc.exit_code == 2
        assert exc.diagnostics and all(d.message for d in exc.diagnostics)
        exc.format()  # formatting never fails either
    else:
        assert isinstance(result, LoadResult)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"))


@st.composite
def mutated(draw: Any) -> bytes:
    """The seed pack with a few random edits, so that most inputs parse and reach the validator."""
    text = SEED
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.lists(st.sampled_from([*'"[]{}=,.#\n\\ \tx1-_\x1b\x85é{}', "\r\n"]), max_size=6).map("".join))
        if edit == "insert":
            text = text[:at] + piece + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        else:
            text = text[:at] + piece + text[at + len(piece):]
    return text.encode("utf-8", "surrogatepass")


@FUZZ
@given(mutated(), st.booleans())
def test_mutated_packs(data: bytes, strict: bool) -> None:
    check(data, strict=strict)


# Any shape a reader could hand the validator, TOML's value types included.
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.dates(), st.datetimes(), st.times(),
    st.sampled_from(["q", "c", "t", "1.0.0", "easy", "{x}", "\x1b", " "]),
)
_KEYS = st.sampled_from(
    ["format", "pack", "id", "name", "version", "questions", "text", "category", "categories", "tags",
     "follow_ups", "answer_seconds", "prep_seconds", "plans", "steps", "question", "tag", "count",
     "rubric", "anchors", "difficulty", "guidance", "defaults", "language", "zzz"]
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5), max_leaves=30)


@FUZZ
@given(st.dictionaries(_KEYS, _VALUES, max_size=8), st.booleans())
def test_validator_accepts_any_shape(data: dict[str, Any], strict: bool) -> None:
    try:
        validate_pack(data, source="shape", strict=strict)
    except MockintError as exc:
        assert exc.exit_code == 2 and exc.diagnostics


def test_dates_and_floats_are_not_numbers() -> None:
    for value in (dt.date(2020, 1, 1), 120.0, True):
        data = {"format": 1, "pack": {"id": "a", "name": "A", "version": "1.0.0"},
                "questions": [{"id": "q", "text": "Why?", "answer_seconds": value}]}
        try:
            validate_pack(data, source="x")
        except MockintError as exc:
            assert exc.key == 'questions[0] (id "q").answer_seconds'
        else:
            raise AssertionError(f"{value!r} accepted as an integer")


# -- the locator on any document tomli_w can write ------------------------------------------------

_LOC_KEYS = st.one_of(st.sampled_from(["id", "text", "steps", "a b", "ключ", 'q"t', "x.y", "[h]"]), st.text(max_size=6))
_LOC_SCALARS = st.one_of(st.integers(), st.booleans(), st.text(max_size=12), st.floats(allow_nan=False), st.dates())
_LOC_VALUES = st.recursive(
    _LOC_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_LOC_KEYS, inner, min_size=1, max_size=3),
    max_leaves=12,
)


def _paths(node: Any, base: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    out: list[tuple[str | int, ...]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((*base, k))
            out.extend(_paths(v, (*base, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append((*base, i))
            out.extend(_paths(v, (*base, i)))
    return out


@FUZZ
@given(st.dictionaries(_LOC_KEYS, _LOC_VALUES, min_size=1, max_size=4), st.booleans())
def test_locator_finds_every_written_path(doc: dict[str, Any], multiline: bool) -> None:
    import tomli
    import tomli_w

    from mockint.core.packs.toml_reader import index_positions

    text = tomli_w.dumps(doc, multiline_strings=multiline)
    parsed = tomli.loads(text)
    index = index_positions(text)
    lines = text.split("\n")
    for path in _paths(parsed):
        # Empty tables and arrays of tables may be written without a line of their own.
        assert path in index or any(path[:n] in index for n in range(len(path) - 1, 0, -1)), (path, text)
        if path in index:
            line, col = index[path]
            assert 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]) + 1
