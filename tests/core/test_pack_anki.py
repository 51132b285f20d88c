"""Anki deck packages (.apkg): legacy and current (zstd) collections, built here by a small script."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.packs import anki
from mockint.core.packs.loader import load_pack_bytes, load_pack_file
from mockint.core.packs.placeholders import display

SCHEMA11 = """
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null,
  left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
"""
DECKS18 = """
create table decks (name text not null primary key collate unicase, id integer not null,
  mtime_secs integer not null, usn integer not null, common bytes not null, kind bytes not null);
"""

NOTES = [
    # (fields, tags, deck id)
    ("What is a <b>closure</b>?\x1fA function with its<br>lexical scope.", " js Closures weird::tag ", 11),
    ("Explain <code>{about}</code> vs <code>{}</code>\x1fBraces in code stay as written.", "", 12),
    ("{{c1::Event delegation}} attaches one listener on a parent.\x1fEvent delegation", "js", 12),
    ("Why do you want this job?\x1fBe specific.", "", 1),
]


def build_collection(path: Path, *, current: bool) -> None:
    conn = sqlite3.connect(path)
    conn.create_collation("unicase", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))
    conn.executescript(SCHEMA11)
    names = {1: "Interviews", 11: "Interviews::JavaScript", 12: "Interviews::JavaScript::DOM"}
    if current:
        conn.executescript(DECKS18)
        for did, name in names.items():
            conn.execute("insert into decks values (?,?,0,0,x'',x'')", (name.replace("::", "\x1f"), did))
        decks_json = "{}"
    else:
        decks_json = json.dumps({str(did): {"id": did, "name": name} for did, name in names.items()})
    conn.execute("insert into col values (1,0,0,0,11,0,0,0,'{}','{}',?,'{}','{}')", (decks_json,))
    for i, (flds, tags, did) in enumerate(NOTES, start=1):
        conn.execute("insert into notes values (?,?,1,0,0,?,?,0,0,0,'')", (i, f"g{i}", tags, flds))
        conn.execute("insert into cards values (?,?,?,0,0,0,0,0,0,0,0,0,0,0,0,0,0,'')", (i, i, did))
    conn.commit()
    conn.close()


def build_apkg(tmp_path: Path, *, current: bool, media: int = 2) -> Path:
    db = tmp_path / "c.db"
    build_collection(db, current=current)
    out = tmp_path / ("current.apkg" if current else "legacy.apkg")
    with zipfile.ZipFile(out, "w") as zf:
        if current:
            import zstandard

            zf.writestr("collection.anki21b", zstandard.ZstdCompressor().compress(db.read_bytes()))
            # Current packages also carry a legacy stub asking to update Anki.
            stub = tmp_path / "stub.db"
            sqlite3.connect(stub).executescript(SCHEMA11 + "insert into col values (1,0,0,0,11,0,0,0,'{}','{}','{}','{}','{}');")
            zf.writestr("collection.anki2", stub.read_bytes())
        else:
            zf.writestr("collection.anki2", db.read_bytes())
        zf.writestr("media", json.dumps({str(i): f"img{i}.png" for i in range(media)}))
        for i in range(media):
            zf.writestr(str(i), b"\x89PNG")
    return out


@pytest.mark.parametrize("current", [False, True], ids=["legacy", "current-zstd"])
def test_deck_package_imports_with_sub_decks_as_categories(tmp_path: Path, current: bool) -> None:
    result = load_pack_file(build_apkg(tmp_path, current=current))
    pack = result.pack
    assert (pack.id, pack.name) == ("interviews", "Interviews")
    assert [(c.id, c.name) for c in pack.categories] == [
        ("javascript", "JavaScript"), ("javascript-dom", "JavaScript – DOM"),
    ]
    closure, braces, cloze, why = pack.questions
    assert closure.text == "What is a closure?" and closure.guidance == "A function with its\nlexical scope."
    assert closure.tags == ("js", "closures") and closure.category == "javascript"
    assert display(braces.text) == "Explain {about} vs {}" and braces.placeholders == frozenset()
    assert cloze.text == "[…] attaches one listener on a parent." and cloze.category == "javascript-dom"
    assert why.category is None
    assert any("2 media files" in w.message for w in result.warnings)


def test_members_are_never_extracted_by_their_own_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_apkg(tmp_path, current=False)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("../../evil.txt", b"x")
    monkeypatch.chdir(tmp_path)
    load_pack_file(path)
    assert not (tmp_path.parent / "evil.txt").exists() and not (tmp_path / "evil.txt").exists()


def test_oversized_collection_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_apkg(tmp_path, current=True)
    monkeypatch.setattr(anki, "MAX_DB_BYTES", 4096)
    with pytest.raises(MockintError, match="larger than"):
        load_pack_file(path)


def test_decompression_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zstandard

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("collection.anki21b", zstandard.ZstdCompressor().compress(b"\0" * (8 * 1024 * 1024)))
    monkeypatch.setattr(anki, "MAX_DB_BYTES", 1024 * 1024)
    with pytest.raises(MockintError, match="decompressed collection is larger"):
        load_pack_bytes(buf.getvalue(), source="bomb.apkg")


@pytest.mark.parametrize("data", [b"not a zip", b"PK\x03\x04garbage"])
def test_garbage_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(MockintError, match="not a readable Anki package"):
        load_pack_bytes(data, source="x.apkg")


def test_zip_without_a_collection_is_a_clear_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hi")
    with pytest.raises(MockintError, match="no collection"):
        load_pack_bytes(buf.getvalue(), source="x.apkg")
