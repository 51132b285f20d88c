"""`mockint packs ...` through click's CliRunner, and a few real runs of the installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mockint.cli import cli
from mockint.core.errors import MockintError
from mockint.core.paths import get_paths

REPO = Path(__file__).resolve().parents[2]
GOOD = 'format = 1\n[pack]\nid = "cli-pack"\nname = "CLI pack"\nversion = "{v}"\n[[questions]]\nid = "q"\ntext = "{t}"\n'


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["packs", *args])


def pack_file(tmp_path: Path, name: str = "p.toml", version: str = "1.0.0", text: str = "Why?") -> str:
    path = tmp_path / name
    path.write_text(GOOD.format(v=version, t=text), encoding="utf-8")
    return str(path)


def test_list_json_shape_includes_builtins() -> None:
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = {p["id"] for p in data}
    assert {"backgrounder-openers", "product-leadership", "behavioral-star", "product-sense"} <= ids
    for p in data:
        assert {"id", "name", "version", "questions", "categories", "source", "shadows", "shadowed"} <= set(p)
        assert p["source"] == "builtin" and isinstance(p["questions"], int)


def test_list_text_marks_shadowing(tmp_path: Path) -> None:
    src = tmp_path / "ps.toml"
    src.write_text(
        'format = 1\n[pack]\nid = "product-sense"\nname = "My product sense"\nversion = "99.0.0"\n'
        '[[questions]]\nid = "q"\ntext = "Mine?"\n',
        encoding="utf-8",
    )
    assert run("import", str(src)).exit_code == 0
    out = run("list").stdout
    assert "user (shadows built-in)" in out and "built-in (shadowed)" in out
    data = json.loads(run("list", "--json").stdout)
    mine = [p for p in data if p["id"] == "product-sense"]
    assert sorted((p["source"], p["shadows"], p["shadowed"]) for p in mine) == [
        ("builtin", False, True), ("user", True, False)
    ]
    shown = json.loads(run("show", "product-sense", "--json").stdout)
    assert shown["name"] == "My product sense" and shown["source"] == "user"


def test_show_json_has_effective_seconds(tmp_path: Path) -> None:
    src = tmp_path / "t.toml"
    src.write_text(
        'format = 1\n[pack]\nid = "timed"\nname = "Timed"\nversion = "1.0.0"\n'
        "[defaults]\nanswer_seconds = 90\nprep_seconds = 5\n"
        '[[categories]]\nid = "c"\nname = "C"\n'
        '[[questions]]\nid = "a"\ntext = "A?"\ncategory = "c"\n'
        '[[questions]]\nid = "b"\ntext = "B?"\nanswer_seconds = 200\nfollow_ups = ["More?"]\ntags = ["x"]\n'
        '[[plans]]\nid = "p"\nname = "P"\nsteps = [{ question = "a" }, { tag = "x", count = 2 }]\n',
        encoding="utf-8",
    )
    run("import", str(src))
    data = json.loads(run("show", "timed", "--json").stdout)
    assert {"id", "name", "version", "description", "categories", "questions", "plans"} <= set(data)
    assert data["categories"][0] == {"id": "c", "name": "C", "description": None}
    a, b = data["questions"]
    assert (a["answer_seconds"], a["prep_seconds"], a["category"]) == (90, 5, "c")
    assert (b["answer_seconds"], b["prep_seconds"], b["follow_ups"], b["tags"]) == (200, 5, ["More?"], ["x"])
    assert data["plans"] == [{"id": "p", "name": "P", "description": None,
                              "steps": [{"question": "a"}, {"tag": "x", "count": 2}]}]


def test_show_text_prints_markup_literally(tmp_path: Path) -> None:
    run("import", pack_file(tmp_path, text="[bold red]Loud[/bold red]?"))
    result = run("show", "cli-pack")
    assert result.exit_code == 0
    assert "[bold red]Loud[/bold red]?" in result.stdout
    assert "\x1b[" not in result.stdout


def test_show_unknown_is_exit_1() -> None:
    result = run("show", "nope")
    assert isinstance(result.exception, MockintError) and result.exception.exit_code == 1


def test_validate_ok_and_errors(tmp_path: Path) -> None:
    good = pack_file(tmp_path)
    result = run("validate", good)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"OK  {good}: cli-pack 1.0.0, 1 question, 0 categories, 0 plans")
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.format(v="1.0", t="Why?"), encoding="utf-8")
    result = run("validate", good, str(bad))
    assert result.exit_code == 2
    assert f"{bad}:5:" in result.stderr and "error" in result.stderr


def test_validate_warnings_and_strict(tmp_path: Path) -> None:
    md = tmp_path / "talk.md"
    md.write_text("# Talk\n- Q?\n\n    stray\n", encoding="utf-8")
    result = run("validate", str(md))
    assert result.exit_code == 0 and f"{md}:4: warning:" in result.stderr
    result = run("validate", "--strict", str(md))
    assert result.exit_code == 2 and f"{md}:4: error:" in result.stderr


def test_validate_directory_and_format_option(tmp_path: Path) -> None:
    d = tmp_path / "dir"
    d.mkdir()
    pack_file(d, "a.toml")
    (d / "b.md").write_text("# B\n- Q?\n", encoding="utf-8")
    result = run("validate", str(d))
    assert result.exit_code == 0 and result.stdout.count("OK  ") == 2
    txt = tmp_path / "pack.list"
    txt.write_text("text\nWhy?\n", encoding="utf-8")
    assert run("validate", str(txt)).exit_code != 0
    assert run("validate", "--format", "csv", str(txt)).exit_code == 0
    anki_export = tmp_path / "deck.txt"  # Anki's text exports are .txt files
    anki_export.write_text("#separator:tab\nWhy?\tBecause.\n", encoding="utf-8")
    assert run("validate", str(anki_export)).exit_code == 0


def test_validate_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_import_report_and_exit_codes(tmp_path: Path) -> None:
    src = pack_file(tmp_path)
    result = run("import", src)
    assert (result.exit_code, result.stdout) == (0, f"installed  cli-pack 1.0.0 (1 question)  from {src}\n")
    assert run("import", src).stdout.startswith("unchanged  cli-pack 1.0.0")
    newer = pack_file(tmp_path, "n.toml", "1.1.0", "Why now?")
    assert run("import", newer).stdout.startswith("updated  cli-pack 1.0.0 → 1.1.0")
    older = pack_file(tmp_path, "o.toml", "1.0.0", "Why then?")
    result = run("import", older)
    assert result.exit_code == 1 and result.stderr.startswith(f"refused  {older}:") and "--force" in result.stderr
    assert result.stdout == ""
    assert run("import", "--force", older).exit_code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 2\n", encoding="utf-8")
    result = run("import", str(bad), older)
    assert result.exit_code == 2  # bad input outranks a conflict-free unchanged import
    assert f"{bad}" in result.stderr


def test_import_id_with_several_sources_is_usage_error(tmp_path: Path) -> None:
    result = run("import", "--id", "x", pack_file(tmp_path), pack_file(tmp_path, "b.toml"))
    assert result.exit_code == 2


def test_import_markdown_with_overrides(tmp_path: Path) -> None:
    md = tmp_path / "whatever.md"
    md.write_text("- Q?\n", encoding="utf-8")
    result = run("import", str(md), "--id", "named", "--name", "Named", "--version", "2.0.0")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("installed  named 2.0.0")


def test_export_round_trips_to_stdout_and_file(tmp_path: Path) -> None:
    from mockint.core.packs.library import PackLibrary
    from mockint.core.packs.loader import load_pack_bytes

    result = run("export", "behavioral-star")
    assert result.exit_code == 0
    exported = load_pack_bytes(result.stdout.encode(), source="x.toml", strict=True).pack
    assert exported == PackLibrary().get("behavioral-star")
    out = tmp_path / "out.toml"
    assert run("export", "behavioral-star", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout


def test_remove_user_and_refuse_builtin(tmp_path: Path) -> None:
    run("import", pack_file(tmp_path))
    result = run("remove", "cli-pack")
    assert result.exit_code == 0 and "history is kept" in result.stdout
    assert not (get_paths().packs_dir / "cli-pack.toml").exists()
    result = run("remove", "behavioral-star")
    assert isinstance(result.exception, MockintError) and result.exception.exit_code == 1
    result = run("remove", "cli-pack")
    assert isinstance(result.exception, MockintError) and result.exception.exit_code == 1


def test_new_writes_a_strict_valid_starter_and_refuses_overwrite(tmp_path: Path) -> None:
    result = run("new")
    assert result.exit_code == 0 and result.stdout.startswith("# A mockint question pack")
    target = tmp_path / "mine.toml"
    assert run("new", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == result.stdout
    assert run("validate", "--strict", str(target)).exit_code == 0
    target.write_text("mine", encoding="utf-8")
    result = run("new", "-o", str(target))
    assert isinstance(result.exception, MockintError) and result.exception.exit_code == 1
    assert target.read_text(encoding="utf-8") == "mine"
    assert run("new", "-o", str(target), "--force").exit_code == 0


def test_starter_pack_shows_every_feature() -> None:
    from mockint.core.packs.loader import load_pack_bytes
    from mockint.core.packs.starter import STARTER_PACK

    result = load_pack_bytes(STARTER_PACK.encode(), source="starter.toml", strict=True)
    pack = result.pack
    assert result.warnings == []
    assert pack.info.description and pack.info.author and pack.info.license and pack.info.homepage and pack.info.tags
    assert pack.defaults.present and pack.categories and pack.rubric and len(pack.rubric[0].anchors) == 5
    q = pack.question("shipped-under-pressure")
    assert q is not None and q.follow_ups and q.own_answer_seconds and q.own_prep_seconds and q.guidance
    assert {q.difficulty for q in pack.questions} == {"easy", "medium", "hard"}
    assert any(q.placeholders for q in pack.questions)
    kinds = {k for p in pack.plans for s in p.steps for k in s.as_dict() if k != "count"}
    assert kinds == {"question", "category", "tag"}


# -- the real entry point: stderr format, exit codes, no traceback --------------------------------

def mockint(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    exe = REPO / ".venv" / "bin" / "mockint"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "mockint"]
    env = {**os.environ, "MOCKINT_HOME": str(home)}
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=60)


def test_entry_point_validate_error_format(tmp_path: Path, mockint_home: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.format(v="1.0.0", t="Why?") + 'answer_seconds = "2m"\n', encoding="utf-8")
    proc = mockint("packs", "validate", str(bad), home=mockint_home)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert lines and all(line.startswith(f"{bad}:") for line in lines)
    assert any(": error: " in line and "answer_seconds" in line for line in lines)
    assert lines[0].split(":")[1].isdigit() and lines[0].split(":")[2].isdigit()  # path:line:col
    assert "Traceback" not in proc.stderr


def test_entry_point_csv_row_numbers(tmp_path: Path, mockint_home: Path) -> None:
    bad = tmp_path / "rows.csv"
    bad.write_text('text,difficulty\n"two\nlines",easy\nQ,extreme\n', encoding="utf-8")
    proc = mockint("packs", "import", str(bad), home=mockint_home)
    assert proc.returncode == 2
    assert f"{bad}:4:2: error:" in proc.stderr and "row 3: " in proc.stderr
    assert proc.stderr.splitlines()[-1].startswith(f"refused  {bad}:") and proc.stdout == ""
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [(("packs", "list"), 0), (("packs", "remove", "product-sense"), 1), (("packs", "show", "nope"), 1),
     (("packs", "import", "ftp://x/y.toml"), 2), (("packs", "validate"), 2), (("packs", "bogus"), 2)],
)
def test_entry_point_exit_codes(args: tuple[str, ...], code: int, mockint_home: Path) -> None:
    proc = mockint(*args, home=mockint_home)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    if code == 1:
        assert ": error: " in proc.stderr


def test_report_lines_escape_control_characters_in_file_names(tmp_path: Path) -> None:
    d = tmp_path / "odd"
    d.mkdir()
    (d / "evil\x1b[2J.toml").write_text(GOOD.format(v="1.0.0", t="Why?"), encoding="utf-8")
    result = run("import", str(d))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\\u001b[2J" in result.stdout


def test_validate_accepts_import_overrides(tmp_path: Path) -> None:
    md = tmp_path / "Вопросы.md"
    md.write_text("- Q?\n", encoding="utf-8")
    assert run("validate", str(md)).exit_code == 2  # no id from that file name, no name
    result = run("validate", str(md), "--id", "questions", "--name", "Questions", "--version", "2.0.0")
    assert result.exit_code == 0, result.stderr
    assert "questions 2.0.0, 1 question" in result.stdout


def test_list_json_has_origin_and_mix_and_mix_toggles(tmp_path: Path) -> None:
    src = pack_file(tmp_path)
    run("import", src)
    rows = {r["id"]: r for r in json.loads(run("list", "--json").stdout)}
    assert rows["cli-pack"]["origin"] == str(Path(src).resolve()) and rows["cli-pack"]["in_mix"] is True
    assert all(r["origin"] is None for r in rows.values() if r["source"] == "builtin")
    result = run("mix", "cli-pack", "--off")
    assert result.exit_code == 0 and "out of the quick mixed interview" in result.stdout
    rows = {r["id"]: r for r in json.loads(run("list", "--json").stdout)}
    assert rows["cli-pack"]["in_mix"] is False
    assert run("mix", "cli-pack").exit_code == 2  # --on or --off is required
    assert run("mix", "no-such-pack", "--on").exit_code == 1


def test_update_reports_a_line_per_pack(tmp_path: Path) -> None:
    md = tmp_path / "team.md"
    md.write_text("# Team\n\n- Why this team?\n", encoding="utf-8")
    run("import", str(md))
    assert run("update").stdout.startswith("unchanged  team 1.0.0")
    md.write_text("# Team\n\n- Why this team?\n- Who decides what?\n", encoding="utf-8")
    result = run("update", "team")
    assert result.exit_code == 0 and result.stdout.startswith("updated  team 1.0.0 → 1.0.1 (2 questions)")
    md.unlink()
    result = run("update", "team")
    assert result.exit_code == 2 and "no such file" in result.stderr and result.stdout == ""


def test_show_renders_text_as_the_practice_screen_and_wraps_cjk(tmp_path: Path) -> None:
    long_cjk = "面接官に聞くべき質問" * 12 + "？"
    md = tmp_path / "code.md"
    md.write_text(f"# Code\n\n- What does `f(){{}}` return?\n- {long_cjk}\n", encoding="utf-8")
    run("import", str(md))
    out = run("show", "code").stdout
    assert "What does `f(){}` return?" in out and "{{" not in out
    from rich.cells import cell_len

    assert all(cell_len(line) <= 100 for line in out.splitlines())
    assert sum(1 for line in out.splitlines() if "面接官" in line) >= 3


def test_listings_escape_line_breaks_and_invisible_characters(tmp_path: Path) -> None:
    src = tmp_path / "evil.toml"
    src.write_text(
        'format = 1\n[pack]\nid = "evil"\nname = "Nice\\u202e txt.exe"\nversion = "1.0.0"\n'
        '[[questions]]\nid = "q"\ntext = "Why?\\u200b"\n',
        encoding="utf-8",
    )
    assert run("import", str(src)).exit_code == 0
    listing = run("list").stdout
    assert "\u202e" not in listing and "Nice\\u202e txt.exe" in listing
    shown = run("show", "evil").stdout
    assert "\u202e" not in shown and "\u200b" not in shown


def test_list_shows_names_first_with_ids_secondary(tmp_path: Path) -> None:
    run("import", pack_file(tmp_path))
    header = run("list").stdout.splitlines()[0].split()
    assert header[:2] == ["NAME", "ID"] and "MIX" in header


def test_import_keep_all_and_apkg_format_are_options(tmp_path: Path) -> None:
    md = tmp_path / "notes.md"
    md.write_text("# Notes\n\n## Usage\n\n- Pick the ones you like\n", encoding="utf-8")
    result = run("import", str(md))
    assert result.exit_code == 2 and "does not read as a question" in result.stderr
    result = run("import", "--keep-all", str(md))
    assert result.exit_code == 0 and result.stdout.startswith("installed  notes 1.0.0 (1 question)")
    assert "apkg" in run("import", "--help").stdout
