"""One line of filter "chips" (key, name, current value); a click on a chip asks to change it.

A single widget instead of a row of Select controls keeps the review screen's first
frame cheap; the choices are only gathered when a chip is picked.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip

from mockint.core.text import one_line
from mockint.tui.widgets.one_line import OneLine


@dataclass(frozen=True)
class Chip:
    """One filter: its name (for messages), the key that changes it, its label and value."""

    name: str
    key: str
    label: str
    value: str


_SEPARATOR = "  "


class FilterBar(OneLine):
    """Chips like ``p Pack: all ▾``; clicking one posts `FilterBar.Picked(name)`."""

    DEFAULT_CSS = """
    FilterBar { height: 1; }
    FilterBar > .filter-bar--key { color: $accent; text-style: bold; }
    FilterBar > .filter-bar--label { color: $text-muted; }
    FilterBar > .filter-bar--value { text-style: bold; }
    FilterBar > .filter-bar--active { color: $warning; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "filter-bar--key",
        "filter-bar--label",
        "filter-bar--value",
        "filter-bar--active",
    }

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

    def set_chips(self, chips: Sequence[Chip]) -> None:
        """Show new values."""
        self.chips = list(chips)
        self.refresh()

    def _pieces(self, chip: Chip) -> list[tuple[str, str]]:
        active = chip.value != self.defaults.get(chip.name, chip.value)
        return [
            (chip.key, "filter-bar--key"),
            (f" {chip.label}: ", "filter-bar--label"),
            (f"{chip.value} ▾", "filter-bar--active" if active else "filter-bar--value"),
        ]

    def chip_at(self, x: int) -> Chip | None:
        """The chip under content column `x`."""
        edge = 0
        for chip in self.chips:
            width = sum(len(text) for text, _ in self._pieces(chip))
            if edge <= x < edge + width + len(_SEPARATOR):
                return chip
            edge += width + len(_SEPARATOR)
        return None

    def line_key(self) -> Hashable:
        return tuple(self.chips), tuple(self.defaults.items())

    def draw_line(self, width: int) -> Strip:
        # Straight to segments: no Text/Content conversion on the first frame.
        base = self.rich_style
        styles: dict[str, Style] = {}
        segments: list[Segment] = []
        for index, chip in enumerate(self.chips):
            if index:
                segments.append(Segment(_SEPARATOR, base))
            for piece, component in self._pieces(chip):
                if component not in styles:
                    styles[component] = base + self.get_component_rich_style(component, partial=True)
                # Values are pack and category ids from the history: plain text, never markup.
                segments.append(Segment(one_line(piece), styles[component]))
        strip = Strip(segments)
        if strip.cell_length > width:
            strip = strip.crop(0, max(0, width - 1)).extend_cell_length(width - 1, base)
            strip = Strip([*strip, Segment("…", base)])
        return strip.extend_cell_length(width, base)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        chip = None if offset is None else self.chip_at(offset.x)
        if chip is not None:
            event.stop()
            self.post_message(self.Picked(chip.name))
