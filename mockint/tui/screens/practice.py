"""The practice screen: a simulated interviewer asks, the clock runs, the person rates themself.

Keys are fixed by spec/tui.md. Every answer is saved (one committed transaction) before the
next question appears. Ending early with `escape` + `y` is a decision, so the session is marked
complete with what was answered; an interruption (quit, crash, closed terminal) leaves it
incomplete and `mockint resume` continues at the first unanswered question.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static, TextArea

from mockint.core.errors import MockintError
from mockint.core.interview.clock import AnswerClock, InterviewClock
from mockint.tui.widgets.clock import ClockWidget
from mockint.tui.widgets.feedback_pane import FeedbackPane
from mockint.tui.widgets.interviewer_pane import InterviewerPane
from mockint.tui.widgets.key_bar import KeyBar
from mockint.tui.widgets.rating import RatingPanel

TICK_SECONDS = 0.25


class PracticeScreen(Screen[None]):
    """One interview, question by question; the summary replaces it at the end."""

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
        Binding("n", "focus_field('notes')", "Notes", show=False, tooltip="Type notes (escape returns)"),
        Binding("k", "focus_field('points')", "Key points", show=False,
                tooltip="Type your key points for instant feedback (escape returns)"),
        Binding("t", "teleprompter", "Teleprompter", show=False, tooltip="Show or hide your backgrounder"),
    ]

    def __init__(
        self,
        *,
        pack_id: str | None = None,
        plan_id: str | None = None,
        category: str | None = None,
        count: int | None = None,
        seed: int | None = None,
        resume_session_id: str | None = None,
        drill: list[tuple[str, str]] | None = None,
        teleprompter: bool = False,
    ) -> None:
        super().__init__()
        #: (pack id, question id) pairs asked in order (the review screen's drill).
        self._drill = list(drill) if drill else None
        self._teleprompter_on_start = teleprompter
        self._build_args: dict[str, Any] = {
            "pack_id": pack_id, "plan_id": plan_id, "category": category, "count": count, "seed": seed,
        }
        self._resume_id = resume_session_id
        self.session_id: str | None = None
        self.questions: list[Any] = []
        self.answered: set[int] = set()
        self.index = -1
        self.follow_ups_asked: list[str] = []
        self.paused = False
        self.answer_clock: AnswerClock | None = None
        self.interview_clock: InterviewClock | None = None
        self._asked_at: Any = None
        self._guidance_shown = False
        self._probed = False

    def compose(self) -> ComposeResult:
        yield Static("", id="progress")
        with Horizontal(id="practice-main"):
            with Vertical(id="practice-left"):
                yield InterviewerPane(self._persona_name(), id="conversation")
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
    def _persona_name(self) -> str:
        return str(self.app.settings.persona_name)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.query_one("#teleprompter").display = self._teleprompter_on_start
        self._ticker = self.set_interval(TICK_SECONDS, self._tick, pause=True)
        try:
            opening = self._start_session()
        except MockintError as exc:
            self.app.notify(exc.message, title="Cannot start the interview", severity="error", markup=False)
            self.app.pop_screen()
            return
        pane = self.query_one(InterviewerPane)
        for line, kind in opening:
            pane.say(line, kind)
        self.interview_clock = InterviewClock(clock=self.app.clock, already=self._already)  # type: ignore[attr-defined]
        self.interview_clock.start()
        self._show_teleprompter_text()
        self._next_question()

    def _start_session(self) -> list[tuple[str, Any]]:
        """Build or reload the interview; returns the interviewer's opening lines."""
        from mockint.core.interview.interviewer import build_interview
        from mockint.core.interview.persona import Interviewer, Persona

        app: Any = self.app
        settings = app.settings
        store = app.store
        self._already = 0.0
        if self._resume_id is not None:
            self.session_id = self._resume_id
            from mockint.core.interview.interviewer import PlannedQuestion

            self.questions = [PlannedQuestion.from_dict(d) for d in store.planned_data(self._resume_id)]
            self.answered = store.answered_indexes(self._resume_id)
            self._already = sum(a.elapsed_seconds for a in store.session_answers(self._resume_id))
            seed = store.get_session(self._resume_id).seed or 0
            self.interviewer = Interviewer(Persona(settings.persona_name, settings.persona_style), seed=seed)
            first = min((i for i in range(len(self.questions)) if i not in self.answered), default=0)
            return [(f"Welcome back. We'll pick up at question {first + 1} of {len(self.questions)}.", "say")]
        if self._drill is not None:
            from mockint.core.interview.drill import build_drill_interview

            interview = build_drill_interview(
                app.library.load_all(),
                self._drill,
                self._build_args["seed"],
                backgrounder=app.backgrounder.placeholder_values(),
            )
        else:
            interview = build_interview(
                app.library.load_all(),
                **self._build_args,
                last_practised=store.last_practised(),
                backgrounder=app.backgrounder.placeholder_values(),
                default_answer_seconds=settings.answer_seconds,
                default_prep_seconds=settings.prep_seconds,
            )
        if not interview.questions:
            raise MockintError("no questions match this selection", exit_code=1)
        self.session_id = store.create_session(interview)
        self.questions = list(interview.questions)
        self.interviewer = Interviewer(Persona(settings.persona_name, settings.persona_style), seed=interview.seed)
        lines: list[tuple[str, Any]] = [(self.interviewer.greeting(interview), "say")]
        lines.extend((f"Skipped: {s.reason} ({s.question_id})", "notice") for s in interview.skipped)
        return lines

    # -- question flow ------------------------------------------------------------------------
    @property
    def question(self) -> Any:
        return self.questions[self.index]

    def _next_question(self) -> None:
        """Show the next unanswered question, or end the interview after the last."""
        following = [i for i in range(self.index + 1, len(self.questions)) if i not in self.answered]
        if not following:
            self._finish()
            return
        previous = self.question if self.index >= 0 else None
        self.index = following[0]
        q = self.question
        topic = q.category_name if previous is not None and previous.category != q.category else None
        pane = self.query_one(InterviewerPane)
        pane.say(self.interviewer.transition(self.index, len(self.questions), topic))
        pane.say(q.text, "question")
        self.follow_ups_asked = []
        self._guidance_shown = False
        self._probed = False
        self._asked_at = self.app.now()  # type: ignore[attr-defined]
        self.answer_clock = AnswerClock(q.target_seconds, q.prep_seconds, clock=self.app.clock)  # type: ignore[attr-defined]
        self.answer_clock.start_prep()
        if self.paused:
            self.answer_clock.toggle_pause()
        self.query_one(RatingPanel).set_dimensions(tuple(q.rubric))
        for field in ("#points", "#notes"):
            self.query_one(field, TextArea).clear()
        progress = Text(f"Question {self.index + 1} of {len(self.questions)}", style="bold")
        if q.category:
            progress.append(f" · {q.category_name or q.category}")
        progress.append(f" · {q.pack_id}", style="dim")
        self.query_one("#progress", Static).update(progress)
        self._refresh_feedback()
        self._refresh_clock()

    def _record(self, *, skipped: bool) -> bool:
        """Save the current answer; False (and a message) if the database refused it."""
        from mockint.core.history.records import AnswerRecord
        from mockint.core.interview.feedback import analyse

        assert self.answer_clock is not None and self.session_id is not None
        q = self.question
        points = self.query_one("#points", TextArea).text
        rating = self.query_one(RatingPanel)
        record = AnswerRecord(
            index=self.index, pack_id=q.pack_id, pack_version=q.pack_version, question_id=q.question_id,
            question_text=q.text, category=q.category, target_seconds=q.target_seconds,
            elapsed_seconds=self.answer_clock.elapsed(), overtime_seconds=self.answer_clock.overtime(),
            ratings={} if skipped else rating.ratings, overall=None if skipped else rating.overall,
            notes=self.query_one("#notes", TextArea).text, typed_points=points,
            feedback=analyse(points, q.target_seconds).as_dict() if points.strip() else None,
            follow_ups_asked=list(self.follow_ups_asked), skipped=skipped, asked_at=self._asked_at,
        )
        try:
            self.app.store.save_answer(self.session_id, record)  # type: ignore[attr-defined]
        except MockintError as exc:
            self.app.notify(f"Not saved: {exc.message}", severity="error", markup=False)
            return False
        self.answered.add(self.index)
        return True

    def _finish(self, *, early: bool = False) -> None:
        from mockint.tui.screens.summary import SummaryScreen

        self._ticker.pause()
        if self.interview_clock is not None:
            self.interview_clock.stop()
        app: Any = self.app
        try:
            app.store.finish_session(self.session_id)
        except MockintError as exc:
            app.notify(exc.message, severity="error", markup=False)
        closing = self.interviewer.closing()
        if early:
            closing = "We'll stop here. " + closing
        names = {d.id: d.name for q in self.questions for d in q.rubric}
        total = self.interview_clock.elapsed() if self.interview_clock else 0.0
        app.switch_screen(SummaryScreen(str(self.session_id), closing=closing, dimension_names=names, total=total))

    # -- clock ------------------------------------------------------------------------------------
    def _tick(self) -> None:
        clock = self.answer_clock
        if clock is None:
            return
        settings: Any = self.app.settings  # type: ignore[attr-defined]
        if clock.crossed_target() and settings.bell:
            self.app.bell()
        self._refresh_clock()

    def _refresh_clock(self) -> None:
        clock = self.answer_clock
        total = self.interview_clock.elapsed() if self.interview_clock else 0.0
        self.query_one(ClockWidget).show(clock.reading() if clock else None, total)
        # Refresh only while something moves: a stopped or paused clock costs nothing.
        if clock is not None and clock.is_moving():
            self._ticker.resume()
        else:
            self._ticker.pause()

    def _refresh_feedback(self) -> None:
        from mockint.core.interview.feedback import analyse

        q = self.question
        points = self.query_one("#points", TextArea).text
        lines = analyse(points, q.target_seconds).summary_lines() if points.strip() else []
        self.query_one(FeedbackPane).show(lines, q.guidance if self._guidance_shown else None)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "points" and self.questions and self.index >= 0:
            self._refresh_feedback()

    # -- actions ------------------------------------------------------------------------------------
    def action_toggle_answer(self) -> None:
        clock = self.answer_clock
        if clock is None or self.paused:
            return
        if clock.phase in ("ready", "prep"):
            clock.start()
        elif clock.phase == "answering":
            clock.stop()
            self._answer_over()
        else:
            self.notify("The answer is over: rate it (1-5), then enter saves.", markup=False)
        self._refresh_clock()

    def _answer_over(self) -> None:
        """Reveal the guidance, and maybe probe an answer that stopped far short."""
        assert self.answer_clock is not None
        self._guidance_shown = True
        self._refresh_feedback()
        settings: Any = self.app.settings  # type: ignore[attr-defined]
        q = self.question
        if settings.auto_probe and not self._probed and self.interviewer.should_probe(
            self.answer_clock.elapsed(), q.target_seconds
        ):
            from mockint.core.interview.feedback import analyse

            self._probed = True
            points = self.query_one("#points", TextArea).text
            probe = self.interviewer.probe(analyse(points, q.target_seconds) if points.strip() else None)
            self.follow_ups_asked.append(probe)
            self.query_one(InterviewerPane).say(probe, "follow_up")

    def action_rate(self, score: int) -> None:
        self.query_one(RatingPanel).rate(score)

    def action_move(self, delta: int) -> None:
        self.query_one(RatingPanel).move(delta)

    def action_save(self) -> None:
        if self.answer_clock is None:
            return
        if self.answer_clock.phase != "stopped":
            self.answer_clock.stop()
        if self._record(skipped=False):
            self._next_question()

    def action_skip(self) -> None:
        if self.answer_clock is None:
            return
        self.answer_clock.stop()
        if self._record(skipped=True):
            self._next_question()

    def action_follow_up(self) -> None:
        if self.answer_clock is None:
            return
        left = [f for f in self.question.follow_ups if f not in self.follow_ups_asked]
        if not left:
            self.notify("No follow-ups left for this question.", markup=False)
            return
        self.follow_ups_asked.append(left[0])
        self.query_one(InterviewerPane).say(left[0], "follow_up")

    def action_pause(self) -> None:
        if self.answer_clock is None or self.interview_clock is None:
            return
        self.paused = not self.paused
        self.interview_clock.toggle_pause()
        phase = self.answer_clock.phase
        if (self.paused and phase in ("prep", "answering")) or (not self.paused and phase == "paused"):
            self.answer_clock.toggle_pause()
        self.sub_title = "paused" if self.paused else ""
        self._refresh_clock()

    def action_escape(self) -> None:
        # In a text field escape only leaves the field; the interview goes on.
        if isinstance(self.focused, TextArea):
            self.set_focus(None)
            return
        from mockint.tui.screens.confirm import ConfirmScreen

        def decided(yes: bool | None) -> None:
            if yes:
                self._finish(early=True)

        answered = len(self.answered)
        self.app.push_screen(
            ConfirmScreen(f"End the interview now? The {answered} saved answer(s) are kept; "
                          "the unanswered questions are dropped."),
            decided,
        )

    def action_focus_field(self, field: str) -> None:
        self.query_one(f"#{field}", TextArea).focus()

    def action_teleprompter(self) -> None:
        prompter = self.query_one("#teleprompter")
        prompter.display = not prompter.display

    def _show_teleprompter_text(self) -> None:
        from mockint.core.backgrounder.model import SECTION_TITLES

        values = self.app.backgrounder.placeholder_values()  # type: ignore[attr-defined]
        text = Text()
        for section, entries in values.items():
            if entries:
                text.append(SECTION_TITLES.get(section, section) + "\n", style="bold")
                text.append("".join(f"• {e}\n" for e in entries))
        if not text.plain:
            text.append("Your backgrounder is empty: fill it in from home (b).", style="dim")
        self.query_one("#teleprompter", Static).update(text)
