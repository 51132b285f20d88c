"""Turn an import SOURCE (file, directory, http(s) URL) into validated packs handed to an installer.

Each file stands alone: a directory import reports one outcome per pack file, in name order,
and a bad file refuses only itself. Reading is bounded (the loader's size limits) so a huge
file or response is refused without being held in memory.

Reading and installing are separate steps (`read`, then `install`), so the packs screen can
show what would come in before anything is installed. The importer does not know the library:
it is handed an `Installer` (the library's `install`), which keeps the dependency one-way.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Protocol

from mockint.core.errors import EXIT_BAD_INPUT, EXIT_FAILED, MockintError
from mockint.core.packs.outcome import SUPPORTED_SUFFIXES, ImportOutcome, pack_files, refused
from mockint.core.packs.state import Origin

if TYPE_CHECKING:
    from mockint.core.packs.loader import LoadResult
    from mockint.core.packs.model import Pack


class Installer(Protocol):
    def __call__(self, pack: Pack, *, source: str, force: bool, origin: Origin | None) -> ImportOutcome: ...


@dataclass
class Loaded:
    """One file of a source, read: a valid pack with its warnings, or the reason it was refused."""

    source: str
    result: LoadResult | None = None
    refusal: ImportOutcome | None = None
    origin: Origin | None = None


@dataclass(frozen=True)
class ImportOptions:
    force: bool = False
    fmt: str | None = None
    strict: bool = False
    pack_id: str | None = None
    name: str | None = None
    version: str | None = None
    keep_all: bool = False
    #: Total seconds a URL fetch may take (None: the fetcher's default).
    deadline: float | None = None


class Importer:
    """One import: the options shared by every file of the source."""

    def __init__(self, installer: Installer, options: ImportOptions, cancel: threading.Event | None = None) -> None:
        self.installer = installer
        self.options = options
        self.cancel = cancel

    def run(self, source: str) -> list[ImportOutcome]:
        return [self.install(item) for item in self.read(source)]

    def install(self, item: Loaded) -> ImportOutcome:
        if item.refusal is not None:
            return item.refusal
        assert item.result is not None
        result = item.result
        outcome = self.installer(result.pack, source=item.source, force=self.options.force, origin=item.origin)
        outcome.diagnostics = [*result.warnings, *outcome.diagnostics]
        return outcome

    def read(self, source: str) -> list[Loaded]:
        from mockint.core.packs.fetch import is_url

        if is_url(source):
            return [self._url(source)]
        path = Path(source)
        if path.is_dir():
            return self._directory(path, source)
        if not path.exists():
            return [self._refused(source, "no such file or directory", EXIT_BAD_INPUT)]
        return [self._file(path, source)]

    def _directory(self, path: Path, source: str) -> list[Loaded]:
        files = pack_files(path, SUPPORTED_SUFFIXES)
        if not files:
            kinds = ", ".join(SUPPORTED_SUFFIXES)
            return [self._refused(source, f"no pack files ({kinds}) in this directory", EXIT_BAD_INPUT)]
        if self.options.pack_id is not None and len(files) > 1:
            return [self._refused(source, "--id names one pack but this directory holds several", EXIT_BAD_INPUT)]
        out = []
        for f in files:
            if self.cancel is not None and self.cancel.is_set():
                break
            out.append(self._file(f, str(f)))
        return out

    def _file(self, path: Path, source: str) -> Loaded:
        from mockint.core.packs.loader import detect_format, max_bytes

        try:
            kind = detect_format(source, self.options.fmt)
        except MockintError as exc:
            return self._refused(source, exc.message, exc.exit_code)
        limit = max_bytes(kind)
        try:
            with path.open("rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            return self._refused(source, f"cannot read: {exc.strerror or exc}", EXIT_FAILED)
        if len(data) > limit:
            return self._refused(source, f"larger than the {limit // (1024 * 1024)} MiB limit", EXIT_BAD_INPUT)
        return self._load(data, source=source, fmt=kind, file_name=None, origin=str(path.resolve()))

    def _url(self, url: str) -> Loaded:
        from mockint.core.packs.fetch import fetch_url, raw_url
        from mockint.core.packs.loader import MAX_PACK_BYTES, detect_format, max_bytes

        try:
            fetched = fetch_url(
                raw_url(url), max_bytes=max(MAX_PACK_BYTES, max_bytes("apkg")), deadline=self.options.deadline,
                cancel=self.cancel,
            )
        except MockintError as exc:
            return self._refused(url, exc.message, exc.exit_code)
        if fetched.web_page and self.options.fmt is None:
            return self._refused(
                url, "the server sent a web page, not the file: use the link to the raw file "
                "(on GitHub, the Raw button)", EXIT_BAD_INPUT,
            )
        fmt = self.options.fmt
        if fmt is None:
            try:
                fmt = detect_format(fetched.filename)
            except MockintError:
                fmt = fetched.content_format
        if fmt is None:
            return self._refused(
                url, "cannot tell the pack format from the URL or its Content-Type; use --format", EXIT_BAD_INPUT
            )
        if fmt != "apkg" and len(fetched.data) > MAX_PACK_BYTES:
            return self._refused(url, f"the pack is larger than the {MAX_PACK_BYTES // (1024 * 1024)} MiB limit",
                                 EXIT_BAD_INPUT)
        # A Markdown/CSV pack takes its id (and name) from its file name: here the URL path's
        # last segment, decoded ("Team%20Talk.csv" -> id "team-talk", name "Team Talk").
        name = PurePosixPath(fetched.filename).name or "pack"
        return self._load(fetched.data, source=url, fmt=fmt, file_name=name, origin=url)

    def _load(self, data: bytes, *, source: str, fmt: str, file_name: str | None, origin: str) -> Loaded:
        from mockint.core.packs.loader import load_pack_bytes

        o = self.options
        try:
            result = load_pack_bytes(
                data, source=source, fmt=fmt, strict=o.strict, pack_id=o.pack_id, name=o.name, version=o.version,
                keep_all=o.keep_all, file_name=file_name,
            )
        except MockintError as exc:
            n = sum(1 for d in exc.diagnostics if d.severity == "error")
            reason = exc.message if n == 1 and exc.first.line is None else f"invalid pack ({n} error{'s' * (n != 1)})"
            return self._refused(source, reason, exc.exit_code, exc)
        where = Origin(
            origin, fmt, auto_version=fmt != "toml" and o.version is None, keep_all=o.keep_all, name=o.name,
        )
        return Loaded(source, result=result, origin=where)

    def _refused(self, source: str, reason: str, exit_code: int, exc: MockintError | None = None) -> Loaded:
        return Loaded(source, refusal=refused(source, None, None, reason, exit_code, exc.diagnostics if exc else None))
