"""Load a pack from bytes or a file in any supported format, validated into a `Pack`.

TOML is the native format; Markdown and CSV/TSV are converted by their readers and then
validated exactly like TOML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mockint.core.errors import Diagnostic, MockintError, failure
from mockint.core.packs.model import Pack
from mockint.core.packs.source import KeyPath, Locator

MAX_PACK_BYTES = 8 * 1024 * 1024
DEFAULT_VERSION = "1.0.0"

_EXTENSIONS = {
    ".toml": "toml", ".md": "md", ".markdown": "md", ".csv": "csv", ".tsv": "tsv", ".txt": "csv", ".apkg": "apkg",
}
_FORMATS = {"toml": "toml", "md": "md", "markdown": "md", "csv": "csv", "tsv": "tsv", "apkg": "apkg", "anki": "apkg"}
FORMATS_HELP = "toml, md (Markdown), csv, tsv or apkg (Anki package)"
#: The formats an importer reads (`--format` choices).
FORMAT_CHOICES = ("toml", "md", "csv", "tsv", "apkg")


def max_bytes(fmt: str | None) -> int:
    """The largest file of this format that is read at all."""
    if fmt == "apkg":
        from mockint.core.packs.anki import MAX_APKG_BYTES

        return MAX_APKG_BYTES
    return MAX_PACK_BYTES


@dataclass(frozen=True)
class LoadResult:
    """A valid pack, the warnings found on the way (readers' and validator's), and where it came from."""

    pack: Pack
    warnings: list[Diagnostic]
    source: str


def _file_name(source: str) -> str:
    """The last path segment of a file path or URL (queries and fragments left out)."""
    if "://" in source:
        return PurePosixPath(urlsplit(source).path).name
    return Path(source).name


def detect_format(filename: str, fmt: str | None = None) -> str:
    """"toml" | "md" | "csv" | "tsv": from `fmt` when given (as --format), else from the extension."""
    if fmt is not None:
        known = _FORMATS.get(fmt.strip().lower())
        if known is None:
            raise MockintError(f"unknown pack format {fmt!r}: expected {FORMATS_HELP}", path=filename)
        return known
    suffix = PurePosixPath(_file_name(filename)).suffix.lower()
    known = _EXTENSIONS.get(suffix)
    if known is None:
        what = f"extension {suffix!r}" if suffix else "no extension"
        raise MockintError(
            f"cannot tell the pack format ({what}): name the file .toml, .md, .csv, .tsv or .apkg, "
            f"or give --format {FORMATS_HELP}",
            path=filename,
        )
    return known


def _size_error(size: int, source: str, limit: int = MAX_PACK_BYTES) -> MockintError:
    return MockintError(
        f"the file is {size / (1024 * 1024):.1f} MiB ({size:,} bytes); a pack may be at most "
        f"{limit // (1024 * 1024)} MiB",
        path=source,
    )


class _Overridden:
    """Positions for keys replaced by --id/--name/--version point nowhere: the file did not say them."""

    def __init__(self, base: Locator, keys: set[str]) -> None:
        self.base, self.keys = base, keys

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        if len(path) >= 2 and path[0] == "pack" and path[1] in self.keys:
            return (None, None)
        return self.base.locate(path)


def load_pack_bytes(
    data: bytes,
    *,
    source: str,
    fmt: str | None = None,
    strict: bool = False,
    pack_id: str | None = None,
    name: str | None = None,
    version: str | None = None,
    keep_all: bool = False,
    file_name: str | None = None,
) -> LoadResult:
    """Parse and validate a pack held in memory; `source` names it in messages (and picks the format).

    pack_id / name / version override what the file says (for TOML too); `keep_all` keeps what
    the Markdown reader would leave out; `file_name` stands for the source's last path segment
    (a URL's file name). Raises MockintError.
    """
    from mockint.core.packs.toml_reader import decode_utf8

    kind = detect_format(file_name or source, fmt)
    limit = max_bytes(kind)
    if len(data) > limit:
        raise _size_error(len(data), source, limit)
    reader_warnings: list[Diagnostic] = []
    raw: dict[str, Any]
    locator: Locator
    stem = PurePosixPath(file_name or _file_name(source)).stem
    if kind == "apkg":
        from mockint.core.packs.anki import read_apkg

        raw, locator, reader_warnings = read_apkg(
            data, source=source, pack_id=pack_id, name=name, version=version or DEFAULT_VERSION
        )
        pack, warnings = _validate(raw, source, locator, strict, reader_warnings)
        return LoadResult(pack, [*reader_warnings, *warnings], source)
    text = decode_utf8(data, source=source)
    if kind == "toml":
        from mockint.core.packs.toml_reader import TomlLocator, read_toml

        raw, _ = read_toml(text, source=source)
        locator = TomlLocator(text)
        overrides = {k: v for k, v in (("id", pack_id), ("name", name), ("version", version)) if v is not None}
        if overrides:
            section = raw.setdefault("pack", {})
            if isinstance(section, dict):
                section.update(overrides)
            locator = _Overridden(locator, set(overrides))
    else:
        raw, locator, reader_warnings = _read_other(kind, text, source, stem, pack_id, name, version, keep_all)
    pack, warnings = _validate(raw, source, locator, strict, reader_warnings)
    return LoadResult(pack, [*reader_warnings, *warnings], source)


def _validate(
    raw: dict[str, Any], source: str, locator: Locator, strict: bool, reader_warnings: list[Diagnostic]
) -> tuple[Pack, list[Diagnostic]]:
    from mockint.core.packs.validate import validate_pack

    label = getattr(locator, "label", None)  # CSV: messages name the row as well as the line
    try:
        if strict and reader_warnings:
            promoted = [d.as_error() for d in reader_warnings]
            try:
                validate_pack(raw, source=source, locator=locator, strict=True)
            except MockintError as exc:
                promoted.extend(exc.diagnostics)
            raise MockintError(diagnostics=promoted)
        pack, warnings = validate_pack(raw, source=source, locator=locator, strict=strict)
    except MockintError as exc:
        if not strict:  # what the reader left out often explains the error ("found 0 questions")
            exc.diagnostics = [*exc.diagnostics, *reader_warnings]
        if label is not None:
            exc.diagnostics = [label(d) for d in exc.diagnostics]
        raise
    if label is not None:
        warnings = [label(d) for d in warnings]
    return pack, warnings


def _read_other(
    kind: str, text: str, source: str, stem: str, pack_id: str | None, name: str | None, version: str | None,
    keep_all: bool,
) -> tuple[dict[str, Any], Locator, list[Diagnostic]]:
    """Markdown/CSV/TSV through their readers, with the defaults of docs/pack-format.md."""
    from mockint.core.text import slugify

    if pack_id is None:
        pack_id = slugify(stem)
        if not pack_id:
            raise MockintError(
                f"cannot make a pack id from the file name {stem!r}: give one with --id", path=source
            )
    version = version or DEFAULT_VERSION
    if kind == "md":
        from mockint.core.packs.markdown_reader import read_markdown

        return read_markdown(
            text, source=source, pack_id=pack_id, name=name, version=version, fallback_name=stem, keep_all=keep_all
        )
    from mockint.core.packs.csv_reader import read_csv

    return read_csv(
        text,
        source=source,
        pack_id=pack_id,
        name=name or stem,
        version=version,
        delimiter=None,
    )


def load_pack_file(
    path: Path,
    *,
    fmt: str | None = None,
    strict: bool = False,
    pack_id: str | None = None,
    name: str | None = None,
    version: str | None = None,
    keep_all: bool = False,
) -> LoadResult:
    """Read and validate a pack file. An unreadable file is exit 1; a bad pack is exit 2."""
    source = str(path)
    limit = max_bytes(detect_format(source, fmt))  # an unknown format is reported before any reading
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
            if len(data) > limit:
                fh.seek(0, 2)
                raise _size_error(fh.tell(), source, limit)
    except OSError as exc:
        raise failure(f"cannot read the file: {exc.strerror or exc}", path=source) from None
    return load_pack_bytes(
        data, source=source, fmt=fmt, strict=strict, pack_id=pack_id, name=name, version=version, keep_all=keep_all
    )
