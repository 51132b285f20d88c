"""Settings: round trip, validation with clear diagnostics, corrupt files moved aside."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockint.core.errors import MockintError
from mockint.core.paths import get_paths
from mockint.core.settings import (
    DEFAULT_THEME,
    Settings,
    load_settings,
    load_settings_with_warnings,
    save_settings,
    settings_from_dict,
)


def test_missing_file_gives_defaults() -> None:
    settings, warnings = load_settings_with_warnings(get_paths())
    assert settings == Settings()
    assert warnings == []


def test_round_trip() -> None:
    paths = get_paths()
    s = Settings(
        answer_seconds=90,
        prep_seconds=15,
        bell=False,
        persona_name="Priya",
        persona_style="formal",
        auto_probe=True,
        reduced_motion=True,
        theme="interview-night",
    )
    save_settings(s, paths)
    assert paths.settings.is_file()
    assert load_settings(paths) == s
    # No theme is omitted from the file and comes back as the default, a shipped theme.
    save_settings(Settings(theme=None), paths)
    assert "theme" not in paths.settings.read_text()
    assert load_settings(paths).theme == DEFAULT_THEME == "calm-dark"


def test_the_default_theme_is_a_shipped_one() -> None:
    from mockint.core.themes import load_theme_specs

    assert Settings().theme == DEFAULT_THEME
    specs, _warnings = load_theme_specs()
    assert DEFAULT_THEME in {spec.name for spec in specs if spec.source == "shipped"}


def test_bad_values_fall_back_with_warnings() -> None:
    paths = get_paths()
    paths.settings.parent.mkdir(parents=True)
    paths.settings.write_text(
        'answer_seconds = "90"\n'
        "prep_seconds = 601\n"
        "bell = 1\n"
        'persona_style = "grumpy"\n'
        'persona_name = ""\n'
        'theme = "../evil"\n'
        "auto_probe = true\n"
        "colour = 3\n"
    )
    settings, warnings = load_settings_with_warnings(paths)
    assert settings == Settings(auto_probe=True)
    by_key = {w.key: w for w in warnings}
    assert set(by_key) == {
        "answer_seconds",
        "prep_seconds",
        "bell",
        "persona_style",
        "persona_name",
        "theme",
        "colour",
    }
    assert all(w.severity == "warning" for w in warnings)
    assert "expected an integer 10..3600, got a string" in by_key["answer_seconds"].message
    assert "got 601" in by_key["prep_seconds"].message
    assert "expected true or false, got an integer" in by_key["bell"].message
    assert "'grumpy'" in by_key["persona_style"].message
    assert "ignored" in by_key["colour"].message
    assert by_key["bell"].format().startswith(str(paths.settings) + ": warning: bell: ")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("answer_seconds", 9),
        ("answer_seconds", 3601),
        ("answer_seconds", True),
        ("answer_seconds", 60.0),
        ("prep_seconds", -1),
        ("persona_style", "Warm"),
        ("persona_name", "x" * 41),
        ("persona_name", "Sam\x1b[31m"),
        ("persona_name", "   "),
        ("theme", "Not A Slug"),
        ("reduced_motion", "yes"),
    ],
)
def test_invalid_values_are_refused(key: str, value: object) -> None:
    with pytest.raises(MockintError) as info:
        Settings().with_changes(**{key: value})
    assert info.value.key == key
    assert info.value.exit_code == 2


def test_edges_are_accepted() -> None:
    s = Settings().with_changes(answer_seconds=10, prep_seconds=600, persona_name="x" * 40)
    assert (s.answer_seconds, s.prep_seconds) == (10, 600)
    assert Settings().with_changes(answer_seconds=3600, prep_seconds=0).answer_seconds == 3600


def test_unknown_change_is_refused() -> None:
    with pytest.raises(MockintError, match="unknown setting"):
        Settings().with_changes(volume=3)


def test_save_refuses_invalid_settings() -> None:
    paths = get_paths()
    with pytest.raises(MockintError) as info:
        save_settings(Settings(answer_seconds=5), paths)
    assert info.value.key == "answer_seconds"
    assert not paths.settings.exists()


def test_persona_name_is_stripped_on_load() -> None:
    settings, warnings = settings_from_dict({"persona_name": "  Ada  "})
    assert settings.persona_name == "Ada"
    assert warnings == []


def test_corrupt_file_is_moved_aside() -> None:
    paths = get_paths()
    paths.settings.parent.mkdir(parents=True)
    paths.settings.write_text("answer_seconds = = 3\n")
    when = datetime(2026, 11, 21, 10, 30, 0, tzinfo=UTC)
    settings, warnings = load_settings_with_warnings(paths, now=lambda: when)
    assert settings == Settings()
    assert not paths.settings.exists()
    moved = paths.broken_dir / "settings-20261121T103000Z.toml"
    assert moved.read_text() == "answer_seconds = = 3\n"
    assert len(warnings) == 1
    assert "does not parse" in warnings[0].message
    assert str(moved) in warnings[0].message
    # A second corrupt file in the same second does not overwrite the first.
    paths.settings.write_bytes(b"\xff\xfe not utf-8")
    _, warnings = load_settings_with_warnings(paths, now=lambda: when)
    assert (paths.broken_dir / "settings-20261121T103000Z-2.toml").read_bytes() == b"\xff\xfe not utf-8"
    assert "not valid UTF-8" in warnings[0].message


def test_save_is_atomic_and_leaves_no_temp_files() -> None:
    paths = get_paths()
    save_settings(Settings(), paths)
    save_settings(Settings(bell=False), paths)
    assert [p.name for p in paths.settings.parent.iterdir()] == ["settings.toml"]
    assert load_settings(paths).bell is False
