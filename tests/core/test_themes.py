"""Theme files: checking (core), registering with the app, --theme, and the remembered choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mockint.core.errors import Diagnostic
from mockint.core.paths import get_paths
from mockint.core.themes import (
    MAX_THEME_BYTES,
    effective_specs,
    find_theme_spec,
    load_theme_specs,
    parse_theme_bytes,
    shipped_themes_dir,
)
from mockint.theme_files import builtin_theme_names, colour_problem, load_file_themes

SIZE = (80, 24)
GOOD = """
name = "interview-night"
dark = true
primary = "#7aa2f7"
secondary = "#bb9af7"
background = "#1a1b26"
[variables]
"footer-key-foreground" = "#7aa2f7"
"input-selection-background" = "#7aa2f7 35%"
"block-cursor-text-style" = "bold"
"clock-warn" = "orange"
"""


def parse(text: str, path: str = "t.toml") -> tuple[Any, list[Diagnostic]]:
    return parse_theme_bytes(text.encode(), path=path, colour_check=colour_problem)


def keys_of(diags: list[Diagnostic]) -> list[str | None]:
    return [d.key for d in diags]


def write_user_theme(name: str, text: str) -> Path:
    folder = get_paths().themes_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- core checks ---------------------------------------------------------------------------

def test_a_good_theme_keeps_every_value() -> None:
    spec, diags = parse(GOOD)
    assert diags == []
    assert spec.name == "interview-night" and spec.dark is True
    assert spec.colours == {"primary": "#7aa2f7", "secondary": "#bb9af7", "background": "#1a1b26"}
    assert spec.variables["input-selection-background"] == "#7aa2f7 35%"
    assert spec.variables["block-cursor-text-style"] == "bold"


def test_dark_defaults_to_true() -> None:
    spec, _ = parse('name = "a"\nprimary = "red"\n')
    assert spec.dark is True


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('name = "x"\nprimary = "#zzzzzz"\n', "primary", "#zzzzzz"),
        ('name = "x"\nprimary = "red"\nsurface = "banana"\n', "surface", "banana"),
        ('name = "x"\nprimary = 12\n', "primary", "colour"),
        ('name = "x"\n', "primary", "required"),
        ('primary = "red"\n', "name", "required"),
        ('name = "Night Mode"\nprimary = "red"\n', "name", "slug"),
        ('name = "x"\nprimary = "red"\ndark = "yes"\n', "dark", "true or false"),
        ('name = "x"\nprimary = "red"\n[variables]\n"footer-background" = "nope"\n',
         "variables.footer-background", "nope"),
        ('name = "x"\nprimary = "red"\n[variables]\n"border" = "red; color: blue"\n', "variables.border", "colour"),
        ('name = "x"\nprimary = "red"\n[variables]\n"Bad Name" = "red"\n', "variables.'Bad Name'", "variable"),
        ('name = "x"\nprimary = "red"\n[variables]\n"link-style" = "bold; x"\n', "variables.link-style", "style"),
        ('name = "x"\nprimary = "red"\nvariables = 3\n', "variables", "table"),
        ('name = "x"\nprimary = "red"\n[variables]\n"block-cursor-text-style" = "shiny"\n',
         "variables.block-cursor-text-style", "shiny"),
    ],
)
def test_a_bad_value_skips_the_theme_naming_file_and_key(text: str, key: str, words: str) -> None:
    spec, diags = parse(text, path="/themes/bad.toml")
    assert spec is None
    hit = [d for d in diags if d.key == key]
    assert hit, diags
    line = hit[0].format()
    assert line.startswith("/themes/bad.toml: warning: ") and words in line and "skipped" in line


def test_toml_that_does_not_parse_is_skipped_with_its_position() -> None:
    spec, diags = parse('name = "x"\nprimary = \n', path="broken.toml")
    assert spec is None and len(diags) == 1
    assert diags[0].format().startswith("broken.toml:2:") and "not valid TOML" in diags[0].message


def test_not_utf8_is_skipped() -> None:
    spec, diags = parse_theme_bytes(b'name = "\xff"\nprimary = "red"\n', path="b.toml")
    assert spec is None and "UTF-8" in diags[0].message


def test_an_unknown_key_is_a_warning_but_the_theme_loads() -> None:
    spec, diags = parse('name = "x"\nprimary = "red"\nluminosity = 3\n')
    assert spec is not None and keys_of(diags) == ["luminosity"]


def test_every_shipped_theme_loads_without_warnings() -> None:
    specs, diags = load_file_themes()
    assert diags == []
    shipped = {s.name for s in specs if s.source == "shipped"}
    assert {"calm-dark", "paper", "high-contrast"} <= shipped
    assert all(Path(s.path).parent == shipped_themes_dir() for s in specs)


def test_user_themes_shadow_shipped_ones_and_bad_files_are_reported() -> None:
    write_user_theme("paper.toml", 'name = "paper"\nprimary = "#123456"\ndark = false\n')
    write_user_theme("mine.toml", 'name = "mine"\nprimary = "#abcdef"\n')
    write_user_theme("again.toml", 'name = "mine"\nprimary = "#abcdef"\n')  # sorted first: it wins
    write_user_theme("bad.toml", 'name = "bad"\nprimary = "#nothex"\n')
    write_user_theme("nord.toml", 'name = "nord"\nprimary = "red"\n')
    write_user_theme("notes.txt", "not a theme")
    specs, diags = load_file_themes()
    user = {s.name: s for s in specs if s.source == "user"}
    assert set(user) == {"paper", "mine"}
    assert Path(user["mine"].path).name == "again.toml"
    assert [s.shadowed for s in specs if s.name == "paper" and s.source == "shipped"] == [True]
    lines = [d.format() for d in diags]
    assert any("bad.toml: warning: primary:" in line for line in lines)
    assert any("nord.toml: warning: name:" in line and "built-in" in line for line in lines)
    assert any("mine.toml: warning: name:" in line and "already defined" in line for line in lines)


def test_each_shipped_theme_file_is_named_after_its_theme() -> None:
    # find_theme_spec reads only <name>.toml of the shipped themes for the start theme.
    specs, _ = load_file_themes()
    shipped = [s for s in specs if s.source == "shipped"]
    assert shipped and all(Path(s.path).stem == s.name for s in shipped)


def test_finding_one_theme_agrees_with_loading_them_all(tmp_path: Path) -> None:
    write_user_theme("paper-mine.toml", 'name = "paper"\nprimary = "#123456"\ndark = false\n')  # shadows
    write_user_theme("b.toml", 'name = "mine"\nprimary = "#abcdef"\n')
    write_user_theme("a.toml", 'name = "mine"\nprimary = "#fedcba"\n')  # sorted first: it wins
    write_user_theme("c.toml", 'name = "broken"\nprimary = "#nothex"\n')
    write_user_theme("nord.toml", 'name = "nord"\nprimary = "red"\n')  # reserved: never found
    specs, _ = load_file_themes()
    in_force = {s.name: s for s in effective_specs(specs)}
    reserved = builtin_theme_names()
    for name in [*in_force, "broken", "nord", "missing", "../paper", "Paper"]:
        found = find_theme_spec(name, colour_check=colour_problem, reserved=reserved)
        assert found == in_force.get(name), name
    assert Path(in_force["paper"].path).name == "paper-mine.toml"
    assert in_force["mine"].colours["primary"] == "#fedcba"


def test_a_shipped_theme_in_a_file_of_another_name_is_still_found(tmp_path: Path) -> None:
    (tmp_path / "calm-dark.toml").write_text('name = "dusk"\nprimary = "#123456"\n')
    (tmp_path / "zz.toml").write_text('name = "calm-dark"\nprimary = "#654321"\n')
    found = find_theme_spec("calm-dark", shipped_dir=tmp_path, colour_check=colour_problem)
    assert found is not None and Path(found.path).name == "zz.toml" and found.source == "shipped"
    assert find_theme_spec("dusk", shipped_dir=tmp_path) is not None


def test_a_huge_file_is_skipped(tmp_path: Path) -> None:
    write_user_theme("huge.toml", 'name = "huge"\nprimary = "red"\n' + "#" * MAX_THEME_BYTES)
    specs, diags = load_theme_specs(shipped_dir=tmp_path, colour_check=colour_problem)
    assert specs == [] and "huge.toml" in diags[0].format() and "KiB" in diags[0].message


def test_without_a_colour_checker_only_the_shape_is_checked() -> None:
    spec, diags = parse_theme_bytes(b'name = "x"\nprimary = "banana"\n', path="x.toml")
    assert spec is not None and diags == []


def test_builtin_names_come_from_textual() -> None:
    assert {"textual-dark", "nord"} <= set(builtin_theme_names())


# -- the app -------------------------------------------------------------------------------

def app_for(tmp_path: Path, **kwargs: Any) -> Any:
    from mockint.core.packs.library import PackLibrary
    from mockint.tui.app import MockintApp
    from tests.support.tui_support import ManualClock, builtin_dir

    library = PackLibrary(get_paths(), builtin_dir=builtin_dir(tmp_path))
    return MockintApp(library=library, clock=ManualClock(), **kwargs)


def messages(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_file_themes_are_registered_and_bad_ones_notified(tmp_path: Path) -> None:
    write_user_theme("night.toml", GOOD)
    write_user_theme("broken.toml", 'name = "broken"\nprimary = "#12"\n')
    app = app_for(tmp_path, theme_name="interview-night")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {"interview-night", "calm-dark", "paper", "high-contrast"} <= set(app.available_themes)
        assert "broken" not in app.available_themes
        assert app.theme == "interview-night"
        variables = app.get_css_variables()
        assert variables["footer-key-foreground"] == "#7aa2f7"
        assert variables["clock-warn"] == "orange"  # the file's own value wins over the default
        assert any("broken.toml" in m and "primary" in m for m in messages(app))


async def test_clock_colours_have_defaults_under_builtin_themes(tmp_path: Path) -> None:
    app = app_for(tmp_path, theme_name="nord", remember_theme=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        variables = app.get_css_variables()
        for name in ("clock-ok", "clock-warn", "clock-over"):
            assert colour_problem(variables[name]) is None
        assert variables["clock-over"] == variables["text-error"]
        app.theme = "calm-dark"  # a shipped theme sets its own
        await pilot.pause()
        assert app.get_css_variables()["clock-over"] == "#d37272"


async def test_theme_flag_applies_a_shipped_theme_and_is_not_remembered(tmp_path: Path) -> None:
    from mockint.core.settings import DEFAULT_THEME, load_settings

    app = app_for(tmp_path, theme_name="paper")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "paper" and not app.current_theme.dark
    assert load_settings().theme == DEFAULT_THEME


async def test_unknown_theme_flag_warns_and_keeps_the_default(tmp_path: Path) -> None:
    app = app_for(tmp_path, theme_name="no-such-theme")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in m for m in messages(app))


async def test_the_last_theme_chosen_is_used_at_the_next_start(tmp_path: Path) -> None:
    from mockint.core.settings import load_settings

    write_user_theme("night.toml", GOOD)
    first = app_for(tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first.theme = "interview-night"  # what the palette's theme picker does
        await pilot.pause()
    assert load_settings().theme == "interview-night"
    second = app_for(tmp_path)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert second.theme == "interview-night"
    third = app_for(tmp_path, theme_name="paper")  # a flag still wins for that run
    async with third.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert third.theme == "paper"
    assert load_settings().theme == "interview-night"


async def test_a_remembered_theme_whose_file_is_gone_falls_back_with_a_warning(tmp_path: Path) -> None:
    from mockint.core.settings import Settings, save_settings

    save_settings(Settings(theme="vanished"))
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("vanished" in m for m in messages(app))


def test_every_textual_builtin_theme_passes_the_same_checks() -> None:
    """The rules are no stricter than Textual's own themes (a copy of one must load)."""
    from textual.theme import BUILTIN_THEMES

    from mockint.core.themes import COLOUR_KEYS, check_theme_table

    for name, theme in BUILTIN_THEMES.items():
        table: dict[str, Any] = {"name": name, "dark": theme.dark, "variables": dict(theme.variables)}
        table.update({k: getattr(theme, k) for k in COLOUR_KEYS if getattr(theme, k) is not None})
        spec, diags = check_theme_table(table, path=f"{name}.toml", colour_check=colour_problem)
        assert spec is not None and diags == [], (name, diags)
