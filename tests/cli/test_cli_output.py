"""mockint.cli.output: the JSON the commands print."""

from __future__ import annotations

import json

import pytest

from mockint.cli.output import json_text


def test_a_history_page_and_what_json_refuses() -> None:
    page = [{"id": "abc", "title": "Ünïcode \"quoted\"\n", "seed": None, "questions": 4, "avg_rating": 3.17,
             "ok": True}, {}, []]
    text = json_text(page)
    assert json.loads(text) == page
    assert '"title": "Ünïcode \\"quoted\\"\\n"' in text  # indented by two, non-ASCII kept
    assert text.startswith('[\n  {\n    "id": "abc",')
    assert json_text([]) == "[]"
    for bad in ({1, 2}, {"when": object()}, [b"bytes"]):
        with pytest.raises(TypeError):
            json_text(bad)
