"""The Textual application: screens by name, lazy domain services, global keys."""

from __future__ import annotations

import gc
import importlib
import importlib.util
import inspect
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import Screen

from mockint.core.paths import Paths, get_paths
from mockint.tui.commands import MockintCommands
from mockint.tui.palette_sessions import RecentSessionCommands
from mockint.tui.theming import apply_theme

if TYPE_CHECKING:
    from mockint.core.history.db.store import Store
    from mockint.core.packs.library import PackLibrary
    from mockint.core.settings import Settings


def screen_target(name: str) -> tuple[str, str] | None:
    """`(module, class)` for a screen name, or None if unknown or its module is not built."""
    from mockint.tui.screens import SCREENS

    target = SCREENS.get(name)
    if target is None:
        return None
    module_name, cls_name = target.split(":")
    try:
        if importlib.util.find_spec(module_name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return module_name, cls_name


def screen_css_paths(name: str) -> list[Path]:
    """The CSS files of the screen `name`, resolved as Textual resolves a screen's CSS_PATH."""
    target = screen_target(name)
    if target is None:
        return []
    cls = getattr(importlib.import_module(target[0]), target[1])
    css_path = cls.CSS_PATH
    if css_path is None:
        return []
    base = Path(inspect.getfile(cls)).parent
    return [(base / path).resolve() for path in ([css_path] if isinstance(css_path, str | PurePath) else css_path)]


def screen_available(name: str) -> bool:
    """Whether the screen `name` exists in this build (areas land at different times)."""
    return screen_target(name) is not None


#: Generic Textual keys left out of the help screen (focus moves, clipboard; f1 repeats "?").
_HELP_SKIPS = frozenset({"tab", "shift+tab", "ctrl+c", "super+c", "f1"})


def _utc_now() -> datetime:
    return datetime.now(UTC).astimezone()


class MockintApp(App[None]):
    """mockint's terminal UI. Time, paths and services are injectable for tests."""

    # Plus the start screen's own CSS (see __init__); other screens bring theirs when pushed.
    CSS_PATH = ["app.tcss"]
    TITLE = "mockint"
    COMMANDS = App.COMMANDS | {MockintCommands, RecentSessionCommands}
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
        super().__init__()
        self.clock: Callable[[], float] = clock or time.monotonic
        self.now: Callable[[], datetime] = now or _utc_now
        self.paths: Paths = paths or get_paths()
        self._theme_name = theme_name
        self._start_screen = start_screen
        self._screen_kwargs = dict(screen_kwargs or {})
        self._store = store
        self._library = library
        self._settings = settings
        self._backgrounder: Any = None
        self._remember_theme = remember_theme
        self.settings_warnings: list[str] = []
        self._theme_ready = False
        self._file_themes_registered = False
        self._frozen = False
        # Read the start screen's CSS with the app's own: Textual never loads the default
        # screen's (home's) CSS_PATH, and pushing a screen whose CSS is new makes it parse
        # every stylesheet again, before that screen's first frame.
        self.css_path = [*self.css_path, *screen_css_paths(start_screen)]

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
        return self._library

    @property
    def settings(self) -> Settings:
        """The person's settings (defaults when there is no file)."""
        if self._settings is None:
            from mockint.core.settings import load_settings_with_warnings

            self._settings, diagnostics = load_settings_with_warnings(self.paths)
            self.settings_warnings = [d.format() for d in diagnostics]
        return self._settings

    @property
    def backgrounder(self) -> Any:
        """The backgrounder (press kit); re-read after `invalidate("backgrounder")`."""
        if self._backgrounder is None:
            from mockint.core.backgrounder.storage import load_backgrounder

            self._backgrounder = load_backgrounder(self.paths)
        return self._backgrounder

    def invalidate(self, *names: str) -> None:
        """Forget cached services so the next access re-reads them (e.g. after an editor saved)."""
        for name in names:
            if name == "store" and self._store is not None:
                self._store.close()
            setattr(self, f"_{name}", None)

    # -- screens ----------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        """The start screen is the first screen: `mockint review` builds no home screen under it.

        Home is built when someone goes back from that screen (see `pop_screen`).
        """
        from mockint.tui.screens.home import HomeScreen

        screen = None
        if self._start_screen != "home":
            screen = self.make_screen(self._start_screen, **self._screen_kwargs)
        if screen is None:
            return HomeScreen()
        # Textual keeps one result callback per stacked screen and pops it when the screen
        # leaves (switch_screen, pop_screen); a pushed screen gets one, the default screen not.
        screen._push_result_callback(screen, None)
        return screen

    def make_screen(self, name: str, **kwargs: Any) -> Screen[Any] | None:
        """Build the screen registered as `name`, or None when that screen is not built."""
        target = screen_target(name)
        if target is None:
            return None
        module = importlib.import_module(target[0])
        screen: Screen[Any] = getattr(module, target[1])(**kwargs)
        return screen

    def pop_screen(self) -> AwaitComplete:
        """Go back one screen; back from the first screen (when it is not home) goes home."""
        from mockint.tui.screens.home import HomeScreen

        if len(self.screen_stack) == 1 and not isinstance(self.screen, HomeScreen):
            return self.switch_screen(HomeScreen())
        return super().pop_screen()

    def open_screen(self, name: str, **kwargs: Any) -> None:
        """Push the screen registered as `name` (home is the base: go back to it instead)."""
        if name == "home":
            from mockint.tui.screens.home import HomeScreen

            # Down the stack; a first screen other than home gives way to home (pop_screen).
            while len(self.screen_stack) > 1 or not isinstance(self.screen, HomeScreen):
                self.pop_screen()
            return
        screen = self.make_screen(name, **kwargs)
        if screen is None:
            self.notify(f"The {name} screen is not available in this build.", severity="warning")
            return
        self.push_screen(screen)

    def on_mount(self) -> None:
        self._apply_start_theme()
        # Reading settings, backgrounder and the pack index for warnings waits for the first frame.
        self.call_after_refresh(self._show_start_warnings)
        try:
            reduced = bool(self.settings.reduced_motion)
        except Exception:  # a broken settings file is reported by the start warnings
            reduced = False
        if reduced:
            self.animation_level = "none"
        if self._start_screen != "home" and screen_target(self._start_screen) is None:
            self.notify(f"The {self._start_screen} screen is not available in this build.", severity="warning")
        self.call_after_refresh(self._start_verify)
        self.call_after_refresh(self._freeze_start_objects)

    def _freeze_start_objects(self) -> None:
        """Move everything built so far out of the garbage collector's sight.

        Textual, Rich and the first screen are tens of thousands of long-lived objects; a full
        collection walks them all (30-50 ms here), and one can land between `enter` and the
        next question. Collected once now (after the first frame) and frozen, they are never
        walked again, so later full collections cost a few milliseconds.
        """
        if not self.is_running:
            return
        gc.collect()
        gc.freeze()
        self._frozen = True

    @property
    def start_screen(self) -> str:
        return self._start_screen

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
        message = store.recovery_message or f"The practice database failed its check: {problem}"
        self.notify(message, severity="error", timeout=15, markup=False)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()
        if self._frozen:
            gc.unfreeze()  # the app's objects may be collected again (tests run many apps in one process)

    def _apply_start_theme(self) -> None:
        name = self._theme_name
        if name is None:
            try:
                name = self.settings.theme
            except Exception:  # a broken settings file must not stop the app
                name = None
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

        for message in register_file_themes(self):  # shipped and user theme files
            self.notify(message, severity="warning", timeout=10, markup=False)

    def _show_start_warnings(self) -> None:
        from mockint.tui.startup import start_warnings

        for message in start_warnings(self):
            self.notify(message, severity="warning", timeout=10, markup=False)

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables plus mockint's clock colours, for themes that do not set them.

        The clock colours default to the theme's success, warning and error text, taken from
        the colour system Textual has just generated (generating it again costs a frame).
        """
        from mockint.tui.themes_loader import clock_variable_defaults

        variables = super().get_css_variables()
        combined = {**clock_variable_defaults(variables), **variables}
        self.theme_variables = combined
        return combined

    def watch_theme(self, theme: str) -> None:
        """Remember the theme the person picks (not the one a flag or test forced at start)."""
        if not (self._theme_ready and self._remember_theme):
            return
        from mockint.tui.theming import remember_theme

        remember_theme(self, theme)

    # -- global actions ---------------------------------------------------------
    def action_help(self) -> None:
        """Show every key of the current screen."""
        from mockint.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        rows: list[tuple[str, str]] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.system or key in _HELP_SKIPS:
                continue
            # "1".."5" share one row ("1-5 Rate"); a tooltip is the longer explanation.
            row = (binding.key_display or self.get_key_display(binding), binding.tooltip or binding.description)
            if row not in rows:
                rows.append(row)
        self.push_screen(HelpScreen(rows, title=self.screen.__class__.__name__.removesuffix("Screen")))
