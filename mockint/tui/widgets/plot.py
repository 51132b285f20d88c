"""Terminal line charts drawn with braille dots.

A braille cell holds a 2x4 grid of dots, so a chart `width` cells wide and `height`
cells tall has 2*width by 4*height points: fine enough to show a weekly trend in a
few lines. Drawing is pure (lists of str) so it is tested without a terminal.

Kept hand-drawn rather than taken from a plotting library: it needs only Unicode braille
(U+2800–U+28FF), which every terminal font we have tried renders one cell wide, and a Rich
`Text` per plot; it relies on no Textual behaviour beyond `Widget.render` (Textual 8.2).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

# Bit for the dot at (x, y) inside one braille cell, x in 0..1, y in 0..3 (top down).
_DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
_BRAILLE_BASE = 0x2800


def _scale(value: float, lo: float, hi: float, steps: int) -> int:
    """Map value in [lo, hi] onto 0..steps-1 (0 is the bottom)."""
    if hi <= lo:
        return 0
    fraction = (min(max(value, lo), hi) - lo) / (hi - lo)
    return round(fraction * (steps - 1))


def braille_chart(
    values: Sequence[float | None], width: int, height: int, lo: float, hi: float
) -> list[str]:
    """Draw values as a connected line, `height` rows of `width` braille cells.

    None is a gap: the line is broken there rather than drawn through a week
    with no data, so a pause in practice is visible.
    """
    width = max(1, width)
    height = max(1, height)
    dots_x, dots_y = width * 2, height * 4
    grid = [[0] * width for _ in range(height)]

    def plot(px: int, py: int) -> None:
        row_from_top = dots_y - 1 - py
        cell_row, dot_row = divmod(row_from_top, 4)
        cell_col, dot_col = divmod(px, 2)
        if 0 <= cell_row < height and 0 <= cell_col < width:
            grid[cell_row][cell_col] |= _DOT_BITS[dot_col][dot_row]

    count = len(values)
    points: list[tuple[int, int] | None] = []
    for index, value in enumerate(values):
        if value is None:
            points.append(None)
            continue
        px = (dots_x - 1) // 2 if count == 1 else round(index * (dots_x - 1) / (count - 1))
        points.append((px, _scale(value, lo, hi, dots_y)))

    previous: tuple[int, int] | None = None
    for point in points:
        if point is None:
            previous = None
            continue
        if previous is None:
            # A point with no neighbour would be one faint dot: draw it as a 2x2 mark.
            px, py = point
            for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):
                plot(min(px + dx, dots_x - 1), min(py + dy, dots_y - 1))
        else:
            (x0, y0), (x1, y1) = previous, point
            steps = max(abs(x1 - x0), abs(y1 - y0), 1)
            for step in range(steps + 1):
                plot(round(x0 + (x1 - x0) * step / steps), round(y0 + (y1 - y0) * step / steps))
        previous = point
    return ["".join(chr(_BRAILLE_BASE + bits) for bits in row) for row in grid]


class TrendPlot(Widget):
    """A titled braille line chart of one series over time, with a y axis.

    Values are on a fixed scale (`lo`..`hi`) so charts of different series can be
    compared at a glance; the first and last x labels are printed under the chart.
    """

    DEFAULT_CSS = """
    TrendPlot {
        height: 5;
        width: 1fr;
    }
    TrendPlot > .trendplot--line { color: $accent; }
    TrendPlot > .trendplot--axis { color: $text-muted; }
    TrendPlot > .trendplot--title { text-style: bold; }
    """
    COMPONENT_CLASSES = {"trendplot--line", "trendplot--axis", "trendplot--title"}

    def __init__(
        self,
        title: str,
        values: Sequence[float | None],
        x_labels: Sequence[str] = (),
        *,
        lo: float = 1.0,
        hi: float = 5.0,
        value_format: str = "{:.1f}",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.title = title
        self.values = list(values)
        self.x_labels = list(x_labels)
        self.lo = lo
        self.hi = hi
        self.value_format = value_format

    def latest(self) -> float | None:
        """The most recent value that exists, for the title line."""
        for value in reversed(self.values):
            if value is not None:
                return value
        return None

    def render(self) -> RenderResult:
        line_style = self.get_component_rich_style("trendplot--line")
        axis_style = self.get_component_rich_style("trendplot--axis")
        title_style = self.get_component_rich_style("trendplot--title")
        hi_label = self.value_format.format(self.hi)
        lo_label = self.value_format.format(self.lo)
        axis_width = max(len(hi_label), len(lo_label)) + 1
        chart_width = max(4, self.size.width - axis_width)
        chart_height = max(1, self.size.height - 2)

        out = Text(no_wrap=True, overflow="crop")
        out.append(self.title, title_style)
        latest = self.latest()
        if latest is None:
            out.append("  no data yet", axis_style)
        else:
            out.append(f"  latest {self.value_format.format(latest)}", axis_style)
        rows = braille_chart(self.values, chart_width, chart_height, self.lo, self.hi)
        for index, row in enumerate(rows):
            if index == 0:
                label = hi_label
            elif index == len(rows) - 1:
                label = lo_label
            else:
                label = ""
            out.append("\n")
            out.append(f"{label:>{axis_width - 1}}┤", axis_style)
            out.append(row, line_style)
        out.append("\n")
        first = self.x_labels[0] if self.x_labels else ""
        last = self.x_labels[-1] if len(self.x_labels) > 1 else ""
        gap = max(1, chart_width - len(first) - len(last))
        out.append(" " * axis_width + first + " " * gap + last, axis_style)
        return out
