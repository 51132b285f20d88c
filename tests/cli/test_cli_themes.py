"""`mockint themes list [--json]` and `--theme` on the TUI commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mockint.cli import cli
from mockint.core.paths import get_paths
from mockint.entry import main

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["themes", *args])


def user_theme(name: str, text: str) -> Path:
    folder = get_paths().themes_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lists_builtin_shipped_and_user_themes() -> None:
    mine = user_theme("mine.toml", 'name = "mine"\nprimary = "#abcdef"\ndark = false\n')
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    for row in rows:
        assert {"name", "source", "dark", "path"} <= set(row)
        assert row["source"] in ("builtin", "shipped", "user") and isinstance(row["dark"], bool)
    by_name = {row["name"]: row for row in rows}
    assert by_name["textual-dark"] == {"name": "textual-dark", "source": "builtin", "dark": True, "path": None}
    assert by_name["paper"]["source"] == "shipped" and by_name["paper"]["dark"] is False
    assert Path(by_name["calm-dark"]["path"]).is_file()
    assert by_name["mine"] == {"name": "mine", "source": "user", "dark": False, "path": str(mine)}
    assert result.stderr == ""


def test_bad_user_files_are_warnings_on_stderr_and_exit_0() -> None:
    bad = user_theme("bad.toml", 'name = "bad"\nprimary = "#12345"\n')
    broken = user_theme("broken.toml", "name = \n")
    result = run("list", "--json")
    assert result.exit_code == 0
    names = {row["name"] for row in json.loads(result.stdout)}
    assert "bad" not in names and "broken" not in names
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{bad}: warning: primary: ") for line in lines), lines
    assert any(line.startswith(f"{broken}:1:") and ": warning: " in line for line in lines), lines


def test_a_user_theme_shadows_the_shipped_one_of_that_name() -> None:
    user_theme("paper.toml", 'name = "paper"\nprimary = "#000000"\n')
    rows = json.loads(run("list", "--json").stdout)
    papers = [(r["source"], r.get("shadowed", False)) for r in rows if r["name"] == "paper"]
    assert papers == [("shipped", True), ("user", False)]


def test_text_output_is_a_table() -> None:
    result = run("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NAME", "SOURCE", "MODE", "PATH"]
    assert any(line.split()[:3] == ["paper", "shipped", "light"] for line in lines)
    assert any(line.split() == ["nord", "builtin", "dark"] for line in lines)


def test_importing_the_command_does_not_import_textual() -> None:
    code = "import sys, mockint.cli.themes; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("argv", "screen"),
    [
        (["--theme", "paper"], "home"),
        (["backgrounder", "--theme", "paper"], "backgrounder"),
        (["--theme", "paper", "review"], "review"),
    ],
)
def test_theme_flag_reaches_the_app(monkeypatch: pytest.MonkeyPatch, argv: list[str], screen: str) -> None:
    launched: list[dict[str, Any]] = []

    def fake_launch(**kwargs: Any) -> None:  # records what the real launcher would build the app with
        launched.append(kwargs)

    monkeypatch.setattr("mockint.tui.launch.launch", fake_launch)
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    assert launched and launched[0]["theme"] == "paper"
    assert launched[0].get("screen", "home") == screen


@pytest.mark.parametrize(
    "argv",
    [["--theme", "no-such-theme"], ["backgrounder", "--theme", "no-such-theme"], ["--theme", "no-such-theme", "review"]],
)
def test_an_unknown_theme_is_a_usage_error_naming_the_themes(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from mockint.tui.app import MockintApp

    user_theme("mine.toml", 'name = "mine"\nprimary = "#abcdef"\n')
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MockintApp, "run", lambda self: pytest.fail("the app must not open"))
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--theme" in err and "no-such-theme" in err and "Traceback" not in err
    # Every kind of theme is named: Textual's, the shipped ones and the person's own.
    assert all(name in err for name in ("textual-dark", "calm-dark", "paper", "mine"))


def test_a_user_theme_is_accepted_by_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from mockint.tui.app import MockintApp

    user_theme("mine.toml", 'name = "mine"\nprimary = "#abcdef"\n')
    themes: list[str | None] = []
    monkeypatch.setattr(MockintApp, "run", lambda self: themes.append(self._theme_name))
    with pytest.raises(SystemExit) as exit_info:
        main(["--theme", "mine"])
    assert exit_info.value.code == 0
    assert themes == ["mine"]
