"""mockint.core.paths: pathlib's spelling without pathlib, platformdirs' directories without platformdirs."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from unittest import mock

import platformdirs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockint.core import paths as paths_module
from mockint.core.errors import MockintError
from mockint.core.paths import APP_NAME, Paths, absolute_path, get_paths, normal_path, path_exists

posix_only = pytest.mark.skipif(os.name != "posix", reason="the string paths are for POSIX; elsewhere pathlib")
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the XDG shortcut is for Linux only")

# Names that pathlib treats specially, joined with single, double and triple slashes.
_NAMES = st.sampled_from(["", ".", "..", "a", "b c", "~", "~root", "~no-such-user-here", "x.db", "é", "\\"])
_PATHS = st.lists(_NAMES, max_size=6).flatmap(
    lambda names: st.sampled_from(["/", "//", "///"]).map(lambda sep: sep.join(names))
) | st.text(alphabet="/.~ab", max_size=12)


@posix_only
@given(_PATHS)
def test_normal_path_is_str_of_path(text: str) -> None:
    assert normal_path(text) == str(Path(text))


@posix_only
@given(_PATHS)
def test_absolute_path_is_pathlibs(text: str) -> None:
    try:
        expected = str(Path(text).expanduser().absolute())
    except RuntimeError:
        with pytest.raises(RuntimeError):
            absolute_path(text)
        return
    assert absolute_path(text) == expected


def test_mockint_home_is_made_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MOCKINT_HOME", "./here//")
    root = Path("./here//").expanduser().absolute()
    assert get_paths() == Paths(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")
    monkeypatch.setenv("MOCKINT_HOME", "~/elsewhere")
    assert get_paths().data_dir == Path("~/elsewhere").expanduser() / "data"


def test_paths_behave_like_the_frozen_dataclass_they_were(tmp_path: Path) -> None:
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


def test_path_exists_is_pathlibs(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for name in ("file", "missing", "file/under-a-file", "", "nul\0byte"):
        target = tmp_path / name if name else tmp_path
        assert path_exists(str(target)) == target.exists(), name


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permission bits")
def test_path_exists_raises_when_it_cannot_look(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o200)  # writable, not searchable
    try:
        with pytest.raises(PermissionError):
            (locked / "mockint.db").exists()
        with pytest.raises(PermissionError):
            path_exists(str(locked / "mockint.db"))
    finally:
        locked.chmod(0o700)


def test_ensure_creates_and_fails_as_path_mkdir_does(tmp_path: Path) -> None:
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


# -- platformdirs' directories on Linux ------------------------------------------------------

_XDG_VALUES = st.sampled_from([None, "", "   ", "/xdg/a", "/xdg/trailing/", "//xdg", "///xdg", "/xdg/./dot",
                               "/xdg/../up", "/with space ", "relative/xdg", " /leading-space", "~/tilde"])
_HOMES = st.sampled_from(["/home/someone", "/home/someone/", "/", "//home", "relative-home", ""])
_VARIABLES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")


def _environment(home: str, xdg: tuple[str | None, ...]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (*_VARIABLES, "MOCKINT_HOME", "HOME")}
    env["HOME"] = home
    env.update({name: value for name, value in zip(_VARIABLES, xdg, strict=True) if value is not None})
    return env


def _from_platformdirs() -> tuple[str, str, str]:
    return (
        platformdirs.user_data_dir(APP_NAME, appauthor=False),
        platformdirs.user_config_dir(APP_NAME, appauthor=False),
        platformdirs.user_log_dir(APP_NAME, appauthor=False),
    )


@linux_only
@settings(max_examples=300)
@given(_HOMES, st.tuples(_XDG_VALUES, _XDG_VALUES, _XDG_VALUES))
def test_linux_directories_are_platformdirs(home: str, xdg: tuple[str | None, ...]) -> None:
    with mock.patch.dict(os.environ, _environment(home, xdg), clear=True):
        computed = paths_module._xdg_dirs()
        try:
            expected = _from_platformdirs()
        except RuntimeError:  # platformdirs cannot tell (relative HOME): nor do we
            assert computed is None
            return
        if computed is not None:
            assert computed == expected  # the very strings, before pathlib's spelling
        assert get_paths() == Paths(*(Path(d) for d in expected))


@linux_only
def test_the_plain_linux_case_needs_no_platformdirs() -> None:
    with mock.patch.dict(os.environ, _environment("/home/someone", (None, "/xdg/config", "")), clear=True):
        assert paths_module._xdg_dirs() == (
            "/home/someone/.local/share/mockint", "/xdg/config/mockint", "/home/someone/.local/state/mockint/log"
        )
    for home, xdg in (("relative", (None, None, None)), ("/home/x", ("relative", None, None))):
        with mock.patch.dict(os.environ, _environment(home, xdg), clear=True):
            assert paths_module._xdg_dirs() is None
    with mock.patch.dict(os.environ, {"ANDROID_DATA": "/data"}):
        assert paths_module._xdg_dirs() is None
