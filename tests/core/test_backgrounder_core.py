"""The backgrounder core: file format, storage with backups, advice rules, press kit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from mockint.core.backgrounder import advice as adv
from mockint.core.backgrounder.io import MAX_BYTES, parse_backgrounder, to_toml
from mockint.core.backgrounder.model import Backgrounder
from mockint.core.backgrounder.presskit import escape_markdown, to_markdown
from mockint.core.backgrounder.storage import (
    MAX_BACKUPS,
    import_backgrounder,
    list_backups,
    load_backgrounder,
    load_backgrounder_with_warnings,
    save_backgrounder,
)
from mockint.core.errors import MockintError
from mockint.core.paths import get_paths

GOOD = Backgrounder(
    name="Alex Doe",
    headline="Senior PM, fintech",
    about=["Parent of three and a PM for ten years.", "I volunteer in High Park.", "Runner, cook."],
    quantitative=["Tripled revenue to $10M in 12 months", "Grew MAU to 3M", "Market share from 10% to 24%"],
    qualitative=[
        "Helped accountants close their books in a day",
        "Enabled restaurant owners to understand their customers",
        "Let savers cut spending with alerts",
    ],
)


def parse(text: str) -> tuple[Backgrounder, list]:
    return parse_backgrounder(text.encode("utf-8"), source="bg.toml")


def errors_of(text: str | bytes) -> list:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(MockintError) as info:
        parse_backgrounder(data, source="bg.toml")
    assert info.value.exit_code == 2
    return [d for d in info.value.diagnostics if d.severity == "error"]


# --- format ------------------------------------------------------------------------------------


def test_round_trip_is_exact() -> None:
    bg, warnings = parse(to_toml(GOOD))
    assert bg == GOOD
    assert warnings == []


def test_round_trip_of_empty_backgrounder() -> None:
    bg, _ = parse(to_toml(Backgrounder()))
    assert bg == Backgrounder()


_entry = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
        min_size=1,
        max_size=500,
    )
    .map(str.strip)
    .filter(lambda s: 1 <= len(s) <= 500)
)


@settings(max_examples=60, deadline=None)
@given(
    name=st.none() | _entry.map(lambda s: " ".join(s.split())[:120]).filter(bool),
    about=st.lists(_entry, max_size=5),
    quantitative=st.lists(_entry, max_size=5),
    qualitative=st.lists(_entry, max_size=5),
)
def test_round_trip_property(
    name: str | None, about: list[str], quantitative: list[str], qualitative: list[str]
) -> None:
    bg = Backgrounder(name=name, about=about, quantitative=quantitative, qualitative=qualitative)
    assert parse(to_toml(bg))[0] == bg


def test_text_is_stripped_and_crlf_normalised() -> None:
    bg, _ = parse('format = 1\r\nname = "  Alex  "\r\nabout = ["  one\\r\\ntwo  "]\r\n')
    assert bg.name == "Alex"
    assert bg.about == ["one\ntwo"]


def test_bom_is_accepted() -> None:
    bg, _ = parse_backgrounder(b"\xef\xbb\xbfformat = 1\nabout = ['x']\n", source="bg.toml")
    assert bg.about == ["x"]


def test_syntax_error_has_line_and_column() -> None:
    [err] = errors_of('format = 1\nabout = ["a",\nname = 3\n')
    assert err.line is not None and err.col is not None
    assert "TOML syntax error" in err.message
    assert err.format().startswith(f"bg.toml:{err.line}:{err.col}: error:")


def test_every_error_is_reported_with_key_path_and_position() -> None:
    text = 'format = 1\nabout = [\n  "ok",\n  42,\n  "   ",\n]\nquantitative = "x"\n'
    errs = errors_of(text)
    by_key = {e.key: e for e in errs}
    assert set(by_key) == {"about[1]", "about[2]", "quantitative"}
    assert (by_key["about[1]"].line, by_key["about[1]"].col) == (4, 3)
    assert (by_key["about[2]"].line, by_key["about[2]"].col) == (5, 3)
    assert by_key["quantitative"].line == 7
    assert "expected a string, got an integer" in by_key["about[1]"].message
    assert "empty" in by_key["about[2]"].message


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("about = []\n", None, "`format` is missing"),
        ("format = 2\n", "format", "unsupported format 2"),
        ('format = "1"\n', "format", "expected the integer 1, got a string"),
        ("format = true\n", "format", "got a boolean"),
        ("format = 1.0\n", "format", "got a float"),
        ("format = 1\nname = 5\n", "name", "expected a string"),
        (f'format = 1\nname = "{"n" * 121}"\n', "name", "at most 120"),
        (f'format = 1\nheadline = "{"h" * 201}"\n', "headline", "at most 200"),
        ('format = 1\nname = "two\\nlines"\n', "name", "single line"),
        (f'format = 1\nabout = ["{"a" * 501}"]\n', "about[0]", "at most 500"),
        ('format = 1\nqualitative = ["a","b","c","d","e","f"]\n', "qualitative", "at most 5"),
        ('format = 1\nabout = ["bad \\u001b[31m"]\n', "about[0]", "U+001B"),
        ('format = 1\nabout = ["c1 \\u0085"]\n', "about[0]", "U+0085"),
        ("format = 1\nabout = [1979-05-27]\n", "about[0]", "got a date"),
        ("format = 1\nabout = 3\n", "about", "expected an array of strings"),
    ],
)
def test_refused_documents(text: str, key: str | None, fragment: str) -> None:
    errs = errors_of(text)
    assert any(e.key == key and fragment in e.message for e in errs), [e.format() for e in errs]


def test_limits_are_inclusive() -> None:
    bg, _ = parse(f'format = 1\nname = "{"n" * 120}"\nabout = ["{"a" * 500}", "b", "c", "d", "e"]\n')
    assert len(bg.name or "") == 120 and len(bg.about) == 5


def test_not_utf8_and_too_big() -> None:
    [err] = errors_of(b"format = 1\nname = '\xff'\n")
    assert "UTF-8" in err.message and err.line == 2
    [err] = errors_of(b"format = 1\n" + b"#" * MAX_BYTES)
    assert "at most" in err.message


def test_unknown_keys_warn_with_did_you_mean() -> None:
    bg, warnings = parse("format = 1\nqualtative = []\nmood = 'ok'\n")
    assert bg == Backgrounder()
    assert [(w.key, w.severity) for w in warnings] == [("qualtative", "warning"), ("mood", "warning")]
    assert "did you mean `qualitative`" in warnings[0].message
    assert "did you mean" not in warnings[1].message
    assert warnings[0].line == 2


def test_export_header_is_a_comment_and_format_is_first_key() -> None:
    text = to_toml(GOOD)
    assert text.startswith("#")
    assert tomli.loads(text)["format"] == 1


# --- storage -----------------------------------------------------------------------------------


def test_load_missing_is_empty() -> None:
    bg, warnings = load_backgrounder_with_warnings()
    assert bg == Backgrounder() and warnings == []


def test_save_then_load(mockint_home: Path) -> None:
    assert save_backgrounder(GOOD) is True
    assert get_paths().backgrounder.is_relative_to(mockint_home)
    assert load_backgrounder() == GOOD
    assert load_backgrounder_with_warnings() == (GOOD, [])


def test_save_normalises_and_skips_blank_entries() -> None:
    save_backgrounder(Backgrounder(name="  ", about=["  a ", "", "   "]))
    assert load_backgrounder() == Backgrounder(about=["a"])


def test_saving_the_same_content_writes_nothing() -> None:
    save_backgrounder(GOOD)
    save_backgrounder(Backgrounder(about=["x"]))
    assert len(list_backups()) == 1
    assert save_backgrounder(Backgrounder(about=["x"])) is False
    assert len(list_backups()) == 1


def test_backups_keep_each_replaced_version_capped_at_ten() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(14):
        save_backgrounder(Backgrounder(about=[f"version {i}"]), now=lambda i=i: start + timedelta(seconds=i))
    backups = list_backups()
    assert len(backups) == MAX_BACKUPS
    kept = [parse_backgrounder(p.read_bytes(), source=str(p))[0].about[0] for p in backups]
    # The newest ten replaced versions (0..12 were replaced; 13 is current), oldest first.
    assert kept == [f"version {i}" for i in range(3, 13)]
    assert load_backgrounder().about == ["version 13"]


def test_backups_in_the_same_instant_do_not_collide() -> None:
    fixed = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(4):
        save_backgrounder(Backgrounder(about=[f"v{i}"]), now=lambda: fixed)
    assert len(list_backups()) == 3


def test_save_without_backup() -> None:
    save_backgrounder(GOOD)
    save_backgrounder(Backgrounder(about=["x"]), backup=False)
    assert list_backups() == []


def test_save_refuses_an_invalid_backgrounder_and_changes_nothing() -> None:
    save_backgrounder(GOOD)
    before = get_paths().backgrounder.read_bytes()
    with pytest.raises(MockintError):
        save_backgrounder(Backgrounder(about=["x" * 501]))
    with pytest.raises(MockintError):
        save_backgrounder(Backgrounder(about=["a", "b", "c", "d", "e", "f"]))
    assert get_paths().backgrounder.read_bytes() == before
    assert list_backups() == []


def test_corrupt_file_is_moved_aside_with_a_warning() -> None:
    paths = get_paths()
    paths.backgrounder.parent.mkdir(parents=True, exist_ok=True)
    paths.backgrounder.write_text("format = 1\nabout = [\n", encoding="utf-8")
    bg, warnings = load_backgrounder_with_warnings()
    assert bg == Backgrounder()
    [warning] = [w.format() for w in warnings]
    assert "moved to" in warning and str(paths.backgrounder) in warning
    assert not paths.backgrounder.exists()
    [moved] = list(paths.broken_dir.iterdir())
    assert moved.read_text(encoding="utf-8") == "format = 1\nabout = [\n"
    assert str(moved) in warning


def test_import_is_all_or_nothing_and_keeps_a_backup(tmp_path: Path) -> None:
    save_backgrounder(GOOD)
    before = get_paths().backgrounder.read_bytes()
    with pytest.raises(MockintError):
        import_backgrounder(b'format = 1\nabout = ["fine", 3]\n', source="bad.toml")
    assert get_paths().backgrounder.read_bytes() == before
    assert list_backups() == []
    warnings = import_backgrounder(b'format = 1\nabout = ["new"]\nextra = 1\n', source="new.toml")
    assert [w.key for w in warnings] == ["extra"]
    assert load_backgrounder() == Backgrounder(about=["new"])
    [backup] = list_backups()
    assert backup.read_bytes() == before


# --- model -------------------------------------------------------------------------------------


def test_completeness_and_placeholders() -> None:
    bg = Backgrounder(about=["a", " ", "b", "c", "d"], quantitative=["q"])
    assert bg.completeness() == (4, 9)
    assert bg.placeholder_values() == {
        "about": ["a", "b", "c", "d"],
        "quantitative": ["q"],
        "qualitative": [],
    }
    assert GOOD.completeness() == (9, 9)


# --- advice ------------------------------------------------------------------------------------


def keyed(items: list[adv.Advice]) -> set[tuple[str, int | None, str]]:
    return {(a.section, a.index, a.severity) for a in items}


def test_good_backgrounder_gets_no_advice() -> None:
    assert adv.advise(GOOD) == []


def test_about_entry_longer_than_a_bio() -> None:
    assert adv.entry_advice("about", 0, "w" * adv.BIO_CHARS) == []
    [item] = adv.entry_advice("about", 1, "word " * 40)
    assert (item.section, item.index, item.severity) == ("about", 1, "warning")
    assert "160" in item.message


@pytest.mark.parametrize(
    "text", ["Grew revenue 40%", "Tripled sign-ups", "Cut churn by half", "Hired twelve engineers", "$3M ARR"]
)
def test_quantitative_with_a_figure_passes(text: str) -> None:
    assert adv.entry_advice("quantitative", 0, text) == []


def test_quantitative_without_a_figure() -> None:
    [item] = adv.entry_advice("quantitative", 2, "Led the platform rewrite")
    assert item.severity == "warning" and "number" in item.message
    [item] = adv.entry_advice("quantitative", 2, "Improved retention across the board")
    assert item.severity == "info" and "retention" in item.message


def test_qualitative_needs_who_and_how() -> None:
    assert adv.entry_advice("qualitative", 0, "Helped nurses chart faster") == []
    assert adv.entry_advice("qualitative", 0, "Gave families one place to plan") == []
    assert adv.entry_advice("qualitative", 0, "Rebuilt search so customers find answers") == []
    who_missing = adv.entry_advice("qualitative", 0, "Helped speed up month-end close")
    assert [a.message.split(";")[0] for a in who_missing] == ["does not say who benefited"]
    how_missing = adv.entry_advice("qualitative", 0, "Launched a dashboard for teachers")
    assert [a.message.split(";")[0] for a in how_missing] == ["does not say how they benefited"]
    assert len(adv.entry_advice("qualitative", 0, "Built an analytics app")) == 2


def test_beneficiary_plurals() -> None:
    for text in ("our users", "small businesses", "two families", "the children", "a patient"):
        assert adv.beneficiary_named(text) is not None, text
    assert adv.beneficiary_named("a new analytics app") is None


def test_empty_entry_gets_no_entry_advice() -> None:
    assert adv.entry_advice("qualitative", 0, "   ") == []


def test_section_counts() -> None:
    bg = Backgrounder(about=["a", "b"], quantitative=[], qualitative=["x"] * 4)
    items = adv.advise(bg)
    sections = {(a.section, a.severity, a.index) for a in items if a.index is None}
    assert ("about", "info", None) in sections
    assert ("quantitative", "warning", None) in sections
    assert ("qualitative", "info", None) in sections
    assert any("three" in a.message and a.section == "qualitative" for a in items)


def test_about_section_longer_than_ninety_seconds() -> None:
    long_line = " ".join(["word"] * 80)  # 80 words = 32 s each at 150 wpm
    bg = Backgrounder(about=[long_line] * 3)
    assert adv.section_seconds(bg, "about") == pytest.approx(96.0)
    assert adv.intro_verdict(96.0) == "long"
    assert any(a.index is None and "60–90" in a.message for a in adv.section_advice(bg, "about"))
    short = Backgrounder(about=[long_line] * 2)
    assert adv.intro_verdict(adv.section_seconds(short, "about")) == "within"
    assert not any("60–90" in a.message for a in adv.section_advice(short, "about"))


def test_speaking_time_and_summary() -> None:
    assert adv.speaking_seconds("one two three") == pytest.approx(1.2)
    assert adv.kit_seconds(GOOD) == pytest.approx(
        sum(
            adv.speaking_seconds(e) for s in ("about", "quantitative", "qualitative") for e in GOOD.section(s)
        )
    )  # type: ignore[arg-type]
    lines = adv.timing_summary(GOOD)
    assert len(lines) == 4 and lines[0].startswith("About You: 0:") and "60–90" in lines[0]
    assert lines[-1].startswith("Whole kit: ")
    assert adv.format_seconds(75.4) == "1:15"


def test_quote_is_the_start_of_the_entry() -> None:
    assert adv.quote("short") == "short"
    long = "Tripled revenue to ten million dollars in the first twelve months"
    q = adv.quote(long)
    assert q.endswith("…") and long.startswith(q[:-1]) and len(q) <= adv.QUOTE_CHARS + 1
    item = adv.entry_advice("quantitative", 0, "Led\nthe platform rewrite")[0]
    assert item.quote == "Led the platform rewrite"
    assert item.as_dict() == {
        "section": "quantitative",
        "index": 0,
        "severity": "warning",
        "message": item.message,
        "quote": "Led the platform rewrite",
    }
    assert item.format().startswith('quantitative[0] "Led the platform rewrite": warning: ')


# --- press kit ---------------------------------------------------------------------------------


def test_press_kit_has_title_and_three_sections() -> None:
    md = to_markdown(GOOD)
    lines = md.splitlines()
    assert lines[0] == "# Alex Doe"
    assert "Senior PM, fintech" in lines
    assert [ln for ln in lines if ln.startswith("## ")] == [
        "## About You",
        "## Career highlights — quantitative",
        "## Career highlights — qualitative",
    ]
    assert sum(ln.startswith("- ") for ln in lines) == 9
    assert "- Tripled revenue to $10M in 12 months" in lines


def test_press_kit_of_empty_backgrounder() -> None:
    md = to_markdown(Backgrounder())
    assert md.startswith("# Press kit\n")
    assert md.count("_Nothing here yet._") == 3


def test_press_kit_escapes_structure() -> None:
    hostile = Backgrounder(
        name="[x](http://evil) <b>",
        about=["# heading\n\n## another", "- item", "1. numbered", "> quote", "![img](u) `code` *em* &amp;"],
    )
    md = to_markdown(hostile)
    lines = md.splitlines()
    # Exactly one title, the three section headings and one bullet per entry: nothing injected.
    assert [ln for ln in lines if ln.startswith("#")] == [
        "# \\[x\\](http://evil) \\<b\\>",
        "## About You",
        "## Career highlights — quantitative",
        "## Career highlights — qualitative",
    ]
    bullets = [ln for ln in lines if ln.startswith("- ")]
    assert bullets == [
        "- \\# heading \\#\\# another",
        "- \\- item",
        "- 1\\. numbered",
        "- \\> quote",
        "- \\!\\[img\\](u) \\`code\\` \\*em\\* &amp;amp;",
    ]


def test_escape_keeps_ordinary_text_readable() -> None:
    assert escape_markdown("Grew MAU 3.5M (from 1M) in 2024.") == "Grew MAU 3.5M (from 1M) in 2024."
