"""User settings: a small TOML file at `paths.settings`, validated key by key.

A bad value never stops the app: that key falls back to its default and a warning
says why. A file that does not parse is moved to `paths.broken_dir` (never
deleted) and defaults are used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from mockint.core.errors import Diagnostic, MockintError
from mockint.core.paths import Paths, get_paths
from mockint.core.text import find_control, is_slug, value_kind

PERSONA_STYLES = ("warm", "direct", "formal")
ANSWER_RANGE = (10, 3600)
PREP_RANGE = (0, 600)
NAME_MAX = 40

#: The theme of a first start: one of the shipped themes (themes/calm-dark.toml).
DEFAULT_THEME: Final = "calm-dark"

#: One line per setting, for a settings screen and for docs.
SETTINGS_HELP: dict[str, str] = {
    "answer_seconds": "Default answer target in seconds (10..3600) when a question sets none.",
    "prep_seconds": "Default thinking time in seconds before the answer clock starts (0..600).",
    "bell": "Ring the terminal bell once when an answer reaches its target.",
    "persona_name": "The interviewer's name (1..40 characters).",
    "persona_style": "How the interviewer talks: warm, direct or formal.",
    "auto_probe": "Ask a probing follow-up when an answer stops well short of its target.",
    "reduced_motion": "Calm the screen: no animations or flashing.",
    "theme": "The colour theme, remembered from the last one chosen (calm-dark at first).",
}


@dataclass
class Settings:
    """What the person chose; defaults are the app's first-run behaviour."""

    answer_seconds: int = 120
    prep_seconds: int = 0
    bell: bool = True
    persona_name: str = "Sam"
    persona_style: str = "warm"  # one of PERSONA_STYLES
    auto_probe: bool = False
    reduced_motion: bool = False
    theme: str | None = DEFAULT_THEME

    def to_dict(self) -> dict[str, Any]:
        """The TOML content: every key, except theme when it is None (TOML has no null)."""
        out = dataclasses.asdict(self)
        if out["theme"] is None:
            del out["theme"]
        return out

    def validate(self, *, path: str | None = None) -> list[Diagnostic]:
        """Every problem with the current values, as errors."""
        diags: list[Diagnostic] = []
        for f in dataclasses.fields(self):
            problem = _check(f.name, getattr(self, f.name))
            if problem:
                diags.append(Diagnostic(problem, path=path, key=f.name))
        return diags

    def with_changes(self, **changes: Any) -> Settings:
        """A copy with `changes` applied; MockintError (exit 2) naming every bad key or value."""
        names = {f.name for f in dataclasses.fields(self)}
        diags = [Diagnostic("unknown setting", key=k) for k in changes if k not in names]
        if diags:
            raise MockintError(diagnostics=diags)
        new = dataclasses.replace(self, **changes)
        diags = new.validate()
        if diags:
            raise MockintError(diagnostics=diags)
        return new


def _int_in(value: object, lo: int, hi: int) -> str | None:
    # bool is a subclass of int in Python; TOML keeps them apart and so do we.
    if isinstance(value, bool) or not isinstance(value, int):
        return f"expected an integer {lo}..{hi}, got {value_kind(value)}"
    if not lo <= value <= hi:
        return f"expected an integer {lo}..{hi}, got {value}"
    return None



def _check(key: str, value: object) -> str | None:
    """Why `value` is not acceptable for `key`, or None."""
    if key == "answer_seconds":
        return _int_in(value, *ANSWER_RANGE)
    if key == "prep_seconds":
        return _int_in(value, *PREP_RANGE)
    if key in ("bell", "auto_probe", "reduced_motion"):
        return None if isinstance(value, bool) else f"expected true or false, got {value_kind(value)}"
    if key == "persona_style":
        if not isinstance(value, str) or value not in PERSONA_STYLES:
            shown = repr(value) if isinstance(value, str) else value_kind(value)
            return f"expected one of {', '.join(PERSONA_STYLES)}, got {shown}"
        return None
    if key == "persona_name":
        if not isinstance(value, str):
            return f"expected a string of 1..{NAME_MAX} characters, got {value_kind(value)}"
        name = value.strip()
        if not 1 <= len(name) <= NAME_MAX or name != value:
            return f"expected 1..{NAME_MAX} characters without leading or trailing spaces"
        if find_control(name) is not None or "\n" in name or "\t" in name:
            return "control characters are not allowed in a name"
        return None
    if key == "theme":
        if value is None:
            return None
        if not isinstance(value, str) or not is_slug(value):
            return "expected a theme name (lowercase letters, digits and inner hyphens)"
        return None
    return "unknown setting"


def settings_from_dict(
    data: Mapping[str, Any], *, path: str | None = None
) -> tuple[Settings, list[Diagnostic]]:
    """Settings from parsed TOML: bad values fall back to their default, unknown keys are ignored; warnings say so."""
    defaults = Settings()
    values: dict[str, Any] = {}
    diags: list[Diagnostic] = []
    known = {f.name for f in dataclasses.fields(Settings)}
    for key, value in data.items():
        if key not in known:
            diags.append(Diagnostic("unknown setting, ignored", path=path, key=key, severity="warning"))
            continue
        if key == "persona_name" and isinstance(value, str):
            value = value.strip()
        problem = _check(key, value)
        if problem:
            default = getattr(defaults, key)
            diags.append(
                Diagnostic(
                    f"{problem}; using the default ({default!r})", path=path, key=key, severity="warning"
                )
            )
            continue
        values[key] = value
    return dataclasses.replace(defaults, **values), diags


def load_settings_with_warnings(
    paths: Paths | None = None, *, now: Callable[[], datetime] | None = None
) -> tuple[Settings, list[Diagnostic]]:
    """Settings from `paths.settings` (defaults if missing) and the warnings about what was wrong."""
    paths = paths or get_paths()
    file = paths.settings
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        msg = f"cannot read settings ({exc.strerror or exc}); using defaults"
        return Settings(), [Diagnostic(msg, path=str(file), severity="warning")]
    import tomli

    try:
        data = tomli.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError, ValueError) as exc:
        reason = _parse_failure(exc)
        moved = _move_aside(file, paths.broken_dir, (now or _utcnow)())
        where = f"moved to {moved}" if moved else "could not be moved aside"
        msg = f"settings file does not parse ({reason}); {where}; using defaults"
        return Settings(), [Diagnostic(msg, path=str(file), severity="warning")]
    return settings_from_dict(data, path=str(file))


def _parse_failure(exc: Exception) -> str:
    """Why the settings file does not parse, in a few words."""
    if isinstance(exc, UnicodeDecodeError):
        return "not valid UTF-8"
    if isinstance(exc, RecursionError):
        return "arrays or tables nested too deeply"
    return str(exc)  # TOMLDecodeError, or ValueError such as an integer too long to convert


def load_settings(paths: Paths | None = None) -> Settings:
    """Settings, or defaults if missing; problems are repaired silently (see load_settings_with_warnings)."""
    return load_settings_with_warnings(paths)[0]


def save_settings(settings: Settings, paths: Paths | None = None) -> None:
    """Write settings atomically as TOML; MockintError (exit 2) if a value is invalid."""
    paths = paths or get_paths()
    diags = settings.validate(path=str(paths.settings))
    if diags:
        raise MockintError(diagnostics=diags)
    import tomli_w

    from mockint.core.atomic import atomic_write_text

    text = "# mockint settings (edit in the app, or here)\n" + tomli_w.dumps(settings.to_dict())
    try:
        atomic_write_text(paths.settings, text)
    except OSError as exc:
        raise MockintError(
            f"cannot write settings: {exc.strerror or exc}", path=str(paths.settings), exit_code=1
        ) from None


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _move_aside(file: Path, broken_dir: Path, when: datetime) -> Path | None:
    """Rename `file` into `broken_dir` under a timestamped, unused name; None if that fails."""
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        broken_dir.mkdir(parents=True, exist_ok=True)
        target = broken_dir / f"{file.stem}-{stamp}{file.suffix}"
        n = 2
        while target.exists():
            target = broken_dir / f"{file.stem}-{stamp}-{n}{file.suffix}"
            n += 1
        file.replace(target)
    except OSError:
        return None
    return target
