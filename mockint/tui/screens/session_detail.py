"""One session in full: every answer with its question, time, ratings, notes and feedback.

All text from packs and from the person (questions, notes, typed points) is shown
as plain `Text`, never parsed as markup.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from mockint.core.history.records import AnswerRecord, SessionRecord
from mockint.core.interview.clock import format_mmss
from mockint.core.interview.rubric import DEFAULT_RUBRIC
from mockint.tui.widgets.key_bar import KeyBar

_DIMENSION_NAMES = {dim.id: dim.name for dim in DEFAULT_RUBRIC}


def dimension_name(dimension_id: str) -> str:
    """A rubric dimension's display name (pack rubrics fall back to a readable id)."""
    return _DIMENSION_NAMES.get(dimension_id) or dimension_id.replace("-", " ").replace("_", " ").capitalize()


def time_against_target(answer: AnswerRecord) -> Text:
    """"2:14 of 2:00 (+0:14 over)" with the overtime in the warning colour."""
    text = Text(f"{format_mmss(answer.elapsed_seconds)} of {format_mmss(answer.target_seconds)}")
    over = answer.elapsed_seconds - answer.target_seconds
    if over >= 1:
        text.append(f"  (+{format_mmss(over)} over)", "bold red")
    return text


def ratings_text(answer: AnswerRecord) -> Text:
    """Each rubric rating ("Structure 4 · Evidence 3 …")."""
    text = Text()
    for index, (dimension, value) in enumerate(answer.ratings.items()):
        if index:
            text.append(" · ")
        text.append(f"{dimension_name(dimension)} ")
        text.append(str(value), "bold")
    if not answer.ratings:
        text.append("no rubric ratings", "dim")
    return text


def feedback_lines(feedback: dict[str, Any] | None) -> list[str]:
    """The automatic feedback saved with a typed answer, as short plain lines."""
    if not feedback:
        return []
    lines: list[str] = []
    words = feedback.get("words")
    if isinstance(words, int):
        speaking = feedback.get("speaking_seconds")
        spoken = f" (about {format_mmss(float(speaking))} spoken)" if isinstance(speaking, int | float) else ""
        lines.append(f"{words} words{spoken}")
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


def answer_text(answer: AnswerRecord, number: int) -> Text:
    """The whole card of one answer."""
    text = Text()
    text.append(f"{number}. ", "bold")
    if answer.category:
        text.append(f"[{answer.category}] ", "dim")
    text.append(answer.question_text, "bold")
    text.append(f"\n   {answer.pack_id} / {answer.question_id}", "dim")
    if answer.skipped:
        text.append("\n   Skipped", "italic")
        return text
    text.append("\n   Time ")
    text.append_text(time_against_target(answer))
    if answer.overall is not None:
        text.append("   Overall ")
        text.append(str(answer.overall), "bold")
    text.append("\n   ")
    text.append_text(ratings_text(answer))
    if answer.follow_ups_asked:
        text.append(f"\n   Follow-ups asked: {len(answer.follow_ups_asked)}", "dim")
    for label, body in (("Notes", answer.notes), ("Typed points", answer.typed_points)):
        if body.strip():
            text.append(f"\n   {label}: ", "bold")
            text.append(body.strip())
    lines = feedback_lines(answer.feedback)
    if lines:
        text.append("\n   Feedback: ", "bold")
        text.append(" · ".join(lines))
    return text


def session_header(session: SessionRecord, tz: tzinfo | None = None) -> Text:
    """Title line and the session's totals."""
    answered = [a for a in session.answers if not a.skipped]
    skipped = len(session.answers) - len(answered)
    total = sum(a.elapsed_seconds for a in answered)
    text = Text(session.title or session.plan or session.pack or "Practice session", "bold")
    text.append(f"\n{session.started_at.astimezone(tz).strftime('%Y-%m-%d %H:%M')}  ·  {session.status}")
    what = " / ".join(part for part in (session.pack, session.plan) if part)
    if what:
        text.append(f"  ·  {what}")
    text.append(
        f"\n{len(answered)} answered, {skipped} skipped of {session.question_count}"
        f"  ·  answer time {format_mmss(total)}"
    )
    avg = session.avg_rating
    text.append(f"  ·  average {avg:.1f}" if avg is not None else "  ·  not rated")
    return text


class AnswerCard(Static, can_focus=True):
    """One answer; focus it (click, tab, up/down) to compare its question's attempts."""

    def __init__(self, answer: AnswerRecord, number: int) -> None:
        super().__init__(answer_text(answer, number), markup=False, classes="answer-card")
        self.answer = answer


class SessionDetailScreen(Screen[None]):
    """Every answer of a session; `c` compares attempts at the focused answer's question."""

    CSS_PATH = "session_detail.tcss"
    TITLE = "Review"
    SUB_TITLE = "Session"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next answer", key_display="↓"),
        Binding("up,k", "move(-1)", "Previous answer", key_display="↑"),
        Binding("c", "compare", "Compare attempts"),
    ]

    def __init__(self, session_id: str, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.session_id = session_id
        self.session: SessionRecord | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        try:
            self.session = self.app.store.get_session(self.session_id)  # type: ignore[attr-defined]
        except Exception as exc:  # an unknown id (e.g. deleted meanwhile) is a message, not a crash
            yield Static(Text(f"Cannot show session {self.session_id}: {exc}"), id="detail-error")
            yield KeyBar()
            return
        tz = self.app.now().tzinfo  # type: ignore[attr-defined]
        yield Static(session_header(self.session, tz), id="detail-summary", markup=False)
        with VerticalScroll(id="answers"):
            for number, answer in enumerate(self.session.answers, 1):
                yield AnswerCard(answer, number)
            if not self.session.answers:
                yield Static("No answers were saved in this session.", id="no-answers")
        yield KeyBar()

    def on_mount(self) -> None:
        cards = list(self.query(AnswerCard).results(AnswerCard))
        if cards:
            cards[0].focus()

    def focused_answer(self) -> AnswerRecord | None:
        """The answer whose card has focus (or the first one)."""
        focused = self.focused
        if isinstance(focused, AnswerCard):
            return focused.answer
        cards = list(self.query(AnswerCard).results(AnswerCard))
        return cards[0].answer if cards else None

    def action_move(self, delta: int) -> None:
        cards = list(self.query(AnswerCard).results(AnswerCard))
        if not cards:
            return
        current = cards.index(self.focused) if self.focused in cards else -1
        target = cards[max(0, min(len(cards) - 1, current + delta))]
        target.focus()
        target.scroll_visible(animate=False)

    def action_compare(self) -> None:
        answer = self.focused_answer()
        if answer is None:
            self.notify("This session has no answers to compare.", severity="warning")
            return
        from mockint.tui.screens.attempts import AttemptsScreen

        self.app.push_screen(
            AttemptsScreen(answer.pack_id, answer.question_id, answer.question_text, current=self.session_id)
        )
