"""Home: start a practice, the backgrounder's completeness, recent sessions, installed packs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from mockint.core.format import plural, when
from mockint.tui.app import MockintApp
from mockint.tui.widgets.key_bar import KeyBar

#: Home shows as many recent sessions as its box holds, up to this many (review lists them all).
RECENT_LIMIT = 60


@dataclass
class HomeData:
    """Everything home shows, as plain values (so it can be gathered and tested without a UI)."""

    backgrounder_filled: int = 0
    backgrounder_total: int = 9
    sessions: list[tuple[str, str]] = field(default_factory=list)  # (session id, label)
    session_total: int = 0
    packs: list[tuple[str, Text]] = field(default_factory=list)  # (pack id, label)
    plans: list[tuple[str, str]] = field(default_factory=list)  # (plan id, label)
    problems: list[str] = field(default_factory=list)
    #: Messages kept for the person until read (a damaged database salvaged, say): (id, text).
    notices: list[tuple[int, str]] = field(default_factory=list)

    @property
    def first_run(self) -> bool:
        return not self.sessions and self.backgrounder_filled == 0


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return when(value)
    return str(value or "")[:16].replace("T", " ")


def session_label(summary: Any) -> str:
    """One line for a past session: when, how far, how it went, then the title (which may be cut)."""
    parts = [_when(summary.started_at), f"{summary.answered}/{summary.question_count}"]
    parts.append(f"avg {summary.avg_rating:.1f}" if summary.avg_rating is not None else "avg –")
    if summary.status != "complete":
        parts.append("unfinished")
    parts.append(summary.title)
    return "  ".join(parts)


def pack_label(pack: Any) -> Text:
    """One line for an installed pack: its name, then how many questions and where it comes from."""
    label = Text(pack.name)
    source = "built-in" if pack.source == "builtin" else pack.source
    label.append(f"  {plural(pack.questions, 'question')} · {source}", style="dim")
    return label


def gather_home(app: Any) -> HomeData:
    """Read what home shows; a failing source becomes a problem line instead of a crash."""
    data = HomeData()
    try:
        data.backgrounder_filled, data.backgrounder_total = app.backgrounder.completeness()
    except Exception as exc:
        data.problems.append(f"Backgrounder: {exc}")
    try:
        data.sessions = [(s.id, session_label(s)) for s in app.store.list_sessions(limit=RECENT_LIMIT)]
        data.session_total = app.store.count_sessions() if len(data.sessions) == RECENT_LIMIT else len(data.sessions)
    except Exception as exc:
        data.problems.append(f"Sessions: {exc}")
    try:
        data.notices = list(app.store.notices())
    except Exception as exc:
        data.problems.append(f"Notices: {exc}")
    try:
        for pack in app.library.list():
            if pack.shadowed:
                continue
            data.packs.append((pack.id, pack_label(pack)))
            data.plans.extend((plan, f"{plan}  ({pack.name})") for plan in pack.plans)
    except Exception as exc:
        data.problems.append(f"Packs: {exc}")
    return data


class RoomyList(OptionList):
    """An option list that tells home when its height changes, so home can show as many entries as fit."""

    def on_resize(self, event: events.Resize) -> None:
        screen = self.screen
        if isinstance(screen, HomeScreen):
            screen.call_after_refresh(screen.refill_if_resized)


class HomeScreen(Screen[None]):
    """The start page. Everything is reachable by key, by mouse and from the palette."""

    app = getters.app(MockintApp)

    HELP_TEXT: ClassVar[str] = (
        "Start a practice interview: a quick mix, one pack (a set of questions on a theme) or a plan "
        "(a fixed interview from a pack). Your backgrounder is the press kit questions can quote; "
        "recent sessions open in review."
    )

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#start-list"
    BINDINGS = [
        Binding("p", "quick_practice", "Practice"),
        Binding("b", "open('backgrounder')", "Backgrounder"),
        Binding("r", "open('review')", "Review"),
        Binding("k", "open('packs')", "Packs"),
        Binding("s", "open('settings')", "Settings"),
        Binding("q", "app.quit", "Quit"),
        Binding("m", "read_notices", "Mark read", tooltip="Mark the notice at the top as read"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data = HomeData()
        self._loaded = False
        self._filled_for: tuple[int, int] = (0, 0)  # the list heights the lists were filled for

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("mockint", "bold"), "  practise product interviews"), id="home-title")
        yield Static("", id="guide")
        with Vertical(id="notice-box") as box:
            box.border_title = "Notice"
            yield Static("", id="notice-text")
            yield Button("Mark as read (m)", id="notice-read", compact=True)
        with Grid(id="home-grid"):
            with Vertical(id="start-box", classes="box") as box:
                box.border_title = "Start practice"
                yield OptionList(
                    Option("Quick mixed interview", id="quick"),
                    Option("Choose a pack…", id="pack"),
                    Option("Choose a plan…", id="plan"),
                    id="start-list",
                )
            with Vertical(id="bg-box", classes="box") as box:
                box.border_title = "Backgrounder"
                yield Static("", id="bg-status")
                yield Button("Edit backgrounder", id="bg-open", compact=True)
            with Vertical(id="recent-box", classes="box") as box:
                box.border_title = "Recent sessions"
                yield RoomyList(id="recent-list", markup=False)
            with Vertical(id="packs-box", classes="box") as box:
                box.border_title = "Installed packs"
                yield RoomyList(id="packs-list", markup=False)
        yield KeyBar(compact=True)

    def on_screen_resume(self) -> None:
        # Shown first, or again after practice or an editor (sessions and the backgrounder
        # may have changed).
        if self._loaded:
            self.app.invalidate("backgrounder")
            self.refresh_data()
            return
        # First showing: paint the layout first, then read sessions, packs and backgrounder.
        self._loaded = True
        self.call_after_refresh(self.refresh_data)

    def refresh_data(self) -> None:
        """Re-read and redraw every panel (only while home is showing; resume loads it later)."""
        if self.app.screen is not self:
            self._loaded = False
            return
        self.data = data = gather_home(self.app)
        guide = self.query_one("#guide", Static)
        if data.first_run:
            guide.update(
                Text(
                    "Welcome! Start with your backgrounder (b) so questions can use your own "
                    "stories, or jump into a quick practice (p)."
                )
            )
        elif data.problems:
            guide.update(Text("; ".join(data.problems), style="bold"))
        else:
            guide.update("")
        guide.display = bool(data.first_run or data.problems)
        filled, total = data.backgrounder_filled, data.backgrounder_total
        self.query_one("#bg-status", Static).update(Text(f"{filled}/{total} entries filled"))
        self._show_notices()
        self.fill_lists()

    def _show_notices(self) -> None:
        notices = self.data.notices
        box = self.query_one("#notice-box")
        box.display = bool(notices)
        if notices:
            self.query_one("#notice-text", Static).update(Text("\n".join(text for _id, text in notices)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "read_notices":
            return bool(self.data.notices)
        return True

    def action_read_notices(self) -> None:
        """The person has read the notices: they are not shown again."""
        app: Any = self.app
        try:
            for notice_id, _text in self.data.notices:
                app.store.dismiss_notice(notice_id)
        except Exception as exc:  # e.g. a read-only database: say so, keep showing it
            self.notify(f"Could not mark the notice as read: {exc}", severity="error", markup=False)
            return
        self.data.notices = []
        self._show_notices()

    def refill_if_resized(self) -> None:
        """A list changed height (terminal resized, guide shown or hidden): fill the lists for it."""
        heights = tuple(self.query_one(f"#{name}", OptionList).size.height for name in ("recent-list", "packs-list"))
        if self._loaded and heights != self._filled_for:
            self.fill_lists()

    @staticmethod
    def _room(widget: OptionList, fallback: int) -> int:
        """How many one-line options fit in `widget` (`fallback` before it has a size)."""
        height = widget.size.height
        return max(1, height) if height > 0 else fallback

    def fill_lists(self) -> None:
        """Recent sessions and packs: as many as their boxes hold, then a line saying where the rest are."""
        data = self.data
        recent = self.query_one("#recent-list", OptionList)
        self._filled_for = (recent.size.height, self.query_one("#packs-list", OptionList).size.height)
        room = self._room(recent, 5)
        keep = recent.highlighted
        recent.clear_options()
        if data.sessions:
            more = data.session_total - min(room, len(data.sessions))
            shown = data.sessions[: room - 1] if more > 0 else data.sessions[:room]
            more = data.session_total - len(shown)
            recent.add_options(Option(Text(label, no_wrap=True, overflow="ellipsis"), id=sid) for sid, label in shown)
            if more > 0:
                recent.add_option(
                    Option(Text(f"… {plural(more, 'more session')}: r opens review", style="dim"), disabled=True)
                )
            recent.highlighted = min(keep or 0, len(shown) - 1)
        else:
            recent.add_option(Option(Text("No sessions yet."), disabled=True))
        packs = self.query_one("#packs-list", OptionList)
        room = self._room(packs, 8)
        keep = packs.highlighted
        packs.clear_options()
        shown_packs = data.packs if len(data.packs) <= room else data.packs[: room - 1]
        packs.add_options(Option(label, id=pid) for pid, label in shown_packs)
        if len(data.packs) > len(shown_packs):
            more = len(data.packs) - len(shown_packs)
            packs.add_option(
                Option(Text(f"… {plural(more, 'more pack')}: k opens the packs screen", style="dim"), disabled=True)
            )
        if shown_packs:
            packs.highlighted = min(keep or 0, len(shown_packs) - 1)
        else:
            packs.add_option(Option(Text("No packs installed."), disabled=True))

    # -- actions -------------------------------------------------------------------
    def action_open(self, name: str) -> None:
        self.app.open_screen(name)

    def action_quick_practice(self) -> None:
        self.app.open_screen("practice")

    def pick_pack(self) -> None:
        from mockint.tui.screens.picker import PickerScreen

        def chosen(pack_id: str | None) -> None:
            if pack_id:
                self.app.open_screen("practice", pack_id=pack_id)

        self.app.push_screen(PickerScreen("Practise with which pack?", [(pid, label.plain) for pid, label in self.data.packs]), chosen)

    def pick_plan(self) -> None:
        from mockint.tui.screens.picker import PickerScreen

        def chosen(plan_id: str | None) -> None:
            if plan_id:
                self.app.open_screen("practice", plan_id=plan_id)

        self.app.push_screen(
            PickerScreen("Which interview plan?", self._plan_items(), empty="No installed pack has a plan."),
            chosen,
        )

    def _plan_items(self) -> list[tuple[str, str]]:
        """Plans with their names (loading the packs only now, when someone asks for a plan)."""
        # The picker (and the plan and pack models it reads) is imported when first asked for:
        # its dataclasses cost more import time than the rest of home.
        from mockint.tui.screens.picker import plan_choices

        try:
            packs = self.app.library.load_all()
        except Exception:  # fall back to the ids from the index
            return self.data.plans
        return plan_choices(packs, self.app.backgrounder.placeholder_values())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        list_id, option_id = event.option_list.id, event.option_id
        if list_id == "start-list":
            {"quick": self.action_quick_practice, "pack": self.pick_pack, "plan": self.pick_plan}[
                str(option_id)
            ]()
        elif list_id == "packs-list" and option_id:
            self.app.open_screen("practice", pack_id=option_id)
        elif list_id == "recent-list" and option_id:
            self.app.open_screen("review", session_id=option_id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "notice-read":
            self.action_read_notices()
        elif event.button.id == "bg-open":
            self.action_open("backgrounder")
