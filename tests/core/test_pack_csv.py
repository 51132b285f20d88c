"""The CSV/TSV pack reader (pack-format.md section 6): every rule, row positions, and fuzzing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockint.core.errors import MockintError
from mockint.core.packs.csv_reader import detect_delimiter, read_csv
from mockint.core.packs.loader import load_pack_bytes, load_pack_file
from mockint.core.packs.model import Pack
from mockint.core.packs.placeholders import fill
from mockint.core.packs.validate import validate_pack


def read(text: str, **kw: Any) -> tuple[dict[str, Any], Any, list[Any]]:
    args: dict[str, Any] = {"source": "p.csv", "pack_id": "p", "name": "P", "version": "1.0.0"}
    args.update(kw)
    return read_csv(text, **args)


def load(text: str, strict: bool = False, **kw: Any) -> Pack:
    raw, loc, _ = read(text, **kw)
    pack, _ = validate_pack(raw, source="p.csv", locator=loc, strict=strict)
    return pack


def errors(text: str) -> MockintError:
    with pytest.raises(MockintError) as exc:
        load_pack_bytes(text.encode(), source="p.csv", pack_id="p", name="P")
    return exc.value


FULL = (
    "id,text,category,follow_ups,answer_seconds,prep_seconds,tags,difficulty,guidance\n"
    'why-pm,Why product management?,Motivation,What drew you in? | Why now?,90,10,"opener;career",easy,Be specific.\n'
    ",Tell me about a launch.,Execution,,,,behavioral,,\n"
)


def test_every_column_converts() -> None:
    raw, _, warnings = read(FULL)
    assert warnings == []
    assert raw["pack"] == {"id": "p", "name": "P", "version": "1.0.0"}
    assert raw["categories"] == [{"id": "motivation", "name": "Motivation"}, {"id": "execution", "name": "Execution"}]
    assert raw["questions"][0] == {
        "id": "why-pm",
        "text": "Why product management?",
        "category": "motivation",
        "follow_ups": ["What drew you in?", "Why now?"],
        "answer_seconds": 90,
        "prep_seconds": 10,
        "tags": ["opener", "career"],
        "difficulty": "easy",
        "guidance": "Be specific.",
    }
    assert raw["questions"][1] == {
        "id": "tell-me-about-a-launch",
        "text": "Tell me about a launch.",
        "category": "execution",
        "tags": ["behavioral"],
    }
    pack = load(FULL, strict=True)
    assert pack.questions[0].answer_seconds == 90
    assert pack.questions[1].answer_seconds == 120


def test_only_text_is_required_and_question_is_an_alias() -> None:
    assert load("text\nOne?\nTwo?\n").questions[1].text == "Two?"
    assert load("Question\nOne?\n").questions[0].id == "one"


def test_columns_match_case_insensitively_and_in_any_order() -> None:
    raw, _, warnings = read("  TAGS ,Category, TEXT\nx,Strategy,Q?\n")
    assert warnings == []
    assert raw["questions"][0] == {"id": "q", "text": "Q?", "category": "strategy", "tags": ["x"]}


def test_unknown_and_repeated_columns_are_warnings_with_column() -> None:
    raw, _, warnings = read("text,follow_up,notes,question\nQ,a,b,c\n")
    assert [(w.line, w.col, w.severity) for w in warnings] == [(1, 2, "warning"), (1, 3, "warning"), (1, 4, "warning")]
    assert "did you mean 'follow_ups'" in warnings[0].message
    assert raw["questions"][0]["text"] == "Q"


def test_missing_text_column_is_an_error_on_row_1() -> None:
    with pytest.raises(MockintError) as exc:
        read("id,category\na,b\n")
    assert exc.value.line == 1 and exc.value.exit_code == 2
    assert '"text"' in exc.value.message and '"category"' in exc.value.message


@pytest.mark.parametrize("text", ["", "\n\n", ",,\n"])
def test_header_is_required(text: str) -> None:
    with pytest.raises(MockintError) as exc:
        read(text)
    assert exc.value.line == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [("text,category", ","), ("text\tcategory", "\t"), ("text;category", ";"), ("text", ","),
     ('"a,b";text;x', ";"), ("text\tcategory,x\ty", "\t")],
)
def test_delimiter_detection(header: str, expected: str) -> None:
    assert detect_delimiter(header) == expected


def test_tsv_and_semicolon_files_read_the_same() -> None:
    comma = read("text,category,tags\nQ?,Cat,a\n")[0]
    assert read("text\tcategory\ttags\nQ?\tCat\ta\n")[0] == comma
    assert read("text;category;tags\nQ?;Cat;a\n")[0] == comma
    assert read("text\tcategory\ttags\nQ?\tCat\ta\n", delimiter="\t")[0] == comma


def test_quoted_fields_hold_delimiters_quotes_and_newlines() -> None:
    pack = load('text,guidance\n"Why, exactly?","Line one\nline ""two"""\n')
    assert pack.questions[0].text == "Why, exactly?"
    assert pack.questions[0].guidance == 'Line one\nline "two"'


def test_bom_and_crlf_are_accepted() -> None:
    raw, _, warnings = read("\ufefftext,category\r\nQ?,C\r\n")
    assert warnings == []
    assert raw["questions"][0]["text"] == "Q?"


def test_follow_ups_split_on_spaced_bar_and_empty_pieces_dropped() -> None:
    raw, _, _ = read('text,follow_ups\nQ,"a | b|c |  | "\n')
    assert raw["questions"][0]["follow_ups"] == ["a", "b|c"]


def test_tags_split_on_semicolon_or_comma() -> None:
    raw, _, _ = read('text;tags\nQ;"a, b;c;"\n')
    assert raw["questions"][0]["tags"] == ["a", "b", "c"]


def test_seconds_become_integers_only_when_written_as_whole_numbers() -> None:
    raw, _, _ = read("text,answer_seconds,prep_seconds\nA,120, 5\nB,2m,1.5\nC,-5,\n")
    qs = raw["questions"]
    assert (qs[0]["answer_seconds"], qs[0]["prep_seconds"]) == (120, 5)
    assert (qs[1]["answer_seconds"], qs[1]["prep_seconds"]) == ("2m", "1.5")
    assert qs[2]["answer_seconds"] == -5 and "prep_seconds" not in qs[2]


def test_type_error_names_row_and_column() -> None:
    exc = errors("text,category,answer_seconds\nFine,C,60\nBad,C,2m\n")
    assert (exc.line, exc.col) == (3, 3)
    assert "answer_seconds" in (exc.key or "")


def test_row_numbers_count_records_not_physical_lines() -> None:
    # Row 2 spans three physical lines; the bad value is in row 3 (header is row 1).
    exc = errors('text,difficulty\n"multi\nline\ntext",easy\nQ,impossible\n')
    assert exc.line == 5 and exc.first.message.startswith("row 3: ")


def test_blank_rows_are_skipped_but_keep_numbering() -> None:
    text = "text,difficulty\nA,easy\n\n,\nB,wrong\n"
    raw, _, _ = read(text)
    assert [q["text"] for q in raw["questions"]] == ["A", "B"]
    assert errors(text).line == 5


def test_short_rows_pad_and_long_rows_warn() -> None:
    raw, _, warnings = read("text,category,tags\nA\nB,C,t,extra\n")
    assert raw["questions"][0] == {"id": "a", "text": "A"}
    assert [(w.line, w.col) for w in warnings] == [(3, 4)]


def test_categories_from_distinct_values_and_merging() -> None:
    raw, loc, warnings = read("text,category\nA,Product Sense\nB,Strategy\nC,Product Sense\nD,product sense\nE,\n")
    assert raw["categories"] == [{"id": "product-sense", "name": "Product Sense"}, {"id": "strategy", "name": "Strategy"}]
    assert [q.get("category") for q in raw["questions"]] == ["product-sense", "strategy", "product-sense", "product-sense", None]
    assert [(w.line, w.col) for w in warnings] == [(5, 2)]
    assert loc.locate(("categories", 1)) == (3, 2)


def test_non_latin_category_and_question_get_positional_ids() -> None:
    pack = load("text,category\nКак дела?,Общение\nЧто нового?,Общение\n", strict=True)
    assert [q.id for q in pack.questions] == ["q-1", "q-2"]
    assert [c.id for c in pack.categories] == ["category-1"]
    assert pack.categories[0].name == "Общение"


def test_explicit_ids_are_kept_and_generated_ids_avoid_them() -> None:
    raw, _, _ = read("id,text\nwhy,Anything\n,Why\n,Why\n")
    assert [q["id"] for q in raw["questions"]] == ["why", "why-2", "why-3"]
    assert list(raw["questions"][0]) == ["id", "text"]


def test_duplicate_explicit_ids_are_a_validation_error_on_the_row() -> None:
    exc = errors("id,text\na,One\na,Two\n")
    assert exc.line == 3


def test_bad_explicit_id_is_reported_with_its_cell() -> None:
    exc = errors("text,id\nQ,Not A Slug\n")
    assert (exc.line, exc.col) == (2, 2)


def test_empty_text_is_an_error_on_its_row() -> None:
    exc = errors("text,category\nQ,C\n ,C\n")
    assert exc.line == 3


def test_near_miss_placeholder_warns_on_its_row_and_code_is_never_a_placeholder() -> None:
    result = load_pack_bytes(b"text\nOK\nAbout {abot}\nWhat is `{about}` in `f(){}`?\n", source="p.csv")
    near = [w for w in result.warnings if "did you mean" in w.message]
    assert [(w.line, w.col) for w in near] == [(3, 1)] and near[0].message.startswith("row 3: ")
    q = result.pack.questions[2]
    assert q.placeholders == frozenset() and fill(q.text, {"about": "X"}) == "What is `{about}` in `f(){}`?"


def test_unreadable_csv_is_a_mockint_error() -> None:
    import csv

    limit = csv.field_size_limit()
    with pytest.raises(MockintError) as exc:
        read("text\nok\n" + '"' + "x" * (limit + 1) + '"\n')
    assert exc.value.line == 3


def test_bad_delimiter_argument_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        read("text\nQ\n", delimiter="|")


_cells = st.one_of(st.sampled_from(["text", "question", "category", "tags", "answer_seconds", '"', ",", ";", "\t", "\n", " | "]), st.text(max_size=12))


@settings(max_examples=300, deadline=None)
@given(st.lists(_cells, max_size=40))
def test_fuzz_any_csv_loads_or_raises_mockint_error(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        raw, loc, _ = read(text)
        validate_pack(raw, source="p.csv", locator=loc)
    except MockintError as exc:
        assert exc.diagnostics


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["csv", "tsv"]))
def test_fuzz_bytes_through_the_loader(data: bytes, fmt: str) -> None:
    from mockint.core.packs.loader import load_pack_bytes

    try:
        load_pack_bytes(b"text,category\n" + data, source=f"fuzz.{fmt}", fmt=fmt)
    except MockintError as exc:
        assert exc.diagnostics


def test_user_text_in_reader_messages_has_controls_escaped() -> None:
    _, _, warnings = read("text,\x1b[31mred\nQ,x\n")
    assert "\x1b" not in warnings[0].message and "\\u001b" in warnings[0].message
    exc = errors("\x1b]0;title\x07\n")
    assert "\x1b" not in exc.message and "\x07" not in exc.message


# -- spreadsheets and Anki text exports as they are written ----------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def test_anki_text_export_with_header_lines_and_hash_header_row() -> None:
    result = load_pack_file(FIXTURES / "anki-export.txt")
    closure, delegation = result.pack.questions
    assert closure.text == "What is a closure?" and closure.guidance == "A function with its\nlexical scope kept."
    assert closure.tags == ("js", "closures")
    assert delegation.text == "Explain event delegation" and delegation.guidance == "One listener\non a parent"


def test_spreadsheet_with_bom_semicolons_and_quoted_newlines() -> None:
    result = load_pack_file(FIXTURES / "spreadsheet.csv")
    first, second = result.pack.questions
    assert first.text == "Tell me about a time you failed;\nwhat did you learn?" and first.guidance == "Be honest."
    assert [c.name for c in result.pack.categories] == ["Behavioral", "Motivation"]
    assert second.guidance is None


@pytest.mark.parametrize("name", ["tabs.csv", "tabs.tsv", "tabs.txt"])
def test_delimiter_is_detected_whatever_the_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Front\tBack\nWhy, really?\tBecause; reasons.\n")
    pack = load_pack_file(path).pack
    assert (pack.questions[0].text, pack.questions[0].guidance) == ("Why, really?", "Because; reasons.")


def test_headerless_two_column_file_is_read_with_a_warning() -> None:
    result = load_pack_bytes(b"#separator:tab\n#html:true\nWhy us?\tBe <i>sincere</i>&amp;brief\nHow so?\t\n", source="deck.txt")
    assert [(q.text, q.guidance) for q in result.pack.questions] == [("Why us?", "Be sincere&brief"), ("How so?", None)]
    assert any("no header row" in w.message for w in result.warnings)


def test_anki_columns_line_names_the_columns() -> None:
    result = load_pack_bytes(b"#separator:comma\n#columns:Question,Answer,Category\nWhy?,Because,Basics\n", source="d.txt")
    q = result.pack.questions[0]
    assert (q.text, q.guidance, q.category) == ("Why?", "Because", "basics")


def test_html_is_left_alone_in_plain_spreadsheets() -> None:
    pack = load_pack_bytes(b"text\nWhat does <div> do?\n", source="s.csv").pack
    assert pack.questions[0].text == "What does <div> do?"


def test_error_names_the_row_and_the_line_where_it_starts() -> None:
    exc = errors('text,answer_seconds\n"a\nb",60\n"c\nd\ne",2m\n')
    assert exc.line == 4 and exc.col == 2 and exc.first.message.startswith("row 3: ")


def test_many_repeated_rows_and_categories_take_linear_steps() -> None:
    """100,000 repeated rows: each id is found in a bounded number of steps, not a scan of the earlier ones."""
    from mockint.core.packs.ids import UniqueIds

    probes = 0

    class Counting(set[str]):
        def __contains__(self, item: object) -> bool:
            nonlocal probes
            probes += 1
            return super().__contains__(item)

    ids = UniqueIds()
    ids.used = Counting()
    made = {ids.make("why", "q") for _ in range(100_000)}
    assert len(made) == 100_000 and probes < 3 * 100_000
