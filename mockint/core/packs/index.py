"""The metadata index of installed packs: what a listing needs, without parsing every pack.

A JSON file (paths.pack_index) maps each pack file's absolute path to its mtime, size, inode
and summary. An entry is trusted only while those are unchanged, so a pack edited by hand is
re-read on the next listing. The index is a cache: a corrupt or unreadable
index is rebuilt (a corrupt one is first moved to broken_dir, with a warning), and failing to
write it never fails the operation.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockint.core.atomic import atomic_write_text

if TYPE_CHECKING:
    from mockint.core.packs.model import Pack

INDEX_VERSION = 1


def pack_summary(pack: Pack) -> dict[str, Any]:
    """The fields of a pack that listings show."""
    counts = Counter(q.category for q in pack.questions if q.category is not None)
    return {
        "id": pack.id,
        "name": pack.name,
        "version": pack.version,
        "questions": len(pack.questions),
        "categories": [c.id for c in pack.categories],
        "category_counts": {c.id: counts.get(c.id, 0) for c in pack.categories},
        "plans": [p.id for p in pack.plans],
        "description": pack.info.description,
        "category_names": {c.id: c.name for c in pack.categories},
        "reverse": pack.reverse,
    }


class PackIndex:
    """Load, query, update and save the index; every method is safe on a missing or bad file."""

    def __init__(self, path: Path, broken_dir: Path | None = None) -> None:
        self.path = path
        #: Where an unreadable index is moved before it is rebuilt (None: it is simply rebuilt).
        self.broken_dir = broken_dir
        #: What happened to an unreadable index, for a warning; None when it loaded fine.
        self.recovery: str | None = None
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        #: How many entries were (re)computed since loading: lets tests prove the cache works.
        self.refreshed = 0

    def load(self) -> PackIndex:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return self
        except OSError:
            self.dirty = True  # rebuilt on save
            return self
        except ValueError:  # not UTF-8 or not JSON
            self._set_aside("it is not valid JSON")
            return self
        files = data.get("files") if isinstance(data, dict) and data.get("version") == INDEX_VERSION else None
        if not isinstance(files, dict):
            self._set_aside("it is not a pack index this version of mockint understands")
            return self
        self.entries = {k: v for k, v in files.items() if isinstance(v, dict) and _valid_entry(v)}
        if len(self.entries) != len(files):
            self.dirty = True
        return self

    def _set_aside(self, reason: str) -> None:
        """Keep an unreadable index in broken_dir (never delete a file) before it is rebuilt."""
        self.dirty = True  # rebuilt on save
        if self.broken_dir is None:
            return
        import time

        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        target = self.broken_dir / f"{self.path.stem}-{stamp}{self.path.suffix}"
        n = 2
        while target.exists():
            target = self.broken_dir / f"{self.path.stem}-{stamp}-{n}{self.path.suffix}"
            n += 1
        try:
            self.broken_dir.mkdir(parents=True, exist_ok=True)
            os.replace(self.path, target)
        except OSError:
            self.recovery = f"the pack index could not be read ({reason}); it was rebuilt"
            return
        self.recovery = f"the pack index could not be read ({reason}); it was moved to {target} and rebuilt"

    def lookup(self, file: Path, st: os.stat_result) -> dict[str, Any] | None:
        """The cached entry for `file` if it still matches the file's mtime and size."""
        entry = self.entries.get(str(file))
        if entry is None or entry["mtime_ns"] != st.st_mtime_ns or entry["size"] != st.st_size:
            return None
        # An atomic replace makes a new inode: this catches rewrites on filesystems with coarse mtimes.
        if entry.get("ino", st.st_ino) != st.st_ino:
            return None
        return entry

    def put(self, file: Path, st: os.stat_result, fields: dict[str, Any]) -> dict[str, Any]:
        entry = {"mtime_ns": st.st_mtime_ns, "size": st.st_size, "ino": st.st_ino, **fields}
        self.entries[str(file)] = entry
        self.dirty = True
        self.refreshed += 1
        return entry

    def forget(self, file: Path) -> None:
        if self.entries.pop(str(file), None) is not None:
            self.dirty = True

    def prune(self, keep: set[str]) -> None:
        """Drop entries for files that no longer exist."""
        for key in [k for k in self.entries if k not in keep]:
            del self.entries[key]
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        text = json.dumps({"version": INDEX_VERSION, "files": self.entries}, ensure_ascii=False, indent=1)
        try:
            atomic_write_text(self.path, text)
        except OSError:
            return  # a cache: the next listing recomputes what it needs
        self.dirty = False


def _valid_entry(entry: dict[str, Any]) -> bool:
    if not isinstance(entry.get("mtime_ns"), int) or not isinstance(entry.get("size"), int):
        return False
    if "error" in entry:
        return isinstance(entry["error"], list) and all(isinstance(e, dict) for e in entry["error"])
    return (
        isinstance(entry.get("id"), str)
        and isinstance(entry.get("name"), str)
        and isinstance(entry.get("version"), str)
        and isinstance(entry.get("questions"), int)
        and isinstance(entry.get("categories"), list)
        and isinstance(entry.get("plans"), list)
        and isinstance(entry.get("category_counts"), dict)
        # Entries written before packs had names per category and `reverse` are recomputed.
        and isinstance(entry.get("category_names"), dict)
        and isinstance(entry.get("reverse"), bool)
    )
