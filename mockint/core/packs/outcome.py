"""What an import did, shared by the importer and the library (so neither imports the other)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from mockint.core.errors import Diagnostic

ImportStatus = Literal["installed", "updated", "unchanged", "refused"]
#: File name endings a directory import reads (a `.txt` file is read only when named, as an Anki
#: text export, since a folder of lists often holds notes too).
SUPPORTED_SUFFIXES = (".toml", ".md", ".markdown", ".csv", ".tsv", ".apkg")


@dataclass
class ImportOutcome:
    """What happened to one imported file: a report line in `message`, problems in `diagnostics`."""

    source: str
    status: ImportStatus
    pack_id: str | None
    version: str | None
    message: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: For a refusal: 2 for bad input, 1 for a conflict or a failed read/write; 0 otherwise.
    exit_code: int = 0
    previous_version: str | None = None
    questions: int | None = None


def refused(source: str, pack_id: str | None, version: str | None, reason: str, exit_code: int,
            diagnostics: list[Diagnostic] | None = None) -> ImportOutcome:
    return ImportOutcome(
        source, "refused", pack_id, version, f"refused  {source}: {reason}", list(diagnostics or []), exit_code
    )


def version_key(version: str) -> tuple[int, ...]:
    """MAJOR.MINOR.PATCH as a tuple for comparison (validated versions only)."""
    return tuple(int(part) for part in version.split("."))


def next_patch(version: str) -> str:
    """1.2.3 -> 1.2.4."""
    major, minor, patch = version_key(version)
    return f"{major}.{minor}.{patch + 1}"


def pack_files(directory: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Pack files directly in `directory`, sorted by name; hidden and temporary files are skipped."""
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    out = []
    for name in names:
        if name.startswith(".") or not name.lower().endswith(suffixes):
            continue
        path = directory / name
        if path.is_file():
            out.append(path)
    return out
