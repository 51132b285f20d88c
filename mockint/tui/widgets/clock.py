"""The answer clock face: prep countdown, m:ss against the target, overtime, pause, total time."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mockint.core.format import mmss
from mockint.core.interview.clock import ClockReading

_PHASE_LABEL = {
    "ready": "Ready: space starts the answer",
    "prep": "Preparing: space to answer now",
    "answering": "Answering: space when done",
    "paused": "Paused: p resumes",
    "stopped": "Answer over: rate, then enter",
}


_ASKING_LABEL = {
    **_PHASE_LABEL,
    "ready": "Ready: space, then ask your question",
    "answering": "Asking: space when done",
    "stopped": "Asked: rate it, then enter",
}


class ClockWidget(Static):
    """Renders a ClockReading; it holds no clock itself (the screen reads the core clock and calls show)."""

    # $clock-* come from the theme (MockintApp supplies defaults for themes without them).
    DEFAULT_CSS = """
    ClockWidget { height: auto; padding: 0 1; }
    ClockWidget.-ok { color: $clock-ok; }
    ClockWidget.-warn { color: $clock-warn; }
    ClockWidget.-over { color: $clock-over; }
    ClockWidget.-paused { color: $text-muted; }
    """

    _shown: tuple[object, ...] | None = None

    def show(
        self, reading: ClockReading | None, total_seconds: float, *, compact: bool = False, asking: bool = False
    ) -> None:
        """Redraw from one reading of the answer clock and the interview's total time.

        Called at 4 Hz while the interview runs, but the face changes once a second: an
        unchanged face is not redrawn (an update would also re-run layout). `compact` draws
        one line (while the answer is rated, to leave room for the rubric); `asking`: the
        candidate is asking their own question, so the labels say so.
        """
        total = mmss(total_seconds)
        key = (total,) if reading is None else (reading.text, reading.phase, reading.level, total, compact, asking)
        if key == self._shown:
            return
        self._shown = key
        if reading is None:
            self.set_classes("")
            self.update(Text(f"Interview {total}"))
            return
        running = reading.phase == "answering"
        self.set_class(running and reading.level == "ok", "-ok")
        self.set_class(reading.level == "warn" and reading.phase != "paused", "-warn")
        self.set_class(reading.level == "over" and reading.phase != "paused", "-over")
        self.set_class(reading.phase == "paused", "-paused")
        face = reading.text
        if reading.phase == "paused":
            face = f"{face}  (paused)"
        if compact:
            label = "Asked" if asking else ("Answer over" if reading.phase == "stopped" else "Answer")
            text = Text(f"{label} {face}", style="bold", no_wrap=True, overflow="ellipsis")
            text.append(f" · Interview {total}", style="")
            self.update(text)
            return
        text = Text(face, style="bold")
        labels = _ASKING_LABEL if asking else _PHASE_LABEL
        text.append(f"\n{labels.get(reading.phase, reading.phase)}", style="")
        text.append(f"\nInterview {total}", style="dim")
        self.update(text)
