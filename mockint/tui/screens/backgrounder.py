"""The backgrounder editor: three sections of short entries with live advice, saved as you type."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from mockint.core.backgrounder.advice import advise, format_seconds, kit_seconds
from mockint.core.backgrounder.model import (
    MAX_ENTRIES,
    MAX_HEADLINE,
    MAX_NAME,
    RECOMMENDED_ENTRIES,
    SECTION_TITLES,
    SECTIONS,
    Backgrounder,
    Section,
)
from mockint.core.errors import MockintError
from mockint.core.format import plural
from mockint.core.paths import Paths, get_paths
from mockint.tui.widgets.backgrounder_entry import EntryRow, clean_entry_text, update_if_changed
from mockint.tui.widgets.backgrounder_section import SectionBox
from mockint.tui.widgets.key_bar import KeyBar

#: Save this long after the last keystroke…
DEBOUNCE_SECONDS = 0.6
#: …but never let unsaved typing get older than this, even while typing non-stop.
MAX_UNSAVED_SECONDS = 1.0

REHEARSE_PACK = "backgrounder-openers"
#: The three classic openers ("tell me about yourself", highlights, products you built).
REHEARSE_PLAN = "warm-up"

INTRO = "Your press kit: short lines you can say without notes. Saved as you type."


class BackgrounderScreen(Screen[None]):
    """Edit the backgrounder. Keys use ctrl/alt so they never type into an entry."""

    HELP_TEXT: ClassVar[str] = (
        "Your backgrounder is a press kit: short lines about who you are, your measurable wins and the "
        "people you helped. Questions quote it and the teleprompter shows it when you rehearse (ctrl+r). "
        "Saved as you type; ctrl+z brings back an entry removed with ctrl+d; shift+home then typing replaces a field."
    )

    CSS_PATH = "backgrounder.tcss"
    BINDINGS = [
        Binding("ctrl+n", "add_entry", "Add", key_display="^n"),
        # Priority: inside a text box ctrl+d would otherwise delete a character.
        Binding("ctrl+d", "remove_entry", "Remove", key_display="^d", priority=True),
        # Only right after a removal (see check_action): otherwise ctrl+z undoes typing in the field.
        Binding("ctrl+z", "undo_remove", "Undo remove", key_display="^z", priority=True),
        Binding("alt+up,ctrl+up", "move(-1)", "Up", key_display="alt+↑"),
        Binding("alt+down,ctrl+down", "move(1)", "Down", key_display="alt+↓"),
        Binding("ctrl+r", "rehearse", "Rehearse", key_display="^r"),
        Binding("ctrl+s", "save", "Save", key_display="^s", show=False),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._timer: Timer | None = None
        self._dirty_since: float | None = None
        self._backed_up = False
        self._load_warnings: list[str] = []
        self.current = Backgrounder()
        self._saved = Backgrounder()
        self._boxes: dict[Section, SectionBox] = {}
        self._ready = False  # set once on_mount has found the widgets
        #: Why the last save failed (shown until a save works), or None.
        self._save_error: str | None = None
        #: The person chose to throw the unsaved edits away: leaving does not save them.
        self._discarded = False
        #: Entries removed since the last typing, newest last: (section, position, text), for ctrl+z.
        self._removed: list[tuple[Section, int, str]] = []

    # -- services from the app (or defaults when shown in another app) --------------
    @property
    def paths(self) -> Paths:
        paths = getattr(self.app, "paths", None)
        return paths if isinstance(paths, Paths) else get_paths()

    def _clock(self) -> float:
        clock: Callable[[], float] = getattr(self.app, "clock", time.monotonic)
        return clock()

    def _now(self) -> Callable[[], datetime] | None:
        return getattr(self.app, "now", None)

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        from mockint.core.backgrounder.storage import load_backgrounder_with_warnings

        try:
            bg, warnings = load_backgrounder_with_warnings(self.paths)
            self._load_warnings = [w.message for w in warnings]
        except MockintError as exc:
            bg, self._load_warnings = Backgrounder(), [exc.message]
        self.current = bg
        self._saved = bg.normalised()
        yield Static("", id="bg-status")
        with VerticalScroll(id="bg-body"):
            yield Static(Text(INTRO), id="bg-intro")
            with Horizontal(id="bg-identity"):
                # Entering a field never selects its text: the first key would replace it (and autosave
                # would store that). Replacing a whole field is explicit: shift+home, then type.
                name = Input(
                    bg.name or "", placeholder="Your name", max_length=MAX_NAME, id="bg-name", select_on_focus=False
                )
                name.border_title = "Name"
                yield name
                headline = Input(
                    bg.headline or "",
                    placeholder="e.g. Senior PM, payments",
                    max_length=MAX_HEADLINE,
                    id="bg-headline",
                    select_on_focus=False,
                )
                headline.border_title = "Headline"
                yield headline
            for section in SECTIONS:
                yield SectionBox(section, list(bg.section(section)))
            yield Static("", id="bg-summary")
        yield KeyBar()

    def on_mount(self) -> None:
        for message in self._load_warnings:
            self.notify(message, severity="warning", timeout=10, markup=False)
        self._boxes = {box.section: box for box in self.query(SectionBox)}
        self._name_input = self.query_one("#bg-name", Input)
        self._headline_input = self.query_one("#bg-headline", Input)
        self._summary = self.query_one("#bg-summary", Static)
        self._status = self.query_one("#bg-status", Static)
        for box in self._boxes.values():
            box.advise_rows()
        self._refresh_summary(saved=True)
        self._ready = True
        self._name_input.focus()

    def on_unmount(self) -> None:
        # Leaving never loses typing: flush whatever the timer had not saved yet.
        if not self._discarded:
            self.save_now(notify=False, refresh=False)

    # -- reading the widgets -----------------------------------------------------------
    def _collect(self) -> Backgrounder:
        name = clean_entry_text(self._name_input.value, MAX_NAME)
        headline = clean_entry_text(self._headline_input.value, MAX_HEADLINE)
        bg = Backgrounder(name or None, headline or None)
        for box in self._boxes.values():
            bg.section(box.section).extend(row.text for row in box.rows)
        return bg

    def _box(self, section: Section) -> SectionBox:
        return self._boxes[section]

    def _focused_ancestor(self, kind: type[Widget]) -> Any:
        node: DOMNode | None = self.focused
        while node is not None and not isinstance(node, kind):
            node = node.parent
        return node

    def _has_room(self, box: SectionBox) -> bool:
        """Whether `box` takes one more entry (if not, says so)."""
        if len(box.rows) < MAX_ENTRIES:
            return True
        self.notify(f"{SECTION_TITLES[box.section]} holds at most {MAX_ENTRIES} entries.", severity="warning")
        return False

    # -- live advice ----------------------------------------------------------------------
    def _refresh_summary(self, *, saved: bool) -> None:
        bg = self.current
        for box in self._boxes.values():
            box.show_totals(bg)
        filled, total = bg.completeness()
        advice_count = len(advise(bg))
        update_if_changed(
            self._summary,
            Content(
                f"Whole kit: {format_seconds(kit_seconds(bg))} to say at 150 words a minute · "
                f"{plural(advice_count, 'piece')} of advice"
            ),
        )
        if self._save_error is not None and not saved:
            state = ("Not saved: ctrl+s tries again", "bold $text-error")
        else:
            state = ("Saved", "dim") if saved else ("Saving…", "italic")
        status = Content.assemble(("Backgrounder", "bold"), f"  {filled}/{total} filled  ", state)
        update_if_changed(self._status, status)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.is_attached:  # typing: ctrl+z now undoes that, not a removal
            self._forget_removed()
        row = event.text_area.parent
        if self._ready and isinstance(row, EntryRow):
            self._box(row.section).advise_row(row)
        self._changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._forget_removed()
        self._changed()

    def _forget_removed(self) -> None:
        if self._removed:
            self._removed.clear()
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_remove":
            return bool(self._removed)
        return True

    def _changed(self) -> None:
        """Something was edited: refresh the advice and schedule an autosave."""
        if not self._ready:
            return
        self.current = self._collect()
        if self.current.normalised() == self._saved:
            self._cancel_timer()
            self._dirty_since = None
            self._refresh_summary(saved=True)
            return
        self._refresh_summary(saved=False)
        now = self._clock()
        if self._dirty_since is None:
            self._dirty_since = now
        self._cancel_timer()
        if now - self._dirty_since >= MAX_UNSAVED_SECONDS:
            self.save_now()
        else:
            self._timer = self.set_timer(DEBOUNCE_SECONDS, self.save_now, name="backgrounder-autosave")

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    # -- saving ---------------------------------------------------------------------------
    def save_now(self, *, notify: bool = True, refresh: bool = True) -> bool:
        """Write the backgrounder if it changed; returns False if saving failed."""
        from mockint.core.backgrounder.storage import save_backgrounder

        self._cancel_timer()
        clean = self.current.normalised()
        if clean == self._saved:
            self._dirty_since = None
            return True
        try:
            # The version this editing session started from is kept as a backup, once.
            save_backgrounder(clean, self.paths, backup=not self._backed_up, now=self._now())
        except MockintError as exc:
            # Said once per reason (autosave retries on every pause in typing); the status line keeps it.
            if notify and self.is_attached and exc.message != self._save_error:
                self.notify(exc.message, title="Not saved", severity="error", markup=False)
            self._save_error = exc.message
            if refresh and self._ready:
                self._refresh_summary(saved=False)
            return False
        self._save_error = None
        self._backed_up = True
        self._saved = clean
        self._dirty_since = None
        invalidate = getattr(self.app, "invalidate", None)
        if callable(invalidate):
            invalidate("backgrounder")
        if refresh:
            self._refresh_summary(saved=True)
        return True

    # -- actions -----------------------------------------------------------------------------
    async def action_add_entry(self, section: str | None = None) -> None:
        """Add an empty entry to the focused section (or the first one short of three)."""
        target: Section
        if section in SECTIONS:
            target = section
        else:
            box = self._focused_ancestor(SectionBox)
            if isinstance(box, SectionBox):
                target = box.section
            else:
                short = [s for s in SECTIONS if len(self._box(s).rows) < RECOMMENDED_ENTRIES]
                target = short[0] if short else "about"
        box = self._box(target)
        if not self._has_room(box):
            return
        row = EntryRow(target)
        await box.entries_box.mount(row)
        row.show_advice([])
        row.area.focus()
        row.scroll_visible()
        self._changed()

    async def action_remove_entry(self) -> None:
        """Remove the entry that has the focus."""
        row = self._focused_ancestor(EntryRow)
        if not isinstance(row, EntryRow):
            self.notify("Move to an entry first (tab), then ctrl+d removes it.", severity="warning")
            return
        box = self._box(row.section)
        rows = box.rows
        index = rows.index(row)
        text = row.text
        await row.remove()
        self._removed.append((row.section, index, text))
        self.refresh_bindings()
        what = f"“{text[:40]}…”" if len(text) > 40 else (f"“{text}”" if text.strip() else "An empty entry")
        self.notify(f"{what} removed from {SECTION_TITLES[row.section]}. ctrl+z brings it back.", timeout=6, markup=False)
        rest = box.rows
        if rest:
            rest[min(index, len(rest) - 1)].area.focus()
        else:
            box.add_button.focus()
        box.advise_rows()
        self._changed()

    async def action_undo_remove(self) -> None:
        """Bring back the entry removed last, where it was."""
        if not self._removed:
            return
        section, index, text = self._removed[-1]
        box = self._box(section)
        if not self._has_room(box):
            return
        rows = box.rows
        self._removed.pop()
        self.refresh_bindings()
        row = EntryRow(section, text)
        if index < len(rows):
            await box.entries_box.mount(row, before=rows[index])
        else:
            await box.entries_box.mount(row)
        box.advise_rows()
        row.area.focus()
        row.scroll_visible()
        self.notify(f"Entry brought back to {SECTION_TITLES[section]}.", timeout=3)
        self._changed()

    def action_move(self, delta: int) -> None:
        """Move the focused entry up or down within its section."""
        row = self._focused_ancestor(EntryRow)
        if not isinstance(row, EntryRow):
            return
        box = self._box(row.section)
        rows = box.rows
        i = rows.index(row)
        j = i + delta
        if not 0 <= j < len(rows):
            self.app.bell()
            return
        # Swapping the texts (not the widgets) keeps the layout and focus order simple.
        a, b = rows[i].area, rows[j].area
        text_a, text_b = a.text, b.text
        a.load_text(text_b)
        b.load_text(text_a)
        b.focus()
        b.move_cursor(b.document.end)
        for k in (i, j):
            box.advise_row(rows[k], k)
        self._changed()

    def action_save(self) -> None:
        if self.save_now():
            self.notify("Backgrounder saved.", timeout=2)

    def action_rehearse(self) -> None:
        """Rehearse the warm-up openers with the teleprompter showing your own entries."""
        self.current = self._collect()
        if not self.save_now():
            return
        if self.current.completeness()[0] == 0:
            self.notify("Write a few entries first: the rehearsal asks about them.", severity="warning")
            return
        open_screen = getattr(self.app, "open_screen", None)
        if not callable(open_screen):
            self.notify("Rehearsal is not available here.", severity="warning")
            return
        open_screen("practice", pack_id=REHEARSE_PACK, plan_id=REHEARSE_PLAN, teleprompter=True)

    def action_leave(self) -> None:
        """Save and go back (asking first when the edits cannot be saved)."""
        self.confirm_leave(self.app.pop_screen)  # the app goes home when the editor was its first screen

    # -- unsaved edits (see mockint/tui/unsaved.py) --------------------------------------------
    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Run `then` once the edits are saved; if saving fails, ask what to do with them first."""
        from mockint.tui.screens.backgrounder_unsaved import ask_about_unsaved

        if self._ready:
            self.current = self._collect()
        if self._discarded or self.save_now():
            then()
            return

        def discard() -> None:
            self._discarded = True  # leaving does not save them (see on_unmount)
            self._cancel_timer()
            then()

        reason = self._save_error or "the backgrounder could not be saved"
        ask_about_unsaved(self, reason, self.current, ask_again=lambda: self.confirm_leave(then), discard=discard)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id.startswith("add-"):
            event.stop()
            self.run_worker(self.action_add_entry(button_id.removeprefix("add-")), exclusive=False)
