"""Settings: answer and prep defaults, bell, interviewer persona, probing, motion, theme, voice.

`ctrl+s` (or the Save button) validates every field through core's Settings.with_changes
and writes the file atomically; a bad value is shown under its field, never a traceback.
The theme applies as soon as it is chosen, like the palette's theme picker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from mockint.core.settings import PERSONA_STYLES, SETTINGS_HELP, Settings
from mockint.tui.app import MockintApp
from mockint.tui.widgets.key_bar import KeyBar

#: (setting, label) in screen order.
FIELDS: tuple[tuple[str, str], ...] = (
    ("answer_seconds", "Answer target (s)"),
    ("prep_seconds", "Prep time (s)"),
    ("bell", "Bell at target"),
    ("persona_name", "Interviewer name"),
    ("persona_style", "Interviewer style"),
    ("auto_probe", "Automatic probing"),
    ("reduced_motion", "Reduced motion"),
    ("theme", "Theme"),
    ("voice_speak", "Speak questions"),
    ("voice_keep_recordings", "Keep recordings"),
    ("voice_model", "Speech model"),
)
_BOOLEANS = ("bell", "auto_probe", "reduced_motion", "voice_speak", "voice_keep_recordings")


def apply_motion(app: Any, reduced: bool) -> None:
    """No animation at all when reduced motion is on; otherwise Textual's configured level."""
    from textual import constants

    app.animation_level = "none" if reduced else constants.TEXTUAL_ANIMATIONS


class SettingsScreen(Screen[None]):
    """One row per setting with its help line; errors appear under the field they concern."""

    app = getters.app(MockintApp)

    HELP_TEXT: ClassVar[str] = (
        "Defaults for every practice: answer and thinking time, the interviewer's name and manner, the bell, "
        "motion and colours. ctrl+s checks and saves them; a theme applies as soon as you pick it."
    )

    CSS_PATH = "settings.tcss"
    AUTO_FOCUS = "#set-answer_seconds"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Check and save every setting"),
        Binding("escape", "leave", "Back", tooltip="Back (asks first when there are unsaved changes)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saved: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        settings: Settings = self.app.settings
        yield Static(Text("Settings", style="bold"), id="settings-title")
        with VerticalScroll(id="settings-form"):
            for key, label in FIELDS:
                with Vertical(classes="setting", id=f"row-{key}"):
                    with Horizontal(classes="setting-line"):
                        yield Label(Text(label), classes="setting-label")
                        yield self._field(key, settings)
                    yield Static(Text(SETTINGS_HELP.get(key, "")), classes="setting-help")
                    yield Static("", classes="setting-error", id=f"err-{key}")
            yield Static("", id="settings-status")
            with Horizontal(id="settings-buttons"):
                yield Button("Save (ctrl+s)", id="settings-save", variant="primary", compact=True)
        yield KeyBar(compact=True)

    def _field(self, key: str, settings: Settings) -> Widget:
        wid = f"set-{key}"
        value = getattr(settings, key)
        if key in _BOOLEANS:
            return Checkbox("on" if value else "off", bool(value), id=wid, compact=True)
        if key in ("answer_seconds", "prep_seconds"):
            return Input(str(value), type="integer", id=wid, compact=True, max_length=5)
        if key == "persona_name":
            return Input(str(value), id=wid, compact=True, max_length=60)
        if key == "voice_model":
            return Input(value or "", id=wid, compact=True, max_length=1000, placeholder="default")
        if key == "persona_style":
            return Select([(s, s) for s in PERSONA_STYLES], value=value, allow_blank=False, id=wid, compact=True)
        self.app.ensure_file_themes()  # read after the first frame otherwise
        names = sorted(self.app.available_themes)
        return Select([(n, n) for n in names], value=self.app.theme, allow_blank=False, id=wid, compact=True)

    def on_mount(self) -> None:
        self._saved = self.form_values()

    # -- reading the form ------------------------------------------------------------------
    def form_values(self) -> dict[str, Any]:
        """The form as setting values (numbers that do not parse stay strings; core says why)."""
        values: dict[str, Any] = {}
        for key, _label in FIELDS:
            widget = self.query_one(f"#set-{key}")
            if isinstance(widget, Checkbox):
                values[key] = widget.value
            elif isinstance(widget, Select):
                values[key] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Input):
                text = widget.value.strip() if key != "persona_name" else widget.value
                if key in ("answer_seconds", "prep_seconds"):
                    try:
                        values[key] = int(text)
                    except ValueError:
                        values[key] = text
                elif key == "voice_model":
                    values[key] = text or None
                else:
                    values[key] = text
        return values

    @property
    def dirty(self) -> bool:
        return self.form_values() != self._saved

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        # The word says the state too (the box alone is only colour, lost under NO_COLOR).
        event.checkbox.label = "on" if event.value else "off"

    def on_select_changed(self, event: Select.Changed) -> None:
        # The theme shows at once (and is remembered by the app), as with the palette's picker.
        if event.select.id == "set-theme" and isinstance(event.value, str):
            self._saved["theme"] = event.value  # applied and remembered already: not an unsaved change
            if event.value != self.app.theme:
                self.app.theme = event.value

    # -- saving ----------------------------------------------------------------------------
    def action_save(self) -> bool:
        """Validate and write; True when saved. Errors are shown next to their fields."""
        from mockint.core.errors import MockintError
        from mockint.core.settings import save_settings

        app: Any = self.app
        for key, _label in FIELDS:
            self._show_error(key, "")
        values = self.form_values()
        try:
            new = app.settings.with_changes(**values)
            save_settings(new, app.paths)
        except MockintError as exc:
            general = []
            for diagnostic in exc.diagnostics:
                if diagnostic.key in dict(FIELDS):
                    self._show_error(diagnostic.key, diagnostic.message)
                else:
                    general.append(diagnostic.format())
            self._status("Not saved: fix the fields marked below." if not general else "Not saved: " + "; ".join(general))
            return False
        app.use_settings(new)  # the values just written (no need to read the file back)
        apply_motion(app, new.reduced_motion)
        self._saved = values
        self._status("Saved.")
        self.notify("Settings saved.", timeout=3)
        return True

    def _show_error(self, key: str, message: str) -> None:
        error = self.query_one(f"#err-{key}", Static)
        error.update(Text(message))
        error.display = bool(message)

    def _status(self, message: str) -> None:
        self.query_one("#settings-status", Static).update(Text(message))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "settings-save":
            event.stop()
            self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    # -- leaving ---------------------------------------------------------------------------
    def action_leave(self) -> None:
        self.confirm_leave(self.app.pop_screen)

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Run `then` now when nothing is unsaved, else once the person agrees to drop the changes.

        Leaving and quitting (ctrl+q, see mockint/tui/unsaved.py) both ask.
        """
        from mockint.tui.screens.confirm import ConfirmScreen

        if not self.dirty:
            then()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                then()

        self.app.push_screen(ConfirmScreen("Leave without saving your changes?"), answered)
