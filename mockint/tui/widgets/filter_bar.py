"""A line of filter "chips" (key, name, current value); a click on a chip asks to change it.

A single widget instead of a row of Select controls keeps the review screen's first
frame cheap; the choices are only gathered when a chip is picked. Chips that do not fit
the width go on to a second line (the widget's height follows), never cut off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from mockint.core.text import one_line

#: A chip's value is cut to this many cells (pack and category names can be long).
MAX_VALUE = 28


@dataclass(frozen=True)
class Chip:
    """One filter: its name (for messages), the key that changes it, its label and value."""

    name: str
    key: str
    label: str
    value: str


_SEPARATOR = "  "
_BOLD = Style(bold=True)


class FilterBar(Widget):
    """Chips like ``k Pack: all ▾``; clicking one posts `FilterBar.Picked(name)`."""

    # Two component classes: Textual styles each one as a node of its own on every style pass
    # (about a tenth of a millisecond each), so the value is the bar's text in bold and an
    # active value (a filter narrowing the list) takes the keys' accent.
    DEFAULT_CSS = """
    FilterBar { height: auto; }
    FilterBar > .filter-bar--key { color: $accent; text-style: bold; }
    FilterBar > .filter-bar--label { color: $text-muted; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"filter-bar--key", "filter-bar--label"}

    class Picked(Message):
        """The chip `name` was clicked."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(
        self, chips: Sequence[Chip] = (), *, defaults: Sequence[Chip] | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.chips: list[Chip] = list(chips)
        #: Values shown plain; any other value is highlighted as an active filter.
        self.defaults: dict[str, str] = {chip.name: chip.value for chip in (chips if defaults is None else defaults)}
        self._strips: tuple[int, list[Strip]] | None = None

    def set_chips(self, chips: Sequence[Chip]) -> None:
        """Show new values (the height follows when they need another line)."""
        self.chips = list(chips)
        self._strips = None
        self.refresh(layout=True)

    def _pieces(self, chip: Chip) -> list[tuple[str, str]]:
        active = chip.value != self.defaults.get(chip.name, chip.value)
        value = one_line(chip.value)
        if cell_len(value) > MAX_VALUE:
            value = Strip([Segment(value)]).crop(0, MAX_VALUE - 1).text + "…"
        return [
            (chip.key, "filter-bar--key"),
            (f" {chip.label}: ", "filter-bar--label"),
            (f"{value} ▾", "filter-bar--key" if active else ""),
        ]

    def _chip_width(self, chip: Chip) -> int:
        return sum(cell_len(text) for text, _ in self._pieces(chip))

    def layout_rows(self, width: int) -> list[list[tuple[int, Chip]]]:
        """The chips of each line with the column each starts at, filled greedily."""
        rows: list[list[tuple[int, Chip]]] = [[]]
        edge = 0
        for chip in self.chips:
            chip_width = self._chip_width(chip)
            if rows[-1] and edge + len(_SEPARATOR) + chip_width > width:
                rows.append([])
                edge = 0
            elif rows[-1]:
                edge += len(_SEPARATOR)
            rows[-1].append((edge, chip))
            edge += chip_width
        return rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.layout_rows(width))

    def chip_at(self, x: int, y: int = 0) -> Chip | None:
        """The chip under content column `x` of line `y`."""
        rows = self.layout_rows(self.size.width)
        if not 0 <= y < len(rows):
            return None
        for start, chip in rows[y]:
            if start <= x < start + self._chip_width(chip) + len(_SEPARATOR):
                return chip
        return None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None

    def render_line(self, y: int) -> Strip:
        # Straight to segments: no Text/Content conversion on the first frame.
        width = self.size.width
        if self._strips is None or self._strips[0] != width:
            self._strips = (width, self._draw(width))
        strips = self._strips[1]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width, self.rich_style)

    def _draw(self, width: int) -> list[Strip]:
        base = self.rich_style
        styles: dict[str, Style] = {}
        out = []
        for row in self.layout_rows(width):
            segments: list[Segment] = []
            for index, (_start, chip) in enumerate(row):
                if index:
                    segments.append(Segment(_SEPARATOR, base))
                for piece, component in self._pieces(chip):
                    if component not in styles:
                        # Whole component styles: `$text-muted` (auto 60%) blends with the background.
                        styles[component] = self.get_component_rich_style(component) if component else base + _BOLD
                    # Values are names and tags from the history: plain text, never markup.
                    segments.append(Segment(piece, styles[component]))
            strip = Strip(segments)
            if strip.cell_length > width:  # one chip wider than the whole line
                strip = strip.crop(0, max(0, width - 1)).extend_cell_length(width - 1, base)
                strip = Strip([*strip, Segment("…", base)])
            out.append(strip.extend_cell_length(width, base))
        return out

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        chip = None if offset is None else self.chip_at(offset.x, offset.y)
        if chip is not None:
            event.stop()
            self.post_message(self.Picked(chip.name))
