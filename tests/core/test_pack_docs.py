"""The pack author's guide (docs/pack-format.md) shows examples that really load as documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.packs.loader import load_pack_bytes

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "pack-format.md"


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def test_every_complete_toml_example_validates_strictly() -> None:
    packs = [b for b in blocks("toml") if b.lstrip().startswith(("format", "#:schema"))]
    assert len(packs) >= 2
    for text in packs:
        if "[[questions]]" in text:
            load_pack_bytes(text.encode(), source="guide.toml", strict=True)


def test_plan_steps_as_sub_tables_work_like_inline_ones() -> None:
    sub = next(b for b in blocks("toml") if "[[plans.steps]]" in b)
    head = 'format = 1\n[pack]\nid = "g"\nname = "G"\nversion = "1.0.0"\n'
    qs = '[[questions]]\nid = "why-product"\ntext = "Why?"\ntags = ["behavioral"]\n'
    plan = load_pack_bytes((head + qs + sub).encode(), source="g.toml", strict=True).pack.plans[0]
    assert [s.as_dict() for s in plan.steps] == [{"question": "why-product"}, {"tag": "behavioral", "count": 2}]


def test_markdown_example_loads_as_described() -> None:
    md = blocks("markdown")[0]
    pack = load_pack_bytes(md.encode(), source="Behavioral Classics.md", strict=True).pack
    assert (pack.id, pack.name, pack.version) == ("behavioral-classics", "Behavioral classics", "1.0.0")
    assert [c.id for c in pack.categories] == ["conflict", "failure"]
    assert pack.questions[0].follow_ups == (
        "How did you try to change their mind?",
        "What would you do differently today?",
    )
    assert len(pack.questions) == 4


def test_csv_example_loads_as_described() -> None:
    csv = next(b for b in blocks("text") if b.startswith("text,"))
    pack = load_pack_bytes(csv.encode(), source="team.csv", strict=True).pack
    first = pack.questions[0]
    assert first.follow_ups == ("What did you learn?", "What would you change?")
    assert first.tags == ("failure", "launch") and first.answer_seconds == 180
    assert [c.id for c in pack.categories] == ["execution", "strategy"]


@pytest.mark.parametrize("line", [b for b in blocks("text") if "error:" in b])
def test_documented_error_lines_have_the_real_shape(line: str) -> None:
    # The messages quoted in the guide are the validator's own wording.
    with pytest.raises(MockintError) as info:
        load_pack_bytes(
            b'format = 1\n[pack]\nid = "p"\nname = "P"\nversion = "1.0.0"\n'
            b'[[questions]]\nid = "proud-project"\ntext = "Why?"\nanswer_seconds = "180"\n',
            source="my-pack.toml",
        )
    assert "answer_seconds: expected an integer from 10 to 3600, found a string" in info.value.format()
    assert "expected an integer from 10 to 3600, found a string" in line


def test_reverse_pack_example_round_trips_through_export() -> None:
    from mockint.core.packs.export import pack_to_toml

    text = next(b for b in blocks("toml") if "reverse = true" in b)
    pack = load_pack_bytes(text.encode(), source="mine.toml", strict=True).pack
    assert pack.reverse
    again = load_pack_bytes(pack_to_toml(pack).encode(), source="again.toml", strict=True).pack
    assert again == pack and "reverse = true" in pack_to_toml(pack)


def test_reverse_must_be_a_boolean() -> None:
    head = 'format = 1\n[pack]\nid = "g"\nname = "G"\nversion = "1.0.0"\nreverse = "yes"\n'
    with pytest.raises(MockintError, match="expected true or false"):
        load_pack_bytes((head + '[[questions]]\nid = "q"\ntext = "Why?"\n').encode(), source="g.toml")


def test_schema_knows_reverse() -> None:
    import json

    schema = json.loads((GUIDE.parents[1] / "mockint" / "core" / "packs" / "schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["pack"]["properties"]["reverse"]["type"] == "boolean"
