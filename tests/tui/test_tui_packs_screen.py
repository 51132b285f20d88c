"""The packs screen: listing, preview, import in a worker, remove with confirmation, practice from here."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.widgets import Button, Checkbox, Input, OptionList

from mockint.cli import cli
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.pack_import import ImportScreen
from mockint.tui.screens.packs import PacksScreen
from mockint.tui.screens.picker import PickerScreen
from mockint.tui.screens.practice import PracticeScreen
from tests.support.tui_support import make_app

SIZE = (80, 24)
USER_PACK = """format = 1
[pack]
id = "{id}"
name = "{name}"
version = "{version}"
[[categories]]
id = "odd"
name = "Odd [b]ones[/b]"
[[questions]]
id = "markup"
category = "odd"
text = "Is [bold red]this[/] bold? $primary {{about}}"
[[questions]]
id = "plain"
category = "odd"
text = "A second question."
"""


def pack_file(tmp_path: Path, pack_id: str = "mine", name: str = "My pack", version: str = "1.0.0") -> Path:
    path = tmp_path / f"{pack_id}-{version}.toml"
    path.write_text(USER_PACK.format(id=pack_id, name=name, version=version), encoding="utf-8")
    return path


def render(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector).render())


def list_rows(screen: Any) -> list[str]:
    options = screen.query_one("#pack-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def wait_idle(app: Any, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def import_via_dialog(app: Any, pilot: Any, source: str, *, force: bool = False, **fields: str) -> str:
    """Open the dialog, preview, install; the report text (the dialog stays open)."""
    if not isinstance(app.screen, ImportScreen):
        await pilot.press("i")
        await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ImportScreen)
    field = dialog.query_one("#import-source", Input)
    assert app.focused is field
    for name, value in fields.items():
        dialog.query_one(f"#import-{name}", Input).value = value
    dialog.query_one("#import-force", Checkbox).value = force
    field.value = source
    await pilot.pause()
    await pilot.press("enter")
    await wait_idle(app, pilot)
    await pilot.press("ctrl+s")
    await wait_idle(app, pilot)
    return render(dialog, "#import-report")


async def test_lists_packs_with_counts_and_previews_questions(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PacksScreen)
        assert list_rows(screen) == ["Demo pack\ndemo · 5 q · built-in"]
        detail = render(screen, "#pack-detail")
        assert "Demo pack" in detail and "5 questions" in detail
        assert "3  Behavioural" in detail and "1  Your claims" in detail
        assert "Demo plan (demo-plan, 2 steps)" in detail
        questions = render(screen, "#pack-questions")
        assert "1. Tell me about something hard you shipped." in questions
        assert "2 follow-ups" in questions and "1:00" in questions


async def test_pack_text_is_shown_literally_and_a_user_pack_shadows_the_builtin(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    app.library.import_source(str(pack_file(tmp_path, "demo", "Shadow [i]pack[/i]", "2.0.0")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert list_rows(screen) == ["Shadow [i]pack[/i]\ndemo · 2 q · user", "Demo pack\ndemo · 5 q · hidden"]
        assert screen.current.source == "user"  # the pack in force is highlighted
        detail = render(screen, "#pack-detail")
        assert "Shadow [i]pack[/i]" in detail and "user, replaces the built-in pack" in detail
        assert "2  Odd [b]ones[/b]" in detail
        assert "Is [bold red]this[/] bold? $primary {about}" in render(screen, "#pack-questions")
        await pilot.press("down")
        await pilot.pause()
        assert "built-in, hidden by your pack" in render(screen, "#pack-detail")
        assert screen.check_action("practise_pack", ()) is None  # a hidden pack cannot be practised


async def test_import_previews_then_installs_and_reports_like_the_cli(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        packs = app.screen
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        dialog.query_one("#import-source", Input).value = str(pack_file(tmp_path))
        await pilot.press("enter")
        await wait_idle(app, pilot)
        preview = render(dialog, "#import-report")
        assert "My pack  (mine 1.0.0)" in preview and "2  Odd [b]ones[/b]" in preview
        assert "Nothing is installed yet" in preview and app.library.find("mine") is None
        await pilot.press("ctrl+s")
        await wait_idle(app, pilot)
        report = render(dialog, "#import-report")
        assert report.startswith("installed") and "mine" in report
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is packs
        assert packs.current.id == "mine" and "My pack\nmine · 2 q · user" in list_rows(packs)

        bad = tmp_path / "bad.toml"
        bad.write_text('format = 1\n[pack]\nid = "Bad Id"\nname = "x"\nversion = "1"\n', encoding="utf-8")
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-source", Input).value = str(bad)
        await pilot.press("enter")
        await wait_idle(app, pilot)
        shown = render(app.screen, "#import-report").splitlines()
        assert app.screen.query_one("#import-install", Button).disabled  # nothing valid to install
    cli_run = CliRunner().invoke(cli, ["packs", "import", str(bad)])
    assert cli_run.exit_code == 2
    assert shown == cli_run.stderr.splitlines()
    assert any("refused" in line for line in shown)


async def test_import_options_name_id_keep_all_and_the_preview_says_what_is_left_out(tmp_path: Path) -> None:
    md = tmp_path / "list.md"
    md.write_text("# List\n\n[English](a.md) | [日本語](b.md)\n\n## Usage\n\n- Pick what you like\n\n## Team\n\n- Who decides?\n",
                  encoding="utf-8")
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#import-source", Input).value = str(md)
        await pilot.press("enter")
        await wait_idle(app, pilot)
        preview = render(dialog, "#import-report")
        assert '"Usage" left out' in preview and "only links" in preview and "1 question" in preview
        dialog.query_one("#import-keep-all", Checkbox).value = True
        await pilot.pause()
        assert dialog.query_one("#import-install", Button).disabled  # options changed: preview again
        report = await import_via_dialog(app, pilot, str(md), name="Team talk", id="team-talk")
        assert "installed  team-talk 1.0.0 (2 questions)" in report
    assert app.library.get("team-talk").name == "Team talk"


async def test_force_shows_its_state_in_words(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        force = app.screen.query_one("#import-force", Checkbox)
        assert "Force: off" in str(force.label)
        force.value = True
        await pilot.pause()
        assert "Force: ON" in str(force.label)


async def test_import_of_the_same_version_is_refused_unless_forced(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    app.library.import_source(str(pack_file(tmp_path)))
    changed = tmp_path / "changed.toml"  # same id and version, other content
    changed.write_text(USER_PACK.format(id="mine", name="Renamed", version="1.0.0"), encoding="utf-8")
    source = str(changed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = await import_via_dialog(app, pilot, source)
        second = await import_via_dialog(app, pilot, source, force=True)
    assert first.startswith("refused") and "force" in first
    assert second.split()[0] in ("installed", "updated")
    assert app.library.get("mine").name == "Renamed"


async def test_mix_toggle_on_the_packs_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "in the quick mix" in render(screen, "#pack-detail")
        await pilot.press("m")
        await pilot.pause()
        assert not app.library.in_mix("demo") and "out of the quick mix" in render(screen, "#pack-detail")
        assert list_rows(screen) == ["Demo pack\ndemo · 5 q · built-in · no mix"]
        await pilot.press("m")
        await pilot.pause()
        assert app.library.in_mix("demo")


async def test_remove_asks_first_and_only_for_user_packs(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    installed = app.library.import_source(str(pack_file(tmp_path)))[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.current.id == "demo"
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is screen  # nothing to confirm for a built-in pack
        await pilot.press("down")
        await pilot.pause()
        assert screen.current.id == "mine"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and [p.id for p in app.library.list()] == ["demo", "mine"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [p.id for p in app.library.list()] == ["demo"]
        assert list_rows(screen) == ["Demo pack\ndemo · 5 q · built-in"]
    assert installed.pack_id == "mine"


async def test_practise_the_pack_a_category_or_a_plan(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        packs = app.screen
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert {q.pack_id for q in app.screen.session.questions} == {"demo"}
        app.pop_screen()
        await pilot.pause()

        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        labels = [str(o.prompt) for o in picker.query_one(OptionList)._options]
        assert labels == ["Behavioural (3)", "Cases (1)", "Your claims (1)"]
        picker.dismiss("cases")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert {q.category for q in app.screen.session.questions} == {"cases"}
        app.pop_screen()
        await pilot.pause()

        await pilot.press("l")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        labels = [str(o.prompt) for o in picker.query_one(OptionList).options]
        assert labels == [  # each plan with its length
            "One case with preparation time (Demo pack) · 1 question · about 2 minutes",
            "Demo plan (Demo pack) · 2 questions · about 3 minutes",
        ]
        picker.dismiss("demo-plan")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert [q.question_id for q in app.screen.session.questions] == ["shipped-hard", "conflict"]
        app.pop_screen()
        await pilot.pause()
        assert app.screen is packs


async def test_escape_closes_the_dialog_then_the_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PacksScreen) and app.focused.id == "pack-list"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PacksScreen)


_RELEASE = threading.Event()


class _SlowPack(BaseHTTPRequestHandler):
    """Serves one pack only when the test says so, so it can act while the import is running."""

    def do_GET(self) -> None:
        _RELEASE.wait(timeout=20)
        body = USER_PACK.format(id="remote", name="Remote pack", version="1.0.0").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/toml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    _RELEASE.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _SlowPack)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/remote.toml"
    _RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


async def test_a_url_import_keeps_the_screen_responsive_and_escape_cancels_it(tmp_path: Path, slow_server: str) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#import-source", Input).value = slow_server
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.busy and render(dialog, "#import-report").startswith("reading http://127.0.0.1")
        dialog.query_one("#import-name", Input).value = "typing still works"  # the screen is responsive
        await pilot.press("escape")  # cancels the read while the download is still under way
        await wait_idle(app, pilot)
        assert not dialog.busy and "cancelled; nothing was installed" in render(dialog, "#import-report")
        assert app.screen is dialog
        _RELEASE.set()
        await pilot.press("enter")  # read again, now that the server answers
        await wait_idle(app, pilot)
        await pilot.press("ctrl+s")
        await wait_idle(app, pilot)
        assert render(dialog, "#import-report").startswith("installed")
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert screen.current.id == "remote" and "typing still works" in render(screen, "#pack-detail")


async def test_quitting_during_an_import_exits_promptly(tmp_path: Path, slow_server: str) -> None:
    app = make_app(tmp_path, start_screen="packs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-source", Input).value = slow_server
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.busy
        dialog = app.screen
        app.exit()
    assert dialog._cancel.is_set()  # the fetch stopped waiting: nothing keeps the process alive
    assert app.return_code in (0, None)


async def test_update_reads_the_highlighted_pack_again_from_its_file(tmp_path: Path) -> None:
    md = tmp_path / "team.md"
    md.write_text("# Team\n\n- Why this team?\n", encoding="utf-8")
    app = make_app(tmp_path, start_screen="packs")
    app.library.import_source(str(md))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.current.id == "demo" and screen.check_action("update_pack", ()) is None  # built-in
        await pilot.press("down")
        await pilot.pause()
        assert screen.current.id == "team"
        md.write_text("# Team\n\n- Why this team?\n- Who decides?\n", encoding="utf-8")
        await pilot.press("u")
        await wait_idle(app, pilot)
        assert screen.current.id == "team" and screen.current.version == "1.0.1"
        assert "2 questions" in render(screen, "#pack-detail")
