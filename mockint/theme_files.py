"""Theme files checked with Textual's colour parser: shared by the app and `mockint themes`.

mockint.core.themes reads the TOML shape (core never imports Textual); this module adds the
colour check and the reserved names of Textual's own themes. It sits beside the two front
ends so that neither has to import the other (docs/architecture.md).
"""

from __future__ import annotations

from pathlib import Path

from mockint.core.errors import Diagnostic
from mockint.core.paths import Paths
from mockint.core.themes import ThemeSpec, load_theme_specs


def colour_problem(value: str) -> str | None:
    """Why Textual cannot parse `value` as a colour, or None."""
    from textual.color import Color, ColorParseError

    try:
        Color.parse(value)
    except ColorParseError as exc:
        return str(exc)
    return None


def builtin_theme_names() -> list[str]:
    """Textual's own themes (their names are reserved)."""
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)


def load_file_themes(
    paths: Paths | None = None, *, shipped_dir: Path | None = None
) -> tuple[list[ThemeSpec], list[Diagnostic]]:
    """Every shipped and user theme with its colours checked by Textual, and the warnings."""
    return load_theme_specs(
        paths, shipped_dir=shipped_dir, colour_check=colour_problem, reserved=builtin_theme_names()
    )
