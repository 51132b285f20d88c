"""A session history list that stays fast at tens of thousands of rows.

Modelled on toolong's LogLines: a line-API `ScrollView` that renders only the lines
on screen (`render_line`), fetching rows from the store a page at a time with
LIMIT/OFFSET and caching pages and rendered lines. No widget is built per row and
the whole history is never loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from functools import lru_cache
from typing import Any, ClassVar, Protocol

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mockint.core.format import mmss, when
from mockint.core.history.queries import HistoryRow
from mockint.core.history.summary import SessionSummary
from mockint.core.text import one_line

#: Rows read from the store at a time: a screenful at 80x24 and a few more, so the first frame
#: reads one page (each row costs its answer counts; a bigger page costs the first frame more).
PAGE_SIZE = 25


class SessionSource(Protocol):
    """What the list needs (mockint.core.history.queries.HistorySource provides it)."""

    def count(self, filters: dict[str, Any]) -> int: ...

    def page(
        self, offset: int, limit: int, *, sort: str, descending: bool, filters: dict[str, Any]
    ) -> list[HistoryRow]: ...


@dataclass(frozen=True)
class CellContext:
    """What cells need besides the row: the zone times are shown in and the practice's name."""

    tz: tzinfo | None
    practice: Callable[[SessionSummary], str]


@dataclass(frozen=True)
class Column:
    """One column: its header, width (0 = takes the rest), store sort key (None: not sortable), cell.

    A column is shown only when the list is at least `min_width` and less than `max_width` wide.
    """

    key: str
    title: str
    width: int
    sort: str | None
    cell: Callable[[HistoryRow, CellContext], str]
    justify: str = "left"
    min_width: int = 0
    max_width: int = 1 << 16


def _rating(row: HistoryRow) -> str:
    return "—" if row.summary.avg_rating is None else f"{row.summary.avg_rating:.1f}"


def status_label(summary: SessionSummary) -> str:
    """`complete`, `incomplete`, or `ended early` (finished before its last question)."""
    return "ended early" if summary.ended_early else summary.status


def _tagged(row: HistoryRow, context: CellContext) -> str:
    """The practice's name after its target (company or role), for narrow lists with no Target column."""
    practice = context.practice(row.summary)
    return f"{row.summary.tag} · {practice}" if row.summary.tag else practice


#: From this width on the target (tag) has its own column.
WIDE = 100


def default_practice(summary: SessionSummary) -> str:
    """The session's title (written from names when it started), else its pack id."""
    return summary.title or summary.pack or "Mixed practice"


COLUMNS: tuple[Column, ...] = (
    Column("date", "Date", 16, "started_at", lambda r, c: when(r.summary.started_at, c.tz)),
    Column("practice", "Practice", 0, "title", _tagged, max_width=WIDE),
    Column("target", "Target", 14, "tag", lambda r, c: r.summary.tag or "", min_width=WIDE),
    Column("practice", "Practice", 0, "title", lambda r, c: c.practice(r.summary), min_width=WIDE),
    Column("answered", "Ans", 3, "answers", lambda r, c: str(r.summary.answered), "right"),
    Column("skipped", "Skp", 3, None, lambda r, c: str(r.summary.skipped), "right"),
    Column("time", "Time", 7, None, lambda r, c: mmss(r.total_seconds), "right"),
    Column("rating", "Avg", 4, "avg_rating", lambda r, c: _rating(r), "right"),
    Column("status", "Status", 11, "status", lambda r, c: status_label(r.summary)),
)
#: The columns a person can sort by (the store sorts; these are its sort keys).
SORTABLE: tuple[str, ...] = tuple(dict.fromkeys(c.sort for c in COLUMNS if c.sort is not None))
_GAP = 2
_MIN_FLEX = 8


@lru_cache(maxsize=8)
def layout(width: int) -> tuple[tuple[Column, int], ...]:
    """The columns shown at `width` (some appear only in wide lists), each with its width in cells.

    The flexible column (width 0) takes what the others leave. Computed once per width.
    """
    columns = tuple(c for c in COLUMNS if c.min_width <= width < c.max_width)
    fixed = sum(c.width for c in columns) + _GAP * (len(columns) - 1) + 1
    flex = max(_MIN_FLEX, width - fixed)
    return tuple((c, c.width or flex) for c in columns)


def _fit(cell: str, width: int, *, right: bool = False) -> str:
    """`cell` padded or cut (with an ellipsis) to exactly `width` terminal cells."""
    cell = one_line(cell)
    length = cell_len(cell)
    if length > width:
        return set_cell_size(cell, width - 1) + "…" if width > 1 else set_cell_size(cell, width)
    padding = " " * (width - length)
    return padding + cell if right else cell + padding


class SessionList(ScrollView, can_focus=True):
    """Sessions as rows of a table with a fixed header line; click a header to sort.

    Line 0 of the view is always the header; data row i is drawn at view line
    i - scroll_y + 1, so the virtual height is the row count plus one.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open"),
    ]
    # Textual's own vertical scrollbar (overflow-y: auto): its size comes from `virtual_size`,
    # which `reload` sets to the row count plus the header line, as toolong's LogLines does.
    DEFAULT_CSS = """
    SessionList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
    }
    SessionList > .session-list--header { text-style: bold; background: $panel; }
    SessionList > .session-list--cursor { background: $accent 40%; }
    SessionList:focus > .session-list--cursor { background: $accent; color: $text; }
    SessionList > .session-list--incomplete { color: $warning; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "session-list--header",
        "session-list--cursor",
        "session-list--incomplete",
    }

    cursor: reactive[int] = reactive(0, repaint=False)

    class Selected(Message):
        """A session was chosen (enter, or a click on the highlighted row)."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    class SortChanged(Message):
        """The sort column or direction changed (e.g. a header click)."""

        def __init__(self, sort: str, descending: bool) -> None:
            super().__init__()
            self.sort = sort
            self.descending = descending

    def __init__(
        self,
        source: SessionSource,
        *,
        filters: dict[str, Any] | None = None,
        sort: str = "started_at",
        descending: bool = True,
        tz: tzinfo | None = None,
        practice: Callable[[SessionSummary], str] = default_practice,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.source = source
        self.filters: dict[str, Any] = dict(filters or {})
        self.sort = sort
        self.descending = descending
        #: Times are shown in this zone (the app's clock's), so tests and snapshots are stable.
        self.tz = tz
        self.context = CellContext(tz, practice)
        # Counted now, not on mount: with the virtual size known before the first layout, the
        # scrollbar is part of that layout instead of making Textual lay the screen out again.
        self.row_count = source.count(self.filters)
        self.set_reactive(ScrollView.virtual_size, Size(0, self.row_count + 1))
        self._pages: LRUCache[int, list[HistoryRow]] = LRUCache(maxsize=32)
        self._lines: LRUCache[tuple[int, bool, int], Strip] = LRUCache(maxsize=512)
        #: Page fetches from the store so far (tests and the benchmark read it).
        self.fetches = 0
        self._styles: dict[str, Style] | None = None

    # -- data ----------------------------------------------------------------
    def set_query(
        self, *, filters: dict[str, Any] | None = None, sort: str | None = None, descending: bool | None = None
    ) -> None:
        """Change filters and/or sort, and show the first row again."""
        if filters is not None:
            self.filters = dict(filters)
        if sort is not None:
            self.sort = sort
        if descending is not None:
            self.descending = descending
        self.reload()

    def reload(self) -> None:
        """Forget every cached page and line and count the rows again (e.g. new data)."""
        self._recount()
        self.set_reactive(SessionList.cursor, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def refresh_data(self) -> None:
        """Read the rows again (the history may have changed) but keep the place in the list."""
        self._recount()
        self.cursor = self.cursor  # clamped by validate_cursor to the new row count
        self.refresh()

    def _recount(self) -> None:
        """Forget every cached page and line, and count the rows the filters let through."""
        self._pages.clear()
        self._lines.clear()
        self.row_count = self.source.count(self.filters)
        self.virtual_size = Size(0, self.row_count + 1)

    def row(self, index: int) -> HistoryRow | None:
        """The row at `index` in the current order, fetched with its page when needed."""
        if not 0 <= index < self.row_count:
            return None
        page_no, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(page_no)
        if page is None:
            page = self.source.page(
                page_no * PAGE_SIZE, PAGE_SIZE, sort=self.sort, descending=self.descending, filters=self.filters
            )
            self.fetches += 1
            self._pages[page_no] = page
        return page[offset] if offset < len(page) else None

    @property
    def highlighted(self) -> HistoryRow | None:
        """The row under the cursor."""
        return self.row(self.cursor)

    # -- layout --------------------------------------------------------------
    @staticmethod
    def columns(width: int) -> tuple[Column, ...]:
        """The columns shown at this width (some appear only in wide terminals)."""
        return tuple(column for column, _ in layout(width))

    @staticmethod
    def _line(cells: Sequence[str], width: int) -> str:
        """One row as plain text, exactly `width` cells: each cell fitted to its column."""
        gap = " " * _GAP
        parts = [" "]
        for (column, cell_width), cell in zip(layout(width), cells, strict=True):
            parts.append(_fit(cell, cell_width, right=column.justify == "right"))
            parts.append(gap)
        return set_cell_size("".join(parts), width)

    @staticmethod
    def _strip(line: str, width: int, style: Style) -> Strip:
        # One segment per line (`line` is already `width` cells): history text, never markup.
        return Strip([Segment(line, style)], width)

    def column_at(self, x: int) -> Column | None:
        """The column under content x (header clicks)."""
        edge, width = 1, self.scrollable_size.width
        for column, cell_width in layout(width):
            if edge <= x < edge + cell_width + _GAP:
                return column
            edge += cell_width + _GAP
        return None

    # -- rendering -----------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._styles = None

    def _style(self, name: str) -> Style:
        """The widget's style, or that of the component class `name` (cached per style update).

        Whole component styles (not `partial`): only they blend a colour with transparency or
        `auto` (`$text-muted`, `$accent 40%`) with the background under it.
        """
        if self._styles is None:
            self._styles = {"": self.rich_style}
            for component in self.COMPONENT_CLASSES:
                self._styles[component] = self.get_component_rich_style(component)
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        # `scrollable_size` is the content region less the scrollbar Textual draws beside it.
        return self._row_line(y, self.scrollable_size.width)

    def _row_line(self, y: int, width: int) -> Strip:
        if y == 0:
            return self._header(width)
        index = self.scroll_offset.y + y - 1
        if self.row_count == 0:
            if y == 1:
                return self._strip(_fit(" No sessions match these filters.", width), width, self._style(""))
            return Strip.blank(width, self._style(""))
        if index >= self.row_count:
            return Strip.blank(width, self._style(""))
        is_cursor = index == self.cursor
        key = (index, is_cursor, width)
        cached = self._lines.get(key)
        if cached is not None:
            return cached
        row = self.row(index)
        if row is None:
            return Strip.blank(width, self._style(""))
        if is_cursor:
            # The cursor's own colours on every row (warning text on the accent would not be
            # readable); the status column still says the session is unfinished.
            style = self._style("session-list--cursor")
        else:
            unfinished = row.summary.status != "complete" or row.summary.ended_early
            style = self._style("session-list--incomplete" if unfinished else "")
        cells = [column.cell(row, self.context) for column, _ in layout(width)]
        strip = self._strip(self._line(cells, width), width, style)
        self._lines[key] = strip
        return strip

    def _header(self, width: int) -> Strip:
        titles = []
        for column in self.columns(width):
            title = column.title
            if column.sort == self.sort:
                title = f"{title}{'▼' if self.descending else '▲'}"
            titles.append(title)
        return self._strip(self._line(titles, width), width, self._style("session-list--header"))

    # -- cursor and scrolling -------------------------------------------------
    @property
    def _page_rows(self) -> int:
        return max(1, self.scrollable_size.height - 1)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        top = round(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + self._page_rows:
            self.scroll_to(y=new - self._page_rows + 1, animate=False, immediate=True)
        for index in (old, new):
            self.refresh_line(index + 1)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self._page_rows

    def action_jump(self, where: int) -> None:
        self.cursor = self.row_count - 1 if where < 0 else 0

    def action_select(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.Selected(row.summary.id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            column = self.column_at(offset.x)
            if column is not None and column.sort is not None:
                self.sort_by(column.sort)
            return
        index = self.scroll_offset.y + offset.y - 1
        if not 0 <= index < self.row_count:
            return
        if index == self.cursor or event.chain > 1:
            self.cursor = index
            self.action_select()
        else:
            self.cursor = index

    def sort_by(self, sort: str) -> None:
        """Sort by a column; the same column again flips the direction."""
        descending = not self.descending if sort == self.sort else True
        self.set_query(sort=sort, descending=descending)
        self.post_message(self.SortChanged(sort, descending))


__all__ = ["COLUMNS", "PAGE_SIZE", "SORTABLE", "Column", "SessionList", "SessionSource"]
