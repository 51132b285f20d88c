"""Read an Anki deck package (.apkg) into the native raw shape (docs/pack-format.md, "Anki").

A package is a zip holding a SQLite collection: `collection.anki2` (legacy), `collection.anki21`,
or `collection.anki21b` (current Anki, zstd-compressed). Current packages also hold a legacy
`collection.anki2` with a single "please update" note, so the newest collection wins.

Read safely: the zip, each member and the decompressed database have size limits; nothing is
extracted by the name the zip gives it — the collection is read into memory and written to a
temporary file this module names; the database is opened read-only and only its notes, cards
and decks are queried.

Decks: the deck tree's root names the pack (when the importer gives no name) and each sub-deck
(`Deck::Sub`) is a category. A note belongs to the deck of its first card. Its first field is
the question, its second the guidance, HTML made plain; cloze deletions are shown as `[…]` in
the question. Tags that are slugs once lowercased are kept. Media files are counted, not imported.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import tempfile
import zipfile
from typing import Any

from mockint.core.errors import Diagnostic, MockintError
from mockint.core.packs.ids import MAX_ID, UniqueIds
from mockint.core.packs.placeholders import literal
from mockint.core.packs.plain import clip, html_to_text
from mockint.core.packs.source import MapLocator
from mockint.core.text import is_slug, slugify

#: Largest .apkg file read at all.
MAX_APKG_BYTES = 100 * 1024 * 1024
#: Largest collection database, compressed in the zip or decompressed.
MAX_DB_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 100_000
_COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.S)
_CHUNK = 1024 * 1024


def _refuse(message: str, source: str) -> MockintError:
    return MockintError(f"not a readable Anki package: {message}", path=source)


def _read_capped(stream: io.BufferedIOBase | Any, limit: int, what: str, source: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise _refuse(f"{what} is larger than the {limit // (1024 * 1024)} MiB limit", source)
        chunks.append(chunk)


def _collection(data: bytes, source: str) -> tuple[bytes, int]:
    """(database bytes, number of media files) from the package bytes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(f"not a zip file ({exc})", source) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse(f"{len(infos)} files in the package; at most {MAX_MEMBERS} are read", source)
        names = {info.filename: info for info in infos}
        media = sum(1 for info in infos if info.filename.isdigit())
        chosen = next((n for n in _COLLECTIONS if n in names), None)
        if chosen is None:
            raise _refuse("it holds no collection.anki2, collection.anki21 or collection.anki21b", source)
        info = names[chosen]
        if info.file_size > MAX_DB_BYTES:
            raise _refuse(f"{chosen} is larger than the {MAX_DB_BYTES // (1024 * 1024)} MiB limit", source)
        try:
            with archive.open(info) as member:
                body = _read_capped(member, MAX_DB_BYTES, chosen, source)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
            raise _refuse(f"cannot read {chosen} ({exc})", source) from None
    if chosen.endswith("b"):
        import zstandard

        try:
            with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(body)) as reader:
                body = _read_capped(reader, MAX_DB_BYTES, "the decompressed collection", source)
        except zstandard.ZstdError as exc:
            raise _refuse(f"{chosen} is not valid zstd data ({exc})", source) from None
    return body, media


def _unicase(a: str, b: str) -> int:
    """Anki's `unicase` collation (case-insensitive), so its indexes can be used."""
    x, y = a.casefold(), b.casefold()
    return (x > y) - (x < y)


def _query(db_bytes: bytes, source: str) -> tuple[list[tuple[str, str, int]], dict[int, str]]:
    """([(fields, tags, deck id)], {deck id: deck path with '::'}) from the collection."""
    fd, name = tempfile.mkstemp(prefix="mockint-apkg-", suffix=".sqlite")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(db_bytes)
        conn = sqlite3.connect(f"file:{name}?mode=ro", uri=True)
        try:
            conn.create_collation("unicase", _unicase)
            conn.execute("PRAGMA trusted_schema = OFF")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"notes", "cards"} <= tables:
                raise _refuse("the collection has no notes or cards table", source)
            decks = _decks(conn, tables)
            rows = conn.execute(
                "SELECT n.flds, n.tags, (SELECT c.did FROM cards c WHERE c.nid = n.id ORDER BY c.ord LIMIT 1) "
                "FROM notes n ORDER BY n.id"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(f"the collection database cannot be read ({exc})", source) from None
    finally:
        os.unlink(name)
    return [(str(f or ""), str(t or ""), int(d) if isinstance(d, int) else 0) for f, t, d in rows], decks


def _decks(conn: sqlite3.Connection, tables: set[str]) -> dict[int, str]:
    if "decks" in tables:  # schema 15 and later: one row per deck, levels separated by \x1f
        return {int(i): str(n).replace("\x1f", "::") for i, n in conn.execute("SELECT id, name FROM decks")}
    row = conn.execute("SELECT decks FROM col").fetchone()
    try:
        raw = json.loads(row[0]) if row else {}
    except (TypeError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {int(k): str(v.get("name", "")) for k, v in raw.items() if isinstance(v, dict) and str(k).isdigit()}


def _field(value: str) -> str:
    return literal(html_to_text(value, code_literal=False))


def read_apkg(
    data: bytes, *, source: str, pack_id: str | None, name: str | None, version: str,
) -> tuple[dict[str, Any], MapLocator, list[Diagnostic]]:
    """Convert an .apkg to (raw pack dict, positions, reader warnings). Raises MockintError."""
    if len(data) > MAX_APKG_BYTES:
        raise _refuse(f"the package is larger than the {MAX_APKG_BYTES // (1024 * 1024)} MiB limit", source)
    db_bytes, media = _collection(data, source)
    notes, decks = _query(db_bytes, source)
    warnings: list[Diagnostic] = []
    if media:
        warnings.append(Diagnostic(
            f"{media} media file{'s' * (media != 1)} (images, sounds) not imported: a pack holds text only",
            source, None, None, None, "warning",
        ))
    used = [decks.get(did, "") for _, _, did in notes]
    roots = {path.split("::", 1)[0] for path in used if path}
    root = next(iter(roots)) if len(roots) == 1 else None
    chosen_name = name or root or _stem(source)
    pid = pack_id or slugify(root or "") or slugify(_stem(source))
    if not pid:
        raise MockintError("cannot make a pack id from the deck or file name: give one with --id", path=source)
    categories: dict[str, str] = {}
    questions: list[dict[str, Any]] = []
    ids = UniqueIds()
    skipped = 0
    for (fields, tags, _), path in zip(notes, used, strict=True):
        parts = fields.split("\x1f")
        text = _field(_CLOZE.sub("[…]", parts[0])).strip()
        if not text:
            skipped += 1
            continue
        entry: dict[str, Any] = {"id": ids.make(slugify(text.split("\n", 1)[0], MAX_ID), f"q-{len(questions) + 1}"),
                                 "text": text}
        sub = path.split("::", 1)[1] if root is not None and "::" in path else (path if root is None else "")
        if sub:
            cname = clip(sub.replace("::", " – "), 120)
            cid = categories.setdefault(cname, slugify(cname, MAX_ID) or f"category-{len(categories) + 1}")
            entry["category"] = cid
        if len(parts) > 1:
            guidance = _field(_CLOZE.sub(lambda m: m.group(1), parts[1])).strip()
            if guidance:
                entry["guidance"] = clip(guidance, 4000)
        slugs = [t.lower() for t in tags.split() if is_slug(t.lower())]
        if slugs:
            entry["tags"] = list(dict.fromkeys(slugs))[:20]
        questions.append(entry)
    if skipped:
        warnings.append(Diagnostic(f"{skipped} note{'s' * (skipped != 1)} with an empty first field left out",
                                   source, None, None, None, "warning"))
    info: dict[str, Any] = {"id": pid, "name": clip(chosen_name, 120), "version": version}
    raw: dict[str, Any] = {"format": 1, "pack": info}
    if categories:
        seen: set[str] = set()
        raw["categories"] = []
        for cname, cid in categories.items():
            if cid not in seen:
                seen.add(cid)
                raw["categories"].append({"id": cid, "name": cname})
    raw["questions"] = questions
    return raw, MapLocator(), warnings


def _stem(source: str) -> str:
    from pathlib import PurePosixPath

    return PurePosixPath(source.replace("\\", "/")).stem
