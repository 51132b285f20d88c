"""Test isolation: every test gets its own MOCKINT_HOME; nothing touches real user dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def mockint_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "mockint-home"
    monkeypatch.setenv("MOCKINT_HOME", str(home))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def repo_root() -> Path:
    return REPO


def pytest_configure(config: pytest.Config) -> None:
    # Belt and braces: even at collection time never point at the real directories.
    os.environ.setdefault("MOCKINT_HOME", str(Path(config.rootpath) / ".pytest-mockint-home"))
