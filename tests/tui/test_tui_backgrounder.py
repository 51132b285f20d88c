"""The backgrounder editor driven by keys: edit, add, remove, reorder, autosave, live advice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from mockint.core.backgrounder.model import Backgrounder
from mockint.core.backgrounder.storage import list_backups, load_backgrounder, save_backgrounder
from mockint.core.paths import get_paths
from mockint.tui.screens.backgrounder import (
    DEBOUNCE_SECONDS,
    MAX_UNSAVED_SECONDS,
    BackgrounderScreen,
    SectionBox,
)
from mockint.tui.widgets.backgrounder_entry import EntryRow
from mockint.tui.widgets.key_bar import KeyBar
from tests.support.tui_support import ManualClock, make_app

SIZE = (100, 40)

KIT = Backgrounder(
    name="Alex Doe",
    headline="Senior PM, fintech",
    about=["Parent of three and a PM for ten years.", "I volunteer in High Park."],
    quantitative=["Tripled revenue to $10M in 12 months", "Led the platform rewrite"],
    qualitative=["Helped accountants close their books in a day"],
)


def editor_app(tmp_path: Path, clock: ManualClock | None = None) -> Any:
    return make_app(tmp_path, clock or ManualClock(), start_screen="backgrounder")


def rows(screen: BackgrounderScreen, section: str) -> list[EntryRow]:
    return screen.query_one(f"#section-{section}", SectionBox).rows


def advice_of(row: EntryRow) -> str:
    return str(row.query_one(".entry-advice", Static).render())


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def wait_saved(pilot: Any, predicate: Any) -> None:
    """Let the app run until the stored backgrounder satisfies `predicate` (bounded only against a hang)."""
    for _ in range(2000):
        if predicate(load_backgrounder()):
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never saved: {load_backgrounder()}")


async def click_button(pilot: Any, selector: str) -> None:
    """Scroll the button into view and click it (the mouse path, not a shortcut)."""
    button = pilot.app.screen.query_one(selector)
    button.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    assert await pilot.click(selector)
    await pilot.pause()


async def open_editor(pilot: Any) -> BackgrounderScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BackgrounderScreen)
    return screen


async def test_shows_the_stored_backgrounder(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        assert screen.query_one("#bg-name", Input).value == "Alex Doe"
        assert [r.text for r in rows(screen, "quantitative")] == KIT.quantitative
        assert "5/9 filled" in str(screen.query_one("#bg-status", Static).render())
        footer_keys = {b.binding.action for b in screen.active_bindings.values() if b.binding.show}
        assert {"add_entry", "remove_entry", "move(-1)", "move(1)", "rehearse", "leave"} <= footer_keys


async def test_entering_a_field_never_selects_its_text_for_replacement(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        name = screen.query_one("#bg-name", Input)
        assert app.focused is name and name.selected_text == ""
        await pilot.press("x")
        assert name.value == "Alex Doex"
        await pilot.press("tab")  # on to the headline: typing adds to it
        headline = screen.query_one("#bg-headline", Input)
        assert app.focused is headline and headline.selected_text == ""
        await pilot.press("!")
        assert headline.value == "Senior PM, fintech!"
        await pilot.press("shift+tab")  # and back again
        await pilot.press("y")
        assert name.value == "Alex Doexy"
        # Replacing the whole field is explicit: select to the start, then type.
        await pilot.press("shift+home", "Z")
        assert name.value == "Z"


async def test_typing_autosaves_within_a_second(tmp_path: Path) -> None:
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        assert app.focused is app.screen.query_one("#bg-name", Input)
        await type_text(pilot, "Sam Lee")
        # Saved by the debounce timer alone (no further key, no leaving), due within a second.
        assert DEBOUNCE_SECONDS < 1
        await wait_saved(pilot, lambda bg: bg.name == "Sam Lee")
        assert "Saved" in str(app.screen.query_one("#bg-status", Static).render())


async def test_non_stop_typing_still_saves_every_second(tmp_path: Path) -> None:
    clock = ManualClock()
    app = editor_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await type_text(pilot, "Sa")
        # The debounce timer has not fired yet, but the first unsaved change is now old enough.
        clock.advance(MAX_UNSAVED_SECONDS + 0.1)
        await pilot.press("m")
        await pilot.pause()
        assert load_backgrounder().name == "Sam"


async def test_leaving_and_quitting_save_immediately(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        rows(screen, "about")[0].area.focus()
        await pilot.press("end")
        await type_text(pilot, " Yes")
        await pilot.press("escape")
        await pilot.pause()
        assert load_backgrounder().about[0] == "Parent of three and a PM for ten years. Yes"
        assert not isinstance(app.screen, BackgrounderScreen)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        await pilot.press("end")
        await type_text(pilot, " Q")
        await app.action_quit()
    assert load_backgrounder().name == "Alex Doe Q"


async def test_add_entry_to_the_focused_section(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        rows(screen, "quantitative")[1].area.focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        quant = rows(screen, "quantitative")
        assert len(quant) == 3
        assert app.focused is quant[2].area
        await type_text(pilot, "Grew MAU to 3M")
        await wait_saved(pilot, lambda bg: bg.quantitative[-1:] == ["Grew MAU to 3M"])
        assert len(rows(screen, "about")) == 2


async def wait_until(pilot: Any, condition: Any, what: str) -> None:
    """Let the app run until `condition()` holds (bounded only as a guard against a hang)."""
    for _ in range(2000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


async def test_add_button_and_the_five_entry_limit(tmp_path: Path) -> None:
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        button = screen.query_one("#add-qualitative")
        # Textual's Button ignores clicks while its press effect shows; make that window cover the
        # whole test, so a machine of any speed sees every click land inside it.
        button.active_effect_duration = 3600
        for n in range(1, 6):
            await click_button(pilot, "#add-qualitative")
            await wait_until(pilot, lambda n=n: len(rows(screen, "qualitative")) == n, f"{n} entries")
            await wait_until(pilot, lambda n=n: app.focused is rows(screen, "qualitative")[n - 1].area, "focus")
        await click_button(pilot, "#add-qualitative")
        await wait_until(
            pilot, lambda: any("at most 5" in str(n.message) for n in app._notifications), "the limit warning"
        )
        assert len(rows(screen, "qualitative")) == 5
        # Blank entries are not a change worth saving.
        assert "Saved" in str(screen.query_one("#bg-status", Static).render())
        assert not get_paths().backgrounder.exists()


async def test_enter_on_the_add_button_adds_every_time(tmp_path: Path) -> None:
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        button = screen.query_one("#add-about")
        button.active_effect_duration = 3600
        for n in (1, 2):
            button.focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda n=n: len(rows(screen, "about")) == n, f"{n} entries")


async def test_ctrl_n_without_a_section_fills_the_first_short_one(tmp_path: Path) -> None:
    save_backgrounder(Backgrounder(about=["a", "b", "c"]))
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)  # focus is on the name field
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert len(rows(screen, "quantitative")) == 1
        assert app.focused is rows(screen, "quantitative")[0].area


async def test_remove_entry(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        rows(screen, "about")[0].area.focus()
        await pilot.press("ctrl+d")
        await pilot.pause()
        about = rows(screen, "about")
        assert [r.text for r in about] == ["I volunteer in High Park."]
        assert app.focused is about[0].area
        await wait_saved(pilot, lambda bg: bg.about == ["I volunteer in High Park."])
        # ctrl+d outside an entry removes nothing.
        screen.query_one("#bg-name", Input).focus()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert len(rows(screen, "about")) == 1


async def test_reorder_entries(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        rows(screen, "quantitative")[0].area.focus()
        await pilot.press("alt+down")
        await pilot.pause()
        quant = rows(screen, "quantitative")
        assert [r.text for r in quant] == list(reversed(KIT.quantitative))
        assert app.focused is quant[1].area
        await wait_saved(pilot, lambda bg: bg.quantitative == list(reversed(KIT.quantitative)))
        # The advice moved with the text.
        assert "no number" in advice_of(quant[0]) and "no number" not in advice_of(quant[1])
        await pilot.press("alt+down")  # already last: nothing moves
        await pilot.press("alt+up")
        await pilot.pause()
        assert [r.text for r in rows(screen, "quantitative")] == KIT.quantitative


async def test_advice_updates_live(tmp_path: Path) -> None:
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        await click_button(pilot, "#add-qualitative")
        row = rows(screen, "qualitative")[0]
        assert "Empty" in advice_of(row)
        await type_text(pilot, "Built an app")
        await pilot.pause()
        assert "does not say who benefited" in advice_of(row)
        assert "does not say how they benefited" in advice_of(row)
        await type_text(pilot, " that helped nurses")
        await pilot.pause()
        text = advice_of(row)
        assert "does not say" not in text and "follows the guidelines" in text
        head = str(screen.query_one("#section-qualitative .section-head", Static).render())
        assert "1 of the recommended three" in head


async def test_entries_stay_one_line_within_the_limit(tmp_path: Path) -> None:
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        await click_button(pilot, "#add-about")
        area = rows(screen, "about")[0].area
        await pilot.press("enter")  # moves on; never a new line
        await pilot.pause()
        assert area.text == "" and app.focused is not area
        area.focus()
        area._replace_via_keyboard("one\r\ntwo\x1b[31m" + "x" * 600, *area.selection)
        assert area.text.startswith("one two[31m") and len(area.text) == 500
        await wait_saved(pilot, lambda bg: len(bg.about) == 1 and len(bg.about[0]) == 500)


async def test_rehearse_opens_the_openers_with_the_teleprompter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    calls: list[tuple[str, dict[str, Any]]] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        monkeypatch.setattr(app, "open_screen", lambda name, **kw: calls.append((name, kw)))
        screen.query_one("#bg-headline", Input).focus()
        await pilot.press("end", "!")
        await pilot.press("ctrl+r")
        await pilot.pause()
        # Saved first, so the rehearsal sees the latest words.
        assert load_backgrounder().headline == "Senior PM, fintech!"
    assert calls == [
        ("practice", {"pack_id": "backgrounder-openers", "plan_id": "warm-up", "teleprompter": True})
    ]


async def test_rehearse_with_an_empty_backgrounder_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = editor_app(tmp_path)
    calls: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        monkeypatch.setattr(app, "open_screen", lambda name, **kw: calls.append(name))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert calls == []
        assert any("Write a few entries" in str(n.message) for n in app._notifications)


async def test_one_backup_per_editing_session(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        for i, ch in enumerate("abc"):
            await pilot.press("end", ch)
            await wait_saved(pilot, lambda bg, i=i: bg.name == "Alex Doe" + "abc"[: i + 1])
    assert load_backgrounder().name == "Alex Doeabc"
    [backup] = list_backups()
    assert b'Alex Doe"' in backup.read_bytes()


async def test_a_corrupt_file_is_moved_aside_and_reported(tmp_path: Path) -> None:
    paths = get_paths()
    paths.backgrounder.parent.mkdir(parents=True, exist_ok=True)
    paths.backgrounder.write_text("format = [", encoding="utf-8")
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        assert screen.query_one("#bg-name", Input).value == ""
        assert any("moved to" in str(n.message) for n in app._notifications)
    assert len(list(paths.broken_dir.iterdir())) == 1


# --- snapshots -----------------------------------------------------------------------------------


SNAP_KIT = Backgrounder(
    name="Alex Doe",
    headline="Senior PM, fintech [bold]not markup[/bold]",
    about=[
        "Parent of three, runner, and a product manager for ten years across payments and lending.",
        "I live and volunteer in High Park.",
    ],
    quantitative=["Tripled revenue to $10M in the first 12 months", "Led the platform rewrite"],
    qualitative=["Built a new analytics app"],
)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_editor(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    save_backgrounder(SNAP_KIT)

    async def settle(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#bg-name", Input).blur()
        await pilot.pause()

    assert snap_compare(editor_app(tmp_path), terminal_size=size, run_before=settle)


# --- a save that fails never throws edits away -------------------------------------------------


def no_space(*_args: Any, **_kwargs: Any) -> None:
    import errno

    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_disk() -> Iterator[pytest.MonkeyPatch]:
    """A patch that `edited_on_a_full_disk` fills the disk with; `.undo()` makes room again."""
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


async def edited_on_a_full_disk(pilot: Any, full_disk: pytest.MonkeyPatch) -> BackgrounderScreen:
    from mockint.core.backgrounder import storage

    screen = await open_editor(pilot)
    full_disk.setattr(storage, "atomic_write_text", no_space)
    await pilot.press("end", "!", "ctrl+s")
    await wait_until(pilot, lambda: "Not saved" in str(screen.query_one("#bg-status", Static).render()), "status")
    assert load_backgrounder().name == "Alex Doe"
    return screen


async def test_a_failed_save_keeps_the_editor_open_and_asks(
    tmp_path: Path, full_disk: pytest.MonkeyPatch
) -> None:
    from mockint.tui.screens.confirm import UnsavedScreen

    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await edited_on_a_full_disk(pilot, full_disk)
        assert sum("No space left" in str(n.message) for n in app._notifications) == 1
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        text = html_text(app)
        assert "not saved" in text and "No space left on device" in text
        await pilot.press("k")  # keep editing: the edits are still there
        await wait_until(pilot, lambda: app.screen is screen, "back in the editor")
        assert screen.query_one("#bg-name", Input).value == "Alex Doe!"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question again")
        full_disk.undo()  # room on the disk again
        await pilot.press("r")  # retry: saved, and the editor closes
        await wait_until(pilot, lambda: not isinstance(app.screen, BackgrounderScreen | UnsavedScreen), "left")
    assert load_backgrounder().name == "Alex Doe!"


async def test_discarding_is_on_purpose(tmp_path: Path, full_disk: pytest.MonkeyPatch) -> None:
    from mockint.tui.screens.confirm import UnsavedScreen

    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await edited_on_a_full_disk(pilot, full_disk)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        await pilot.press("d")
        await wait_until(pilot, lambda: not isinstance(app.screen, BackgrounderScreen | UnsavedScreen), "left")
        full_disk.undo()
    assert load_backgrounder() == KIT


async def test_save_elsewhere_keeps_a_copy(tmp_path: Path, full_disk: pytest.MonkeyPatch) -> None:
    from mockint.tui.screens.confirm import SaveElsewhereScreen, UnsavedScreen

    save_backgrounder(KIT)
    copy = tmp_path / "elsewhere" / "kit.toml"
    copy.parent.mkdir()
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await edited_on_a_full_disk(pilot, full_disk)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveElsewhereScreen), "the file question")
        full_disk.undo()  # the other disk has room (the copy is written like any file)
        app.screen.query_one(Input).value = str(copy)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, BackgrounderScreen | SaveElsewhereScreen), "left")
        assert any(str(copy) in str(n.message) for n in app._notifications)
    from mockint.core.backgrounder.io import parse_backgrounder

    assert parse_backgrounder(copy.read_bytes(), source=str(copy))[0].name == "Alex Doe!"
    assert load_backgrounder().name == "Alex Doe"  # the usual file keeps its last saved version


async def test_ctrl_q_over_unsaved_edits_asks_instead_of_exiting(
    tmp_path: Path, full_disk: pytest.MonkeyPatch
) -> None:
    from mockint.tui.screens.confirm import UnsavedScreen

    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await edited_on_a_full_disk(pilot, full_disk)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        await pilot.press("ctrl+q")  # asking already: a second ctrl+q does not stack questions
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "back in the editor")
        assert app.is_running and screen.query_one("#bg-name", Input).value == "Alex Doe!"
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the question")
        await pilot.press("d")
        await wait_until(pilot, lambda: not app.is_running, "exit")


async def test_ctrl_q_with_everything_saved_exits(tmp_path: Path) -> None:
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot)
        await type_text(pilot, "Sam")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, "exit")
    assert load_backgrounder().name == "Sam"


def html_text(app: Any) -> str:
    import html

    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_ctrl_z_brings_back_removed_entries(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)

        def footer_has_undo() -> bool:
            shown, _more = screen.query_one(KeyBar).items()
            return any(item.description == "Undo remove" for item in shown)

        assert not footer_has_undo()
        rows(screen, "quantitative")[0].area.focus()
        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: len(rows(screen, "quantitative")) == 1, "removed")
        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: len(rows(screen, "quantitative")) == 0, "both removed")
        await wait_saved(pilot, lambda bg: bg.quantitative == [])
        assert footer_has_undo()
        assert any("ctrl+z brings it back" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: [r.text for r in rows(screen, "quantitative")] == [KIT.quantitative[1]], "one")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: [r.text for r in rows(screen, "quantitative")] == KIT.quantitative, "both")
        assert app.focused is rows(screen, "quantitative")[0].area
        await wait_saved(pilot, lambda bg: bg.quantitative == KIT.quantitative)
        assert not footer_has_undo()


async def test_after_typing_ctrl_z_undoes_the_typing_not_a_removal(tmp_path: Path) -> None:
    save_backgrounder(KIT)
    app = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_editor(pilot)
        rows(screen, "about")[0].area.focus()
        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: len(rows(screen, "about")) == 1, "removed")
        await pilot.press("end", "!")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: rows(screen, "about")[0].text == KIT.about[1], "typing undone")
        assert len(rows(screen, "about")) == 1


@pytest.mark.parametrize("name", ["backgrounder", "settings"])
async def test_escape_returns_to_where_you_came_from(tmp_path: Path, name: str) -> None:
    from mockint.tui.screens.packs import PacksScreen

    app = make_app(tmp_path, ManualClock(), start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        came_from = app.screen
        assert isinstance(came_from, PacksScreen)
        app.open_screen(name)  # as the palette does, from any screen
        await wait_until(pilot, lambda: app.screen is not came_from, f"{name} open")
        app.set_focus(None)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is came_from, "back where it came from")
