"""Review: every past session, newest first, filtered and sorted, opened for detail.

The list is a line-API widget that fetches pages from the store, and the filters are one
line of chips whose choices are read only when picked, so the screen opens as fast with
ten thousand sessions as with ten.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header

from mockint.core.format import plural
from mockint.tui.app import MockintApp
from mockint.tui.names import Names
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
#: What the status chip cycles through: None (any), the store's statuses, and "ended early"
#: (finished by the person before the last question; the store keeps those as complete).
ENDED_EARLY = "ended early"
STATUSES: tuple[str | None, ...] = (None, "complete", ENDED_EARLY, "incomplete")
_ALL = "\x00all"  # the picker's id for "no filter" (never a pack id, category id or tag)


@dataclass(frozen=True)
class ReviewFilters:
    """What the history is narrowed to; None everywhere means everything."""

    pack: str | None = None
    category: str | None = None
    days: int | None = None
    status: str | None = None
    #: The target company or role a session was tagged with.
    tag: str | None = None
    #: A chosen date range (both ends included; None: open), instead of `days`.
    since: date | None = None
    until: date | None = None

    def chips(self, names: Names | None = None) -> list[Chip]:
        """The chips showing these filters; pack and category by name when `names` is given."""
        if self.since or self.until:
            period = f"{self.since or '…'} – {self.until or '…'}"
        else:
            period = next(label for label, days in PERIODS if days == self.days)
        pack = (names.pack(self.pack) if names else self.pack) if self.pack else "all"
        category = (names.category(self.category, self.pack) if names else self.category) if self.category else "all"
        return [
            Chip("pack", "k", "Pack", pack),
            Chip("category", "c", "Category", category),
            Chip("period", "d", "Period", period),
            Chip("status", "u", "Status", self.status or "any"),
            Chip("tag", "g", "Target", self.tag or "any"),
        ]


class ReviewScreen(Screen[None]):
    """The session history with filters (pack, category, period, status, target) and sorting."""

    app = getters.app(MockintApp)
    CSS_PATH = "review.tcss"
    TITLE = "Review"
    HELP_TEXT: ClassVar[str] = (
        "Every practice session, newest first. Narrow the list with the filters on top (a target is the "
        "company or role you tagged a session with); enter opens a session with every answer."
    )
    # The filter keys are shown on their chips (the line under the title), not in the key bar.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "next_sort", "Sort", tooltip="Sort by the next column"),
        Binding("O", "reverse", "Reverse", tooltip="Reverse the order"),
        Binding("e", "edit_tag", "Set target", tooltip="Set the highlighted session's target company or role"),
        Binding("t", "trends", "Trends", tooltip="Ratings and practice over the weeks"),
        Binding("w", "drill", "Weakest", tooltip="The questions most in need of practice"),
        Binding("k", "pick('pack')", "Pack", show=False, tooltip="Show one pack's sessions"),
        Binding("c", "pick('category')", "Category", show=False, tooltip="Show sessions with one category's questions"),
        Binding("d", "pick('period')", "Period", show=False, tooltip="Next period: all time, last 7, 30 or 90 days"),
        Binding("D", "date_range", "Dates", tooltip="Choose a date range (both ends included)"),
        Binding("u", "pick('status')", "Status", show=False, tooltip="Next status: any, complete, ended early, incomplete"),
        Binding("g", "pick('tag')", "Target", show=False, tooltip="Show the sessions for one target company or role"),
        Binding("x", "clear_filters", "Clear", tooltip="Clear every filter"),
    ]

    def __init__(
        self,
        *,
        pack: str | None = None,
        category: str | None = None,
        status: str | None = None,
        days: int | None = None,
        tag: str | None = None,
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
            tag=tag or None,
        )
        #: Opened from home's recent sessions: show that session's detail straight away.
        self._open_on_mount = session_id
        self._resumed_before = False
        self._names: Names | None = None

    @property
    def names(self) -> Names:
        """Pack, plan and category names (read from the library when first needed)."""
        if self._names is None:
            # Listed only if a row needs a name (a plan's pack): titles need none.
            self._names = Names(lambda: self.app.library)
        return self._names

    # -- building ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        from mockint.core.history.queries import HistorySource

        # Unfiltered, the chips need no names: the library is not read for the first frame.
        filtered = self.filters.pack or self.filters.category
        sessions = SessionList(
            HistorySource(self.app.store),
            filters=self.store_filters(),
            tz=self.app.now().tzinfo,
            practice=lambda summary: self.names.practice(summary),
            id="sessions",
        )
        self.sub_title = self._summary(sessions)  # the header shows it from its first frame
        yield Header()
        yield FilterBar(
            self.filters.chips(self.names if filtered else None), defaults=ReviewFilters().chips(), id="filters"
        )
        yield sessions
        yield KeyBar()

    def on_mount(self) -> None:
        # No explicit focus: the list is the first focusable widget, so Textual's auto-focus
        # picks it, and the footer is not rebuilt once more for a second focus change.
        if self._open_on_mount:
            self.open_session(self._open_on_mount)

    def on_screen_resume(self) -> None:
        # Back from a practice, a drill or a session's detail: sessions may have been added,
        # finished or tagged. (The first resume is the screen being shown: the list is fresh.)
        if self._resumed_before:
            self._names = None  # packs may have been installed or removed meanwhile
            self.query_one(SessionList).refresh_data()
            self._update_summary()
        self._resumed_before = True

    # -- filters -------------------------------------------------------------
    def store_filters(self) -> dict[str, Any]:
        """The keyword filters of Store.list_sessions / count_sessions for the current chips."""
        f = self.filters
        out: dict[str, Any] = {k: v for k, v in (("pack", f.pack), ("category", f.category), ("tag", f.tag)) if v}
        if f.status == ENDED_EARLY:
            out["ended_early"] = True
        elif f.status == "complete":
            out.update(status="complete", ended_early=False)
        elif f.status is not None:
            out["status"] = f.status
        now = self.app.now()
        if f.days is not None:
            out["since"] = now - timedelta(days=f.days)
        zone = now.tzinfo  # days begin at local midnight
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
        self.query_one(FilterBar).set_chips(filters.chips(self.names))
        self.query_one(SessionList).set_query(filters=self.store_filters())
        self._update_summary()

    def action_pick(self, name: str) -> None:
        """Change one filter: period and status cycle; pack, category and target open a picker."""
        f = self.filters
        if name == "period":
            days = [d for _, d in PERIODS]
            following = 0 if (f.since or f.until) else (days.index(f.days) + 1) % len(days)
            self.set_filters(replace(f, days=days[following], since=None, until=None))
        elif name == "status":
            self.set_filters(replace(f, status=STATUSES[(STATUSES.index(f.status) + 1) % len(STATUSES)]))
        elif name in ("pack", "category", "tag"):
            self._open_picker(name)

    def _choices(self, name: str) -> tuple[str, str, list[tuple[str, str]]]:
        """(question, label for everything, (id, label) items) of the picker for filter `name`."""
        from mockint.core.history.queries import distinct_categories, distinct_packs, distinct_tags

        store = self.app.store
        if name == "pack":
            items = [(pid, self.names.pack(pid)) for pid in distinct_packs(store)]
            return "Show the sessions of one pack", "All packs", sorted(items, key=lambda i: i[1].casefold())
        if name == "category":
            items = [(cid, self.names.category(cid, self.filters.pack)) for cid in distinct_categories(store)]
            question = "Show the sessions with questions of one category"
            return question, "All categories", sorted(items, key=lambda i: i[1].casefold())
        tags = distinct_tags(store)
        return "Show the sessions for one target company or role", "Any target", [(t, t) for t in tags]

    def _open_picker(self, name: str) -> None:
        from mockint.tui.screens.picker import PickerScreen

        question, everything, items = self._choices(name)
        if name == "tag" and not items:
            self.notify("No session has a target yet: e sets the highlighted session's.", markup=False)
            return

        def chosen(value: str | None) -> None:
            if value is None:
                return
            picked = None if value == _ALL else value
            f = self.filters
            if name == "pack":
                self.set_filters(replace(f, pack=picked))
            elif name == "category":
                self.set_filters(replace(f, category=picked))
            else:
                self.set_filters(replace(f, tag=picked))

        self.app.push_screen(PickerScreen(question, [(_ALL, everything), *items]), chosen)

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

    # -- target (tag) ----------------------------------------------------------
    def action_edit_tag(self) -> None:
        """Ask for the highlighted session's target company or role."""
        from mockint.tui.screens.session_tag import edit_session_tag

        row = self.query_one(SessionList).highlighted
        if row is None:
            self.notify("No session to tag here.", severity="warning")
            return
        edit_session_tag(self.app, row.summary.id, row.summary.tag, self._tag_changed)

    def _tag_changed(self) -> None:
        self.query_one(SessionList).refresh_data()

    # -- list ----------------------------------------------------------------
    def _update_summary(self) -> None:
        self.sub_title = self._summary(self.query_one(SessionList))

    @staticmethod
    def _summary(session_list: SessionList) -> str:
        """How many sessions match, and in what order: the header's subtitle ("Review — 10,000
        sessions · sorted by Date, descending"), so a line of the screen stays for the list."""
        title = next((c.title for c in COLUMNS if c.sort == session_list.sort), session_list.sort)
        direction = "descending" if session_list.descending else "ascending"
        return f"{plural(session_list.row_count, 'session')} · sorted by {title}, {direction}"

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
        self.app.open_screen("trends")

    def action_drill(self) -> None:
        self.app.open_screen("drill")


def back_to_review(app: MockintApp) -> None:
    """`r` on the trends and drill screens: back to the history below them, else open it."""
    stack = app.screen_stack
    below = [index for index, screen in enumerate(stack) if isinstance(screen, ReviewScreen)]
    if not below:
        app.open_screen("review")
        return
    for _ in range(len(stack) - 1 - below[-1]):
        app.pop_screen()
