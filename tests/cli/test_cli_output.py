"""mockint.cli.output.json_text: json.dumps(indent=2, ensure_ascii=False), byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockint.cli import output
from mockint.cli.output import json_text

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities included: json writes those
    | st.text()  # control characters, quotes, backslashes, lone surrogates
)
_KEYS = st.text() | st.integers() | st.none() | st.booleans() | st.floats(allow_nan=False)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=20,
)


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


@given(_DATA)
def test_json_text_is_json_dumps(data: Any) -> None:
    assert json_text(data) == _dumps(data)


@given(_DATA)
def test_without_the_accelerator_json_does_it(data: Any) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(output, "_quote", None)
        assert json_text(data) == _dumps(data)


def test_a_history_page_and_what_json_refuses() -> None:
    page = [{"id": "abc", "title": "Ünïcode \"quoted\"\n", "seed": None, "questions": 4, "avg_rating": 3.17,
             "ok": True}, {}, []]
    assert json_text(page) == _dumps(page)
    assert json_text([]) == "[]"
    for bad in ({1, 2}, {"when": object()}, [b"bytes"]):
        with pytest.raises(TypeError):
            json_text(bad)
