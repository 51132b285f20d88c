"""Answer and interview clocks.

Like Textual's stopwatch tutorial, elapsed time is *derived* from a monotonic
clock at a start mark (plus what was accumulated before a pause); it is never
counted in ticks. A display may therefore refresh at any rate, or not at all,
and the numbers stay exact. Every reading comes from the injected `clock`
callable so tests and snapshots control time.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from mockint.core.format import mmss, overtime

Phase = Literal["ready", "prep", "answering", "paused", "stopped"]
Level = Literal["ok", "warn", "over"]
Clock = Callable[[], float]

#: Share of the target at which the clock turns to "warn".
WARN_FRACTION = 0.75


# One spelling of durations everywhere (core.format); the old names stay for callers that use them.
format_mmss = mmss
format_overtime = overtime


def level_for(elapsed: float, target: float) -> Level:
    """ok below 75% of the target, warn from 75%, over from 100% (boundaries inclusive)."""
    if target <= 0:
        return "over" if elapsed > 0 else "ok"
    # Compare products rather than a float ratio so exactly 75% is exactly "warn".
    if elapsed >= target:
        return "over"
    if elapsed * 4 >= target * 3:
        return "warn"
    return "ok"


@dataclass(frozen=True)
class ClockReading:
    """One consistent view of an AnswerClock (a single clock read), for a widget to render."""

    phase: Phase
    elapsed: float
    prep_remaining: float
    target: int
    overtime: float
    level: Level
    #: The phase that a pause interrupted ("prep" or "answering"), else None.
    paused_from: Phase | None = None

    @property
    def text(self) -> str:
        """The clock face: prep countdown, or elapsed / target, or overtime."""
        if self.phase == "prep" or self.paused_from == "prep":
            return f"prep {mmss(math.ceil(self.prep_remaining))}"
        if self.overtime > 0:
            return f"{mmss(self.elapsed)} / {mmss(self.target)} {overtime(self.overtime)}"
        return f"{mmss(self.elapsed)} / {mmss(self.target)}"


class AnswerClock:
    """The clock of one answer: optional prep countdown, then the answer against a target.

    Phases: ready -> (prep ->) answering -> stopped, with "paused" from prep or
    answering. When the prep countdown runs out the answer starts by itself, at
    the exact instant prep ended; `start()` during prep skips what is left of it.
    Paused time counts towards neither prep nor the answer.
    """

    def __init__(self, target_seconds: int, prep_seconds: int = 0, clock: Clock = time.monotonic) -> None:
        if target_seconds <= 0:
            raise ValueError("target_seconds must be positive")
        if prep_seconds < 0:
            raise ValueError("prep_seconds must not be negative")
        self.target_seconds = target_seconds
        self.prep_seconds = prep_seconds
        self._clock = clock
        self._phase: Phase = "ready"
        self._paused_from: Phase | None = None
        self._prep_used = 0.0  # prep seconds consumed before the current run
        self._prep_mark: float | None = None  # clock value when the current prep run began
        self._answer_acc = 0.0  # answer seconds accumulated before the current run
        self._answer_mark: float | None = None
        self._bell_rung = False

    # -- transitions -------------------------------------------------------------------------

    def start_prep(self) -> None:
        """ready -> prep when the question has prep time; otherwise nothing happens."""
        if self._phase == "ready" and self.prep_seconds > 0:
            self._prep_mark = self._clock()
            self._phase = "prep"

    def start(self) -> None:
        """Start answering: from ready, or from prep (skipping the rest), or resume from a pause."""
        now = self._clock()
        self._settle(now)
        if self._phase in ("ready", "prep"):
            self._prep_mark = None
            self._answer_mark = now
            self._phase = "answering"
        elif self._phase == "paused":
            # Resumes a paused answer; from a paused prep it skips the rest of the prep.
            self._prep_mark = None
            self._answer_mark = now
            self._phase = "answering"
            self._paused_from = None

    def stop(self) -> None:
        """The answer is over; the elapsed time freezes. Idempotent."""
        now = self._clock()
        self._settle(now)
        if self._answer_mark is not None:
            self._answer_acc += max(0.0, now - self._answer_mark)
            self._answer_mark = None
        self._prep_mark = None
        self._paused_from = None
        self._phase = "stopped"

    def toggle_pause(self) -> None:
        """Pause a running prep or answer, or resume it; nothing happens when ready or stopped."""
        now = self._clock()
        self._settle(now)
        if self._phase == "prep" and self._prep_mark is not None:
            self._prep_used += max(0.0, now - self._prep_mark)
            self._prep_mark = None
            self._paused_from = "prep"
            self._phase = "paused"
        elif self._phase == "answering" and self._answer_mark is not None:
            self._answer_acc += max(0.0, now - self._answer_mark)
            self._answer_mark = None
            self._paused_from = "answering"
            self._phase = "paused"
        elif self._phase == "paused":
            if self._paused_from == "prep":
                self._prep_mark = now
                self._phase = "prep"
            else:
                self._answer_mark = now
                self._phase = "answering"
            self._paused_from = None

    # -- readings ----------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        self._settle(self._clock())
        return self._phase

    @property
    def paused_from(self) -> Phase | None:
        return self._paused_from

    def elapsed(self) -> float:
        """Seconds spent answering (pauses excluded)."""
        now = self._clock()
        self._settle(now)
        return self._elapsed_at(now)

    def prep_remaining(self) -> float:
        """Seconds of prep left (0 once the answer started or when there is no prep)."""
        now = self._clock()
        self._settle(now)
        return self._prep_remaining_at(now)

    def overtime(self) -> float:
        """Seconds past the target (0 within it)."""
        return max(0.0, self.elapsed() - self.target_seconds)

    def remaining(self) -> float:
        """Seconds until the target; negative in overtime."""
        return self.target_seconds - self.elapsed()

    def level(self) -> Level:
        return level_for(self.elapsed(), self.target_seconds)

    def is_moving(self) -> bool:
        """Whether the display changes with time (prep or answering), so a UI knows to refresh."""
        return self.phase in ("prep", "answering")

    def crossed_target(self) -> bool:
        """True exactly once: on the first call after the answer reached its target (for a bell)."""
        if self._bell_rung or self.elapsed() < self.target_seconds:
            return False
        self._bell_rung = True
        return True

    def reading(self) -> ClockReading:
        """Everything a display needs from one clock read."""
        now = self._clock()
        self._settle(now)
        elapsed = self._elapsed_at(now)
        return ClockReading(
            phase=self._phase,
            elapsed=elapsed,
            prep_remaining=self._prep_remaining_at(now),
            target=self.target_seconds,
            overtime=max(0.0, elapsed - self.target_seconds),
            level=level_for(elapsed, self.target_seconds),
            paused_from=self._paused_from,
        )

    # -- internals ---------------------------------------------------------------------------

    def _settle(self, now: float) -> None:
        # Prep that has run out turns into answering, starting when prep ended rather than when
        # someone next looked, so a slow refresh never steals answer time.
        if self._phase == "prep" and self._prep_mark is not None:
            prep_end = self._prep_mark + (self.prep_seconds - self._prep_used)
            if now >= prep_end:
                self._prep_used = float(self.prep_seconds)
                self._prep_mark = None
                self._answer_mark = prep_end
                self._phase = "answering"

    def _elapsed_at(self, now: float) -> float:
        if self._answer_mark is None:
            return self._answer_acc
        return self._answer_acc + max(0.0, now - self._answer_mark)

    def _prep_remaining_at(self, now: float) -> float:
        if self._phase == "prep" and self._prep_mark is not None:
            used = self._prep_used + max(0.0, now - self._prep_mark)
        elif self._phase == "paused" and self._paused_from == "prep":
            used = self._prep_used
        elif self._phase == "ready":
            return float(self.prep_seconds)
        else:
            return 0.0
        return max(0.0, self.prep_seconds - used)


class InterviewClock:
    """Total time of an interview, pause-aware; `already` carries time from before a resume."""

    def __init__(self, clock: Clock = time.monotonic, already: float = 0.0) -> None:
        self._clock = clock
        self._acc = max(0.0, already)
        self._mark: float | None = None
        self._stopped = False

    @property
    def running(self) -> bool:
        return self._mark is not None

    @property
    def stopped(self) -> bool:
        return self._stopped

    def start(self) -> None:
        """Start or resume; nothing happens once stopped."""
        if self._mark is None and not self._stopped:
            self._mark = self._clock()

    def pause(self) -> None:
        if self._mark is not None:
            self._acc += max(0.0, self._clock() - self._mark)
            self._mark = None

    def resume(self) -> None:
        self.start()

    def toggle_pause(self) -> None:
        if self._mark is None:
            self.start()
        else:
            self.pause()

    def stop(self) -> None:
        self.pause()
        self._stopped = True

    def elapsed(self) -> float:
        if self._mark is None:
            return self._acc
        return self._acc + max(0.0, self._clock() - self._mark)

    def is_moving(self) -> bool:
        return self._mark is not None
