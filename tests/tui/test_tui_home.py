"""Home, the app shell (help, palette, theme, start warnings) and the practice/resume commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from mockint.core.paths import get_paths
from mockint.tui.palette import pack_entries
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.home import HomeScreen
from mockint.tui.screens.picker import PickerScreen
from mockint.tui.screens.practice import PracticeScreen
from mockint.tui.theming import apply_theme
from tests.support.tui_support import ManualClock, make_app

SIZE = (80, 24)


def option_texts(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def test_first_run_guides_and_lists_packs(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        guide = app.screen.query_one("#guide")
        assert guide.display and "backgrounder" in str(guide.render())
        assert "0/9" in str(app.screen.query_one("#bg-status").render())
        packs = option_texts(app.screen.query_one("#packs-list", OptionList))
        assert packs == ["Demo pack  5 questions · built-in"]  # the name first
        assert option_texts(app.screen.query_one("#recent-list", OptionList)) == ["No sessions yet."]


def many_packs_and_sessions(packs: int, sessions: int) -> None:
    from mockint.core.history.db.store import Store
    from tests.support.store_helpers import interview

    folder = get_paths().packs_dir
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(packs):
        (folder / f"extra-{i:02d}.toml").write_text(
            f'format = 1\n[pack]\nid = "extra-{i:02d}"\nname = "Extra pack {i:02d}"\nversion = "1.0.0"\n'
            '[[categories]]\nid = "c"\nname = "C"\n'
            '[[questions]]\nid = "q"\ncategory = "c"\ntext = "Why?"\nanswer_seconds = 60\n',
            encoding="utf-8",
        )
    with Store.open(get_paths()) as store:
        for _ in range(sessions):
            store.create_session(interview("q1"))


@pytest.mark.parametrize(("size", "lists_full"), [((80, 24), True), ((160, 45), True), ((160, 60), False)])
async def test_home_uses_the_room_it_has(tmp_path: Path, size: tuple[int, int], lists_full: bool) -> None:
    many_packs_and_sessions(packs=40, sessions=45)
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        home = app.screen
        lists = [home.query_one(list_id, OptionList) for list_id in ("#packs-list", "#recent-list")]
        for _ in range(500):  # the lists are filled after the first frame (a guard, not a speed limit)
            if all(o.option_count in (o.size.height, 41, 45) for o in lists):
                break
            await pilot.pause(0.01)
        for list_id, total, word in (("#packs-list", 41, "pack"), ("#recent-list", 45, "session")):
            options = home.query_one(list_id, OptionList)
            texts = option_texts(options)
            if lists_full:
                # Every row of the box is used: entries, then one line saying how many more there are.
                assert options.option_count == options.size.height, (list_id, options.size, texts)
                shown = options.option_count - 1
                assert f"… {total - shown} more {word}" in texts[-1], texts[-1]
            else:
                assert len(texts) == total and not any("more" in t for t in texts)
        if size == (160, 45):
            assert home.query_one("#packs-list", OptionList).option_count > 20


async def test_home_refills_when_the_terminal_grows(tmp_path: Path) -> None:
    many_packs_and_sessions(packs=40, sessions=45)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        packs = app.screen.query_one("#packs-list", OptionList)
        await pilot.resize_terminal(160, 45)
        for _ in range(500):  # a guard against a hang, not a speed limit
            if packs.size.height > 20 and packs.option_count == packs.size.height:
                break
            await pilot.pause(0.01)
        assert packs.size.height > 20 and packs.option_count == packs.size.height


async def test_p_starts_a_practice_and_the_session_shows_on_return(tmp_path: Path) -> None:
    clock = ManualClock()
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("space", "4", "enter")
        await pilot.pause()
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("escape")  # summary -> home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        recent = option_texts(app.screen.query_one("#recent-list", OptionList))
        assert recent == ["2026-03-02 09:30  1/4  avg 4.0  Quick mixed interview"]
        assert not app.screen.query_one("#guide").display


async def test_pack_picker_starts_that_pack(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # "Choose a pack…"
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert {q.pack_id for q in app.screen.session.questions} == {"demo"}


async def test_plan_picker_escape_cancels(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_mouse_click_on_quick_practice(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Options are clickable: the first line of the start list is the quick interview.
        await pilot.click("#start-list", offset=(2, 0))
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)


async def test_help_lists_the_screen_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.rows)
        assert keys["p"] == "Practice" and keys["q"] == "Quit" and keys["?"] == "Help"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_q_quits_from_home(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_palette_has_screens_packs_and_plans(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entries = {entry.title: entry for entry in pack_entries(app.library, app.open_screen)}
        assert "Practice pack: Demo pack" in entries
        assert "Start plan: Demo plan" in entries  # names, not ids
        entries["Start plan: Demo plan"].run()
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert [q.question_id for q in app.screen.session.questions] == ["shipped-hard", "conflict"]


async def test_palette_opens_with_ctrl_p(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_unknown_theme_warns_and_known_theme_applies(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert apply_theme(app, "nord") is None and app.theme == "nord"
        warning = apply_theme(app, "no-such-theme")
        assert warning and "no-such-theme" in warning and app.theme == "nord"


async def test_theme_choice_is_remembered(tmp_path: Path) -> None:
    from mockint.core.settings import DEFAULT_THEME, load_settings
    from mockint.tui.app import MockintApp

    app = MockintApp(theme_name="gruvbox")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"
        assert load_settings(app.paths).theme == DEFAULT_THEME  # a --theme flag is not a choice to remember
        app.theme = "nord"
        await pilot.pause()
    assert load_settings(app.paths).theme == "nord"
    again = MockintApp()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_no_color_is_respected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    assert app.no_color


async def test_broken_settings_become_a_notification(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    app.paths.config_dir.mkdir(parents=True, exist_ok=True)
    app.paths.settings.write_text("this is = = not toml", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("settings" in m for m in messages)


# -- the commands ----------------------------------------------------------------------------

def run_cli(argv: list[str]) -> int:
    from mockint.entry import main

    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    return int(exit_info.value.code or 0)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("mockint.tui.launch.launch", lambda **kw: calls.append(kw))
    return calls


def test_practice_with_unknown_pack_exits_2_without_the_tui(
    launched: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["practice", "--pack", "no-such-pack"]) == 2
    err = capsys.readouterr().err
    assert "no-such-pack" in err and "error:" in err and "Traceback" not in err
    assert launched == []


def test_practice_with_category_and_plan_exits_2(launched: list[dict[str, Any]]) -> None:
    assert run_cli(["practice", "--plan", "pm-phone-screen", "--category", "x"]) == 2
    assert launched == []


def test_practice_launches_with_its_selection(launched: list[dict[str, Any]]) -> None:
    assert run_cli(["--theme", "nord", "practice", "--pack", "behavioral-star", "--count", "2", "--seed", "3"]) == 0
    assert launched == [{
        "theme": "nord", "screen": "practice", "pack_id": "behavioral-star", "plan_id": None,
        "category": None, "count": 2, "seed": 3,
    }]


def test_resume_with_nothing_exits_1(launched: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["resume"]) == 1
    assert "nothing to resume" in capsys.readouterr().err
    assert launched == []


def test_resume_opens_the_last_unfinished_session(launched: list[dict[str, Any]]) -> None:
    from mockint.core.history.db.store import Store
    from mockint.core.interview.interviewer import build_interview
    from mockint.core.packs.library import PackLibrary

    interview = build_interview(PackLibrary().load_all(), pack_id="behavioral-star", count=2, seed=1)
    with Store.open() as store:
        session_id = store.create_session(interview)
    assert run_cli(["resume", "--theme", "nord"]) == 0
    assert launched == [{"theme": "nord", "screen": "practice", "resume_session_id": session_id}]


async def test_a_selection_that_cannot_start_goes_back_home_with_a_message(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_screen("practice", pack_id="demo", category="no-such-category")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no-such-category" in n.message for n in app._notifications)


async def test_help_in_practice_lists_each_key_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="practice", screen_kwargs={"pack_id": "demo", "seed": 1})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        keys = [key for key, _ in app.screen.rows]
        assert keys.count("1-5") == 1 and len(keys) == len(set(keys))
        body = " ".join(description for _, description in app.screen.rows)
        for words in ("answer timer", "Save this answer", "follow-up", "Pause", "Skip", "early", "notes",
                      "key points", "backgrounder"):
            assert words in body


async def test_a_broken_user_pack_is_reported_on_start(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    app.paths.packs_dir.mkdir(parents=True, exist_ok=True)
    (app.paths.packs_dir / "broken.toml").write_text("format = 1\n[pack]\nid = 'broken'\n", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("broken.toml" in n.message for n in app._notifications)


async def test_enter_on_a_recent_session_opens_review(tmp_path: Path) -> None:
    clock = ManualClock()
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.open_screen("practice", pack_id="demo", seed=2)
        await pilot.pause()
        await pilot.press("s", "escape", "y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.screen.query_one("#recent-list", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        # The review screen opens on that session (it may show the session's detail on top).
        assert "ReviewScreen" in [type(s).__name__ for s in app.screen_stack]


async def test_a_damaged_database_is_reported_on_start(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    app.paths.data_dir.mkdir(parents=True, exist_ok=True)
    app.paths.database.write_bytes(b"this is not a database" * 100)
    async with app.run_test(size=SIZE) as pilot:
        # The message stays on screen until it is read (a notice, not a passing notification).
        await wait_for_notice_question(pilot)
        assert "moved to" in str(app.screen.query("Static")[0].render())
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and notice_text(app) == ""  # read: home does not repeat it
        assert isinstance(app.screen, HomeScreen) and app.store.notices() == []


async def test_plan_picker_shows_plan_names_and_starts_the_plan(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        labels = option_texts(app.screen.query_one(OptionList))
        # Each plan shows its length, so the candidate knows what they are starting.
        assert labels == [
            "One case with preparation time (Demo pack) · 1 question · about 2 minutes",
            "Demo plan (Demo pack) · 2 questions · about 3 minutes",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert [q.question_id for q in app.screen.session.questions] == ["shipped-hard", "conflict"]


async def test_damaged_database_found_after_start_is_moved_aside_and_reported(tmp_path: Path) -> None:
    """The integrity scan runs after the first frame; damage it finds is handled like at open."""
    from mockint.core.history.db.store import Store
    from mockint.core.paths import get_paths

    paths = get_paths()
    with Store.open(paths) as store:
        store._conn.execute("CREATE TABLE filler (x TEXT)")
        store._conn.executemany("INSERT INTO filler VALUES (?)", [("y" * 500,) for _ in range(400)])
        store._conn.commit()
    raw = bytearray(paths.database.read_bytes())
    for offset in range(4096 * 3, min(len(raw), 4096 * 12), 4096):
        raw[offset : offset + 64] = b"\xff" * 64
    paths.database.write_bytes(bytes(raw))
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:

        await wait_for_notice_question(pilot, lambda: any(paths.broken_dir.glob("*")))
        assert "moved to" in str(app.screen.query("Static")[0].render())
        assert app.store.verify() is None
        await pilot.press("n")  # later: the message stays on home until read
        for _ in range(500):
            if isinstance(app.screen, HomeScreen) and "damaged" in notice_text(app):
                break
            await pilot.pause(0.01)
        assert "damaged" in notice_text(app)


async def wait_for_notice_question(pilot: Any, also: Any = lambda: True) -> None:
    """Until the question about a kept message is on screen, drawn (bounded only against a hang)."""
    from mockint.tui.screens.confirm import ConfirmScreen

    app = pilot.app
    for _ in range(2000):  # the check runs in a worker after the first frame
        if also() and isinstance(app.screen, ConfirmScreen) and app.screen.query("Static"):
            return
        await pilot.pause(0.01)
    raise AssertionError(f"no question about the kept message: {app.screen}")


def notice_text(app: Any) -> str:
    return str(app.screen.query_one("#notice-text").render()) if app.screen.query_one("#notice-box").display else ""


async def test_a_salvaged_database_notice_stays_on_home_until_read(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    app.paths.data_dir.mkdir(parents=True, exist_ok=True)
    app.paths.database.write_bytes(b"this is not a database" * 100)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_notice_question(pilot)
        await pilot.press("n")  # "later" at start: home keeps showing it
        await pilot.pause()
        assert "was damaged" in notice_text(app) and str(app.paths.broken_dir) in notice_text(app)
        await pilot.press("b")  # it is still there after going elsewhere and back
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and "was damaged" in notice_text(app)
    app = make_app(tmp_path)  # and after a restart, until read
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_notice_question(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "was damaged" in notice_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert notice_text(app) == ""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert notice_text(app) == "" and app.screen.check_action("read_notices", ()) is False


async def test_a_notice_can_be_marked_read_with_the_mouse(tmp_path: Path) -> None:
    from mockint.core.history.db.store import Store

    with Store.open(get_paths()) as store:
        store.add_notice("Something [bold]to know[/bold].")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_notice_question(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert notice_text(app) == "Something [bold]to know[/bold]."  # literal, never markup
        assert await pilot.click("#notice-read")
        await pilot.pause()
        assert notice_text(app) == ""
    with Store.open(get_paths()) as store:
        assert store.notices() == []


async def test_another_start_screen_is_first_and_back_builds_home(tmp_path: Path) -> None:
    from textual.containers import Grid

    from mockint.tui.screens.review import ReviewScreen

    app = make_app(tmp_path, start_screen="review")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # `mockint review` builds no home screen (and no blank screen) under the review screen.
        assert [type(s) for s in app.screen_stack] == [ReviewScreen]
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and len(app.screen_stack) == 1
        grid = home.query_one("#home-grid", Grid)
        assert grid.styles.grid_size_columns == 2  # home.tcss was read when home came
        assert app.focused is not None and app.focused.id == "start-list"
        await pilot.pause()
        assert home.query_one("#packs-list", OptionList).option_count > 0  # its data was read
        await pilot.press("escape")  # back on home: nothing further to go back to
        await pilot.pause()
        assert app.screen is home
        await pilot.press("r")  # and the review screen opens over home as usual
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [HomeScreen, ReviewScreen]


async def test_start_objects_are_frozen_after_the_first_frame_and_released_at_exit(tmp_path: Path) -> None:
    import gc

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.get_freeze_count() > 10_000  # Textual and the first screen, out of the collector's walk
    assert gc.get_freeze_count() == 0


async def test_automatic_collection_waits_for_the_first_frame_and_always_comes_back(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    paused: list[bool] = []
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24), message_hook=lambda _m: paused.append(not gc.isenabled())) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert any(paused)  # paused while the first screen was built
        assert gc.isenabled()  # and back once the start objects were frozen
    # An app that quits before its first frame gives collection back too.
    quick = make_app(tmp_path)
    async with quick.run_test(size=(80, 24)):
        pass
    assert gc.isenabled()
