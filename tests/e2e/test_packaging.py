"""The wheel (not only an editable install) carries the built-in packs, themes, schema and styles."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 and "hatchling" in proc.stderr:
        pytest.skip("hatchling is not installed in this environment")
    assert proc.returncode == 0, proc.stderr
    (wheel,) = out.glob("mockint-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_wheel_has_every_builtin_pack(wheel_names: set[str]) -> None:
    for pack in (REPO / "question_packs").glob("*.toml"):
        assert f"mockint/_data/question_packs/{pack.name}" in wheel_names


def test_wheel_has_themes_schema_and_styles(wheel_names: set[str]) -> None:
    for theme in (REPO / "themes").glob("*.toml"):
        assert f"mockint/_data/themes/{theme.name}" in wheel_names
    assert "mockint/core/packs/schema.json" in wheel_names
    for tcss in (REPO / "mockint").rglob("*.tcss"):
        assert tcss.relative_to(REPO).as_posix() in wheel_names
