"""Review: every past session, newest first, filtered and sorted, opened for detail.

The list is a line-API widget that fetches pages from the store, and the filters are one
line of chips whose choices are read only when picked, so the screen opens as fast with
ten thousand sessions as with ten.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static

from mockint.tui.widgets.filter_bar import Chip, FilterBar
from mockint.tui.widgets.key_bar import KeyBar
from mockint.tui.widgets.session_list import COLUMNS, SORTABLE, SessionList

#: (label, days back or None for all time), in the order `d` cycles through them.
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("all time", None),
    ("last 7 days", 7),
    ("last 30 days", 30),
    ("last 90 days", 90),
)
STATUSES: tuple[str | None, ...] = (None, "complete", "incomplete")
_ALL = "*"  # the picker's id for "no filter" (pack and category ids are slugs, never "*")


@dataclass(frozen=True)
class ReviewFilters:
    """What the history is narrowed to; None everywhere means everything."""

    pack: str | None = None
    category: str | None = None
    days: int | None = None
    status: str | None = None
    #: A chosen date range (both ends included; None: open), instead of `days`.
    since: date | None = None
    until: date | None = None

    def chips(self) -> list[Chip]:
        if self.since or self.until:
            period = f"{self.since or '…'} – {self.until or '…'}"
        else:
            period = next(label for label, days in PERIODS if days == self.days)
        return [
            Chip("pack", "p", "Pack", self.pack or "all"),
            Chip("category", "c", "Category", self.category or "all"),
            Chip("period", "d", "Period", period),
            Chip("status", "a", "Status", self.status or "any"),
        ]


class ReviewScreen(Screen[None]):
    """The session history with filters (pack, category, period, status) and sorting."""

    CSS_PATH = "review.tcss"
    TITLE = "Review"
    SUB_TITLE = "History"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "next_sort", "Sort"),
        Binding("r", "reverse", "Flip"),
        Binding("t", "trends", "Trends"),
        Binding("w", "drill", "Weakest"),
        Binding("p", "pick('pack')", "Pack", tooltip="Filter by pack"),
        Binding("c", "pick('category')", "Category", tooltip="Filter by category"),
        Binding("d", "pick('period')", "Period", tooltip="Next period: all time, last 7, 30 or 90 days"),
        Binding("D", "date_range", "Dates", tooltip="Choose a date range (both ends included)"),
        Binding("a", "pick('status')", "Status", tooltip="Next status: any, complete, incomplete"),
        Binding("x", "clear_filters", "Clear", tooltip="Clear every filter"),
    ]

    def __init__(
        self,
        *,
        pack: str | None = None,
        category: str | None = None,
        status: str | None = None,
        days: int | None = None,
        session_id: str | None = None,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.filters = ReviewFilters(
            pack=pack,
            category=category,
            days=days if days in {d for _, d in PERIODS} else None,
            status=status if status in STATUSES else None,
        )
        #: Opened from home's recent sessions: show that session's detail straight away.
        self._open_on_mount = session_id
        self._resumed_before = False

    # -- building ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        from mockint.core.history.queries import HistorySource

        yield Header()
        yield FilterBar(self.filters.chips(), defaults=ReviewFilters().chips(), id="filters")
        yield Static(id="review-summary", markup=False)
        yield SessionList(
            HistorySource(self.app.store),  # type: ignore[attr-defined]
            filters=self.store_filters(),
            tz=self.app.now().tzinfo,  # type: ignore[attr-defined]
            id="sessions",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        # No explicit focus: the list is the first focusable widget, so Textual's auto-focus
        # picks it, and the footer is not rebuilt once more for a second focus change.
        self._update_summary()
        if self._open_on_mount:
            self.open_session(self._open_on_mount)

    def on_screen_resume(self) -> None:
        # Back from a practice or a drill: sessions may have been added or finished.
        # (The first resume is the screen being shown: the list has just been read.)
        if self._resumed_before:
            self.query_one(SessionList).refresh_data()
            self._update_summary()
        self._resumed_before = True

    # -- filters -------------------------------------------------------------
    def store_filters(self) -> dict[str, Any]:
        """The keyword filters of Store.list_sessions / count_sessions for the current chips."""
        f = self.filters
        out: dict[str, Any] = {k: v for k, v in (("pack", f.pack), ("category", f.category), ("status", f.status)) if v}
        if f.days is not None:
            out["since"] = self.app.now() - timedelta(days=f.days)  # type: ignore[attr-defined]
        zone = self.app.now().tzinfo  # type: ignore[attr-defined]  # days begin at local midnight
        if f.since is not None:
            out["since"] = datetime.combine(f.since, time.min, tzinfo=zone)
        if f.until is not None:
            out["until"] = datetime.combine(f.until + timedelta(days=1), time.min, tzinfo=zone)
        return out

    def set_filters(self, filters: ReviewFilters) -> None:
        """Narrow the history to `filters` and show its first row."""
        if filters == self.filters:
            return
        self.filters = filters
        self.query_one(FilterBar).set_chips(filters.chips())
        self.query_one(SessionList).set_query(filters=self.store_filters())
        self._update_summary()

    def action_pick(self, name: str) -> None:
        """Change one filter: period and status cycle, pack and category open a picker."""
        f = self.filters
        if name == "period":
            days = [d for _, d in PERIODS]
            following = 0 if (f.since or f.until) else (days.index(f.days) + 1) % len(days)
            self.set_filters(replace(f, days=days[following], since=None, until=None))
        elif name == "status":
            self.set_filters(replace(f, status=STATUSES[(STATUSES.index(f.status) + 1) % len(STATUSES)]))
        elif name in ("pack", "category"):
            self._open_picker(name)

    def _open_picker(self, name: str) -> None:
        from mockint.core.history.queries import distinct_categories, distinct_packs
        from mockint.tui.screens.picker import PickerScreen

        store = self.app.store  # type: ignore[attr-defined]
        values = distinct_packs(store) if name == "pack" else distinct_categories(store)
        everything = "All packs" if name == "pack" else "All categories"
        items = [(_ALL, everything), *((v, v) for v in values)]

        def chosen(value: str | None) -> None:
            if value is None:
                return
            picked = None if value == _ALL else value
            f = self.filters
            self.set_filters(replace(f, pack=picked) if name == "pack" else replace(f, category=picked))

        self.app.push_screen(PickerScreen(f"Show sessions of one {name}", items), chosen)

    def action_date_range(self) -> None:
        """Narrow the history to sessions started between two dates."""
        from mockint.tui.screens.date_range import DateRange, DateRangeScreen

        def chosen(value: DateRange | None) -> None:
            if value is not None:
                since, until = value
                self.set_filters(replace(self.filters, days=None, since=since, until=until))

        self.app.push_screen(DateRangeScreen(self.filters.since, self.filters.until), chosen)

    def on_filter_bar_picked(self, event: FilterBar.Picked) -> None:
        event.stop()
        self.action_pick(event.name)

    def action_clear_filters(self) -> None:
        self.set_filters(ReviewFilters())

    # -- list ----------------------------------------------------------------
    def _update_summary(self) -> None:
        session_list = self.query_one(SessionList)
        title = next((c.title for c in COLUMNS if c.sort == session_list.sort), session_list.sort)
        direction = "descending" if session_list.descending else "ascending"
        count = session_list.row_count
        noun = "session" if count == 1 else "sessions"
        self.query_one("#review-summary", Static).update(
            Text(f"{count:,} {noun} · sorted by {title}, {direction} · enter opens one", no_wrap=True)
        )

    def on_session_list_sort_changed(self, event: SessionList.SortChanged) -> None:
        self._update_summary()

    def on_session_list_selected(self, event: SessionList.Selected) -> None:
        event.stop()
        self.open_session(event.session_id)

    def open_session(self, session_id: str) -> None:
        """Push the detail of one session (not in SCREENS: it needs an id, the palette has none)."""
        from mockint.tui.screens.session_detail import SessionDetailScreen

        self.app.push_screen(SessionDetailScreen(session_id))

    def action_next_sort(self) -> None:
        session_list = self.query_one(SessionList)
        index = SORTABLE.index(session_list.sort) if session_list.sort in SORTABLE else -1
        session_list.set_query(sort=SORTABLE[(index + 1) % len(SORTABLE)], descending=True)
        self._update_summary()

    def action_reverse(self) -> None:
        session_list = self.query_one(SessionList)
        session_list.set_query(descending=not session_list.descending)
        self._update_summary()

    def action_trends(self) -> None:
        self.app.open_screen("trends")  # type: ignore[attr-defined]

    def action_drill(self) -> None:
        self.app.open_screen("drill")  # type: ignore[attr-defined]
