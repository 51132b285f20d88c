"""CPU cost of a running answer clock in a headless Textual app.

Run: .venv/bin/python benchmarks/clock.py [--seconds N]
Target: the running clock costs at most 3% of one core more than the same app idle.

The app is measured twice in one run, for the same wall time: idle (the clock
widget mounted but not started, so its refresh timer is paused) and running
(answer clock started; the widget refreshes at 4 Hz while it moves). CPU is the
process time (user + system) consumed during each window.

To measure the real widget, change CLOCK_WIDGET below: any Widget class whose
constructor takes an AnswerClock and which refreshes itself while it moves.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static

from mockint.core.clock import AnswerClock

LIMIT_PERCENT = 3.0
REFRESH_HZ = 4


class MinimalClock(Static):
    """Stopwatch-model display: derive the text from the clock; refresh only while it moves."""

    def __init__(self, answer_clock: AnswerClock) -> None:
        super().__init__("")
        self.answer_clock = answer_clock
        self._timer: Timer | None = None
        self._shown = ""

    def on_mount(self) -> None:
        self._timer = self.set_interval(1 / REFRESH_HZ, self.tick, pause=not self.answer_clock.is_moving())
        self.tick()

    def tick(self) -> None:
        reading = self.answer_clock.reading()
        text = reading.text
        if text != self._shown:  # repaint only when the visible second changes
            self._shown = text
            self.update(text)
        if self._timer is not None and reading.phase not in ("prep", "answering"):
            self._timer.pause()


#: Swap this one line to benchmark the app's real clock widget.
CLOCK_WIDGET: Callable[[AnswerClock], Widget] = MinimalClock


class ClockBenchApp(App[None]):
    def __init__(self, running: bool) -> None:
        super().__init__()
        self.answer_clock = AnswerClock(target_seconds=120, prep_seconds=0)
        if running:
            self.answer_clock.start()

    def compose(self) -> ComposeResult:
        yield Static("Tell me about a product you are proud of.")
        yield CLOCK_WIDGET(self.answer_clock)
        yield Footer()


async def measure(running: bool, seconds: float) -> float:
    """Percent of one core used by the app over `seconds` of wall time."""
    app = ClockBenchApp(running)
    async with app.run_test(headless=True, size=(80, 24)) as pilot:
        await pilot.pause()  # let the first frame settle before measuring
        cpu0, wall0 = time.process_time(), time.perf_counter()
        await asyncio.sleep(seconds)
        cpu1, wall1 = time.process_time(), time.perf_counter()
        if running:
            assert app.answer_clock.is_moving(), "the clock should still be running"
    return 100.0 * (cpu1 - cpu0) / (wall1 - wall0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=10.0, help="wall time per measurement (default 10)")
    args = parser.parse_args()
    idle = asyncio.run(measure(False, args.seconds))
    running = asyncio.run(measure(True, args.seconds))
    extra = running - idle
    print(f"widget:        {getattr(CLOCK_WIDGET, '__qualname__', CLOCK_WIDGET)}")
    print(f"idle app:      {idle:5.2f}% of one core")
    print(f"running clock: {running:5.2f}% of one core")
    print(f"clock cost:    {extra:+5.2f}% (limit {LIMIT_PERCENT:.1f}%)")
    ok = extra <= LIMIT_PERCENT
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
