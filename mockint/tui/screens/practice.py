"""The practice screen: it shows a `PracticeSession` and turns the practice keys into calls on it.

The interview itself (the plan, the clocks, saving, ending early, resuming) is the core's
`mockint.core.interview.session.PracticeSession`; this screen only renders its state after
each call. Keys are fixed by docs/keys.md. Every answer is saved (one committed transaction)
before the next question appears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static, TextArea

from mockint.core.errors import MockintError
from mockint.core.format import plural
from mockint.core.interview.session import PracticeSession
from mockint.core.interview.voice_port import VoicePort
from mockint.tui.app import MockintApp
from mockint.tui.widgets.clock import ClockWidget
from mockint.tui.widgets.feedback_pane import FeedbackPane
from mockint.tui.widgets.interviewer_pane import InterviewerPane
from mockint.tui.widgets.key_bar import KeyBar
from mockint.tui.widgets.rating import RatingPanel
from mockint.tui.widgets.voice_link import VoiceLink, open_voice_link

if TYPE_CHECKING:
    from mockint.core.voice.port import VoiceOptions

TICK_SECONDS = 0.25


class PracticeScreen(Screen[None]):
    """One interview, question by question; the summary replaces it at the end."""

    HELP_TEXT: ClassVar[str] = (
        "A simulated interviewer asks; you answer out loud against the clock (space), then rate yourself "
        "on the rubric (1-5) and save (enter). Every saved answer is kept, even if the app stops."
    )
    CSS_PATH = "practice.tcss"
    AUTO_FOCUS = ""  # the practice keys need the screen, not a text field, to have focus
    BINDINGS = [
        Binding("space", "toggle_answer", "Timer", tooltip="Start the answer timer; press again when you are done"),
        *(
            Binding(str(n), f"rate({n})", "Rate", show=n == 1, key_display="1-5",
                    tooltip="Rate the highlighted dimension (then the next; the last row is overall)")
            for n in range(1, 6)
        ),
        Binding("enter", "save", "Save", tooltip="Save this answer and go on (the last one ends the interview)"),
        Binding("f", "follow_up", "Follow", tooltip="Ask the next follow-up question"),
        Binding("p", "pause", "Pause", tooltip="Pause or resume the clocks"),
        Binding("s", "skip", "Skip", tooltip="Skip this question (recorded as skipped)"),
        Binding("escape", "escape", "End", tooltip="End the interview early (asks first); in a text field: leave it"),
        Binding("up", "move(-1)", "Previous dimension", show=False),
        Binding("down", "move(1)", "Next dimension", show=False),
        Binding("pageup", "scroll_detail(-1)", "Scroll guidance up", show=False),
        Binding("pagedown", "scroll_detail(1)", "Scroll guidance down", show=False),
        # Shown where the key line has room (wide terminals), so the mouse reaches them too.
        Binding("t", "teleprompter", "Prompter", tooltip="Show or hide your backgrounder (the teleprompter)"),
        Binding("n", "focus_field('notes')", "Notes", tooltip="Type notes (escape returns)"),
        Binding("k", "focus_field('points')", "Points",
                tooltip="Type your key points for instant feedback (escape returns)"),
    ]

    app = getters.app(MockintApp)

    def __init__(
        self,
        *,
        pack_id: str | None = None,
        plan_id: str | None = None,
        category: str | None = None,
        count: int | None = None,
        minutes: int | None = None,
        seed: int | None = None,
        resume_session_id: str | None = None,
        drill: list[tuple[str, str]] | None = None,
        teleprompter: bool = False,
        voice: VoicePort | None = None,
        ask_length: bool = True,
        voice_options: VoiceOptions | None = None,
    ) -> None:
        """Choose the questions by `plan_id`, `pack_id`, `category` (with `count` or `minutes`),
        a `drill`, or resume a session. When a pack or category holds more than a short interview
        and neither `count` nor `minutes` is given, the screen asks how long first (unless
        `ask_length` is False: `mockint practice` goes straight to the first question)."""
        super().__init__()
        #: (pack id, question id) pairs asked in order (the review screen's drill).
        self._drill = list(drill) if drill else None
        self._teleprompter_on_start = teleprompter
        self._build_args: dict[str, Any] = {
            "pack_id": pack_id, "plan_id": plan_id, "category": category, "count": count, "seed": seed,
        }
        self._minutes = minutes
        self._ask_length = (
            ask_length and plan_id is None and count is None and minutes is None and not drill and not teleprompter
        )
        self._resume_id = resume_session_id
        self._voice = voice
        self._voice_options = voice_options
        self.voice_link: VoiceLink | None = None  # `--voice` (docs/voice.md): its port and panel
        self.session: PracticeSession | None = None
        self._lines_shown = 0
        self._summary_open = False
        self._pack_names: dict[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="progress")
        with Horizontal(id="practice-main"):
            with Vertical(id="practice-left"):
                yield InterviewerPane(self.app.settings.persona_name, id="conversation")
                self.voice_link = open_voice_link(self.app, self._voice_options)
                if self.voice_link is not None:
                    yield self.voice_link.panel
                yield Static("", id="teleprompter")
                points = TextArea(id="points", soft_wrap=True)
                points.border_title = "Key points (k)"
                yield points
                notes = TextArea(id="notes", soft_wrap=True)
                notes.border_title = "Notes (n)"
                yield notes
            with Vertical(id="practice-right"):
                yield ClockWidget(id="clock")
                yield RatingPanel(id="rating")
                yield FeedbackPane(id="feedback")
        yield KeyBar(compact=True)

    # -- set-up ---------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.query_one("#teleprompter").display = self._teleprompter_on_start
        self._ticker = self.set_interval(TICK_SECONDS, self._tick, pause=True)
        if self._resume_id is None and self._ask_length and self._offer_lengths():
            return
        self._start()

    def _offer_lengths(self) -> bool:
        """Ask how long when the selection is longer than a short interview; False when not asked."""
        from mockint.core.interview.interviewer import QUICK_COUNT, build_interview
        from mockint.tui.screens.picker import PickerScreen, length_choices

        args = self._build_args
        try:
            whole = build_interview(
                self.app.library.load_all(), pack_id=args["pack_id"], category=args["category"], seed=0,
                backgrounder=self.app.backgrounder.placeholder_values(),
                default_answer_seconds=self.app.settings.answer_seconds,
                default_prep_seconds=self.app.settings.prep_seconds,
            )
        except MockintError:
            return False  # _start reports it
        if len(whole.questions) <= QUICK_COUNT:
            return False

        def chosen(choice: str | None) -> None:
            if choice is None:
                self.app.pop_screen()
                return
            kind, _, value = choice.partition(":")
            if kind == "count":
                self._build_args["count"] = int(value)
            elif kind == "minutes":
                self._minutes = int(value)
            self._start()

        title = f"How long? {whole.title}: {plural(len(whole.questions), 'question')} in all."
        self.app.push_screen(PickerScreen(title, length_choices(whole.questions)), chosen)
        return True

    def _start(self) -> None:
        """Plan or reload the interview and ask the first question."""
        try:
            self.session = self._open_session()
        except MockintError as exc:
            self.app.notify(exc.message, title="Cannot start the interview", severity="error", markup=False)
            self.app.pop_screen()
            return
        self._show_teleprompter_text()
        self._call(self.session.begin)

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()

    def _open_session(self) -> PracticeSession:
        """Reload the interview being resumed, or plan a new one."""
        from mockint.core.interview.persona import Persona

        app = self.app
        settings = app.settings
        persona = Persona.from_settings(settings)
        common: dict[str, Any] = {
            "clock": app.clock, "now": app.now, "auto_probe": settings.auto_probe,
            "voice": self.voice_link.port if self.voice_link is not None else self._voice,
        }
        if self._resume_id is not None:
            return PracticeSession.resume(app.store, self._resume_id, persona, **common)
        packs = app.library.load_all()
        values = app.backgrounder.placeholder_values()
        if self._drill is not None:
            from mockint.core.interview.drill import build_drill_interview

            interview = build_drill_interview(packs, self._drill, self._build_args["seed"], backgrounder=values)
        else:
            from mockint.core.interview.interviewer import build_interview, with_reverse_questions

            interview = build_interview(
                packs, **self._build_args, minutes=self._minutes,
                last_practised=app.store.last_practised(), backgrounder=values,
                default_answer_seconds=settings.answer_seconds, default_prep_seconds=settings.prep_seconds,
                mix=app.library.mix_ids(),
            )
            if not self._teleprompter_on_start:  # a rehearsal of openers ends without the closing questions
                interview = with_reverse_questions(interview, packs)
        return PracticeSession.start(app.store, interview, persona, **common)

    # -- rendering ------------------------------------------------------------------------------
    def _call(self, method: Any, *args: Any) -> Any:
        """Call the session, report a refused write, and show the state it leaves."""
        result = None
        try:
            result = method(*args)
        except MockintError as exc:
            self.app.notify(f"Not saved: {exc.message}", severity="error", markup=False)
        self._render_state()
        return result

    def _render_state(self) -> None:
        session = self.session
        if session is None:
            return
        pane = self.query_one(InterviewerPane)
        for line in session.lines[self._lines_shown:]:
            widget = pane.say(line.text, line.kind)
            if line.kind in ("question", "ask"):
                pane.current = widget
        self._lines_shown = len(session.lines)
        if session.finished:
            self._open_summary()
            return
        q = session.question
        progress = Text(session.progress, style="bold")
        if q.category:
            progress.append(f" · {q.category_name or q.category}")
        progress.append(f" · {self._pack_name(q.pack_id)}", style="dim")
        if session.paused:
            progress.append(" · paused (p resumes)", style="bold")
        self.query_one("#progress", Static).update(progress)
        self.query_one(RatingPanel).show(session.rating)
        self.set_class(session.answer_over, "-rating")
        self._refresh_feedback()
        self._refresh_clock()

    def _refresh_clock(self) -> None:
        session = self.session
        if session is None:
            return
        clock = session.answer_clock
        self.query_one(ClockWidget).show(
            clock.reading() if clock else None, session.total_seconds, compact=session.answer_over,
            asking=session.reverse_part,
        )
        # Refresh while something moves (the interview clock runs while rating too); a
        # paused interview costs nothing.
        if session.interview_clock.is_moving():
            self._ticker.resume()
        else:
            self._ticker.pause()

    def _refresh_feedback(self) -> None:
        from mockint.core.interview.feedback import analyse

        session = self.session
        if session is None:
            return
        q = session.question
        lines = analyse(session.points, q.target_seconds).summary_lines() if session.points.strip() else []
        sheet = session.rating
        rating_now = session.answer_over and sheet.current.dimension is not None and not sheet.complete
        self.query_one(FeedbackPane).show(
            lines,
            guidance=q.guidance if session.answer_over else None,
            dimension=sheet.current.dimension if rating_now else None,
        )

    def _pack_name(self, pack_id: str) -> str:
        """The pack's name for people (its id when it is no longer installed)."""
        if self._pack_names is None:
            try:
                self._pack_names = {p.id: p.name for p in self.app.library.effective()}
            except MockintError:
                self._pack_names = {}
        return self._pack_names.get(pack_id, pack_id)

    def _tick(self) -> None:
        session = self.session
        if session is None or session.finished:
            return
        if session.tick() and self.app.settings.bell:
            self.app.bell()
        self._refresh_clock()

    def _open_summary(self) -> None:
        from mockint.tui.screens.summary import SummaryScreen

        if self._summary_open or self.session is None:
            return
        self._summary_open = True
        self._ticker.pause()
        session = self.session
        names = {d.id: d.name for q in session.questions for d in q.rubric}
        self.app.switch_screen(
            SummaryScreen(session.session_id, closing=session.closing, dimension_names=names,
                          total=session.total_seconds, ended_early=session.ended_early,
                          reverse=frozenset(i for i, q in enumerate(session.questions) if q.reverse))
        )

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        session = self.session
        if session is None or session.finished:
            return
        if event.text_area.id == "points":
            session.set_points(event.text_area.text)
            self._refresh_feedback()
        elif event.text_area.id == "notes":
            session.set_notes(event.text_area.text)

    def on_rating_panel_row_clicked(self, event: RatingPanel.RowClicked) -> None:
        if self.session is not None:
            self.session.rating.select(event.row)
            self._render_state()

    # -- actions --------------------------------------------------------------------------------
    def action_toggle_answer(self) -> None:
        if self.session is None:
            return
        hint = self._call(self.session.toggle_answer)
        if hint:
            self.notify(hint, markup=False)

    def action_rate(self, score: int) -> None:
        if self.session is not None:
            self._call(self.session.rating.rate, score)

    def action_move(self, delta: int) -> None:
        if self.session is not None:
            self._call(self.session.rating.move, delta)

    def action_save(self) -> None:
        session = self.session
        if session is None or session.finished:
            return
        if not session.rating.is_empty:
            self._next(session.save)
            return
        self._call(session.finish_answer)  # the time stops now, not when the question is answered
        from mockint.tui.screens.confirm import ConfirmScreen

        def decided(yes: bool | None) -> None:
            if yes:
                self._next(session.save)

        self.app.push_screen(ConfirmScreen("This answer has no rating. Save it unrated?"), decided)

    def action_skip(self) -> None:
        if self.session is not None and not self.session.finished:
            self._next(self.session.skip)

    def _next(self, method: Any) -> None:
        """Save (or skip) and go on: the fields are cleared only once the answer is stored."""
        session = self.session
        assert session is not None
        before = session.index
        self._call(method)
        if not session.finished and session.index != before:
            for field in ("#points", "#notes"):
                self.query_one(field, TextArea).clear()

    def action_follow_up(self) -> None:
        if self.session is None:
            return
        message = self._call(self.session.follow_up)
        if message:
            self.notify(message, markup=False)

    def action_pause(self) -> None:
        if self.session is None:
            return
        self._call(self.session.toggle_pause)

    def action_escape(self) -> None:
        # In a text field escape only leaves the field; the interview goes on.
        if isinstance(self.focused, TextArea):
            self.set_focus(None)
            return
        session = self.session
        if session is None or session.finished:
            return
        from mockint.tui.screens.confirm import ConfirmScreen

        def decided(yes: bool | None) -> None:
            if yes:
                self._call(session.end_early)

        kept = len(session.answered) + (1 if session.has_work else 0)
        dropped = len(session.questions) - kept
        if session.reverse_part:
            question = f"Stop asking your questions? {plural(dropped, 'question')} of yours will not be asked."
        else:
            question = f"End the interview now? {plural(kept, 'answer')} will be kept"
            if session.has_work:
                question += ", this one included"
            question += f"; {plural(dropped, 'question')} will not be asked."
        self.app.push_screen(ConfirmScreen(question), decided)

    def action_focus_field(self, field: str) -> None:
        self.query_one(f"#{field}", TextArea).focus()

    def action_scroll_detail(self, pages: int) -> None:
        pane = self.query_one(FeedbackPane)
        if pages < 0:
            pane.scroll_page_up(animate=False)
        else:
            pane.scroll_page_down(animate=False)

    def action_teleprompter(self) -> None:
        prompter = self.query_one("#teleprompter")
        prompter.display = not prompter.display
        # The conversation pane gets smaller or larger: keep its newest line (the question) in view.
        self.query_one(InterviewerPane).keep_end()

    def _show_teleprompter_text(self) -> None:
        from mockint.core.backgrounder.model import SECTION_TITLES

        values = self.app.backgrounder.placeholder_values()
        text = Text()
        for section, title in SECTION_TITLES.items():
            entries = values.get(section)
            if entries:
                text.append(title + "\n", style="bold")
                text.append("".join(f"• {e}\n" for e in entries))
        if not text.plain:
            text.append("Your backgrounder is empty: fill it in from home (b).", style="dim")
        self.query_one("#teleprompter", Static).update(text)
