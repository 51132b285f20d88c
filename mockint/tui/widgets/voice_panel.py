"""Speaking practice under the conversation: the microphone's level, what the voice is doing,
then the answer's transcript with its pace, pauses and fillers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

#: How often the level meter reads the microphone while recording.
METER_SECONDS = 0.1

_STATUS: dict[str, str] = {
    "idle": "Voice on: space starts recording with the clock.",
    "speaking": "The interviewer is speaking…",
    "recording": "● Recording — space stops.",
    "transcribing": "Transcribing your answer…",
    "done": "Your answer, as heard:",
    "off": "Voice off.",
}


class VoicePanel(Vertical):
    """Level meter, status line and transcript + speaking metrics of the current answer."""

    DEFAULT_CSS = """
    VoicePanel { height: auto; max-height: 45%; border: round $primary 50%; padding: 0 1; }
    VoicePanel #voice-status { height: auto; }
    VoicePanel.-recording #voice-status { color: $text-error; text-style: bold; }
    VoicePanel #voice-meter { height: 1; }
    VoicePanel #voice-meter Bar { width: 1fr; }
    VoicePanel #voice-result { height: auto; max-height: 14; }
    """
    def __init__(
        self, *, title: str = "Voice", poll: Callable[[], None] | None = None,
        on_close: Callable[[], None] | None = None, id: str | None = None,
    ) -> None:
        """`poll` runs ten times a second while mounted; `on_close` once when the panel goes away."""
        super().__init__(id=id)
        self.border_title = title
        self._poll = poll
        self._on_close = on_close
        self._level_source: Callable[[], float] | None = None
        self._meter_timer: Timer | None = None
        self.state = "idle"

    def compose(self) -> ComposeResult:
        yield Static(_STATUS["idle"], id="voice-status", markup=False)
        yield ProgressBar(total=100, show_percentage=False, show_eta=False, id="voice-meter")
        with VerticalScroll(id="voice-result"):
            yield Static("", id="voice-transcript")
            yield Static("", id="voice-metrics")

    def on_mount(self) -> None:
        self.query_one("#voice-result").display = False
        self._meter_timer = self.set_interval(METER_SECONDS, self._read_level, pause=True)
        self.query_one("#voice-meter").display = False
        if self._poll is not None:
            self.set_interval(METER_SECONDS, self._poll)

    def on_unmount(self) -> None:
        if self._on_close is not None:
            self._on_close()

    # -- state --------------------------------------------------------------------------------
    def set_state(self, state: str, detail: str | None = None) -> None:
        """Show what the voice is doing (`idle`, `speaking`, `recording`, `transcribing`, `done`, `off`)."""
        self.state = state
        self.set_class(state == "recording", "-recording")
        self.query_one("#voice-status", Static).update(Text(detail or _STATUS.get(state, state)))

    def start_meter(self, source: Callable[[], float]) -> None:
        """Show the level of `source` (0..1) until `stop_meter`."""
        self._level_source = source
        self.query_one("#voice-meter").display = True
        self.query_one(ProgressBar).update(progress=0)
        if self._meter_timer is not None:
            self._meter_timer.resume()

    def stop_meter(self) -> None:
        self._level_source = None
        if self._meter_timer is not None:
            self._meter_timer.pause()
        self.query_one(ProgressBar).update(progress=0)
        self.query_one("#voice-meter").display = False

    def _read_level(self) -> None:
        source = self._level_source
        if source is None:
            return
        level = max(0.0, min(1.0, float(source())))
        self.query_one(ProgressBar).update(progress=round(level * 100))

    @property
    def level_shown(self) -> float:
        """The meter's reading, 0..1 (for tests and the benchmark)."""
        return float(self.query_one(ProgressBar).progress) / 100.0

    # -- the answer ---------------------------------------------------------------------------
    def clear(self) -> None:
        """A new question: nothing heard yet."""
        self.stop_meter()
        self.query_one("#voice-transcript", Static).update("")
        self.query_one("#voice-metrics", Static).update("")
        self.query_one("#voice-result").display = False
        self.set_state("idle")

    def show_result(self, transcript: str | None, speech: dict[str, Any] | None, error: str | None = None) -> None:
        """The transcript (shown literally) and the speaking metrics, or why there are none."""
        from mockint.core.text import escape_controls
        from mockint.core.voice.metrics import summary_lines

        self.stop_meter()
        if error:
            self.set_state("done", f"Not transcribed: {error}")
            return
        self.set_state("done")
        shown = escape_controls(transcript or "", keep_lines=True).strip()
        self.query_one("#voice-transcript", Static).update(
            Text(shown) if shown else Text("(no speech heard)", style="dim")
        )
        lines = summary_lines(speech or {})
        # Two lines: how it was said (pace, pauses, fillers), then what it held (numbers, STAR, key points).
        self.query_one("#voice-metrics", Static).update(Text("\n".join(
            part for part in (" · ".join(lines[:3]), " · ".join(lines[3:])) if part
        )))
        self.query_one("#voice-result").display = True
