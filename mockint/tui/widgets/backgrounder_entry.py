"""One backgrounder entry in the editor: a wrapping text box with its live advice below it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea
from textual.widgets.text_area import EditResult, Location

from mockint.core.backgrounder.advice import BIO_CHARS, Advice, format_seconds, speaking_seconds
from mockint.core.backgrounder.model import MAX_ENTRY, Section

# Control characters other than tab and newline never reach the document (they would be refused on save).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_entry_text(text: str, room: int) -> str:
    """`text` as an entry may hold it: one line, no control characters, at most `room` characters."""
    flat = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", flat)[: max(room, 0)]


#: The shape of a good entry, shown in an empty one (invented examples).
PLACEHOLDERS: dict[str, str] = {
    "about": "e.g. Product manager for eight years, mostly in health tech; weekend cyclist",
    "quantitative": "e.g. Grew paid subscribers from 20k to 65k in one year",
    "qualitative": "e.g. Helped ward nurses hand over shifts in minutes instead of an hour",
}


class EntryArea(TextArea):
    """A soft-wrapping box for one entry: single paragraph, at most MAX_ENTRY characters.

    Enter moves to the next field rather than starting a new line, because an entry
    is one bullet of the press kit.
    """

    def __init__(
        self, text: str = "", *, limit: int = MAX_ENTRY, placeholder: str = "", id: str | None = None
    ):
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=placeholder,
            id=id,
        )
        self.limit = limit

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # Stops TextArea's own handler (dispatch walks the MRO until prevent_default).
            event.stop()
            event.prevent_default()
            self.screen.focus_next()

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        # Typing and pasting both arrive here: keep the entry one clean line within the limit.
        replaced = len(self.get_text_range(start, end)) if start != end else 0
        room = self.limit - (len(self.text) - replaced)
        cleaned = clean_entry_text(insert, room)
        if insert and not cleaned:
            self.app.bell()
            return None
        return super()._replace_via_keyboard(cleaned, start, end)


#: How advice is marked: theme colours (warnings stand out, tips are quieter), never fixed ones.
WARNING_STYLE = "bold $text-warning"
TIP_STYLE = "$text-accent"
GOOD_STYLE = "bold $text-success"


def advice_mark(severity: str) -> tuple[str, str]:
    """The mark and style that start a line of advice."""
    return ("▲ ", WARNING_STYLE) if severity == "warning" else ("• ", TIP_STYLE)


def update_if_changed(static: Static, content: Content) -> None:
    """Update a Static only when its text or styles differ.

    Every update re-lays out the screen; skipping no-op updates keeps typing fast.
    """
    if static.content == content:
        return
    static.update(content)


def advice_text(text: str, advice: Sequence[Advice], *, soft_limit: int | None = None) -> Content:
    """The line under an entry: its speaking time, then each piece of advice (plain text, never markup).

    The character count appears only near a limit, so the line does not change on every keystroke.
    """
    if not text.strip():
        return Content.styled("Empty: type here, or remove it with ctrl+d.", "dim")
    parts: list[str | tuple[str, str]] = [(f"~{format_seconds(speaking_seconds(text))} to say", "dim")]
    length = len(text.strip())
    limit = soft_limit if soft_limit is not None and length <= soft_limit else MAX_ENTRY
    if length >= limit - 20:
        parts.append((f" · {length}/{limit} characters", "dim"))
    if not advice:
        parts.append(("  ✓ follows the guidelines", GOOD_STYLE))
    for item in advice:
        parts += ["\n", advice_mark(item.severity), item.message]
    return Content.assemble(*parts)


class EntryRow(Vertical):
    """An entry of one section: the editable text and, below it, what the advice says about it."""

    def __init__(self, section: Section, text: str = "") -> None:
        super().__init__(classes="entry-row")
        self.section: Section = section
        self.area = EntryArea(text, placeholder=PLACEHOLDERS[section])
        self.advice = Static("", classes="entry-advice")

    def compose(self) -> ComposeResult:
        yield self.area
        yield self.advice

    @property
    def text(self) -> str:
        return self.area.text

    def show_advice(self, advice: Sequence[Advice]) -> None:
        soft = BIO_CHARS if self.section == "about" else None
        update_if_changed(self.advice, advice_text(self.text, advice, soft_limit=soft))
