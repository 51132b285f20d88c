"""Where mockint keeps its files: platformdirs' user directories, or everything under MOCKINT_HOME."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mockint.core.errors import failure

APP_NAME = "mockint"
DATABASE_NAME = "mockint.db"


def path_exists(text: str | os.PathLike[str]) -> bool:
    """`Path(text).exists()`: False when missing, but a failure to look (permissions) raised."""
    return Path(text).exists()


# init=False: the class writes its own __init__ (taking text or paths), so dataclass need not build one.
@dataclass(frozen=True, init=False)
class Paths:
    """The three directories mockint uses; every file's place follows from them."""

    data_dir: Path
    config_dir: Path
    log_dir: Path
    #: `str(database)`, kept as text for the callers that hand it to sqlite3 and messages.
    database_file: str = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        config_dir: str | os.PathLike[str],
        log_dir: str | os.PathLike[str],
    ) -> None:
        object.__setattr__(self, "data_dir", Path(data_dir))
        object.__setattr__(self, "config_dir", Path(config_dir))
        object.__setattr__(self, "log_dir", Path(log_dir))
        object.__setattr__(self, "database_file", str(self.data_dir / DATABASE_NAME))

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def packs_dir(self) -> Path:
        """User-installed packs, one `<id>.toml` each (ids are validated slugs)."""
        return self.data_dir / "packs"

    @property
    def pack_index(self) -> Path:
        return self.data_dir / "pack-index.json"

    @property
    def backgrounder(self) -> Path:
        return self.data_dir / "backgrounder.toml"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def recordings_dir(self) -> Path:
        """Spoken answers' recordings, `<session id>/<index>.wav` (docs/voice.md)."""
        return self.data_dir / "recordings"

    @property
    def settings(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def themes_dir(self) -> Path:
        return self.config_dir / "themes"

    @property
    def broken_dir(self) -> Path:
        """Where unreadable files are moved aside, never deleted."""
        return self.data_dir / "broken"

    def as_dict(self) -> dict[str, str]:
        return {
            "data": str(self.data_dir),
            "config": str(self.config_dir),
            "database": str(self.database),
            "packs": str(self.packs_dir),
            "pack_index": str(self.pack_index),
            "backgrounder": str(self.backgrounder),
            "backups": str(self.backups_dir),
            "recordings": str(self.recordings_dir),
            "settings": str(self.settings),
            "themes": str(self.themes_dir),
            "logs": str(self.log_dir),
        }

    def ensure(self) -> Paths:
        """Create the directories, or fail with a clear message (exit code 1)."""
        for d in (self.data_dir, self.config_dir, self.log_dir):
            try:
                d.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise failure(f"cannot create directory: {exc.strerror or exc}", path=str(d)) from None
            if not os.access(d, os.W_OK):
                raise failure("directory is not writable", path=str(d))
        return self


def get_paths() -> Paths:
    """The paths in force now (read MOCKINT_HOME each call so tests can change it)."""
    home = os.environ.get("MOCKINT_HOME")
    if home:
        root = Path(home).expanduser().absolute()
        return Paths(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")
    import platformdirs  # only without MOCKINT_HOME

    return Paths(
        data_dir=platformdirs.user_data_dir(APP_NAME, appauthor=False),
        config_dir=platformdirs.user_config_dir(APP_NAME, appauthor=False),
        log_dir=platformdirs.user_log_dir(APP_NAME, appauthor=False),
    )
