"""A GitHub-style practice calendar: one column per week, one block per day.

Intensity is carried by the glyph as well as the colour, so the calendar still
reads under NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from mockint.core.format import plural
from mockint.core.history.calendar import calendar_weeks, current_streak, longest_streak

_DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
# (glyph, component class) by sessions that day: none, one, two, three or more.
_LEVELS = (("··", "calendar--none"), ("░░", "calendar--low"), ("▒▒", "calendar--mid"), ("██", "calendar--high"))


class PracticeCalendar(Widget):
    """The last `weeks` weeks of practice with the current and longest streak."""

    DEFAULT_CSS = """
    PracticeCalendar {
        height: 10;
        width: auto;
    }
    PracticeCalendar > .calendar--none { color: $text-muted; }
    PracticeCalendar > .calendar--low { color: $success 50%; }
    PracticeCalendar > .calendar--mid { color: $success 75%; }
    PracticeCalendar > .calendar--high { color: $success; }
    PracticeCalendar > .calendar--label { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "calendar--none",
        "calendar--low",
        "calendar--mid",
        "calendar--high",
        "calendar--label",
    }

    def __init__(
        self,
        counts: Mapping[date, int],
        today: date,
        *,
        weeks: int = 12,
        streak: int | None = None,
        longest: int | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.counts = dict(counts)
        self.today = today
        self.weeks = weeks
        # The store knows the whole history; the counts may cover only the weeks shown.
        self._streak = streak
        self._longest = longest

    @property
    def streak(self) -> int:
        """Consecutive practice days up to today."""
        if self._streak is not None:
            return self._streak
        return current_streak((day for day, n in self.counts.items() if n > 0), self.today)

    @property
    def longest(self) -> int:
        """The longest run of practice days."""
        if self._longest is not None:
            return self._longest
        return longest_streak(day for day, n in self.counts.items() if n > 0)

    def render(self) -> RenderResult:
        label_style = self.get_component_rich_style("calendar--label")
        styles = [self.get_component_rich_style(cls) for _, cls in _LEVELS]
        columns = calendar_weeks(self.counts, self.today, self.weeks)
        out = Text(no_wrap=True, overflow="crop")
        for row in range(7):
            out.append(f"{_DAY_LABELS[row]:<4}", label_style)
            for column in columns:
                cell = column[row]
                if cell is None:
                    out.append("   ")
                    continue
                level = min(cell[1], len(_LEVELS) - 1)
                out.append(_LEVELS[level][0], styles[level])
                out.append(" ")
            out.append("\n")
        in_view = sum(1 for column in columns for cell in column if cell is not None and cell[1] > 0)
        out.append(f"\nCurrent streak: {plural(self.streak, 'day')}", "bold")
        out.append(f"   longest: {plural(self.longest, 'day')}", label_style)
        out.append(f"\n{plural(in_view, 'practice day')} in the last {plural(self.weeks, 'week')}", label_style)
        out.append("   less ", label_style)
        for (glyph, _cls), style in zip(_LEVELS, styles, strict=True):
            out.append(glyph[0], style)
        out.append(" more", label_style)
        return out
