"""Turn an import SOURCE (file, directory, http(s) URL) into validated packs handed to the library.

Each file stands alone: a directory import reports one outcome per pack file, in name order,
and a bad file refuses only itself. Reading is bounded (MAX_PACK_BYTES) so a huge file or
response is refused without being held in memory.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mockint.core.errors import EXIT_BAD_INPUT, EXIT_FAILED, MockintError
from mockint.core.text import slugify

if TYPE_CHECKING:
    from mockint.core.packs.library import ImportOutcome, PackLibrary


class Importer:
    """One `import_source` call: the options shared by every file of the source."""

    def __init__(
        self,
        library: PackLibrary,
        *,
        force: bool,
        fmt: str | None,
        strict: bool,
        pack_id: str | None,
        name: str | None,
        version: str | None,
    ) -> None:
        self.library = library
        self.force = force
        self.fmt = fmt
        self.strict = strict
        self.pack_id = pack_id
        self.name = name
        self.version = version

    def run(self, source: str) -> list[ImportOutcome]:
        from mockint.core.packs.fetch import is_url

        if is_url(source):
            return [self._url(source)]
        path = Path(source)
        if path.is_dir():
            return self._directory(path, source)
        if not path.exists():
            return [self._refused(source, "no such file or directory", EXIT_BAD_INPUT)]
        return [self._file(path, source)]

    def _directory(self, path: Path, source: str) -> list[ImportOutcome]:
        from mockint.core.packs.library import SUPPORTED_SUFFIXES, pack_files

        files = pack_files(path, SUPPORTED_SUFFIXES)
        if not files:
            kinds = ", ".join(SUPPORTED_SUFFIXES)
            return [self._refused(source, f"no pack files ({kinds}) in this directory", EXIT_BAD_INPUT)]
        if self.pack_id is not None and len(files) > 1:
            return [self._refused(source, "--id names one pack but this directory holds several", EXIT_BAD_INPUT)]
        return [self._file(f, str(f)) for f in files]

    def _file(self, path: Path, source: str) -> ImportOutcome:
        from mockint.core.packs.loader import MAX_PACK_BYTES

        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_PACK_BYTES + 1)
        except OSError as exc:
            return self._refused(source, f"cannot read: {exc.strerror or exc}", EXIT_FAILED)
        if len(data) > MAX_PACK_BYTES:
            return self._refused(source, f"larger than the {MAX_PACK_BYTES // (1024 * 1024)} MiB limit", EXIT_BAD_INPUT)
        return self._load(data, source=source, fmt=self.fmt, pack_id=self.pack_id, name=self.name)

    def _url(self, url: str) -> ImportOutcome:
        from mockint.core.packs.fetch import fetch_url
        from mockint.core.packs.loader import MAX_PACK_BYTES, detect_format

        try:
            fetched = fetch_url(url, max_bytes=MAX_PACK_BYTES)
        except MockintError as exc:
            return self._refused(url, exc.message, exc.exit_code)
        filename = fetched.filename
        fmt = self.fmt
        if fmt is None:
            try:
                fmt = detect_format(filename)
            except MockintError:
                fmt = fetched.content_format
        if fmt is None:
            return self._refused(
                url, "cannot tell the pack format from the URL or its Content-Type; use --format", EXIT_BAD_INPUT
            )
        # A Markdown/CSV pack takes its id (and a CSV pack its name) from its file name: here the
        # URL path's last segment, decoded ("Team%20Talk.csv" -> id "team-talk", name "Team Talk").
        pack_id, name = self.pack_id, self.name
        stem = PurePosixPath(fetched.filename).stem
        if fmt != "toml" and stem:
            pack_id = pack_id or slugify(stem) or None
            if fmt in ("csv", "tsv"):
                name = name or stem
        return self._load(fetched.data, source=url, fmt=fmt, pack_id=pack_id, name=name)

    def _load(
        self, data: bytes, *, source: str, fmt: str | None, pack_id: str | None, name: str | None
    ) -> ImportOutcome:
        from mockint.core.packs.loader import load_pack_bytes

        try:
            result = load_pack_bytes(
                data, source=source, fmt=fmt, strict=self.strict, pack_id=pack_id, name=name, version=self.version
            )
        except MockintError as exc:
            n = len(exc.diagnostics)
            reason = exc.message if n == 1 and exc.first.line is None else f"invalid pack ({n} error{'s' * (n != 1)})"
            return self._refused(source, reason, exc.exit_code, exc)
        outcome = self.library.install(result.pack, source=source, force=self.force)
        outcome.diagnostics = [*result.warnings, *outcome.diagnostics]
        return outcome

    def _refused(self, source: str, reason: str, exit_code: int, exc: MockintError | None = None) -> ImportOutcome:
        from mockint.core.packs.library import refused

        return refused(source, None, None, reason, exit_code, exc.diagnostics if exc else None)
