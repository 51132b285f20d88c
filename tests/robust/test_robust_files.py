"""Bad file-system conditions: missing, unusable or full data directories, and corrupt files.

The contract (docs/cli.md, docs/data-formats.md, docs/keys.md): a clear one-line, compiler-style error and exit
code 1 on the command line, never a traceback; the app still starts and says what happened;
an unreadable file is moved to broken_dir (or, for packs and themes, skipped with a warning)
and never deleted.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from mockint.core.paths import get_paths
from mockint.tui.screens.home import HomeScreen
from mockint.tui.screens.practice import PracticeScreen
from tests.support.tmux_driver import mockint_executable
from tests.support.tui_support import ManualClock, make_app

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX only: signals, rlimits")

SIZE = (100, 30)
#: One compiler-style line: `PATH[:LINE[:COL]]: error: MESSAGE`.
ERROR_LINE = re.compile(r"^\S[^\n]*: error: \S[^\n]*$")


def cli(*args: str, home: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MOCKINT_HOME": str(home)}
    return subprocess.run([mockint_executable(), *args], capture_output=True, text=True, env=env,
                          timeout=60, **kwargs)


def assert_clean_failure(stderr: str, code: int, *, mentions: str) -> None:
    """Exit 1 and exactly one compiler-style error line naming `mentions`; no traceback."""
    assert code == 1, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and ERROR_LINE.match(lines[0]), stderr
    assert mentions in lines[0]


def in_process_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from mockint.entry import main

    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def notices(app: Any) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


# -- missing and unusable data directories ---------------------------------------------------


def test_missing_data_directory_is_created(tmp_path: Path) -> None:
    home = tmp_path / "not" / "there" / "yet"
    done = cli("history", "--json", home=home)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    for sub in ("data", "config", "logs"):
        assert (home / sub).is_dir()
    assert (home / "data" / "mockint.db").is_file()


@pytest.mark.parametrize("args", [("history",), ("resume",), ("stats", "--json"), ("backgrounder", "check")])
def test_data_directory_that_cannot_exist_is_one_clear_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    # Tests run as root, for whom permission bits mean nothing: a path whose parent is a regular
    # FILE cannot be created by anyone.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    done = cli(*args, home=blocker / "home")
    assert_clean_failure(done.stderr, done.returncode, mentions=str(blocker))


def test_unwritable_data_directory_is_one_clear_line(
    mockint_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Root ignores chmod 0o500, so the permission check the app relies on is made to say "no".
    get_paths().ensure()
    data_dir = str(get_paths().data_dir)
    real_access = os.access

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if str(path) == data_dir and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    code, _, err = in_process_cli(["history"], capsys)
    assert_clean_failure(err, code, mentions=data_dir)
    assert "not writable" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits (the test above covers this as root)")
def test_read_only_data_directory_for_an_ordinary_user(mockint_home: Path) -> None:
    data_dir = get_paths().ensure().data_dir
    data_dir.chmod(0o500)
    try:
        done = cli("history", home=mockint_home)
    finally:
        data_dir.chmod(0o700)
    assert_clean_failure(done.stderr, done.returncode, mentions=str(data_dir))


async def test_app_starts_and_explains_when_the_data_directory_is_unusable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MOCKINT_HOME", str(blocker / "home"))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = notices(app)
        assert "database could not be opened" in text and "Not a directory" in text
        await pilot.press("p")  # practice cannot start without a database: it says so, no crash
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Cannot start the interview" in "\n".join(str(n.title) for n in app._notifications)


# -- a full disk ------------------------------------------------------------------------------


#: Run the real CLI in a fresh interpreter whose disk is "full": every fsync fails with ENOSPC,
#: which is where an atomic write (temp file, fsync, rename) meets a full disk.
FULL_DISK_CLI = """
import errno, os, sys
def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
os.fsync = no_space
from mockint.entry import main
main(sys.argv[1:])
"""


def test_disk_full_while_saving_a_file_is_one_clear_line_and_keeps_the_old_file(
    tmp_path: Path, mockint_home: Path
) -> None:
    first = tmp_path / "first.toml"
    first.write_text('format = 1\nname = "Alex Doe"\nabout = ["I build payment products."]\n', encoding="utf-8")
    second = tmp_path / "second.toml"
    second.write_text('format = 1\nname = "Sam Roe"\n', encoding="utf-8")
    env = {**os.environ, "MOCKINT_HOME": str(mockint_home)}
    ok = cli("backgrounder", "import", str(first), home=mockint_home)
    assert ok.returncode == 0, ok.stderr
    stored = get_paths().backgrounder
    before = stored.read_bytes()
    done = subprocess.run([sys.executable, "-c", FULL_DISK_CLI, "backgrounder", "import", str(second)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert_clean_failure(done.stderr, done.returncode, mentions="No space left on device")
    assert stored.read_bytes() == before
    leftovers = [p.name for p in stored.parent.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_disk_full_under_sqlite_fails_cleanly_and_imports_nothing(tmp_path: Path, mockint_home: Path) -> None:
    """A real write failure from the kernel (RLIMIT_FSIZE) while importing into the database."""
    assert cli("history", home=mockint_home).returncode == 0
    db = mockint_home / "data" / "mockint.db"
    answer = {
        "pack": "p", "question_id": "q", "question_text": "x" * 400, "category": None, "target_seconds": 60,
        "elapsed_seconds": 1.0, "ratings": {"structure": 3}, "overall": None, "notes": "n" * 400,
        "asked_at": "2026-01-01T10:00:00+00:00",
    }
    sessions = [
        {"id": f"{s:032x}", "title": "t", "started_at": "2026-01-01T10:00:00+00:00", "ended_at": None,
         "status": "incomplete", "pack": "p", "plan": None, "avg_rating": None,
         "answers": [{**answer, "question_id": f"q{i}"} for i in range(20)]}
        for s in range(30)
    ]
    export = tmp_path / "big.json"
    export.write_text(json.dumps({"format": 1, "exported_at": "2026-01-01T10:00:00+00:00", "sessions": sessions}))
    limit = db.stat().st_size + 8192  # room to open the database, not to hold the import

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = cli("import-sessions", str(export), home=mockint_home, preexec_fn=small_disk)
    assert_clean_failure(done.stderr, done.returncode, mentions=str(db))
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
    finally:
        conn.close()


async def test_disk_full_during_practice_keeps_the_question_and_says_so(tmp_path: Path) -> None:
    clock = ManualClock()
    app = make_app(tmp_path, clock, start_screen="practice", screen_kwargs={"pack_id": "demo", "seed": 3})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        conn = app.store._conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now answers SQLITE_FULL
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("space", "4", "4", "4", "4", "4", "4", "n", *"big", "escape")
        # Notes larger than a page, so the row cannot fit in free space already allocated.
        screen.query_one("#notes", TextArea).load_text("big notes " * 2000)
        await pilot.press("enter")
        await pilot.pause()
        assert "Not saved" in notices(app) and "full" in notices(app)
        assert app.screen is screen and screen.session.index == 0
        assert app.store.session_answers(screen.session.session_id) == []
        conn.execute("PRAGMA max_page_count = 1073741823")  # space again: the same answer saves
        await pilot.press("enter")
        await pilot.pause()
        saved = app.store.session_answers(screen.session.session_id)
        assert [a.index for a in saved] == [0] and saved[0].overall == 4
        assert saved[0].notes.startswith("big notes big notes")


# -- corrupt files of every kind --------------------------------------------------------------

GARBAGE = bytes(range(256)) * 8 + b"\x00\xff[[[ = \n"


def plant(kind: str, content: bytes | None = None) -> Path:
    """Write a corrupt file of `kind` (GARBAGE unless `content`) where the app will read it; returns its path."""
    paths = get_paths()
    target = {
        "database": paths.database,
        "backgrounder": paths.backgrounder,
        "settings": paths.settings,
        "pack-index": paths.pack_index,
        "theme": paths.themes_dir / "broken-theme.toml",
        "user-pack": paths.packs_dir / "broken-pack.toml",
    }[kind]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(GARBAGE if content is None else content)
    return target


#: Valid-looking TOML nested far deeper than the parser's recursion allows.
DEEP_ARRAYS = b"format = 1\nname = " + b"[" * 3000 + b"]" * 3000 + b"\n"
DEEP_TABLES = b"format = 1\nname = " + b"{ a = " * 2000 + b"1" + b" }" * 2000 + b"\n"


@pytest.mark.parametrize("content", [DEEP_ARRAYS, DEEP_TABLES], ids=["arrays", "tables"])
@pytest.mark.parametrize("kind", ["backgrounder", "settings", "theme"])
async def test_a_file_nested_too_deep_is_a_clear_error_and_the_app_starts(
    tmp_path: Path, kind: str, content: bytes
) -> None:
    target = plant(kind, content)
    app = make_app(tmp_path, ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.ensure_file_themes()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = notices(app)
        assert str(target) in text and "nested too deeply" in text, text
    broken = get_paths().broken_dir
    if kind == "theme":  # skipped with a warning, left where the person put it
        assert target.read_bytes() == content
    else:  # moved aside, never deleted
        assert [p.read_bytes() for p in broken.iterdir()] == [content]
        assert not target.exists()


def test_a_backgrounder_nested_too_deep_on_the_command_line(mockint_home: Path) -> None:
    target = plant("backgrounder", DEEP_ARRAYS)
    done = cli("backgrounder", "check", home=mockint_home)
    assert "Traceback" not in done.stderr
    assert str(target) in done.stderr and "nested too deeply" in done.stderr


@pytest.mark.parametrize("kind", ["database", "backgrounder", "settings", "pack-index", "theme", "user-pack"])
async def test_corrupt_file_lets_the_app_start_says_so_and_keeps_it(tmp_path: Path, kind: str) -> None:
    target = plant(kind)
    app = make_app(tmp_path, ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = notices(app)
        if kind == "database":  # a recovery's message stays on screen until it is read
            from mockint.tui.screens.confirm import ConfirmScreen

            assert isinstance(app.screen, ConfirmScreen)
            text += "\n" + "\n".join(str(w.render()) for w in app.screen.query("Static"))
            await pilot.press("y")
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Names the file, or (for the database) where it was moved.
        assert str(target) in text or str(get_paths().broken_dir) in text, text
        await pilot.press("p")  # and the app is usable: a practice starts
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
    broken = get_paths().broken_dir
    kept_aside = [p for p in broken.iterdir() if p.read_bytes() == GARBAGE] if broken.is_dir() else []
    if kind in ("theme", "user-pack"):
        # Skipped with a warning, left where the person put it so they can fix it.
        assert target.read_bytes() == GARBAGE
    else:
        assert len(kept_aside) == 1, f"the corrupt {kind} file was not kept in {broken}"
        assert not target.exists() or target.read_bytes() != GARBAGE


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("database", ("history", "--json")),
        ("backgrounder", ("backgrounder", "check")),
        ("pack-index", ("packs", "list", "--json")),
        ("user-pack", ("packs", "list", "--json")),
    ],
)
def test_corrupt_file_on_the_command_line_is_a_warning_not_a_traceback(
    mockint_home: Path, kind: str, args: tuple[str, ...]
) -> None:
    target = plant(kind)
    done = cli(*args, home=mockint_home)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{target}" in done.stderr and ": warning: " in done.stderr
    if args[-1] == "--json":
        json.loads(done.stdout)  # stdout stays machine-readable


def test_corrupt_settings_never_stop_a_tui_helper(mockint_home: Path) -> None:
    from mockint.core.settings import load_settings_with_warnings

    target = plant("settings")
    settings, warnings = load_settings_with_warnings()
    assert settings.answer_seconds == 120 and len(warnings) == 1
    assert str(target) in warnings[0].format() and "moved to" in warnings[0].message
    kept = list(get_paths().broken_dir.iterdir())
    assert [p.read_bytes() for p in kept] == [GARBAGE]



@pytest.mark.parametrize("kind", ["database", "backgrounder", "settings", "pack-index"])
async def test_a_directory_where_a_file_belongs_is_reported_not_a_crash(tmp_path: Path, kind: str) -> None:
    target = plant(kind)
    target.unlink()
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    app = make_app(tmp_path, ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        if kind != "pack-index":  # a cache: simply not used
            assert str(target) in notices(app), notices(app)
    assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"  # nothing of the person's removed
