"""One section of the backgrounder editor: its hint, its entries with their advice, its totals and advice."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Static

from mockint.core.backgrounder.advice import (
    entry_advice,
    format_seconds,
    intro_note,
    section_advice,
    section_seconds,
)
from mockint.core.backgrounder.model import RECOMMENDED_ENTRIES, SECTION_TITLES, Backgrounder, Section
from mockint.tui.widgets.backgrounder_entry import EntryRow, advice_mark, update_if_changed

HINTS: dict[Section, str] = {
    "about": (
        "Who you are, at work and beyond: three bio-short lines (~160 characters) "
        "that open “tell me about yourself”."
    ),
    "quantitative": (
        "Your biggest wins for the business, each with a figure: revenue, users, share, time saved."
    ),
    "qualitative": (
        "How your work made people's lives better: name who (users, customers, a team) and how you helped."
    ),
}


class AddButton(Button):
    """A button where every click counts.

    Textual's Button ignores a click while its press effect shows (0.2 s), so a person's quick
    second click on "+ Add entry" only moved the focus. Here each click and each enter adds.
    """

    def on_click(self, event: events.Click) -> None:
        event.stop()
        event.prevent_default()  # Button's own handler would drop a click during the press effect
        self.press()

    def action_press(self) -> None:
        self.press()


class SectionBox(Vertical):
    """One section of the backgrounder: its hint, its entries, and a button to add one."""

    def __init__(self, section: Section, entries: list[str]) -> None:
        super().__init__(id=f"section-{section}", classes="section")
        self.section: Section = section
        self._entries = entries
        self.border_title = SECTION_TITLES[section]
        # Kept as attributes: a DOM query per keystroke would be the editor's biggest cost.
        self.entries_box = Vertical(*(EntryRow(section, text) for text in entries), classes="entries")
        self.head = Static("", classes="section-head")
        self.add_button = AddButton("+ Add entry", id=f"add-{section}", classes="add-entry", compact=True)

    def compose(self) -> ComposeResult:
        yield Static(Text(HINTS[self.section]), classes="section-hint")
        yield self.entries_box
        yield self.head
        yield self.add_button

    @property
    def rows(self) -> list[EntryRow]:
        return [child for child in self.entries_box.children if isinstance(child, EntryRow)]

    def advise_row(self, row: EntryRow, index: int | None = None) -> None:
        """Show what the advice says about `row` (at `index` among the rows: advice depends on the place)."""
        position = self.rows.index(row) if index is None else index
        row.show_advice(entry_advice(self.section, position, row.text))

    def advise_rows(self) -> None:
        """Show the advice of every entry (after a change of places)."""
        for index, row in enumerate(self.rows):
            self.advise_row(row, index)

    def show_totals(self, bg: Backgrounder) -> None:
        """The section's count and speaking time (border subtitle) and its advice (under the entries)."""
        subtitle = (
            f"{len([e for e in bg.section(self.section) if e.strip()])}/{RECOMMENDED_ENTRIES}"
            f" · {format_seconds(section_seconds(bg, self.section))} to say"
        )
        # Setting a border subtitle repaints the whole box, even when unchanged.
        if self.border_subtitle != subtitle:
            self.border_subtitle = subtitle
        parts: list[str | tuple[str, str]] = []
        if self.section == "about":
            spoken = section_seconds(bg, "about")
            parts.append((f"Spoken: {format_seconds(spoken)}, {intro_note(spoken)}.", "dim"))
        for item in section_advice(bg, self.section):
            if parts:
                parts.append("\n")
            parts += [advice_mark(item.severity), item.message]
        update_if_changed(self.head, Content.assemble(*parts))
