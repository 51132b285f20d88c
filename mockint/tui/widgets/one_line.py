"""A widget that draws one line itself (the title, key and filter lines).

Drawing a line straight to segments skips Textual's text pipeline, which is a good share of
a screen's first frame. The line is kept until its width, its `line_key()` or its styles
change, so the repaints Textual asks for (a focus change, a hover) cost a comparison.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.strip import Strip
from textual.widget import Widget


class OneLine(Widget):
    """Subclasses draw their line in `draw_line` and say in `line_key` what it depends on."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._drawn: tuple[tuple[int, Hashable], Strip] | None = None

    def line_key(self) -> Hashable:
        """Everything besides the width and the styles that the line depends on."""
        return None

    def draw_line(self, width: int) -> Strip:
        """The line, exactly `width` cells."""
        raise NotImplementedError

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y != 0:
            return Strip.blank(width, self.rich_style)
        key = (width, self.line_key())
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self.draw_line(width))
        return self._drawn[1]
