"""The conversation: what the interviewer says, each question, follow-ups, and notices."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Static

from mockint.core.interview.session import Kind


class InterviewerPane(VerticalScroll):
    """A scrolling transcript; every text is plain (pack and backgrounder text is untrusted).

    The current question stays in view when lines are added and when the pane is resized
    (the teleprompter opening, a smaller terminal): the pane shows its newest lines, unless
    that would scroll the current question out of sight.
    """

    DEFAULT_CSS = """
    InterviewerPane { height: 1fr; padding: 0 1; }
    InterviewerPane > Static { margin-bottom: 1; }
    InterviewerPane > .pane--question { text-style: bold; color: $text-primary; }
    InterviewerPane > .pane--follow_up { color: $text-accent; }
    InterviewerPane > .pane--ask { text-style: bold; color: $text-accent; }
    InterviewerPane > .pane--notice { color: $text-muted; }
    """

    can_focus = False

    def __init__(self, speaker: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.speaker = speaker
        #: The line of the current question (kept in view).
        self.current: Static | None = None

    def say(self, text: str, kind: Kind = "say") -> Static:
        """Add one utterance and keep the newest in view."""
        line = Text()
        if kind in ("say", "question", "follow_up"):
            line.append(f"{self.speaker}: ", style="bold")
        elif kind == "ask":
            line.append("You ask: ", style="bold")
        line.append(text)
        widget = Static(line, classes=f"pane--{kind}")
        self.mount(widget)
        self.keep_end()
        return widget

    def keep_end(self) -> None:
        """Scroll to the newest line (but not past the current question) once the layout has settled."""
        self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        target = self.max_scroll_y
        if self.current is not None and self.current.parent is self:
            target = min(target, self.current.virtual_region.y)
        self.scroll_to(y=target, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.keep_end()
