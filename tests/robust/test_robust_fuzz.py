"""Fuzzing the readers no other test fuzzes: anything either loads or is refused cleanly.

Already fuzzed elsewhere (not repeated here): pack TOML (test_pack_fuzz_toml.py), Markdown and
CSV packs (test_pack_markdown.py, test_pack_csv.py), session export JSON (test_session_io.py).
Here: the backgrounder file, the settings file, theme files, the pack index, and a damaged
database file. "Refused cleanly" means MockintError (with a formatted message) for strict
readers, and warnings (never an exception) for the tolerant ones.
"""

from __future__ import annotations

import re
import shutil
import string
import uuid
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockint.core.errors import MockintError
from mockint.core.paths import Paths

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# -- input strategies ----------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True), st.text(max_size=40), st.datetimes(), st.dates(), st.times(),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=15,
)


def toml_documents(keys: list[str]) -> st.SearchStrategy[bytes]:
    """TOML text with the reader's own keys (and strangers) holding values of every type."""
    key = st.sampled_from(keys) | st.text(max_size=12)
    table = st.dictionaries(key, _values, max_size=8)

    def dump(doc: dict[str, Any]) -> bytes:
        clean = {k: v for k, v in doc.items() if v is not None}
        try:
            return tomli_w.dumps(_drop_none(clean)).encode("utf-8")
        except (TypeError, ValueError):
            return repr(doc).encode("utf-8")  # not TOML at all: also a fine input

    return table.map(dump)


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


def mutated(seed_doc: bytes) -> st.SearchStrategy[bytes]:
    """A valid document with a few bytes changed, cut, or doubled."""

    def mutate(ops: list[tuple[int, int, int]]) -> bytes:
        data = bytearray(seed_doc)
        for kind, pos, value in ops:
            if not data:
                break
            i = pos % len(data)
            if kind == 0:
                data[i] = value
            elif kind == 1:
                del data[i:]
            else:
                data[i:i] = data[i : i + 1 + value % 8]
        return bytes(data)

    op = st.tuples(st.integers(0, 2), st.integers(0, 10_000), st.integers(0, 255))
    return st.lists(op, min_size=1, max_size=4).map(mutate)


def any_bytes(keys: list[str], seed_doc: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(alphabet=string.printable, max_size=300).map(str.encode),
        toml_documents(keys),
        mutated(seed_doc),
    )


#: What must never reach the terminal from a diagnostic: control characters and line breaks.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def assert_safe_lines(text: str, source: str) -> None:
    """One diagnostic per line (even by str.splitlines' wide idea of a line), each naming `source`."""
    for line in text.split("\n") if text else []:
        assert not UNSAFE.search(line), repr(line)
        assert line.startswith(source), repr(line)


def test_diagnostics_escape_control_characters_from_untrusted_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mockint.entry import main

    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n"\\u0007bell\\u0085\\u001b]0;title" = 1\n"\\u2028" = 2\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["backgrounder", "import", str(bad)])
    err = capsys.readouterr().err
    assert exit_info.value.code == 0  # unknown keys are warnings
    lines = err.strip().split("\n")
    assert len(lines) == 2 and all(": warning: " in line for line in lines)
    assert not UNSAFE.search(err.replace("\n", ""))
    assert "\\x07bell\\x85\\x1b]0;title" in lines[0]


def home_paths(root: Path) -> Paths:
    return Paths(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")


# -- the backgrounder (strict reader: loads or MockintError) ---------------------------------------

BACKGROUNDER = (
    b'format = 1\nname = "Alex Doe"\nheadline = "Senior PM"\n'
    b'about = ["I build payment products.", "Ten years in fintech."]\n'
    b'quantitative = ["Grew revenue 30% in a year."]\nqualitative = ["Coached four PMs into leads."]\n'
)


@FUZZ
@given(data=any_bytes(["format", "name", "headline", "about", "quantitative", "qualitative"], BACKGROUNDER))
def test_backgrounder_parser_loads_or_refuses(data: bytes) -> None:
    from mockint.core.backgrounder.io import parse_backgrounder, to_toml

    try:
        bg, warnings = parse_backgrounder(data, source="bg.toml")
    except MockintError as exc:
        assert exc.exit_code == 2 and exc.diagnostics
        assert_safe_lines(exc.format(), "bg.toml")
        return
    assert all(w.severity == "warning" for w in warnings)
    assert_safe_lines("\n".join(w.format() for w in warnings), "bg.toml")
    # What loads writes back out and loads again as the same backgrounder.
    again, _ = parse_backgrounder(to_toml(bg).encode("utf-8"), source="again.toml")
    assert again == bg.normalised()


# -- settings (tolerant reader: defaults and warnings, never an exception) -------------------------

SETTINGS = b'answer_seconds = 90\nprep_seconds = 10\nbell = false\npersona_name = "Ana"\npersona_style = "direct"\n'
SETTING_KEYS = ["answer_seconds", "prep_seconds", "bell", "persona_name", "persona_style", "auto_probe",
                "reduced_motion", "theme"]


@FUZZ
@given(data=any_bytes(SETTING_KEYS, SETTINGS))
def test_settings_reader_never_raises_and_always_gives_valid_settings(tmp_path: Path, data: bytes) -> None:
    from mockint.core.settings import load_settings_with_warnings

    root = tmp_path / uuid.uuid4().hex  # (hypothesis seeds `random`: not unique)
    paths = home_paths(root)
    paths.settings.parent.mkdir(parents=True)
    paths.settings.write_bytes(data)
    loaded, warnings = load_settings_with_warnings(paths)
    assert loaded.validate() == []
    assert all(w.severity == "warning" for w in warnings)
    # A file that did not parse is kept, byte for byte, in broken_dir.
    if not paths.settings.exists():
        kept = list(paths.broken_dir.iterdir())
        assert [k.read_bytes() for k in kept] == [data]
    shutil.rmtree(root)


@FEW
@given(doc=st.dictionaries(st.sampled_from(SETTING_KEYS) | st.text(max_size=8), _values, max_size=10))
def test_settings_from_any_table_are_valid(doc: dict[str, Any]) -> None:
    from mockint.core.settings import settings_from_dict

    loaded, warnings = settings_from_dict(doc, path="s.toml")
    assert loaded.validate() == []
    assert all(w.severity == "warning" for w in warnings)


# -- theme files (tolerant: skipped with warnings; what is accepted, Textual accepts) ---------------

THEME = (
    b'name = "interview-night"\ndark = true\nprimary = "#7aa2f7"\nsecondary = "#bb9af7"\n'
    b'background = "#1a1b26"\n[variables]\n"footer-key-foreground" = "#7aa2f7"\n"clock-warn" = "yellow 50%"\n'
)
THEME_KEYS = ["name", "dark", "primary", "secondary", "accent", "warning", "error", "success", "foreground",
              "background", "surface", "panel", "boost", "variables"]


@FUZZ
@given(data=any_bytes(THEME_KEYS, THEME))
def test_theme_reader_skips_with_warnings_or_gives_a_theme_textual_accepts(data: bytes) -> None:
    from mockint.core.themes import parse_theme_bytes
    from mockint.theme_files import colour_problem
    from mockint.tui.themes_loader import to_textual_theme

    spec, warnings = parse_theme_bytes(data, path="t.toml", colour_check=colour_problem)
    assert all(w.severity == "warning" and w.path == "t.toml" for w in warnings)
    if spec is None:
        assert warnings, "a skipped theme must say why"
        return
    to_textual_theme(spec).to_color_system().generate()


# -- the pack index (a cache: any content is survived, listing still works) --------------------------

PACK = (
    'format = 1\n[pack]\nid = "fuzz"\nname = "Fuzz"\nversion = "1.0.0"\n'
    '[[categories]]\nid = "general"\nname = "General"\n'
    '[[questions]]\nid = "q1"\ncategory = "general"\ntext = "What did you ship last?"\n'
)


@FEW
@given(data=st.one_of(
    st.binary(max_size=200),
    st.recursive(_scalars, lambda i: st.lists(i, max_size=4) | st.dictionaries(st.text(max_size=8), i, max_size=4),
                 max_leaves=10).map(lambda v: repr(v).encode()),
    st.dictionaries(st.sampled_from(["version", "files"]), _values, max_size=2).map(lambda d: repr(d).encode()),
))
def test_pack_index_of_any_content_is_survived(tmp_path: Path, data: bytes) -> None:
    import json

    from mockint.core.packs.library import PackLibrary

    root = tmp_path / uuid.uuid4().hex  # (hypothesis seeds `random`: not unique)
    paths = home_paths(root)
    builtin = root / "builtin"
    builtin.mkdir(parents=True)
    (builtin / "fuzz.toml").write_text(PACK, encoding="utf-8")
    paths.data_dir.mkdir(parents=True)
    try:
        data = json.dumps(json.loads(data)).encode()  # a JSON-shaped input when it is one
    except ValueError:
        pass
    paths.pack_index.write_bytes(data)
    library = PackLibrary(paths, builtin_dir=builtin)
    assert [p.id for p in library.list()] == ["fuzz"]
    assert library.get("fuzz").questions[0].id == "q1"
    shutil.rmtree(root)


# -- a damaged database file (opens, is moved aside, or fails as MockintError) ------------------------


@pytest.fixture(scope="module")
def good_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from datetime import UTC, datetime

    from mockint.core.history.db.store import Store
    from tests.support.store_helpers import answer, interview

    root = tmp_path_factory.mktemp("gooddb")
    paths = home_paths(root)
    with Store.open(paths) as store:
        for s in range(3):
            session_id = store.create_session(interview("a", "b", "c"))
            for i, q in enumerate("abc"):
                store.save_answer(session_id, answer(i, q, datetime(2026, 1, 1 + s, tzinfo=UTC), notes="n" * 50))
        store.finish_session(session_id)
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return paths.database  # a path, not the bytes: hypothesis prints its arguments


@FEW
@given(ops=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1 << 20), st.integers(0, 255)),
                    min_size=1, max_size=6))
def test_damaged_database_opens_or_is_moved_aside_or_fails_cleanly(
    tmp_path: Path, good_database: Path, ops: list[tuple[int, int, int]]
) -> None:
    from mockint.core.history.db.store import Store

    data = bytearray(good_database.read_bytes())
    for kind, pos, value in ops:
        i = pos % len(data)
        if kind == 0:
            data[i] = value
        elif kind == 1:
            data[i : i + 64] = bytes(min(64, len(data) - i))  # a zeroed run, as a torn write leaves
        else:
            del data[max(i, 1):]  # a truncated file
    root = tmp_path / uuid.uuid4().hex  # (hypothesis seeds `random`: not unique)
    paths = home_paths(root)
    paths.data_dir.mkdir(parents=True)
    paths.database.write_bytes(bytes(data))
    try:
        store = Store.open(paths)
    except MockintError as exc:
        assert exc.exit_code == 1
        return
    with store:
        if store.recovery_message:
            kept = list(paths.broken_dir.iterdir())
            assert [k.read_bytes() for k in kept if k.suffix == ".db"] == [bytes(data)]
        try:
            for summary in store.list_sessions():
                store.get_session(summary.id)
            store.stats()
            store.last_incomplete()
        except MockintError as exc:  # damage the quick check did not see: reported, not raised raw
            assert exc.exit_code == 1
    shutil.rmtree(root)


def test_schema_text_that_is_not_utf8_is_damage_not_a_crash(tmp_path: Path, good_database: Path) -> None:
    """Found by the fuzzer: SQLite's error quoted the broken schema bytes and decoding them raised."""
    from mockint.core.history.db.store import Store

    data = bytearray(good_database.read_bytes())
    at = data.index(b"tableanswersanswers") + len(b"table")  # sqlite_master's name of `answers`
    data[at] = 0x80
    paths = home_paths(tmp_path / "home")
    paths.data_dir.mkdir(parents=True)
    paths.database.write_bytes(bytes(data))
    with Store.open(paths) as store:
        assert store.recovery_message and "moved to" in store.recovery_message
        assert store.list_sessions() == []
    assert [p.read_bytes() for p in paths.broken_dir.glob("*.db")] == [bytes(data)]


def test_a_damaged_value_inside_a_row_fails_cleanly(tmp_path: Path, good_database: Path) -> None:
    """Found by the fuzzer: quick_check passes, but a row's JSON no longer parses when read."""
    from mockint.core.history.db.store import Store

    data = bytearray(good_database.read_bytes())
    at = data.index(b'{"structure"')
    data[at] = ord("#")  # same length: the page stays well-formed, the ratings JSON does not
    paths = home_paths(tmp_path / "home")
    paths.data_dir.mkdir(parents=True)
    paths.database.write_bytes(bytes(data))
    with Store.open(paths) as store:
        assert store.recovery_message is None  # structurally the file is fine
        assert len(store.list_sessions()) == 3
        with pytest.raises(MockintError) as info:
            store.sessions()
    assert info.value.exit_code == 1 and "damaged data" in info.value.message
    assert info.value.path == str(paths.database)
