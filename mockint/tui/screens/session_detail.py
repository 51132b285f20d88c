"""One session in full: every answer with its question, time, ratings, notes, feedback and guidance.

All text from packs and from the person (questions, notes, typed points) is shown
as plain `Text`, never parsed as markup.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from mockint.core.format import mmss, plural, when
from mockint.core.history.records import SessionRecord
from mockint.tui.app import MockintApp
from mockint.tui.names import Names
from mockint.tui.widgets.answer_card import AnswerCard, CardNames
from mockint.tui.widgets.key_bar import KeyBar


def session_status(session: SessionRecord) -> str:
    """`complete`, `incomplete` or `ended early`."""
    return "ended early" if session.ended_early else session.status


def session_header(session: SessionRecord, names: Names | None = None, tz: tzinfo | None = None) -> Text:
    """Title line, what was practised (by name), the target, and the session's totals."""
    answered = [a for a in session.answers if not a.skipped]
    skipped = len(session.answers) - len(answered)
    total = sum(a.elapsed_seconds for a in answered)
    title = names.practice(session.summary()) if names else session.title
    text = Text(title or "Practice session", "bold")
    text.append(f"\n{when(session.started_at, tz)}  ·  {session_status(session)}")
    if session.pack:
        pack = names.pack(session.pack) if names else session.pack
        plan = (names.plan(session.plan, session.pack) if names else session.plan) if session.plan else ""
        text.append(f"  ·  {pack}" + (f" / {plan}" if plan else ""))
    if session.tag:
        text.append(f"\nTarget: {session.tag}")
    text.append(
        f"\n{len(answered)} answered, {skipped} skipped of {plural(session.question_count, 'question')}"
        f"  ·  answer time {mmss(total)}"
    )
    avg = session.avg_rating
    text.append(f"  ·  average {avg:.1f}" if avg is not None else "  ·  not rated")
    return text


class AnswerScroll(VerticalScroll, inherit_bindings=False):
    """The answers, scrolled by page keys and the mouse; ↑/↓ are the screen's (answer by answer)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]


class SessionDetailScreen(Screen[None]):
    """Every answer of a session; `a` compares attempts at the focused answer's question."""

    app = getters.app(MockintApp)
    CSS_PATH = "session_detail.tcss"
    TITLE = "Review"
    SUB_TITLE = "Session"
    HELP_TEXT: ClassVar[str] = (
        "One practice session: each answer with its time against the target, your ratings and notes, and what a "
        "strong answer covers. Attempts compares every time you answered the focused question."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next answer", key_display="↓"),
        Binding("up", "move(-1)", "Previous answer", key_display="↑"),
        Binding("a", "compare", "Attempts", tooltip="Every attempt at the focused answer's question"),
        Binding("e", "edit_tag", "Set target", tooltip="Set this session's target company or role"),
    ]

    def __init__(self, session_id: str, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.session_id = session_id
        self.session: SessionRecord | None = None
        self._names: Names | None = None

    @property
    def names(self) -> Names:
        if self._names is None:
            self._names = Names(self.app.library)
        return self._names

    def compose(self) -> ComposeResult:
        yield Header()
        try:
            self.session = self.app.store.get_session(self.session_id)
        except Exception as exc:  # an unknown id (e.g. deleted meanwhile) is a message, not a crash
            yield Static(Text(f"Cannot show session {self.session_id}: {exc}"), id="detail-error")
            yield KeyBar()
            return
        names = self.names
        card_names = CardNames(names.pack, names.category, names.dimension)
        yield Static(session_header(self.session, names, self.app.now().tzinfo), id="detail-summary", markup=False)
        with AnswerScroll(id="answers"):
            for number, answer in enumerate(self.session.answers, 1):
                guidance = names.guidance(answer.pack_id, answer.question_id)
                yield AnswerCard(answer, number, names=card_names, guidance=guidance)
            if not self.session.answers:
                yield Static("No answers were saved in this session.", id="no-answers")
        yield KeyBar()

    def on_mount(self) -> None:
        cards = list(self.query(AnswerCard).results(AnswerCard))
        if cards:
            cards[0].focus()

    def focused_card(self) -> AnswerCard | None:
        """The card with focus (or the first one)."""
        if isinstance(self.focused, AnswerCard):
            return self.focused
        cards = list(self.query(AnswerCard).results(AnswerCard))
        return cards[0] if cards else None

    def action_move(self, delta: int) -> None:
        """The next (or previous) answer; a card taller than the view is read to its end first."""
        cards = list(self.query(AnswerCard).results(AnswerCard))
        if not cards:
            return
        answers = self.query_one("#answers", VerticalScroll)
        current = cards.index(self.focused) if self.focused in cards else -1
        if current >= 0:
            card, view = cards[current].region, answers.scrollable_content_region
            if delta > 0 and card.bottom > view.bottom:
                answers.scroll_down(animate=False)
                return
            if delta < 0 and card.y < view.y:
                answers.scroll_up(animate=False)
                return
        target = cards[max(0, min(len(cards) - 1, current + delta))]
        target.focus(scroll_visible=False)
        target.scroll_visible(animate=False)

    def action_compare(self) -> None:
        card = self.focused_card()
        if card is None:
            self.notify("This session has no answers to compare.", severity="warning")
            return
        from mockint.tui.screens.attempts import AttemptsScreen

        answer = card.answer
        self.app.push_screen(
            AttemptsScreen(answer.pack_id, answer.question_id, answer.question_text, current=self.session_id)
        )

    def action_edit_tag(self) -> None:
        from mockint.tui.screens.session_tag import edit_session_tag

        if self.session is None:
            return
        edit_session_tag(self.app, self.session_id, self.session.tag, self._tag_changed)

    def _tag_changed(self) -> None:
        try:
            self.session = self.app.store.get_session(self.session_id)
        except Exception:  # deleted meanwhile: the header keeps what it showed
            return
        self.query_one("#detail-summary", Static).update(
            session_header(self.session, self.names, self.app.now().tzinfo)
        )
