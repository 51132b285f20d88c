"""Colour theme files (docs/data-formats.md, "Theme"): find them, read them, check their shape.

Textual is not imported here: whether a colour parses is asked through a callback
(`ColourCheck`) that the TUI and the `themes list` command supply. A file with any
error is skipped with warnings naming the file and key; the app still starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import mockint
from mockint.core.errors import Diagnostic
from mockint.core.paths import Paths, get_paths
from mockint.core.text import find_control, is_slug

ThemeSource = Literal["shipped", "user"]
#: Why a colour does not parse, or None when it does.
ColourCheck = Callable[[str], "str | None"]

#: A theme file is a few dozen lines; anything this big is not one.
MAX_THEME_BYTES = 256 * 1024
#: Textual's Theme fields that hold a colour; `primary` is the one required.
COLOUR_KEYS = (
    "primary", "secondary", "accent", "warning", "error", "success",
    "foreground", "background", "surface", "panel", "boost",
)
_TOP_KEYS = frozenset({"name", "dark", "variables", *COLOUR_KEYS})
_VARIABLE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: Textual's text-style flags (textual.css.constants.VALID_STYLE_FLAGS): anything else breaks its CSS.
STYLE_FLAGS = frozenset(
    {"b", "blink", "bold", "dim", "i", "italic", "none", "not", "o", "overline", "reverse", "strike", "u",
     "underline", "uu"}
)
_PERCENT = re.compile(r"^\d{1,3}(?:\.\d+)?%$")
_MAX_VARIABLES = 200
_MAX_VALUE_CHARS = 100


@dataclass(frozen=True)
class ThemeSpec:
    """One valid theme file: the values to build a Textual Theme from."""

    name: str
    dark: bool
    colours: dict[str, str]
    variables: dict[str, str] = field(default_factory=dict)
    path: str = ""
    source: ThemeSource = "user"
    #: A shipped theme hidden by a user theme of the same name.
    shadowed: bool = False


def shipped_themes_dir() -> Path:
    """Where the shipped themes are: inside the installed wheel, else the repository's themes/."""
    package = Path(mockint.__file__).resolve().parent
    bundled = package / "_data" / "themes"
    if bundled.is_dir():
        return bundled
    return package.parent / "themes"


def theme_files(directory: Path) -> list[Path]:
    """The `*.toml` files directly in `directory`, sorted by name (none if it is missing)."""
    try:
        return sorted(p for p in directory.glob("*.toml") if p.is_file())
    except OSError:
        return []


def _warn(path: str, message: str, key: str | None = None, line: int | None = None,
          col: int | None = None) -> Diagnostic:
    return Diagnostic(message, path=path, line=line, col=col, key=key, severity="warning")


def read_theme_file(
    file: Path, *, source: ThemeSource, colour_check: ColourCheck | None = None
) -> tuple[ThemeSpec | None, list[Diagnostic]]:
    """Read and check one theme file; (None, warnings) when it must be skipped."""
    path = str(file)
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_THEME_BYTES + 1)
    except OSError as exc:
        return None, [_warn(path, f"cannot read theme file ({exc.strerror or exc}); theme skipped")]
    if len(data) > MAX_THEME_BYTES:
        return None, [_warn(path, f"larger than {MAX_THEME_BYTES // 1024} KiB, not a theme file; theme skipped")]
    return parse_theme_bytes(data, path=path, source=source, colour_check=colour_check)


def parse_theme_bytes(
    data: bytes, *, path: str, source: ThemeSource = "user", colour_check: ColourCheck | None = None
) -> tuple[ThemeSpec | None, list[Diagnostic]]:
    """Parse theme TOML; every problem is a warning and any error-level problem skips the theme."""
    import tomli

    try:
        raw = tomli.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, [_warn(path, "not valid UTF-8; theme skipped")]
    except tomli.TOMLDecodeError as exc:
        reason = getattr(exc, "msg", None) or str(exc)
        line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        return None, [_warn(path, f"not valid TOML ({reason}); theme skipped", line=line, col=col)]
    except RecursionError:
        return None, [_warn(path, "not valid TOML (arrays or tables nested too deeply); theme skipped")]
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return None, [_warn(path, f"not valid TOML ({exc}); theme skipped")]
    return check_theme_table(raw, path=path, source=source, colour_check=colour_check)


def check_theme_table(
    raw: dict[str, Any], *, path: str, source: ThemeSource = "user", colour_check: ColourCheck | None = None
) -> tuple[ThemeSpec | None, list[Diagnostic]]:
    """Check a parsed theme table key by key (see the module docstring)."""
    errors: list[Diagnostic] = []
    notes: list[Diagnostic] = []
    for key in raw:
        if key not in _TOP_KEYS:
            notes.append(_warn(path, "unknown key, ignored", key=key))

    name = raw.get("name")
    if name is None:
        errors.append(_warn(path, "required: the theme's name (a slug such as \"interview-night\")", key="name"))
    elif not isinstance(name, str) or not is_slug(name):
        errors.append(_warn(path, "expected a slug: lowercase letters, digits and inner hyphens", key="name"))

    dark = raw.get("dark", True)
    if not isinstance(dark, bool):
        errors.append(_warn(path, "expected true or false", key="dark"))

    colours: dict[str, str] = {}
    for key in COLOUR_KEYS:
        if key not in raw:
            if key == "primary":
                errors.append(_warn(path, "required: the theme's main colour, for example \"#7aa2f7\"", key=key))
            continue
        problem = _colour_value_problem(raw[key], colour_check, allow_alpha=False)
        if problem:
            errors.append(_warn(path, problem, key=key))
        else:
            colours[key] = str(raw[key]).strip()

    variables, var_errors = _check_variables(raw.get("variables", {}), path, colour_check)
    errors.extend(var_errors)
    if errors:
        return None, notes + [replace(d, message=f"{d.message}; theme skipped") for d in errors]
    assert isinstance(name, str) and isinstance(dark, bool)
    return ThemeSpec(name, dark, colours, variables, path, source), notes


def _check_variables(
    table: object, path: str, colour_check: ColourCheck | None
) -> tuple[dict[str, str], list[Diagnostic]]:
    """[variables]: CSS variable name -> a colour expression (or text style for `*-style` names)."""
    if not isinstance(table, dict):
        return {}, [_warn(path, "expected a table of variable = \"value\"", key="variables")]
    if len(table) > _MAX_VARIABLES:
        return {}, [_warn(path, f"more than {_MAX_VARIABLES} variables", key="variables")]
    out: dict[str, str] = {}
    errors: list[Diagnostic] = []
    for name, value in table.items():
        key = f"variables.{name}" if _VARIABLE_NAME.match(name) else f"variables.{name!r}"
        if not _VARIABLE_NAME.match(name) or len(name) > 64:
            errors.append(_warn(path, "expected a CSS variable name (lowercase words joined by hyphens)", key=key))
            continue
        if name.endswith("-style"):
            problem = _style_problem(value)
        else:
            problem = _colour_value_problem(value, colour_check, allow_alpha=True)
        if problem:
            errors.append(_warn(path, problem, key=key))
        else:
            out[name] = " ".join(str(value).split())
    return out, errors


def _style_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "expected a string of text style words, for example \"bold\" or \"none\""
    words = value.split()
    if not words or len(value) > _MAX_VALUE_CHARS or any(w not in STYLE_FLAGS for w in words):
        return f"expected text style words such as \"bold underline\" or \"none\", got {value!r}"
    return None


def _colour_value_problem(value: object, colour_check: ColourCheck | None, *, allow_alpha: bool) -> str | None:
    """Why `value` is not a colour (with an optional `NN%` alpha, or `auto NN%`, in variables)."""
    if not isinstance(value, str):
        return "expected a colour string, for example \"#7aa2f7\""
    if len(value) > _MAX_VALUE_CHARS or find_control(value) is not None or any(c in value for c in ";{}$"):
        return "expected a colour, for example \"#7aa2f7\""
    words = value.split()
    if allow_alpha and len(words) == 2 and _PERCENT.match(words[1]):
        words = words[:1]
    if allow_alpha and words in (["auto"], ["initial"]):  # Textual's own defaults use both
        return None
    if len(words) != 1:
        return f"expected a colour, got {value!r}"
    if colour_check is not None:
        problem = colour_check(words[0])
        if problem:
            return f"not a colour Textual can parse: {value!r}"
    return None


def load_theme_specs(
    paths: Paths | None = None,
    *,
    shipped_dir: Path | None = None,
    colour_check: ColourCheck | None = None,
    reserved: Collection[str] = (),
) -> tuple[list[ThemeSpec], list[Diagnostic]]:
    """Every valid shipped and user theme (user after shipped) and the warnings about the rest.

    A user theme with a shipped theme's name replaces it (the shipped one is flagged
    `shadowed`). A name in `reserved` (Textual's built-in themes) or used twice in one
    folder is skipped with a warning.
    """
    paths = paths or get_paths()
    specs: list[ThemeSpec] = []
    warnings: list[Diagnostic] = []
    reserved_names = set(reserved)
    folders: list[tuple[ThemeSource, Path]] = [
        ("shipped", shipped_dir or shipped_themes_dir()),
        ("user", paths.themes_dir),
    ]
    for source, directory in folders:
        seen: dict[str, str] = {}
        for file in theme_files(directory):
            spec, diags = read_theme_file(file, source=source, colour_check=colour_check)
            warnings.extend(diags)
            if spec is None:
                continue
            if spec.name in reserved_names:
                warnings.append(_warn(spec.path, f"{spec.name!r} is a built-in theme; choose another name; "
                                      "theme skipped", key="name"))
                continue
            if spec.name in seen:
                warnings.append(_warn(spec.path, f"the theme {spec.name!r} is already defined in "
                                      f"{seen[spec.name]}; theme skipped", key="name"))
                continue
            seen[spec.name] = spec.path
            specs.append(spec)
    user_names = {s.name for s in specs if s.source == "user"}
    return [
        ThemeSpec(s.name, s.dark, s.colours, s.variables, s.path, s.source, shadowed=True)
        if s.source == "shipped" and s.name in user_names else s
        for s in specs
    ], warnings


def find_theme_spec(
    name: str,
    paths: Paths | None = None,
    *,
    shipped_dir: Path | None = None,
    colour_check: ColourCheck | None = None,
    reserved: Collection[str] = (),
) -> ThemeSpec | None:
    """The theme in force called `name` (what `load_theme_specs` would give), reading few files.

    For the start theme, before the first frame. Every user file is read (a user theme of any
    file name replaces a shipped one, and the first file by name wins within a folder); of the
    shipped files only `<name>.toml`, as each shipped theme file is named after its theme
    (tests/core/test_themes.py checks that), and all of them should it not define `name`.
    Warnings are left to `load_theme_specs`, which the app runs after the first frame.
    """
    if name in reserved or not is_slug(name):
        return None
    paths = paths or get_paths()
    shipped = shipped_dir or shipped_themes_dir()
    named = shipped / f"{name}.toml"
    folders: list[tuple[ThemeSource, list[Path]]] = [
        ("user", theme_files(paths.themes_dir)),
        ("shipped", [named] if named.is_file() else []),
        ("shipped", theme_files(shipped)),
    ]
    for source, files in folders:
        for file in files:
            spec, _warnings = read_theme_file(file, source=source, colour_check=colour_check)
            if spec is not None and spec.name == name:
                return spec
    return None


def effective_specs(specs: list[ThemeSpec]) -> list[ThemeSpec]:
    """The themes in force: shadowed shipped themes left out."""
    return [s for s in specs if not s.shadowed]
