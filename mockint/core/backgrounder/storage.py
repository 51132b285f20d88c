"""The backgrounder on disk: atomic saves, the last 10 replaced versions kept, corrupt files moved aside."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from mockint.core.atomic import atomic_write_bytes, atomic_write_text
from mockint.core.backgrounder.io import parse_backgrounder, to_toml, validate
from mockint.core.backgrounder.model import Backgrounder
from mockint.core.errors import Diagnostic, MockintError, failure
from mockint.core.paths import Paths, get_paths

#: How many replaced versions are kept in paths.backups_dir/backgrounder/.
MAX_BACKUPS: Final = 10
_BACKUP_PREFIX: Final = "backgrounder-"

Now = Callable[[], datetime]

def backups_dir(paths: Paths | None = None) -> Path:
    """Where the replaced versions of the backgrounder are kept."""
    return (paths or get_paths()).backups_dir / "backgrounder"


def list_backups(paths: Paths | None = None) -> list[Path]:
    """The kept backups, oldest first."""
    folder = backups_dir(paths)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{_BACKUP_PREFIX}*.toml") if p.is_file())


def load_backgrounder_with_warnings(
    paths: Paths | None = None, *, now: Now | None = None
) -> tuple[Backgrounder, list[Diagnostic]]:
    """The stored backgrounder and any warnings about it; empty when there is no file yet.

    A file that cannot be read as a backgrounder is moved to paths.broken_dir (never
    deleted) and an empty backgrounder is returned with a warning saying where it went.
    """
    paths = paths or get_paths()
    target = paths.backgrounder
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return Backgrounder(), []
    except OSError as exc:
        raise failure(f"cannot read the backgrounder: {exc.strerror or exc}", path=str(target)) from None
    try:
        return parse_backgrounder(data, source=str(target))
    except MockintError as exc:
        moved = _move_aside(target, paths, now or _utcnow)
        reason = exc.first.format()
        message = (
            f"the backgrounder could not be read ({reason}); it was moved to {moved} and an empty one started"
        )
        return Backgrounder(), [Diagnostic(message, str(target), severity="warning")]


def load_backgrounder(paths: Paths | None = None) -> Backgrounder:
    """The stored backgrounder; a corrupt file is moved aside silently (see load_backgrounder_with_warnings)."""
    return load_backgrounder_with_warnings(paths)[0]


def save_backgrounder(
    bg: Backgrounder, paths: Paths | None = None, *, backup: bool = True, now: Now | None = None
) -> bool:
    """Store the backgrounder atomically; returns False when the file already held exactly this.

    With `backup`, the version being replaced is first copied to the backups folder
    (the newest MAX_BACKUPS are kept). The editor's autosave backs up once per editing
    session rather than on every keystroke, so the backups stay meaningful.
    Raises MockintError if the backgrounder breaks the file rules (nothing is written).
    """
    paths = paths or get_paths()
    clean = bg.normalised()
    validate(clean)
    text = to_toml(clean)
    target = paths.backgrounder
    try:
        old = target.read_bytes()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise failure(f"cannot read the backgrounder: {exc.strerror or exc}", path=str(target)) from None
    if old == text.encode("utf-8"):
        return False
    try:
        if backup and old is not None:
            _write_backup(old, paths, now or _utcnow)
        atomic_write_text(target, text)
    except OSError as exc:
        raise failure(f"cannot save the backgrounder: {exc.strerror or exc}", path=str(target)) from None
    return True


def save_backgrounder_copy(bg: Backgrounder, target: Path) -> Path:
    """Write the backgrounder to another file (when the usual one cannot be saved); never overwrites.

    The copy is an ordinary backgrounder file: `mockint backgrounder import` brings it back.
    Raises MockintError when the backgrounder breaks the file rules, the file exists, or writing fails.
    """
    clean = bg.normalised()
    validate(clean)
    if target.exists():
        raise failure("that file already exists; choose another name", path=str(target))
    try:
        atomic_write_text(target, to_toml(clean))
    except OSError as exc:
        raise failure(f"cannot save a copy of the backgrounder: {exc.strerror or exc}", path=str(target)) from None
    return target


def import_backgrounder(data: bytes, *, source: str, paths: Paths | None = None) -> list[Diagnostic]:
    """Replace the backgrounder with a file's content, all or nothing; returns the warnings.

    A refused file raises MockintError and changes nothing; the replaced version is kept as a backup.
    """
    bg, warnings = parse_backgrounder(data, source=source)
    save_backgrounder(bg, paths)
    return warnings


def _write_backup(data: bytes, paths: Paths, now: Now) -> Path:
    folder = backups_dir(paths)
    stamp = now().astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    # Names sort by time; a counter keeps two saves in the same microsecond apart.
    target = folder / f"{_BACKUP_PREFIX}{stamp}.toml"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{_BACKUP_PREFIX}{stamp}-{counter:03d}.toml"
    atomic_write_bytes(target, data)
    for stale in list_backups(paths)[:-MAX_BACKUPS]:
        with contextlib.suppress(OSError):
            stale.unlink()
    return target


def _move_aside(target: Path, paths: Paths, now: Now) -> Path:
    stamp = now().astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dest = paths.broken_dir / f"{target.stem}-{stamp}{target.suffix}"
    try:
        paths.broken_dir.mkdir(parents=True, exist_ok=True)
        target.replace(dest)
    except OSError as exc:
        raise failure(
            f"the backgrounder is unreadable and could not be moved aside: {exc.strerror or exc}",
            path=str(target),
        ) from None
    return dest


def _utcnow() -> datetime:
    return datetime.now(UTC)
