"""What the library remembers about packs beyond their files: where each came from and whether
it joins the quick mixed interview.

One small JSON file in the data directory (`pack-state.json`), written atomically. It is a
convenience: an unreadable file is treated as empty (every pack in the mix, no origins), and
an entry for a pack that is no longer installed is harmless.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockint.core.atomic import atomic_write_text

STATE_VERSION = 1


@dataclass(frozen=True)
class Origin:
    """Where an installed pack came from and how it was read, so `packs update` can read it again."""

    source: str
    fmt: str | None = None
    #: The version was chosen by mockint (Markdown/CSV/Anki without --version): bump it on change.
    auto_version: bool = False
    keep_all: bool = False
    name: str | None = None


class PackState:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.origins: dict[str, Origin] = {}
        self.out_of_mix: set[str] = set()

    def load(self) -> PackState:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return self
        if not isinstance(data, dict):
            return self
        origins = data.get("origins")
        if isinstance(origins, dict):
            for pid, entry in origins.items():
                origin = _origin(entry)
                if origin is not None:
                    self.origins[str(pid)] = origin
        out = data.get("out_of_mix")
        if isinstance(out, list):
            self.out_of_mix = {str(p) for p in out if isinstance(p, str)}
        return self

    def save(self, *, strict: bool = False) -> None:
        """Write the state; a failed write raises OSError only when `strict` (else it is retried later)."""
        data = {
            "version": STATE_VERSION,
            "origins": {
                pid: {k: v for k, v in vars(o).items() if v not in (None, False)}
                for pid, o in sorted(self.origins.items())
            },
            "out_of_mix": sorted(self.out_of_mix),
        }
        try:
            atomic_write_text(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        except OSError:
            if strict:
                raise


def _origin(entry: Any) -> Origin | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
        return None
    fmt = entry.get("fmt")
    name = entry.get("name")
    return Origin(
        entry["source"],
        fmt if isinstance(fmt, str) else None,
        entry.get("auto_version") is True,
        entry.get("keep_all") is True,
        name if isinstance(name, str) else None,
    )
