"""Where mockint keeps its files: platformdirs, or everything under MOCKINT_HOME.

Light to import: `mockint history --json` must start about as fast as `mockint --version`, so
this module imports neither `pathlib` nor `dataclasses`, and `platformdirs` (which imports both,
and `tempfile`) only when it is needed. `Paths` keeps its three directories as strings, written
exactly as `str(pathlib.Path(...))` would write them, and makes `Path` objects only when asked.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TYPE_CHECKING

from mockint.core.errors import failure

if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "mockint"
DATABASE_NAME = "mockint.db"

_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # what Path.exists() takes as "no"
_MISSING_WINDOWS = (21, 123, 1921)  # not ready, invalid name, cannot resolve a link


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def _split(text: str) -> tuple[str, list[str]]:
    """(root, names) of a POSIX path as pathlib parses it: "//" kept, empty and "." names dropped."""
    slashes = len(text) - len(text.lstrip("/"))
    root = "//" if slashes == 2 else "/" if slashes else ""
    return root, [name for name in text.split("/") if name and name != "."]


def _format(root: str, names: list[str]) -> str:
    return root + "/".join(names) or "."


def normal_path(text: str) -> str:
    """`str(Path(text))`: the path as pathlib writes it (without importing pathlib on POSIX)."""
    if os.name != "posix":
        return str(_path(text))
    return _format(*_split(text))


def absolute_path(text: str) -> str:
    """`str(Path(text).expanduser().absolute())` (without importing pathlib on POSIX)."""
    if os.name != "posix":
        return str(_path(text).expanduser().absolute())
    root, names = _split(text)
    if not root and names and names[0][:1] == "~":
        home = os.path.expanduser(names[0])
        if home[:1] == "~":
            raise RuntimeError("Could not determine home directory.")  # as pathlib says it
        root, head = _split(home)
        names = head + names[1:]
    if not root:
        root, head = _split(os.getcwd())
        names = head + names
    return _format(root, names)


def path_exists(text: str) -> bool:
    """`Path(text).exists()`: False when missing, but a failure to look (permissions) raised."""
    try:
        os.stat(text)
    except OSError as exc:
        if exc.errno in _MISSING or getattr(exc, "winerror", None) in _MISSING_WINDOWS:
            return False
        raise
    except ValueError:  # not encodable, or a NUL in the name
        return False
    return True


class Paths:
    """The three directories mockint uses (immutable); every file's place follows from them."""

    __slots__ = ("_config", "_data", "_log")

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        config_dir: str | os.PathLike[str],
        log_dir: str | os.PathLike[str],
    ) -> None:
        self._data = normal_path(os.fspath(data_dir))
        self._config = normal_path(os.fspath(config_dir))
        self._log = normal_path(os.fspath(log_dir))

    def _fields(self) -> tuple[Path, Path, Path]:
        return self.data_dir, self.config_dir, self.log_dir

    def __eq__(self, other: object) -> bool:  # as the dataclass did: by Path (case-blind on Windows)
        if not isinstance(other, Paths):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Paths(data_dir={self.data_dir!r}, config_dir={self.config_dir!r}, log_dir={self.log_dir!r})"

    @property
    def data_dir(self) -> Path:
        return _path(self._data)

    @property
    def config_dir(self) -> Path:
        return _path(self._config)

    @property
    def log_dir(self) -> Path:
        return _path(self._log)

    @property
    def database(self) -> Path:
        return _path(self.database_file)

    @property
    def database_file(self) -> str:
        """`str(self.database)`, without making a Path."""
        return os.path.join(self._data, DATABASE_NAME)

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
        for d in (self._data, self._config, self._log):
            try:
                os.makedirs(d, exist_ok=True)
            except OSError as exc:
                raise failure(f"cannot create directory: {exc.strerror or exc}", path=d) from None
            if not os.access(d, os.W_OK):
                raise failure("directory is not writable", path=d)
        return self


def _xdg_dirs() -> tuple[str, str, str] | None:
    """platformdirs' user data, config and log directories on Linux, without importing it.

    Only where every platformdirs 4.x gives the same answer (XDG base directory spec): Linux, not
    Android, an absolute HOME, and each XDG_*_HOME variable absolute, empty or unset. None
    otherwise, and platformdirs decides (tests/test_paths.py compares the two).
    """
    env = os.environ
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in env:
        return None
    if not env.get("HOME", "").startswith("/"):
        return None
    bases: list[str] = []
    for variable, default in (("XDG_DATA_HOME", "~/.local/share"), ("XDG_CONFIG_HOME", "~/.config"),
                              ("XDG_STATE_HOME", "~/.local/state")):
        value = env.get(variable, "")
        if value.startswith("/"):
            bases.append(value)
        elif value.strip():  # relative: platformdirs releases differ on these
            return None
        else:
            bases.append(os.path.expanduser(default))
    data, config, state = (os.path.join(base, APP_NAME) for base in bases)
    return data, config, os.path.join(state, "log")


def _platform_dirs() -> tuple[str, str, str]:
    dirs = _xdg_dirs()
    if dirs is not None:
        return dirs
    import platformdirs

    return (
        platformdirs.user_data_dir(APP_NAME, appauthor=False),
        platformdirs.user_config_dir(APP_NAME, appauthor=False),
        platformdirs.user_log_dir(APP_NAME, appauthor=False),
    )


def get_paths() -> Paths:
    """The paths in force now (read MOCKINT_HOME each call so tests can change it)."""
    home = os.environ.get("MOCKINT_HOME")
    if home:
        root = absolute_path(home)
        return Paths(
            data_dir=os.path.join(root, "data"),
            config_dir=os.path.join(root, "config"),
            log_dir=os.path.join(root, "logs"),
        )
    return Paths(*_platform_dirs())
