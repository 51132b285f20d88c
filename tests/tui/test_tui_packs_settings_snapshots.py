"""Pictures of the packs, settings and help screens at 80x24 and 120x36 (fixed clock and data).

Update after an intended change: `pytest tests/test_tui_packs_settings_snapshots.py --snapshot-update`,
then look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.tui_support import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_packs_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path, start_screen="packs"), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_import_dialog_preview(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import dialog after reading a Markdown list: the preview of what would come in."""
    (tmp_path / "reverse-interview.md").write_text(
        "# Reverse interview\n\n[English](README.md) | [日本語](README-ja.md)\n\n## The role\n\n"
        "- What does success look like in a year?\n- Why is this role open?\n\n## Usage\n\n- Pick a few\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # a relative source: the same picture on every run

    async def preview(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        pilot.app.screen.query_one("#import-source").value = "reverse-interview.md"
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        pilot.app.set_focus(None)
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, start_screen="packs"), terminal_size=size, run_before=preview)


@pytest.mark.parametrize("size", SIZES)
def test_settings_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def bad_value(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#set-answer_seconds").value = "5"
        await pilot.press("ctrl+s")  # shows the inline error under the field
        pilot.app.set_focus(None)  # no blinking text cursor in the picture
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, start_screen="settings"), terminal_size=size, run_before=bad_value)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen_over_packs(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, start_screen="packs"), terminal_size=size, run_before=open_help)
