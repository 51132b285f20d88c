"""The keys of the current screen on one line, drawn by one widget.

It looks like Textual's `Footer` (same theme variables, same key and description
styles, the command palette key on the right) but is a single widget that renders
a line of text: Footer builds a child widget per key and rebuilds them all
whenever the bindings change (every focus change), which is most of the cost of a
screen's first frame. Here a change of bindings is a repaint.

Mouse: a click on a key presses it; hovering lights its description in the key's colour
(and shows its tooltip).

What it relies on in Textual (checked against 8.2.8, the pinned version): `Footer`
recomposing all its `FooterKey` children on every `bindings_updated_signal` (which fires on
each focus change), the public `Screen.bindings_updated_signal` and `Screen.active_bindings`
(node, binding, enabled, tooltip) that this bar reads instead, `App.get_key_display`, and
the `$footer-*` theme variables. Should Footer stop rebuilding its children, Footer itself
would be the better choice.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip

from mockint.tui.widgets.one_line import OneLine

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyItem(NamedTuple):
    """One key shown in the bar."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    #: A key of the app itself (help, quit…): kept when the screen's keys must be cut.
    app_level: bool = False


_DIM = Style(dim=True)


class _Span(NamedTuple):
    start: int
    end: int
    item: KeyItem


class KeyBar(OneLine, can_focus=False):
    """The current screen's shown bindings, one per action, and the command palette key."""

    ALLOW_SELECT = False
    # Two component classes: Textual styles each one as a node of its own on every style pass
    # of the bar (every screen's first frame pays them), so hover and the separator reuse them.
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
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
        self._items: tuple[tuple[KeyItem, ...], KeyItem | None] | None = None
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

    def items(self) -> tuple[tuple[KeyItem, ...], KeyItem | None]:
        """The keys shown (the first key of each action), and the command palette key."""
        if self._items is not None:
            return self._items
        app = self.app
        active = self.screen.active_bindings
        shown: list[KeyItem] = []
        actions: set[str] = set()
        for node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown.append(
                KeyItem(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip, node is app)
            )
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
        self._items = (tuple(shown), palette)
        return self._items

    # -- drawing ---------------------------------------------------------------
    def line_key(self) -> Hashable:
        return self.items(), self._hover, self.compact

    def _pieces(self, item: KeyItem, compact: bool) -> tuple[str, str, str]:
        """(key, description, trailing space) as Footer spaces them, compact or not."""
        if compact:
            return item.display, f" {item.description}" if item.description else "", " "
        return f" {item.display} ", f"{item.description} " if item.description else "", ""

    def _segments(
        self, item: KeyItem, compact: bool, styles: dict[str, Style]
    ) -> tuple[list[Segment], Segment | None]:
        """The segments of one key (key and description), and the spacing after it."""
        key_style, description_style = styles["key"], styles["description"]
        if item == self._hover:
            description_style = key_style  # lit: the whole key in the key's colours
        if not item.enabled:
            key_style, description_style = key_style + _DIM, description_style + _DIM
        key, description, trailing = self._pieces(item, compact)
        return [Segment(key, key_style), Segment(description, description_style)], (
            Segment(trailing, styles["base"]) if trailing else None
        )

    def draw_line(self, width: int) -> Strip:
        base = self.rich_style
        styles = {
            "base": base,
            "key": self.get_component_rich_style("key-bar--key"),
            "description": self.get_component_rich_style("key-bar--description"),
        }
        shown, palette = self.items()
        right: list[Segment] = []
        right_span: tuple[int, int, KeyItem] | None = None
        if palette is not None:
            right.append(Segment("▏", styles["description"] + _DIM))  # faint, as Footer's
            # The palette key is always drawn compact, as Footer draws it.
            segments, trailing = self._segments(palette, True, styles)
            right_span = (1, 1 + Segment.get_line_length(segments), palette)
            right += segments if trailing is None else [*segments, trailing]
        room = max(0, width - Segment.get_line_length(right))
        keys = [(item, *self._segments(item, self.compact, styles)) for item in shown]

        def width_of(entries: list[tuple[KeyItem, list[Segment], Segment | None]]) -> int:
            return sum(Segment.get_line_length(k) + (t.cell_length if t else 0) for _, k, t in entries)

        left: list[Segment] = []
        spans: list[_Span] = []
        x = 0

        def draw(entries: list[tuple[KeyItem, list[Segment], Segment | None]], limit: int) -> None:
            """Draw keys while they fit in `limit` cells."""
            nonlocal x
            for item, segments, trailing in entries:
                used = Segment.get_line_length(segments)
                if x + used > limit:
                    return
                left.extend(segments)
                spans.append(_Span(x, x + used, item))
                x += used
                if trailing is not None and x + trailing.cell_length <= limit:
                    left.append(trailing)
                    x += trailing.cell_length

        if width_of(keys) <= room:
            draw(keys, room)
        else:
            # Too many keys for the width: the screen's keys up to the last whole one that
            # fits, "…", then the app's own keys (help stays reachable at any width).
            head = [k for k in keys if not k[0].app_level]
            tail = [k for k in keys if k[0].app_level]
            reserve = width_of(tail)
            if reserve >= room // 2:  # the app's keys alone would crowd out the screen's
                head, tail, reserve = keys, [], 0
            draw(head, room - reserve - 2)
            left.append(Segment("… ", base))
            x += 2
            draw(tail, room)
        if x < room:
            left.append(Segment(" " * (room - x), base))
        if right_span is not None:
            spans.append(_Span(room + right_span[0], room + right_span[1], right_span[2]))
        self._spans = spans
        return Strip(left + right).crop_extend(0, width, base)

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

