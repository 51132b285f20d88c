"""What helps while rating: the rubric's anchors, then the question's guidance, and key-point feedback."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from mockint.core.packs.model import RubricDimension


class FeedbackPane(VerticalScroll):
    """A scrolling pane (pageup/pagedown or the mouse wheel); every text is shown literally.

    While a dimension is being rated it shows what each score 1..5 of that dimension looks
    like; once the answer is over it shows what a strong answer covers; and the feedback on
    the typed key points.
    """

    DEFAULT_CSS = """
    FeedbackPane { height: 1fr; padding: 0 1; }
    FeedbackPane > Static { height: auto; }
    """

    can_focus = False
    _shown: tuple[object, ...] | None = None
    #: What the pane says, as plain text.
    plain = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="feedback-text")

    def show(self, lines: list[str], guidance: str | None = None, dimension: RubricDimension | None = None) -> None:
        anchors: Table | None = None
        text = Text()
        if dimension is not None:
            # The title is the border's, so all five anchors get the pane's lines; each wraps
            # under its own text, not under its number.
            title = f"{dimension.name}: what each score looks like"
            anchors = Table.grid(padding=(0, 1, 0, 0))
            anchors.add_column(no_wrap=True)
            anchors.add_column(ratio=1)
            for n, anchor in enumerate(dimension.anchors or ("weak", "", "solid", "", "outstanding"), 1):
                if anchor:
                    anchors.add_row(Text(str(n), style="bold"), Text(anchor))
            text.append("\n")
        elif guidance:
            title = "What a strong answer covers"
        else:
            title = "Feedback"
        if guidance:
            if dimension is not None:
                text.append("What a strong answer covers:\n", style="bold")
            text.append(guidance)
            text.append("\n\n")
        if lines:
            text.append("\n".join(lines))
        else:
            text.append("Type key points (k) to see word count, pace, numbers and STAR coverage.", style="dim")
        key = (tuple(lines), guidance, dimension)
        if key != self._shown:
            self._shown = key
            self.border_title = Text(title)
            shown = [f"{n} {a}" for n, a in enumerate(dimension.anchors, 1)] if dimension is not None else []
            self.plain = "\n".join([*shown, text.plain.strip("\n")])
            self.query_one("#feedback-text", Static).update(text if anchors is None else Group(anchors, text))
            self.scroll_home(animate=False)
