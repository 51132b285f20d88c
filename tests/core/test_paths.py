"""mockint.core.paths: platformdirs' user directories, or everything under MOCKINT_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from mockint.core.errors import MockintError
from mockint.core.paths import APP_NAME, Paths, get_paths, path_exists


def test_mockint_home_is_made_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MOCKINT_HOME", "./here//")
    root = Path("./here//").expanduser().absolute()
    assert get_paths() == Paths(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")
    monkeypatch.setenv("MOCKINT_HOME", "~/elsewhere")
    assert get_paths().data_dir == Path("~/elsewhere").expanduser() / "data"


def test_without_mockint_home_the_directories_are_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOCKINT_HOME")
    assert get_paths() == Paths(
        platformdirs.user_data_dir(APP_NAME, appauthor=False),
        platformdirs.user_config_dir(APP_NAME, appauthor=False),
        platformdirs.user_log_dir(APP_NAME, appauthor=False),
    )


def test_paths_are_a_frozen_value(tmp_path: Path) -> None:
    p = Paths(data_dir=tmp_path / "d", config_dir=tmp_path / "c", log_dir=tmp_path / "l")
    same = Paths(str(tmp_path / "d"), str(tmp_path) + "//c/", tmp_path / "." / "l")
    assert p == same and hash(p) == hash(same)
    assert p != Paths(tmp_path / "x", tmp_path / "c", tmp_path / "l")
    assert repr(p) == (f"Paths(data_dir={tmp_path / 'd'!r}, config_dir={tmp_path / 'c'!r}, "
                       f"log_dir={tmp_path / 'l'!r})")
    assert p.database == tmp_path / "d" / "mockint.db"
    assert p.database_file == str(p.database)
    assert p.settings == tmp_path / "c" / "settings.toml"
    assert p.as_dict()["logs"] == str(tmp_path / "l")
    with pytest.raises(AttributeError):
        p.data_dir = tmp_path  # type: ignore[misc]


def test_path_exists(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert path_exists(tmp_path / "file") and path_exists(str(tmp_path))
    assert not path_exists(tmp_path / "missing") and not path_exists(tmp_path / "file" / "under-a-file")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permission bits")
def test_path_exists_raises_when_it_cannot_look(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o200)  # writable, not searchable
    try:
        with pytest.raises(PermissionError):
            path_exists(str(locked / "mockint.db"))
    finally:
        locked.chmod(0o700)


def test_ensure_creates_and_fails_with_a_clear_message(tmp_path: Path) -> None:
    p = Paths(tmp_path / "a" / "b" / "data", tmp_path / "config", tmp_path / "a" / "logs")
    assert p.ensure() is p
    assert all(d.is_dir() for d in (p.data_dir, p.config_dir, p.log_dir))
    p.ensure()  # already there: fine
    (tmp_path / "file").write_text("x")
    targets = [tmp_path / "file", tmp_path / "file" / "below", tmp_path / "file" / "below" / "deeper"]
    if os.name == "posix" and os.geteuid() != 0:  # root ignores permission bits
        (tmp_path / "read-only").mkdir(mode=0o500)
        targets.append(tmp_path / "read-only" / "missing" / "data")
    for target in targets:
        with pytest.raises(OSError) as expected:
            target.mkdir(parents=True, exist_ok=True)
        with pytest.raises(MockintError) as err:
            Paths(target, tmp_path / "config", tmp_path / "logs").ensure()
        assert err.value.exit_code == 1
        assert err.value.path == str(target)
        assert err.value.message == f"cannot create directory: {expected.value.strerror}"
