"""Reading packs: TOML syntax errors with positions, BOM, UTF-8, size cap, formats, overrides, locator."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.packs.loader import MAX_PACK_BYTES, detect_format, load_pack_bytes, load_pack_file
from mockint.core.packs.toml_reader import TomlLocator, index_positions, read_toml

GOOD = """\
format = 1

[pack]
id = "sample"
name = "Sample pack"
version = "1.0.0"

[[questions]]
id = "first"
text = "Tell me about yourself."
"""


def error_of(data: bytes, source: str = "p.toml", **kw: object) -> MockintError:
    with pytest.raises(MockintError) as info:
        load_pack_bytes(data, source=source, **kw)  # type: ignore[arg-type]
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("format = 1\nname = \n", 2, 8, "not valid TOML: invalid value"),
        ("format = 1\nformat = 2\n", 2, 11, "not valid TOML: cannot overwrite a value"),
        ('a = "unterminated\n', 1, 18, "not valid TOML: "),
        ("[pack\nid = 1\n", 1, 6, "not valid TOML: "),
        ("x = [1,\n  2,\n  }\n", 3, 3, "not valid TOML: "),
    ],
)
def test_syntax_errors_carry_the_parsers_position(text: str, line: int, col: int, message: str) -> None:
    exc = error_of(text.encode())
    assert (exc.path, exc.line, exc.col, exc.exit_code) == ("p.toml", line, col, 2)
    assert exc.message.startswith(message)
    assert exc.format().startswith(f"p.toml:{line}:{col}: error: not valid TOML")


def test_bom_is_accepted() -> None:
    result = load_pack_bytes(b"\xef\xbb\xbf" + GOOD.encode(), source="p.toml")
    assert result.pack.id == "sample"


def test_non_utf8_is_refused_with_its_position() -> None:
    data = GOOD.replace("yourself", "yours\xe9lf").encode("latin-1")
    exc = error_of(data)
    assert (exc.line, exc.col) == (10, 28)
    assert "not valid UTF-8: byte 0xE9" in exc.message


def test_size_cap_in_memory() -> None:
    data = GOOD.encode() + b"#" * (MAX_PACK_BYTES - len(GOOD))
    assert len(data) == MAX_PACK_BYTES
    load_pack_bytes(data, source="p.toml")
    exc = error_of(data + b"#")
    assert "a pack may be at most 8 MiB" in exc.message and f"{MAX_PACK_BYTES + 1:,} bytes" in exc.message


def test_size_cap_on_a_file_reads_no_more_than_needed(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as fh:
        fh.write(GOOD.encode())
        fh.truncate(MAX_PACK_BYTES * 2)  # sparse: the size, without writing it
    with pytest.raises(MockintError) as info:
        load_pack_file(big)
    assert info.value.exit_code == 2 and "16.0 MiB" in info.value.message


def test_unreadable_file_is_an_operation_failure(tmp_path: Path) -> None:
    with pytest.raises(MockintError) as info:
        load_pack_file(tmp_path / "missing.toml")
    assert info.value.exit_code == 1 and "cannot read the file" in info.value.message
    (tmp_path / "folder.toml").mkdir()
    with pytest.raises(MockintError) as info:
        load_pack_file(tmp_path / "folder.toml")
    assert info.value.exit_code == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")
def test_unpermitted_file_is_an_operation_failure(tmp_path: Path) -> None:
    f = tmp_path / "locked.toml"
    f.write_text(GOOD)
    f.chmod(0)
    with pytest.raises(MockintError) as info:
        load_pack_file(f)
    assert info.value.exit_code == 1


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("a.toml", None, "toml"),
        ("A.TOML", None, "toml"),
        ("a.md", None, "md"),
        ("a.markdown", None, "md"),
        ("a.csv", None, "csv"),
        ("a.tsv", None, "tsv"),
        ("a.txt", "md", "md"),
        ("a.toml", "csv", "csv"),
        ("a", "TSV", "tsv"),
        ("https://example.org/packs/x.md?raw=1#top", None, "md"),
    ],
)
def test_detect_format(name: str, fmt: str | None, expected: str) -> None:
    assert detect_format(name, fmt) == expected


@pytest.mark.parametrize(("name", "fmt", "message"), [("a.doc", None, "extension '.doc'"), ("README", None, "no extension"), ("a.toml", "yaml", "unknown pack format 'yaml'")])
def test_unknown_format_names_the_known_ones(name: str, fmt: str | None, message: str) -> None:
    with pytest.raises(MockintError) as info:
        detect_format(name, fmt)
    assert info.value.exit_code == 2 and message in info.value.message and "toml" in info.value.message


def test_overrides_apply_to_toml_and_are_validated() -> None:
    result = load_pack_bytes(GOOD.encode(), source="p.toml", pack_id="other", name="Other", version="2.0.0")
    assert (result.pack.id, result.pack.name, result.pack.version) == ("other", "Other", "2.0.0")
    exc = error_of(GOOD.encode(), version="2.0")
    # The file did not say "2.0", so the error has no line of the file.
    assert (exc.key, exc.line) == ("pack.version", None)


def test_markdown_and_csv_get_their_defaults_from_the_file_name() -> None:
    md = load_pack_bytes(b"# Classics\n\n## Conflict\n\n- Tell me about a disagreement.\n", source="dir/My Classics.md")
    assert (md.pack.id, md.pack.name, md.pack.version) == ("my-classics", "Classics", "1.0.0")
    csv = load_pack_bytes(b"\xef\xbb\xbftext,category\nWhy us?,Motivation\n", source="team qs.csv")
    assert (csv.pack.id, csv.pack.name, csv.pack.version) == ("team-qs", "team qs", "1.0.0")
    assert csv.pack.categories[0].id == "motivation"
    tsv = load_pack_bytes(b"question\tcategory\nWhy, really?\tMotivation\n", source="x.tsv")
    assert tsv.pack.questions[0].text == "Why, really?"


def test_markdown_or_csv_name_without_a_slug_needs_an_id() -> None:
    exc = error_of(b"text\nWhy?\n", source="___.csv")
    assert "give one with --id" in exc.message
    assert load_pack_bytes(b"text\nWhy?\n", source="___.csv", pack_id="given").pack.id == "given"


def test_reader_warnings_are_errors_when_strict() -> None:
    data = b"text,colour\nWhy?,blue\n"
    loose = load_pack_bytes(data, source="x.csv")
    assert loose.warnings and all(w.severity == "warning" for w in loose.warnings)
    exc = error_of(data, source="x.csv", strict=True)
    assert exc.diagnostics and all(d.severity == "error" for d in exc.diagnostics)


def test_deep_nesting_and_huge_numbers_are_bad_input() -> None:
    assert "nested too deeply" in error_of(("x = " + "[" * 5000 + "]" * 5000).encode()).message
    assert error_of(("x = " + "9" * 5000).encode()).message.startswith("not valid TOML")


def test_read_toml_returns_text_without_bom() -> None:
    doc, text = read_toml(b"\xef\xbb\xbfa = 1\n", source="x")
    assert doc == {"a": 1} and text == "a = 1\n"


LOCATED = '''\
format = 1  # [not a header]
[pack]
"id" = "p"
name = 'N'
tags = ["a",
  "b",  # comment
]

[[questions]]
id = "a"
text = """multi
line [[questions]] text "quoted"
"""
follow_ups = ["x", 'y']

[[questions]]
id = "b"

[[plans]]
id = "x"
steps = [
  { question = "a" },
  { tag = "t", count = 2 },
]
[plans.extra]
x = 1

[[plans]]
steps = [{ category = "c" }, {tag="z"}]
'''


@pytest.mark.parametrize(
    ("path", "pos"),
    [
        (("format",), (1, 1)),
        (("pack",), (2, 1)),
        (("pack", "id"), (3, 1)),
        (("pack", "tags", 1), (6, 3)),
        (("questions", 0), (9, 1)),
        (("questions", 0, "follow_ups"), (14, 1)),
        (("questions", 0, "follow_ups", 1), (14, 20)),
        (("questions", 1, "id"), (17, 1)),
        (("questions", 1, "text"), (16, 1)),  # not written: its table
        (("plans", 0, "steps", 1), (23, 3)),
        (("plans", 0, "steps", 1, "count"), (23, 16)),
        (("plans", 0, "extra", "x"), (26, 1)),
        (("plans", 1, "steps", 0, "category"), (29, 12)),
        (("plans", 1, "steps", 1, "tag"), (29, 31)),
        (("nowhere",), (None, None)),
    ],
)
def test_locator_finds_key_paths(path: tuple[str | int, ...], pos: tuple[int | None, int | None]) -> None:
    assert TomlLocator(LOCATED).locate(path) == pos


def test_locator_matches_what_tomli_parsed() -> None:
    import tomli

    doc = tomli.loads(LOCATED)
    index = index_positions(LOCATED)
    assert doc["plans"][0]["extra"] == {"x": 1} and ("plans", 0, "extra") in index
    assert len(doc["questions"]) == len([k for k in index if k[0] == "questions" and len(k) == 2])
