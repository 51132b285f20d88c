"""Theme files as Textual themes, registered with the app (the files are read by mockint.theme_files)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockint.core.paths import Paths
from mockint.core.themes import ThemeSpec, effective_specs, find_theme_spec
from mockint.theme_files import builtin_theme_names, colour_problem, load_file_themes

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme

#: mockint's own CSS variables, so styles may use them under every theme (a theme file may override them).
CLOCK_VARIABLES = ("clock-ok", "clock-warn", "clock-over")


def theme_names(paths: Paths | None = None) -> list[str]:
    """Every theme `--theme` may name: Textual's, the shipped ones and the person's (bad files left out)."""
    specs, _warnings = load_file_themes(paths)
    return sorted({*builtin_theme_names(), *(spec.name for spec in specs)})


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """A Textual Theme from a checked spec."""
    from textual.theme import Theme

    colours: dict[str, Any] = dict(spec.colours)  # only keys of COLOUR_KEYS, all Theme fields
    return Theme(name=spec.name, dark=spec.dark, variables=dict(spec.variables), **colours)


def register_file_themes(app: App[Any], paths: Paths | None = None, *, shipped_dir: Path | None = None) -> list[str]:
    """Register every valid theme file with `app`; return one warning per bad file (a line per problem).

    Never raises: a theme that Textual still refuses is skipped and reported too.
    """
    specs, diagnostics = load_file_themes(paths or getattr(app, "paths", None), shipped_dir=shipped_dir)
    by_file: dict[str | None, list[str]] = {}
    for diagnostic in diagnostics:  # one notification per file, every problem in it
        by_file.setdefault(diagnostic.path, []).append(diagnostic.format())
    messages = ["\n".join(lines) for lines in by_file.values()]
    for spec in effective_specs(specs):
        try:
            theme = to_textual_theme(spec)
            theme.to_color_system().generate()  # fails here, not later when the theme is chosen
        except Exception as exc:  # defensive: keep starting whatever a file holds
            messages.append(f"{spec.path}: warning: {exc}; theme skipped")
            continue
        app.register_theme(theme)
    return messages


def register_file_theme(app: App[Any], name: str, paths: Paths | None = None) -> bool:
    """Register the one theme file that defines `name` (the start theme); False when none valid does.

    Only the files that may define it are read (`find_theme_spec`); the other files, and
    every file's warnings, wait for `register_file_themes`.
    """
    spec = find_theme_spec(
        name, paths or getattr(app, "paths", None), colour_check=colour_problem, reserved=builtin_theme_names()
    )
    if spec is None:
        return False
    try:
        theme = to_textual_theme(spec)
    except Exception:  # reported when every file is registered
        return False
    # Its colour system is generated once, by the caller (App.get_css_variables).
    app.register_theme(theme)
    return True


def clock_variable_defaults(variables: dict[str, str]) -> dict[str, str]:
    """Defaults for the clock colours from a theme's generated variables (its success, warning, error text)."""
    return {
        "clock-ok": variables.get("text-success", "green"),
        "clock-warn": variables.get("text-warning", "yellow"),
        "clock-over": variables.get("text-error", "red"),
    }
