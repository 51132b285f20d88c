"""One saved answer as a card: its question, time against target, ratings, notes, feedback, guidance.

All text from packs and from the person (questions, notes, typed points, guidance) is shown
as plain `Text`, never parsed as markup. Colours come from the card's component classes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from mockint.core.format import mmss, overtime, plural
from mockint.core.history.records import AnswerRecord
from mockint.tui.names import readable


def dimension_name(dimension_id: str) -> str:
    """A default-rubric dimension's name (other ids made readable)."""
    from mockint.core.interview.rubric import DEFAULT_RUBRIC

    return next((d.name for d in DEFAULT_RUBRIC if d.id == dimension_id), None) or readable(dimension_id)


@dataclass
class CardStyles:
    """The styles an answer card's text uses (from the widget's component classes)."""

    overtime: Style = field(default_factory=lambda: Style(bold=True))
    muted: Style = field(default_factory=lambda: Style(dim=True))
    label: Style = field(default_factory=lambda: Style(bold=True))


@dataclass
class CardNames:
    """How a card names what it shows: pack, category and rubric dimension (ids by default)."""

    pack: Callable[[str], str] = lambda pack_id: pack_id
    category: Callable[[str, str], str] = lambda category_id, pack_id: readable(category_id)
    dimension: Callable[[str, str], str] = lambda dimension_id, pack_id: dimension_name(dimension_id)


def time_against_target(answer: AnswerRecord, styles: CardStyles | None = None) -> Text:
    """ "2:14 of 2:00  (+0:14 over)", the overtime in its own style."""
    styles = styles or CardStyles()
    text = Text(f"{mmss(answer.elapsed_seconds)} of {mmss(answer.target_seconds)}")
    over = answer.elapsed_seconds - answer.target_seconds
    if over >= 1:
        text.append(f"  ({overtime(over)} over)", styles.overtime)
    return text


def ratings_text(answer: AnswerRecord, names: CardNames | None = None, styles: CardStyles | None = None) -> Text:
    """Each rubric rating ("Structure 4 · Evidence 3 …")."""
    names, styles = names or CardNames(), styles or CardStyles()
    text = Text()
    for index, (dimension, value) in enumerate(answer.ratings.items()):
        if index:
            text.append(" · ")
        text.append(f"{names.dimension(dimension, answer.pack_id)} ")
        text.append(str(value), styles.label)
    if not answer.ratings:
        text.append("no rubric ratings", styles.muted)
    return text


def feedback_lines(feedback: dict[str, Any] | None) -> list[str]:
    """The automatic feedback saved with a typed answer, as short plain lines."""
    if not feedback:
        return []
    lines: list[str] = []
    words = feedback.get("words")
    if isinstance(words, int):
        speaking = feedback.get("speaking_seconds")
        spoken = f" (about {mmss(float(speaking))} spoken)" if isinstance(speaking, int | float) else ""
        lines.append(f"{plural(words, 'word')}{spoken}")
    if "has_numbers" in feedback:
        lines.append("uses numbers" if feedback["has_numbers"] else "no numbers: add a measurable result")
    star = feedback.get("star")
    if isinstance(star, dict) and star:
        marks = " ".join(f"{str(k)[:1].upper()}{'✓' if v else '✗'}" for k, v in star.items())
        lines.append(f"STAR {marks}")
    fillers = feedback.get("fillers")
    if isinstance(fillers, dict) and fillers:
        lines.append("fillers: " + ", ".join(f"{k} ×{v}" for k, v in fillers.items()))
    return lines


def answer_parts(
    answer: AnswerRecord,
    number: int,
    *,
    names: CardNames | None = None,
    styles: CardStyles | None = None,
    guidance: str | None = None,
) -> tuple[Text, Text]:
    """(the question line, everything below it) of one answer; notes show for skipped questions too."""
    names, styles = names or CardNames(), styles or CardStyles()
    head = Text()
    head.append(f"{number}. ", styles.label)
    if answer.category:
        head.append(f"[{names.category(answer.category, answer.pack_id)}] ", styles.muted)
    head.append(answer.question_text, styles.label)
    body = Text(names.pack(answer.pack_id), styles.muted)
    if answer.skipped:
        body.append("\nSkipped", Style(italic=True))
    else:
        body.append("\nTime ")
        body.append_text(time_against_target(answer, styles))
        if answer.overall is not None:
            body.append("   Overall ")
            body.append(str(answer.overall), styles.label)
        body.append("\n")
        body.append_text(ratings_text(answer, names, styles))
        if answer.follow_ups_asked:
            body.append(f"\n{plural(len(answer.follow_ups_asked), 'follow-up')} asked", styles.muted)
    for label, text in (("Notes", answer.notes), ("Typed points", answer.typed_points)):
        if text.strip():
            body.append(f"\n{label}: ", styles.label)
            body.append(text.strip())
    lines = feedback_lines(answer.feedback)
    if lines and not answer.skipped:
        body.append("\nFeedback: ", styles.label)
        body.append(" · ".join(lines))
    if answer.transcript is not None:
        from mockint.core.text import escape_controls
        from mockint.core.voice.metrics import summary_lines

        body.append("\nSpoken: ", styles.label)
        body.append(escape_controls(answer.transcript.strip()) or "(no speech heard)")
        if answer.speech:
            body.append("\nSpeech: ", styles.label)
            body.append(" · ".join(summary_lines(answer.speech)))
    if guidance and guidance.strip():
        body.append("\nWhat a strong answer covers: ", styles.label)
        body.append(guidance.strip())
    return head, body


def answer_text(answer: AnswerRecord, number: int, **options: Any) -> Text:
    """The whole card as one text, the lines under the question indented (for plain output and tests)."""
    head, body = answer_parts(answer, number, **options)
    text = head.copy()
    for line in body.split("\n"):
        text.append("\n   ")
        text.append_text(line)
    return text


class AnswerCard(Static, can_focus=True):
    """One answer; focus it (click, tab, up/down) to compare its question's attempts."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"answer-card--overtime", "answer-card--muted", "answer-card--label"}
    DEFAULT_CSS = """
    AnswerCard > .answer-card--overtime { color: $text-error; text-style: bold; }
    AnswerCard > .answer-card--muted { color: $text-muted; }
    AnswerCard > .answer-card--label { text-style: bold; }
    """

    def __init__(
        self, answer: AnswerRecord, number: int, *, names: CardNames | None = None, guidance: str | None = None
    ) -> None:
        super().__init__("", markup=False, classes="answer-card")
        self.answer = answer
        self.number = number
        self.names = names or CardNames()
        self.guidance = guidance
        #: The card as plain text (what a screen reader or a test reads).
        self.text = ""

    def on_mount(self) -> None:
        self._draw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._draw()  # a new theme: the component styles changed

    def _draw(self) -> None:
        def style(name: str) -> Style:
            return self.get_component_rich_style(f"answer-card--{name}")

        styles = CardStyles(style("overtime"), style("muted"), style("label"))
        head, body = answer_parts(self.answer, self.number, names=self.names, styles=styles, guidance=self.guidance)
        self.text = answer_text(self.answer, self.number, names=self.names, guidance=self.guidance).plain
        # The lines under the question hang indented, wrapped lines too.
        self.update(Group(head, Padding(body, (0, 0, 0, 3))))
