"""The conversation: what the interviewer says, each question, follow-ups, and notices."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Static

from mockint.core.interview.session import Kind


class InterviewerPane(VerticalScroll):
    """A scrolling transcript; every text is plain (pack and backgrounder text is untrusted).

    The newest line (the current question) stays in view when lines are added and when the
    pane is resized (the teleprompter opening above the notes, a smaller terminal).
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
        """Scroll to the newest line once the layout has settled."""
        self.call_after_refresh(self.scroll_end, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self.keep_end()
