"""The screen's title on one line, drawn by one widget.

It looks like Textual's `Header` (the command palette icon on the left, "title — sub-title"
centred, the same colours) but is a single widget that draws its line: Header builds
three child widgets, each with its own styles and render, which is a good share of a
screen's first frame. Clicking the icon opens the command palette, as in Header.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.strip import Strip

from mockint.core.text import one_line
from mockint.tui.widgets.one_line import OneLine

#: The icon's cell and the empty space on the right, as wide as Header's.
ICON_WIDTH = 8
RIGHT_WIDTH = 10


class TitleBar(OneLine, can_focus=False):
    """`title — sub-title` of the current screen (or of the app), kept current."""

    ALLOW_SELECT = False
    ICON = "⭘"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    TitleBar > .title-bar--icon-hover {
        background: $foreground 10%;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._hover = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._changed, init=False)
            self.watch(node, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    @property
    def title_text(self) -> tuple[str, str]:
        """(title, sub-title) as shown: the screen's, or the app's where the screen has none."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return one_line(title), one_line(sub_title)

    def line_key(self) -> Hashable:
        return self.title_text, self._hover

    def draw_line(self, width: int) -> Strip:
        base = self.rich_style
        title, sub_title = self.title_text
        icon_style = base + self.get_component_rich_style("title-bar--icon-hover", partial=True) if self._hover else base
        icon_width = min(ICON_WIDTH, width)
        middle = max(0, width - ICON_WIDTH - RIGHT_WIDTH)
        # Icon, padding and title are separate segments (as Header's widgets are): screenshot
        # exporters place each run of text at its own column.
        segments = [Segment(f" {self.ICON}"[:icon_width], icon_style)]
        segments.append(Segment(" " * (icon_width - len(segments[0].text)), icon_style))
        if middle:
            content = self.app.format_title(title, sub_title)
            if content.cell_length > middle:
                content = content.truncate(middle, ellipsis=True)
            left = (middle - content.cell_length) // 2
            segments.append(Segment(" " * left, base))
            segments += content.render_segments(self.visual_style)
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    # -- mouse -----------------------------------------------------------------
    def _on_icon(self, x: int) -> bool:
        return self.app.ENABLE_COMMAND_PALETTE and 0 <= x < ICON_WIDTH

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._on_icon(event.x)
        if hover != self._hover:
            self._hover = hover
            self.tooltip = "Open the command palette" if hover else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover:
            self._hover = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if self._on_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")
