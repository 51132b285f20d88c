"""The architecture holds: the domain never imports the UI, one entry point, one guard, loud failures."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import mockint.core


def test_core_never_imports_textual() -> None:
    modules = [m.name for m in pkgutil.walk_packages(mockint.core.__path__, "mockint.core.")]
    assert len(modules) >= 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in textual: {out.stdout}"


def test_version_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from mockint.entry import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.startswith("mockint, version")
    assert out.stderr.strip().endswith("False")


_IMPORTED_BY = (
    "import sys\n"
    "from mockint.entry import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def _modules_after(args: list[str], env: dict[str, str]) -> set[str]:
    out = subprocess.run([sys.executable, "-c", _IMPORTED_BY, *args], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return set(out.stderr.split())


@pytest.mark.parametrize("mockint_home_set", [True, False])
def test_history_json_imports_little_beyond_version(tmp_path: Path, mockint_home_set: bool) -> None:
    """`mockint history --json` must start about as fast as `mockint --version` (benchmarks/sessions.py):
    the standard library's json and pathlib are fine (1.35x), the records and the app are not."""
    if not mockint_home_set and sys.platform != "linux":
        pytest.skip("platformdirs is imported where its directories are not computed here")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MOCKINT_HOME"))}
    env["HOME"] = str(tmp_path / "home")
    if mockint_home_set:
        env["MOCKINT_HOME"] = str(tmp_path / "mockint")
    extra = _modules_after(["history", "--json"], env) - _modules_after(["--version"], env)
    heavy = {"textual", "rich", "mockint.core.history.records",
             "mockint.core.interview.interviewer",
             # The text views for people: a JSON output needs none of them.
             "mockint.cli.session_view", "mockint.core.text", "mockint.core.format"}
    assert not extra & heavy, sorted(extra)


def test_mockint_alone_opens_the_app_without_loading_the_cli() -> None:
    """`mockint` with no arguments goes straight to the TUI: click is not imported on that path."""
    code = (
        "import sys\n"
        "import mockint.tui.launch as launch\n"
        "opened = []\n"
        "launch.launch = lambda **kw: opened.append(kw)\n"
        "from mockint.entry import main\n"
        "try:\n"
        "    main([])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print(code, len(opened), 'click' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1", "False"]


def test_errors_on_the_app_path_are_lines_with_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from mockint.core.errors import MockintError, failure
    from mockint.guard import run_guarded

    def broken() -> None:
        raise failure("cannot open the database", path="/x/mockint.db")

    assert isinstance(failure("x"), MockintError)
    assert run_guarded(broken) == 1
    assert capsys.readouterr().err == "/x/mockint.db: error: cannot open the database\n"
    assert run_guarded(lambda: None) == 0

    def interrupted() -> None:
        raise KeyboardInterrupt

    assert run_guarded(interrupted) == 130


def test_make_bench_runs_every_benchmark_script() -> None:
    """`make bench` lists its scripts; a new one must be added there (bare_app.py is a baseline app)."""
    import re

    root = Path(__file__).resolve().parents[2]
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"^BENCHMARKS := (.+)$", makefile, re.M)
    assert listed is not None
    scripts = {p.stem for p in (root / "benchmarks").glob("*.py")} - {"bare_app"}
    assert set(listed.group(1).split()) == scripts


def test_a_missing_command_module_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command whose module is missing is a broken build, never "No such command"."""
    import mockint.cli

    monkeypatch.setitem(mockint.cli._COMMANDS, "ghost", "mockint.cli.no_such_module:ghost")
    with pytest.raises(ModuleNotFoundError, match="no_such_module"):
        mockint.cli.run(["ghost"])


def test_commands_that_open_the_app_answer_with_the_screen_and_never_import_the_tui() -> None:
    code = (
        "import sys\n"
        "from mockint.cli import OpenApp, run\n"
        "print(run(['--theme', 'nord', 'review']) == OpenApp(screen='review', theme='nord'))\n"
        "print(run([]) == OpenApp())\n"
        "print(any(m == 'mockint.tui' or m.startswith('mockint.tui.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False"]


def test_help_explains_mockint_its_commands_data_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from mockint.cli import _COMMANDS
    from mockint.entry import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "practise product-management interviews" in out
    for group in ("Practise:", "Look back:", "Set up:"):
        assert group in out
    assert all(f"  {name} " in out for name in _COMMANDS)
    assert "MOCKINT_HOME" in out and "mockint paths" in out
    assert "Exit codes: 0 success, 1 the operation failed, 2 bad usage or bad input" in " ".join(out.split())
