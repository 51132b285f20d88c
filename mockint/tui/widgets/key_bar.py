"""The keys of the current screen on one line, drawn by one widget.

It looks like Textual's `Footer` (same theme variables, same key and description
styles, the command palette key on the right) but is a single widget that renders
a line of text: Footer builds a child widget per key and rebuilds them all
whenever the bindings change (every focus change), which is most of the cost of a
screen's first frame. Here a change of bindings is a repaint.

Mouse: a click on a key presses it; hovering shows it highlighted (and its tooltip).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyItem(NamedTuple):
    """One key shown in the bar."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class _Span(NamedTuple):
    start: int
    end: int
    item: KeyItem


class KeyBar(Widget, can_focus=False):
    """The current screen's shown bindings, one per action, and the command palette key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
        "key-bar--separator",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeyBar > .key-bar--separator {
        color: $foreground 20%;
    }
    """

    def __init__(
        self,
        *,
        compact: bool = False,
        show_command_palette: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.compact = compact
        self.show_command_palette = show_command_palette
        self._items: tuple[list[KeyItem], KeyItem | None] | None = None
        self._spans: list[_Span] = []
        self._hover: KeyItem | None = None

    # -- bindings --------------------------------------------------------------
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self._items = None
        self.refresh()

    def items(self) -> tuple[list[KeyItem], KeyItem | None]:
        """The keys shown (the first key of each action), and the command palette key."""
        if self._items is not None:
            return self._items
        app = self.app
        active = self.screen.active_bindings
        shown: list[KeyItem] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown.append(KeyItem(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip))
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = KeyItem(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    binding.tooltip or binding.description,
                )
        self._items = (shown, palette)
        return self._items

    # -- drawing ---------------------------------------------------------------
    def _pieces(self, item: KeyItem, compact: bool) -> tuple[str, str, str]:
        """(key, description, trailing space) as Footer spaces them, compact or not."""
        if compact:
            return item.display, f" {item.description}" if item.description else "", " "
        return f" {item.display} ", f"{item.description} " if item.description else "", ""

    def _append(self, text: Text, item: KeyItem, spans: list[_Span], *, compact: bool) -> None:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        if item == self._hover:
            hover = self.get_component_rich_style("key-bar--hover")
            key_style, description_style = key_style + hover, description_style + hover
        if not item.enabled:
            dim = Style(dim=True)
            key_style, description_style = key_style + dim, description_style + dim
        key, description, trailing = self._pieces(item, compact)
        start = text.cell_len
        text.append(key, key_style)
        text.append(description, description_style)
        spans.append(_Span(start, text.cell_len, item))
        text.append(trailing)

    def render(self) -> Text:
        width = self.size.width
        shown, palette = self.items()
        spans: list[_Span] = []
        left = Text(no_wrap=True, end="")
        for item in shown:
            self._append(left, item, spans, compact=self.compact)
        right = Text(no_wrap=True, end="")
        right_spans: list[_Span] = []
        if palette is not None:
            right.append("▏", self.get_component_rich_style("key-bar--separator"))
            # The palette key is always drawn compact, as Footer draws it.
            self._append(right, palette, right_spans, compact=True)
        room = max(0, width - right.cell_len)
        if left.cell_len > room:
            # Too many keys for the width: cut at the last whole key that fits, then "…".
            keep = [s for s in spans if s.end <= room - 1]
            cut = keep[-1].end if keep else 0
            left = left[:cut] if cut else Text(no_wrap=True, end="")
            left.append("…")
            spans = keep
        left.append(" " * max(0, room - left.cell_len))
        offset = left.cell_len
        spans.extend(_Span(s.start + offset, s.end + offset, s.item) for s in right_spans)
        self._spans = spans
        left.append_text(right)
        if left.cell_len > width:
            left.truncate(width)
        return left

    def item_at(self, x: int) -> KeyItem | None:
        """The key drawn at column `x`, if any."""
        for span in self._spans:
            if span.start <= x < span.end:
                return span.item
        return None

    # -- mouse -----------------------------------------------------------------
    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self.item_at(event.x)
        if item != self._hover:
            self._hover = item
            self.tooltip = item.tooltip if item is not None and item.tooltip else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

