"""The Textual application: lazy domain services, screens by name, global keys.

Screens and widgets reach the services through a typed app (docs/architecture.md):

    from textual import getters
    from mockint.tui.app import MockintApp

    class MyScreen(Screen[None]):
        app = getters.app(MockintApp)

This module never imports a screen: it opens them by name (mockint/tui/registry.py), so every
import between the app and its screens points one way.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import Screen

from mockint.core.paths import Paths, get_paths
from mockint.tui.palette import Entry, EntryProvider, all_entries
from mockint.tui.registry import screen_class, screen_css_paths
from mockint.tui.theming import apply_theme, set_theme_before_parse

if TYPE_CHECKING:
    from mockint.core.backgrounder.model import Backgrounder
    from mockint.core.history.db.store import Store
    from mockint.core.packs.library import PackLibrary
    from mockint.core.settings import Settings

#: First screens that are Textual's default screen (see MockintApp): home is never left, and
#: review is left only for home and owns no work to finish when it goes.
_DEFAULT_SCREENS = frozenset({"home", "review"})
#: The id of Textual's blank default screen under any other first screen.
_BLANK_ID = "_default"
#: The mode home opens in when the first screen (review) was the default screen.
_HOME_MODE = "home"

#: Generic Textual keys left out of the help screen (focus moves, clipboard; f1 repeats "?").
_HELP_SKIPS = frozenset({"tab", "shift+tab", "ctrl+c", "super+c", "f1"})


def _utc_now() -> datetime:
    return datetime.now(UTC).astimezone()


class MockintCommands(EntryProvider):
    """Screens, packs, plans and recent sessions for the command palette."""

    def entries(self) -> list[Entry]:
        app = self.app
        if not isinstance(app, MockintApp):
            return []
        return all_entries(app.library, app.store, app.open_screen, app.now().tzinfo)


class MockintApp(App[None]):
    """mockint's terminal UI. Time, paths and services are injectable for tests.

    The first screen is home, or the screen a command asked for (`mockint review` builds no
    home screen under the review screen); then comes whatever was opened from there. Going back
    from a first screen that is not home shows home; home itself is as far back as one goes.

    Home and review, the first screens people wait for, are Textual's default screen
    (`get_default_screen`), as Textual recommends: no blank screen is built, laid out and
    styled under them, which was about a third of their first frame (benchmarks/review.py).
    Textual 8.2.8 cannot switch its default screen for another (`switch_screen` pops a result
    callback that only pushed screens have), so going home from a first review screen opens
    home in a mode of its own (`add_mode`/`switch_mode`); the review screen, which owns no
    work to finish, stays suspended in the default mode. Other first screens (practice, which
    gives way to its summary; the backgrounder, which saves when it is removed) are pushed over
    Textual's blank default screen, so they can be switched for another and removed.
    """

    # Plus the start screen's own CSS (see __init__); other screens bring theirs when pushed.
    CSS_PATH = ["app.tcss"]
    TITLE = "mockint"
    COMMANDS = App.COMMANDS | {MockintCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
        Binding("escape", "back", "Back", show=False),
    ]

    def __init__(
        self,
        *,
        theme_name: str | None = None,
        start_screen: str = "home",
        screen_kwargs: dict[str, Any] | None = None,
        clock: Callable[[], float] | None = None,
        now: Callable[[], datetime] | None = None,
        paths: Paths | None = None,
        store: Store | None = None,
        library: PackLibrary | None = None,
        settings: Settings | None = None,
        remember_theme: bool = True,
    ) -> None:
        # App.__init__ gives its stylesheet the default theme's colour system. When the start
        # theme is set before the first parse (below), that system would be replaced unused:
        # it is generated only if the default theme is the one that stays (see get_css_variables).
        self._css_variables_wanted = False
        super().__init__()
        self._css_variables_wanted = True
        #: Monotonic seconds, for clocks (tests pass a manual clock).
        self.clock: Callable[[], float] = clock or time.monotonic
        #: The current moment, time-zone aware (tests pass a fixed one).
        self.now: Callable[[], datetime] = now or _utc_now
        self.paths: Paths = paths or get_paths()
        self.start_screen = start_screen
        self._screen_kwargs = dict(screen_kwargs or {})
        self._theme_name = theme_name
        self._store = store
        self._library = library
        self._library_listed = False
        self._settings = settings
        self._backgrounder: Backgrounder | None = None
        self._remember_theme = remember_theme
        #: What was wrong with the settings, backgrounder and pack files when they were first read.
        self.settings_warnings: list[str] = []
        self.backgrounder_warnings: list[str] = []
        self.library_warnings: list[str] = []
        self._theme_ready = False
        self._file_themes_registered = False
        self._frozen = False
        self._gc_paused = False
        # Read the start screen's CSS with the app's own: a screen whose CSS is new when it
        # is shown makes Textual parse every stylesheet again, before that screen's first frame.
        self.css_path = [*self.css_path, *screen_css_paths(start_screen)]
        self._start_theme_set = self._set_start_theme_before_parse()
        if not self._start_theme_set:
            self.stylesheet.set_variables(self.get_css_variables())

    # -- lazy domain services ------------------------------------------------
    @property
    def store(self) -> Store:
        """The session database, opened on first use."""
        if self._store is None:
            from mockint.core.history.db.store import INTERACTIVE_BUSY_SECONDS, Store

            # The full integrity scan runs after the first frame (see _verify_store).
            self._store = Store.open(self.paths, now=self.now, check=False, busy_seconds=INTERACTIVE_BUSY_SECONDS)
        return self._store

    @property
    def library(self) -> PackLibrary:
        """Installed question packs (built-in and user)."""
        if self._library is None:
            from mockint.core.packs.library import PackLibrary

            self._library = PackLibrary(self.paths)
        if not self._library_listed:
            # The first listing repairs a broken index and says so once: keep what it said.
            self._library_listed = True
            self._library.list()
            self.library_warnings = [d.format() for d in self._library.warnings]
        return self._library

    @property
    def settings(self) -> Settings:
        """The person's settings (defaults when there is no file)."""
        if self._settings is None:
            from mockint.core.settings import load_settings_with_warnings

            self._settings, diagnostics = load_settings_with_warnings(self.paths)
            self.settings_warnings = [d.format() for d in diagnostics]
        return self._settings

    def use_settings(self, settings: Settings) -> None:
        """Use `settings` from now on (they were just saved; no need to read the file back)."""
        self._settings = settings

    def save_settings(self, settings: Settings) -> None:
        """Write `settings` (MockintError when a value is invalid) and use them from now on."""
        from mockint.core.settings import save_settings

        save_settings(settings, self.paths)
        self._settings = settings

    @property
    def backgrounder(self) -> Backgrounder:
        """The backgrounder (press kit); re-read after `invalidate("backgrounder")`."""
        if self._backgrounder is None:
            from mockint.core.backgrounder.storage import load_backgrounder_with_warnings

            self._backgrounder, diagnostics = load_backgrounder_with_warnings(self.paths, now=self.now)
            self.backgrounder_warnings = [d.format() for d in diagnostics]
        return self._backgrounder

    def invalidate(self, *names: str) -> None:
        """Forget cached services ("store", "library", "settings", "backgrounder") so the next use re-reads them."""
        for name in names:
            if name == "store":
                if self._store is not None:
                    self._store.close()
                self._store = None
            elif name == "library":
                self._library = None
                self._library_listed = False
            elif name == "settings":
                self._settings = None
            elif name == "backgrounder":
                self._backgrounder = None
            else:
                raise ValueError(f"no service called {name!r}")

    # -- screens ----------------------------------------------------------------
    def make_screen(self, name: str, **kwargs: Any) -> Screen[Any]:
        """Build the screen registered as `name` (mockint/tui/registry.py)."""
        return screen_class(name)(**kwargs)

    def open_screen(self, name: str, **kwargs: Any) -> None:
        """Show the screen registered as `name`; home is the base, so "home" goes back to it."""
        if name == "home":
            self.go_home()
            return
        self.push_screen(self.make_screen(name, **kwargs))

    @property
    def _first(self) -> int:
        """Where the first screen of the current stack sits (1: over Textual's blank screen)."""
        return 1 if self.screen_stack and self.screen_stack[0].id == _BLANK_ID else 0

    def go_home(self) -> None:
        """Back to the home screen, building it if the app started on another screen."""
        while len(self.screen_stack) > self._first + 1:
            self.pop_screen()
        self.pop_screen()

    def pop_screen(self) -> AwaitComplete:
        """Go back one screen; back from the first screen goes home, and home stays."""
        if len(self.screen_stack) > self._first + 1:
            return super().pop_screen()
        if isinstance(self.screen, screen_class("home")):
            return AwaitComplete()  # nothing to wait for (gathers no awaitables)
        if self._first:  # a pushed first screen is switched for home
            return self.switch_screen(self.make_screen("home"))
        # Textual's default screen cannot be switched: home opens in a mode of its own.
        self.add_mode(_HOME_MODE, partial(self.make_screen, "home"))
        return AwaitComplete(self.switch_mode(_HOME_MODE))

    def get_default_screen(self) -> Screen[Any]:
        """The first screen itself when it may be Textual's default screen, else a blank one."""
        if self.start_screen in _DEFAULT_SCREENS:
            return self.make_screen(self.start_screen, **self._screen_kwargs)
        return Screen(id=_BLANK_ID)

    def on_load(self) -> None:
        # What is built until the first frame lives as long as the app and is frozen right after
        # it (_freeze_start_objects): collecting it meanwhile is wasted work, so automatic
        # collection waits (gc.disable early, gc.freeze later, as the gc module's docs describe).
        if gc.isenabled():
            gc.disable()
            self._gc_paused = True
        # Before the first screen exists: the theme's CSS is then applied once, not re-applied.
        self._apply_start_theme()
        try:
            reduced = bool(self.settings.reduced_motion)
        except Exception:  # a broken settings file is reported by the start warnings
            reduced = False
        if reduced:
            self.animation_level = "none"

    def on_mount(self) -> None:
        if self.start_screen not in _DEFAULT_SCREENS:
            # Over Textual's blank default screen, so it can later be switched for another.
            self.push_screen(self.make_screen(self.start_screen, **self._screen_kwargs))
        # Reading settings, backgrounder and the pack index for warnings waits for the first frame.
        self.call_after_refresh(self._show_start_warnings)
        self.call_after_refresh(self._start_verify)
        self.call_after_refresh(self._freeze_start_objects)

    def _freeze_start_objects(self) -> None:
        """Move everything built so far out of the garbage collector's sight (CPython's gc.freeze).

        Textual, Rich and the first screen are tens of thousands of long-lived objects; a full
        collection walks them all (30-50 ms here), and one can land between `enter` and the
        next question. Collected once now (after the first frame) and frozen, they are never
        walked again, so later full collections cost a few milliseconds. This relies on
        CPython's generational collector (3.11-3.13; 3.14's incremental collector makes full
        walks cheaper) and on Textual 8 building a screen's widgets once and keeping them.
        Objects frozen here are released only by `gc.unfreeze` (on_unmount).
        """
        if self.is_running:
            gc.collect()
            gc.freeze()
            self._frozen = True
        self._resume_gc()

    def _resume_gc(self) -> None:
        """Automatic collection again, if on_load paused it."""
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def _start_verify(self) -> None:
        self.run_worker(self._verify_store, thread=True, group="verify", exit_on_error=False)

    def _verify_store(self) -> None:
        """Integrity-check the database off the UI thread; a damaged one is moved aside."""
        problem = self.store.verify()
        if problem is not None:
            self.call_from_thread(self._recover_store, problem)

    def _recover_store(self, problem: str) -> None:
        from mockint.core.history.db.store import INTERACTIVE_BUSY_SECONDS, Store

        self.invalidate("store")
        self._store = store = Store.open(self.paths, now=self.now, check=True, busy_seconds=INTERACTIVE_BUSY_SECONDS)
        if store.recovery_message is None:
            self.notify(f"The practice database failed its check: {problem}", severity="error", timeout=15,
                        markup=False)
        self.show_notices()

    def show_notices(self) -> None:
        """Show each message the store keeps until read (a recovery, say); read ones are dismissed."""
        try:
            notices = self.store.notices()
        except Exception:  # an unopenable database is reported by the start warnings
            return
        for notice_id, text in notices:

            def read(done: bool | None, notice_id: int = notice_id) -> None:
                if done:
                    self.store.dismiss_notice(notice_id)

            question = f"A message from mockint:\n\n{text}\n\nMark it as read? (Otherwise it shows again next time.)"
            self.push_screen(self.make_screen("confirm", question=question, yes="Read (y)", no="Later (n)"), read)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()
        self._resume_gc()  # quit before the first frame
        if self._frozen:
            gc.unfreeze()  # the app's objects may be collected again (tests run many apps in one process)

    def _start_theme_name(self) -> str | None:
        if self._theme_name is not None:
            return self._theme_name
        try:
            return self.settings.theme
        except Exception:  # a broken settings file must not stop the app
            return None

    def _set_start_theme_before_parse(self) -> bool:
        """Choose the start theme before the stylesheet is first parsed; False when it must wait."""
        name = self._start_theme_name()
        if not name or not set_theme_before_parse(self, name, self.paths):
            return False
        self._theme_ready = True
        return True

    def _apply_start_theme(self) -> None:
        if self._start_theme_set:
            if not self._file_themes_registered:
                self.call_after_refresh(self.ensure_file_themes)
            return
        name = self._start_theme_name()
        if name is None or name in self.available_themes:
            # Textual's own theme (or none chosen): the theme files are read after the first
            # frame; they are only needed once someone picks a theme.
            self.call_after_refresh(self.ensure_file_themes)
        else:
            self.ensure_file_themes()
        warning = apply_theme(self, name)
        if warning:
            self.notify(warning, severity="warning", markup=False)
        self._theme_ready = True

    def ensure_file_themes(self) -> None:
        """Register the shipped and user theme files, once (screens listing themes call it)."""
        if self._file_themes_registered:
            return
        self._file_themes_registered = True
        from mockint.tui.themes_loader import register_file_themes

        for message in register_file_themes(self, self.paths):  # shipped and user theme files
            self.notify(message, severity="warning", timeout=10, markup=False)

    def _show_start_warnings(self) -> None:
        from mockint.tui.startup import start_warnings

        kept = {text for _, text in self._notice_texts()}
        for message in start_warnings(self):
            if message not in kept:  # shown by show_notices until read
                self.notify(message, severity="warning", timeout=10, markup=False)
        self.show_notices()

    def _notice_texts(self) -> list[tuple[int, str]]:
        try:
            return self.store.notices()
        except Exception:
            return []

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables plus mockint's clock colours, for themes that do not set them.

        The clock colours default to the theme's success, warning and error text, taken from
        the colour system Textual has just generated (generating it again costs a frame).
        """
        if not self._css_variables_wanted:
            return {}  # called by App.__init__: the start theme's variables are set in __init__
        from mockint.tui.themes_loader import clock_variable_defaults

        variables = super().get_css_variables()
        return {**clock_variable_defaults(variables), **variables}

    def watch_theme(self, theme: str) -> None:
        """Remember the theme the person picks (not the one a flag or test forced at start)."""
        if not (self._theme_ready and self._remember_theme):
            return
        from dataclasses import replace

        try:
            if self.settings.theme != theme:
                self.save_settings(replace(self.settings, theme=theme))
        except Exception as exc:  # a read-only config dir must not break theme switching
            self.notify(f"Could not remember the theme: {exc}", severity="warning", markup=False)

    # -- global actions ---------------------------------------------------------
    async def action_quit(self) -> None:
        """Quit (ctrl+q, q on home, the palette); unsaved edits are never dropped silently."""
        from mockint.tui.unsaved import quit_when_saved

        quit_when_saved(self)

    def action_help(self) -> None:
        """Show every key of the current screen, under what the screen is for."""
        screen = self.screen
        rows: list[tuple[str, str]] = []
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.system or key in _HELP_SKIPS:
                continue
            # "1".."5" share one row ("1-5 Rate"); a tooltip is the longer explanation.
            row = (binding.key_display or self.get_key_display(binding), binding.tooltip or binding.description)
            if row not in rows:
                rows.append(row)
        self.open_screen("help", rows=rows, title=type(screen).__name__.removesuffix("Screen"))
