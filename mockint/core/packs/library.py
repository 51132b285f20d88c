"""The installed packs: built-in ones shipped with mockint, and user packs imported into the data dir.

User packs live as native TOML in `paths.packs_dir / "<id>.toml"` (written only after the id
passes the slug check). A user pack with the id of a built-in pack shadows it. Listings come
from the metadata index (index.py), so they parse only files that changed. Imports follow
docs/pack-format.md, "Identity and updates" (install, update, unchanged, refuse) and are
all-or-nothing. Where each pack came from and whether it joins the mixed interview are kept
in state.py.

One library is used from the UI thread and an import worker at once: every method that reads
or writes the index, the state or the pack files holds one lock (re-entrant, shared by every
library of the process, since they share the files).
"""

from __future__ import annotations

import builtins
import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import mockint
from mockint.core.errors import EXIT_BAD_INPUT, EXIT_FAILED, Diagnostic, MockintError, failure
from mockint.core.format import plural
from mockint.core.packs.index import PackIndex, pack_summary
from mockint.core.packs.installed import InstalledPack, PackSource
from mockint.core.packs.outcome import (
    SUPPORTED_SUFFIXES as SUPPORTED_SUFFIXES,
)
from mockint.core.packs.outcome import (
    ImportOutcome,
    pack_files,
    refused,
)
from mockint.core.packs.rules import auto_version, decide
from mockint.core.packs.state import Origin, PackState
from mockint.core.paths import Paths, get_paths
from mockint.core.text import is_slug

if TYPE_CHECKING:
    from mockint.core.packs.importer import Importer, ImportOptions
    from mockint.core.packs.model import Pack

# PackLibrary has a method named `list`, so its annotations use these aliases.
InstalledList = list[InstalledPack]
PackList = list["Pack"]
_LOCK = threading.RLock()


def builtin_packs_dir() -> Path:
    """Where the built-in packs are: inside the installed wheel, else the repository's question_packs/."""
    package = Path(mockint.__file__).resolve().parent
    bundled = package / "_data" / "question_packs"
    if bundled.is_dir():
        return bundled
    return package.parent / "question_packs"


class PackLibrary:
    """Built-in and user packs: list, get, import, remove."""

    def __init__(self, paths: Paths | None = None, builtin_dir: Path | None = None) -> None:
        self.paths = paths or get_paths()
        self.builtin_dir = builtin_dir if builtin_dir is not None else builtin_packs_dir()
        #: Problems with installed files found by the last listing (broken or duplicate packs).
        self.warnings: list[Diagnostic] = []
        #: Index entries recomputed by the last listing (the rest came from the cache).
        self.refreshed = 0
        self._cache: dict[str, tuple[int, int, Pack]] = {}

    @property
    def state_path(self) -> Path:
        return self.paths.data_dir / "pack-state.json"

    def _state(self) -> PackState:
        return PackState(self.state_path).load()

    # -- listing ---------------------------------------------------------------------------

    def list(self) -> list[InstalledPack]:
        """Every installed pack, built-in and user, sorted by id; shadowing is flagged on both sides."""
        with _LOCK:
            return self._list()

    def _list(self) -> InstalledList:
        index = PackIndex(self.paths.pack_index, self.paths.broken_dir).load()
        self.warnings = []
        if index.recovery:
            self.warnings.append(Diagnostic(index.recovery, str(self.paths.pack_index), severity="warning"))
        seen: set[str] = set()
        builtin = self._scan(self.builtin_dir, "builtin", index, seen)
        user = self._scan(self.paths.packs_dir, "user", index, seen)
        index.prune(seen)
        index.save()
        self.refreshed = index.refreshed
        state = self._state()
        out: list[InstalledPack] = []
        for pid, entry in builtin.items():
            out.append(_installed(entry, "builtin", state, shadowed=pid in user))
        for pid, entry in user.items():
            out.append(_installed(entry, "user", state, shadows=pid in builtin))
        out.sort(key=lambda p: (p.id, p.source != "user"))
        return out

    def effective(self) -> InstalledList:
        """The packs in force: a built-in pack shadowed by a user pack is left out."""
        return [p for p in self.list() if not p.shadowed]

    def find(self, pack_id: str) -> InstalledPack | None:
        """The pack in force with this id, or None."""
        for p in self.effective():
            if p.id == pack_id:
                return p
        return None

    def get(self, pack_id: str) -> Pack:
        """The effective pack with this id; MockintError (exit 1) if none is installed."""
        with _LOCK:
            entry = self.find(pack_id)
            if entry is None:
                raise failure("no pack with this id is installed (see `mockint packs list`)", path=pack_id)
            return self._load(Path(entry.path))

    def load_all(self) -> PackList:
        """Every effective pack; a pack that no longer loads is left out and noted in `warnings`."""
        with _LOCK:
            packs: PackList = []
            for entry in self.effective():
                try:
                    packs.append(self._load(Path(entry.path)))
                except MockintError as exc:
                    self.warnings.extend(d.as_warning() for d in exc.diagnostics)
            return packs

    # -- the quick mixed interview ---------------------------------------------------------

    def in_mix(self, pack_id: str) -> bool:
        """Whether this pack's questions join the quick mixed interview (all do unless taken out)."""
        with _LOCK:
            return pack_id not in self._state().out_of_mix

    def set_in_mix(self, pack_id: str, on: bool) -> None:
        """Put a pack in the mix or take it out; MockintError (exit 1) for an unknown id or a failed write."""
        with _LOCK:
            if self.find(pack_id) is None:
                raise failure("no pack with this id is installed (see `mockint packs list`)", path=pack_id)
            state = self._state()
            if on:
                state.out_of_mix.discard(pack_id)
            else:
                state.out_of_mix.add(pack_id)
            try:
                state.save(strict=True)
            except OSError as exc:
                raise failure(f"cannot save the mix: {exc.strerror or exc}", path=str(self.state_path)) from None

    def mix_ids(self) -> builtins.list[str]:
        """Ids of the packs a quick mixed interview draws from: in the mix and not reverse packs."""
        return [p.id for p in self.effective() if p.in_mix and not p.reverse]

    def _scan(
        self, directory: Path, source: PackSource, index: PackIndex, seen: set[str]
    ) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        # Both kinds are native TOML (question_packs/ also holds a README.md, which is no pack).
        for path in pack_files(directory, (".toml",)):
            try:
                st = path.stat()
            except OSError:
                continue
            seen.add(str(path))
            entry = index.lookup(path, st)
            if entry is None:
                entry = index.put(path, st, self._summarise(path))
            if "error" in entry:
                self.warnings.extend(
                    Diagnostic(str(e.get("message")), str(path), e.get("line"), e.get("col"), e.get("key"), "warning")
                    for e in entry["error"]
                )
                self.warnings.append(Diagnostic("this pack is not loaded until its errors are fixed", str(path), severity="warning"))
                continue
            pid = entry["id"]
            if pid in found:
                self.warnings.append(
                    Diagnostic(f"pack id '{pid}' is also in {found[pid]['path']}; this file is ignored", str(path), severity="warning")
                )
                continue
            found[pid] = {**entry, "path": str(path)}
        return found

    def _summarise(self, path: Path) -> dict[str, Any]:
        try:
            return pack_summary(self._load(path))
        except MockintError as exc:
            return {"error": [{"message": d.message, "line": d.line, "col": d.col, "key": d.key} for d in exc.diagnostics]}

    def _load(self, path: Path) -> Pack:
        from mockint.core.packs.loader import load_pack_file

        try:
            st = path.stat()
        except OSError as exc:
            raise failure(f"cannot read pack: {exc.strerror or exc}", path=str(path)) from None
        cached = self._cache.get(str(path))
        if cached is not None and cached[0] == st.st_mtime_ns and cached[1] == st.st_size:
            return cached[2]
        pack = load_pack_file(path).pack
        self._cache[str(path)] = (st.st_mtime_ns, st.st_size, pack)
        return pack

    # -- removing --------------------------------------------------------------------------

    def remove(self, pack_id: str) -> None:
        """Uninstall a user pack (practice history stays in the database).

        MockintError exit 1 for a built-in pack or an unknown id.
        """
        with _LOCK:
            self._remove(pack_id)

    def _remove(self, pack_id: str) -> None:
        entries = [p for p in self.list() if p.id == pack_id]
        user = [p for p in entries if p.source == "user"]
        broken = self.paths.packs_dir / f"{pack_id}.toml" if is_slug(pack_id) else None
        if not user and broken is not None and broken.is_file():
            # A user pack that no longer loads is not listed, but it can still be removed by id.
            user = [InstalledPack(pack_id, pack_id, "", 0, (), "user", str(broken))]
        if not user:
            if entries:
                raise failure("a built-in pack cannot be removed; only packs you imported can", path=pack_id)
            raise failure("no user pack with this id is installed (see `mockint packs list`)", path=pack_id)
        path = Path(user[0].path)
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise failure(f"cannot remove pack: {exc.strerror or exc}", path=str(path)) from None
        self._cache.pop(str(path), None)
        index = PackIndex(self.paths.pack_index).load()
        index.forget(path)
        index.save()
        state = self._state()
        if state.origins.pop(pack_id, None) is not None:
            state.save()

    # -- importing -------------------------------------------------------------------------

    def import_source(
        self,
        source: str,
        *,
        force: bool = False,
        fmt: str | None = None,
        strict: bool = False,
        pack_id: str | None = None,
        name: str | None = None,
        version: str | None = None,
        keep_all: bool = False,
        deadline: float | None = None,
        cancel: threading.Event | None = None,
    ) -> builtins.list[ImportOutcome]:
        """Import a file, every pack file of a directory (each on its own), or an http(s) URL.

        Never raises for a bad source: each refusal is an outcome with its reason.
        """
        from mockint.core.packs.importer import ImportOptions

        options = ImportOptions(force, fmt, strict, pack_id, name, version, keep_all, deadline)
        return self.importer(options, cancel).run(source)

    def importer(self, options: ImportOptions, cancel: threading.Event | None = None) -> Importer:
        """An importer that installs into this library (`read` first to preview, then `install`)."""
        from mockint.core.packs.importer import Importer

        return Importer(self.install, options, cancel)

    def update(self, pack_ids: builtins.list[str] | None = None, *, deadline: float | None = None) -> builtins.list[ImportOutcome]:
        """Read packs again from where they came from (all user packs that remember it, or `pack_ids`)."""
        from mockint.core.packs.updater import update_packs

        return update_packs(self, pack_ids or [], deadline=deadline)

    def origin(self, pack_id: str) -> Origin | None:
        with _LOCK:
            return self._state().origins.get(pack_id)

    def install(self, pack: Pack, *, source: str, force: bool = False, origin: Origin | None = None) -> ImportOutcome:
        """Install a validated pack following the update rules of docs/pack-format.md."""
        with _LOCK:
            outcome = self._install(pack, source=source, force=force, origin=origin)
            if origin is not None and outcome.status != "refused" and outcome.pack_id is not None:
                state = self._state()
                if state.origins.get(outcome.pack_id) != origin:
                    state.origins[outcome.pack_id] = origin
                    state.save()
            return outcome

    def _install(self, pack: Pack, *, source: str, force: bool, origin: Origin | None) -> ImportOutcome:
        if not is_slug(pack.id):  # the validator guarantees it; a path is never built otherwise
            return refused(source, pack.id, pack.version, f"pack id '{pack.id}' is not a valid slug", EXIT_BAD_INPUT)
        listing = self.list()
        current = next((p for p in listing if p.id == pack.id and not p.shadowed), None)
        target = self.paths.packs_dir / f"{pack.id}.toml"
        squatter = next((p for p in listing if p.path == str(target) and p.id != pack.id), None)
        if squatter is not None:  # a hand-placed file named after this id holds another pack
            return refused(
                source, pack.id, pack.version,
                f"{target} holds the pack '{squatter.id}'; rename or remove that file first", EXIT_FAILED,
            )
        installed: Pack | None = None
        if current is not None:
            try:
                installed = self._load(Path(current.path))
            except MockintError:
                installed = None  # a broken installed file is simply replaced
        if installed is not None and origin is not None and origin.auto_version:
            pack = auto_version(pack, installed)
        decision = decide(pack, installed, current, force=force)
        if isinstance(decision, str):
            return refused(source, pack.id, pack.version, decision, EXIT_FAILED)
        status, note = decision
        counted = plural(len(pack.questions), "question")
        if status == "unchanged":
            return ImportOutcome(
                source, "unchanged", pack.id, pack.version,
                f"unchanged  {pack.id} {pack.version} ({counted})  from {source}  ({note})",
                questions=len(pack.questions),
            )
        problem = self._write(pack, target)
        if problem is not None:
            return refused(source, pack.id, pack.version, problem, EXIT_FAILED)
        replaced = None
        if current is not None and current.source == "user" and Path(current.path) != target:
            replaced = Path(current.path)
            with contextlib.suppress(OSError):
                replaced.unlink()  # a hand-placed file under another name: the new file replaces it
        self._remember(target, pack, replaced)
        previous = installed.version if installed is not None and status == "updated" else None
        what = f"{pack.id} {previous} → {pack.version}" if status == "updated" and previous else f"{pack.id} {pack.version}"
        line = f"{status}  {what} ({counted})  from {source}"
        if note:
            line += f"  ({note})"
        return ImportOutcome(
            source, status, pack.id, pack.version, line, previous_version=previous, questions=len(pack.questions)
        )

    def _remember(self, target: Path, pack: Pack, replaced: Path | None) -> None:
        """Record a freshly written pack in the index and the memory cache, without re-reading it."""
        try:
            st = target.stat()
        except OSError:
            return  # the next listing finds out
        self._cache[str(target)] = (st.st_mtime_ns, st.st_size, pack)
        index = PackIndex(self.paths.pack_index).load()
        index.put(target, st, pack_summary(pack))
        if replaced is not None:
            index.forget(replaced)
        index.save()

    def _write(self, pack: Pack, target: Path) -> str | None:
        """Write the pack as native TOML, atomically; the reason if that was not possible."""
        from mockint.core.packs.export import pack_to_toml
        from mockint.core.packs.loader import load_pack_bytes

        text = pack_to_toml(pack)
        # What is installed must read back as the same pack, or the listing would break later.
        try:
            same = load_pack_bytes(text.encode("utf-8"), source=str(target), fmt="toml").pack == pack
        except MockintError:
            same = False
        if not same:
            return "internal error: the pack does not survive conversion to TOML; nothing was installed"
        try:
            _write_pack(target, text)
        except OSError as exc:
            return f"cannot write {target}: {exc.strerror or exc}"
        return None


def _write_pack(target: Path, text: str) -> None:
    from mockint.core.atomic import atomic_write_text

    atomic_write_text(target, text)


def _installed(
    entry: dict[str, Any], source: PackSource, state: PackState, *, shadows: bool = False, shadowed: bool = False
) -> InstalledPack:
    origin = state.origins.get(entry["id"]) if source == "user" else None
    return InstalledPack(
        id=entry["id"],
        name=entry["name"],
        version=entry["version"],
        questions=entry["questions"],
        categories=tuple(entry["categories"]),
        source=source,
        path=entry["path"],
        shadows_builtin=shadows,
        shadowed=shadowed,
        plans=tuple(entry["plans"]),
        description=entry.get("description"),
        category_counts=dict(entry["category_counts"]),
        category_names=dict(entry.get("category_names") or {}),
        reverse=entry.get("reverse") is True,
        origin=origin.source if origin is not None else None,
        in_mix=entry["id"] not in state.out_of_mix,
    )
