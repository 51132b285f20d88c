"""`mockint backgrounder export|import|check` through the real entry point (exit codes, streams)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockint.core.backgrounder.io import parse_backgrounder
from mockint.core.backgrounder.model import Backgrounder
from mockint.core.backgrounder.storage import list_backups, load_backgrounder, save_backgrounder
from mockint.core.paths import get_paths
from mockint.entry import main

KIT = Backgrounder(
    name="Alex Doe",
    headline="Senior PM, fintech",
    about=["Parent of three and a PM for ten years."],
    quantitative=["Tripled revenue to $10M in 12 months", "Led the platform rewrite"],
    qualitative=["Helped accountants close their books in a day"],
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_export_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    save_backgrounder(KIT)
    code, out, err = run(capsys, "backgrounder", "export")
    assert code == 0, err
    assert out.startswith("# Alex Doe\n")
    assert "## Career highlights — quantitative" in out
    assert "- Led the platform rewrite\n" in out


def test_export_toml_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    save_backgrounder(KIT)
    code, out, _ = run(capsys, "backgrounder", "export", "--format", "toml")
    assert code == 0
    assert parse_backgrounder(out.encode(), source="out")[0] == KIT


def test_export_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    save_backgrounder(KIT)
    target = tmp_path / "kit.md"
    code, out, err = run(capsys, "backgrounder", "export", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Alex Doe")
    assert str(target) in err


def test_export_bad_format_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "backgrounder", "export", "--format", "pdf")
    assert code == 2 and "pdf" in err


def test_export_into_missing_directory_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "backgrounder", "export", "-o", str(blocker / "kit.md"))
    assert code == 1 and "error:" in err


def test_import_good_file_keeps_the_old_one_as_backup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    save_backgrounder(KIT)
    before = get_paths().backgrounder.read_bytes()
    source = tmp_path / "new.toml"
    source.write_text('format = 1\nname = "Sam"\nabout = ["New me"]\nmood = 1\n', encoding="utf-8")
    code, out, err = run(capsys, "backgrounder", "import", str(source))
    assert code == 0
    assert "Imported" in out
    assert f"{source}:4:1: warning: mood: unknown key ignored" in err
    assert load_backgrounder() == Backgrounder(name="Sam", about=["New me"])
    [backup] = list_backups()
    assert backup.read_bytes() == before


def test_import_bad_file_changes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    save_backgrounder(KIT)
    before = get_paths().backgrounder.read_bytes()
    source = tmp_path / "bad.toml"
    source.write_text(
        'format = 1\nquantitative = [\n  "ok",\n  7,\n]\nname = ""\nheadline = 3\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "backgrounder", "import", str(source))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert f"{source}:4:3: error: quantitative[1]: expected a string, got an integer" in lines
    assert any(line.startswith(f"{source}:7:1: error: headline:") for line in lines)
    assert "Traceback" not in err
    assert get_paths().backgrounder.read_bytes() == before
    assert list_backups() == []


def test_import_syntax_error_is_compiler_style(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "broken.toml"
    source.write_text("format = 1\nabout = [\n", encoding="utf-8")
    code, _, err = run(capsys, "backgrounder", "import", str(source))
    assert code == 2
    assert err.startswith(f"{source}:3:1: error: TOML syntax error")
    assert not get_paths().backgrounder.exists()


def test_import_missing_file_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "backgrounder", "import", str(tmp_path / "nope.toml"))
    assert code == 1 and "nope.toml" in err


def test_check_text(capsys: pytest.CaptureFixture[str]) -> None:
    save_backgrounder(KIT)
    code, out, _ = run(capsys, "backgrounder", "check")
    assert code == 0
    assert 'quantitative[1] "Led the platform rewrite": warning: no number or metric' in out
    assert "about: info: 1 of the recommended three entries" in out
    assert "Complete: 4 of 9" in out
    assert "About You: 0:04 spoken" in out
    assert "Whole kit:" in out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    save_backgrounder(KIT)
    code, out, _ = run(capsys, "backgrounder", "check", "--json")
    assert code == 0
    items = json.loads(out)
    assert all(set(i) == {"section", "index", "severity", "message", "quote"} for i in items)
    assert {
        "section": "quantitative",
        "index": 1,
        "severity": "warning",
        "quote": "Led the platform rewrite",
    }.items() <= items[1].items()
    assert [i for i in items if i["section"] == "qualitative" and i["index"] is not None] == []


def test_check_on_a_corrupt_file_warns_and_still_succeeds(capsys: pytest.CaptureFixture[str]) -> None:
    paths = get_paths()
    paths.backgrounder.parent.mkdir(parents=True, exist_ok=True)
    paths.backgrounder.write_text("not = [toml", encoding="utf-8")
    code, out, err = run(capsys, "backgrounder", "check", "--json")
    assert code == 0
    assert "warning:" in err and "moved to" in err
    assert len(json.loads(out)) == 3  # the three empty sections
    assert len(list(paths.broken_dir.iterdir())) == 1


def test_help_lists_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "backgrounder", "--help")
    assert code == 0
    for name in ("export", "import", "check"):
        assert name in out
