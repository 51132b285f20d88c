"""`packs update`: read installed packs again from where they came from (docs/pack-format.md,
"Sources and updates"), applying the same update rules as an import."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

from mockint.core.errors import EXIT_BAD_INPUT, EXIT_FAILED
from mockint.core.packs.outcome import ImportOutcome, refused

if TYPE_CHECKING:
    from mockint.core.packs.importer import Importer, ImportOptions
    from mockint.core.packs.installed import InstalledPack
    from mockint.core.packs.state import Origin


class Library(Protocol):
    """What updating needs of the library (which calls this module, so it is not imported here)."""

    def effective(self) -> list[InstalledPack]: ...
    def origin(self, pack_id: str) -> Origin | None: ...
    def importer(self, options: ImportOptions, cancel: threading.Event | None = None) -> Importer: ...


def update_packs(library: Library, pack_ids: list[str], *, deadline: float | None = None) -> list[ImportOutcome]:
    """One outcome per pack: every user pack that remembers its origin, or the packs named."""
    from mockint.core.packs.importer import ImportOptions

    listing = {p.id: p for p in library.effective()}
    if not pack_ids:
        pack_ids = sorted(pid for pid, p in listing.items() if p.source == "user" and p.origin is not None)
    out: list[ImportOutcome] = []
    for pid in pack_ids:
        entry = listing.get(pid)
        if entry is None:
            out.append(refused(pid, pid, None, "no pack with this id is installed", EXIT_BAD_INPUT))
            continue
        origin = library.origin(pid) if entry.source == "user" else None
        if origin is None:
            why = "built-in packs are updated with mockint itself" if entry.source == "builtin" else (
                "it does not remember where it came from; import it again from its file or URL")
            out.append(refused(pid, pid, entry.version, why, EXIT_FAILED))
            continue
        options = ImportOptions(
            fmt=origin.fmt, pack_id=None if origin.fmt == "toml" else pid, name=origin.name,
            keep_all=origin.keep_all, deadline=deadline,
        )
        importer = library.importer(options)
        loaded = importer.read(origin.source)
        if len(loaded) != 1:
            out.append(refused(origin.source, pid, entry.version, "the source no longer holds exactly one pack", EXIT_FAILED))
            continue
        item = loaded[0]
        if item.result is not None and item.result.pack.id != pid:
            out.append(refused(
                origin.source, pid, entry.version,
                f"the source now holds the pack '{item.result.pack.id}', not '{pid}'", EXIT_FAILED,
            ))
            continue
        if item.origin is not None:
            item.origin = origin  # keep how it was first read (format, name, automatic versions)
        out.append(importer.install(item))
    return out
