"""Trends: ratings per rubric dimension and per category by week, overtime, practice calendar."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from mockint.core.format import plural
from mockint.core.interview.rubric import DEFAULT_RUBRIC
from mockint.tui.app import MockintApp
from mockint.tui.names import Names
from mockint.tui.screens.review import back_to_review
from mockint.tui.widgets.answer_card import dimension_name
from mockint.tui.widgets.calendar import PracticeCalendar
from mockint.tui.widgets.key_bar import KeyBar
from mockint.tui.widgets.plot import TrendPlot

#: Default rubric dimensions in the order a practice rates them; others follow by name.
_RUBRIC_ORDER = {dim.id: i for i, dim in enumerate(DEFAULT_RUBRIC)}
#: The periods `d` cycles through, in weeks.
WINDOWS = (12, 26, 52)
CALENDAR_WEEKS = 12


@dataclass
class TrendsData:
    """Everything the screen plots, as plain values on one week axis (oldest first)."""

    weeks: list[str]
    overall: list[float | None]
    overtime_percent: list[float | None]
    dimensions: dict[str, list[float | None]]
    categories: dict[str, list[float | None]]
    session_days: dict[date, int]
    today: date
    summary: dict[str, Any] = field(default_factory=dict)
    streak: int = 0
    longest: int = 0


def gather_trends(store: Any, now: datetime, weeks: int) -> TrendsData:
    """Read the store's stats and weekly breakdown for the last `weeks` weeks."""
    from mockint.core.history.queries import local_today, on_axis, week_axis, weekly_breakdown, window_start

    offset = now.utcoffset()
    off = int(offset.total_seconds()) if offset is not None else 0
    today = local_today(now, off)
    span = max(weeks, CALENDAR_WEEKS)
    since = window_start(today, span, off)
    axis = week_axis(today, weeks)
    stats = store.stats(now=now, since=window_start(today, weeks, off), utc_offset_seconds=off)
    breakdown = weekly_breakdown(store, since=since, utc_offset_seconds=off)
    overtime = {week: rate * 100 for week, rate in breakdown.overtime.items()}
    return TrendsData(
        weeks=axis,
        overall=on_axis({p.week: p.average for p in stats.weeks}, axis),
        overtime_percent=on_axis(overtime, axis),
        dimensions={
            d.dimension: on_axis({p.week: p.average for p in d.weeks}, axis)
            for d in sorted(stats.dimensions, key=lambda d: (_RUBRIC_ORDER.get(d.dimension, 99), d.dimension))
        },
        categories={
            cat: on_axis(points, axis) for cat, points in sorted(breakdown.categories.items()) if cat
        },
        session_days=breakdown.session_days,
        today=today,
        summary={
            "sessions": stats.sessions,
            "answers": stats.count,
            "skipped": stats.skipped,
            "average": stats.average,
            "overtime_rate": stats.overtime_rate,
        },
        streak=stats.current_streak,
        longest=stats.longest_streak,
    )


def summary_text(data: TrendsData, weeks: int) -> Text:
    """One line of totals for the window."""
    s = data.summary
    avg = "—" if s.get("average") is None else f"{s['average']:.1f}"
    over = "—" if s.get("overtime_rate") is None else f"{s['overtime_rate'] * 100:.0f}%"
    text = Text(f"Last {weeks} weeks: ", "bold")
    text.append(
        f"{plural(s.get('sessions', 0), 'session')} · {plural(s.get('answers', 0), 'answer')}"
        f" · {s.get('skipped', 0)} skipped · average {avg} · overtime {over} · streak {plural(data.streak, 'day')}"
    )
    return text


def _week_label(week: str) -> str:
    return week.split("-", 1)[-1] if "-" in week else week


class TrendsScreen(Screen[None]):
    """Plots of the last weeks; `d` changes the period, `w` opens the weakest questions."""

    app = getters.app(MockintApp)
    CSS_PATH = "trends.tcss"
    TITLE = "Review"
    SUB_TITLE = "Trends"
    HELP_TEXT: ClassVar[str] = (
        "Your average rating and overtime week by week, per rubric dimension and per category, and the days "
        "you practised. A gap in a line is a week without rated answers."
    )
    # The same keys as the review screen: d cycles the period, w the weakest questions.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "period", "Period", tooltip="Next period: 12, 26 or 52 weeks"),
        Binding("w", "drill", "Weakest", tooltip="The questions most in need of practice"),
        Binding("r", "review", "Review", tooltip="Every session, filtered and sorted"),
    ]

    def __init__(self, *, weeks: int = WINDOWS[0], name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.weeks = weeks if weeks in WINDOWS else WINDOWS[0]
        self.data: TrendsData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="trends"):
            yield from self._content()
        yield KeyBar()

    def _content(self) -> ComposeResult:
        data = self.data = gather_trends(self.app.store, self.app.now(), self.weeks)
        labels = [_week_label(w) for w in data.weeks]
        yield Static(summary_text(data, self.weeks), id="trends-summary", markup=False)
        with Horizontal(classes="trend-pair"):
            yield TrendPlot("Average rating", data.overall, labels, id="plot-overall")
            yield TrendPlot(
                "Overtime rate (%)", data.overtime_percent, labels, lo=0, hi=100,
                value_format="{:.0f}", id="plot-overtime",
            )
        yield Static("By rubric dimension", classes="trend-heading")
        if data.dimensions:
            with Grid(classes="trend-grid"):
                for dimension, values in data.dimensions.items():
                    yield TrendPlot(dimension_name(dimension), values, labels, classes="trend-small")
        else:
            yield Static("No rated answers in this window yet.", classes="trend-empty")
        yield Static("By category", classes="trend-heading")
        if data.categories:
            with Grid(classes="trend-grid"):
                names = Names(self.app.library)
                for category, values in data.categories.items():
                    yield TrendPlot(names.category(category), values, labels, classes="trend-small")
        else:
            yield Static("No answers in this window yet.", classes="trend-empty")
        yield Static(f"Practice calendar (last {CALENDAR_WEEKS} weeks)", classes="trend-heading")
        yield PracticeCalendar(
            data.session_days, data.today, weeks=CALENDAR_WEEKS, streak=data.streak, longest=data.longest,
            id="calendar",
        )

    def on_mount(self) -> None:
        self.query_one("#trends").focus()

    async def action_period(self) -> None:
        self.weeks = WINDOWS[(WINDOWS.index(self.weeks) + 1) % len(WINDOWS)]
        await self.recompose()
        self.query_one("#trends").focus()

    def action_drill(self) -> None:
        self.app.open_screen("drill")

    def action_review(self) -> None:
        back_to_review(self.app)
