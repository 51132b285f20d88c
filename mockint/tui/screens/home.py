"""Home: start a practice, the backgrounder's completeness, recent sessions, installed packs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from mockint.tui.widgets.key_bar import KeyBar

RECENT_LIMIT = 5


@dataclass
class HomeData:
    """Everything home shows, as plain values (so it can be gathered and tested without a UI)."""

    backgrounder_filled: int = 0
    backgrounder_total: int = 9
    sessions: list[tuple[str, str]] = field(default_factory=list)  # (session id, label)
    packs: list[tuple[str, str]] = field(default_factory=list)  # (pack id, label)
    plans: list[tuple[str, str]] = field(default_factory=list)  # (plan id, label)
    problems: list[str] = field(default_factory=list)

    @property
    def first_run(self) -> bool:
        return not self.sessions and self.backgrounder_filled == 0


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value or "")[:16].replace("T", " ")


def session_label(summary: Any) -> str:
    """One line for a past session: when, how far, how it went, then the title (which may be cut)."""
    parts = [_when(summary.started_at), f"{summary.answered}/{summary.question_count}"]
    parts.append(f"avg {summary.avg_rating:.1f}" if summary.avg_rating is not None else "avg –")
    if summary.status != "complete":
        parts.append("unfinished")
    parts.append(summary.title)
    return "  ".join(parts)


def pack_label(pack: Any) -> str:
    """One line for an installed pack: question count and source first, then the name."""
    return f"{pack.questions:>3} q  {pack.source:<7}  {pack.name}"


#: Home lists this many packs at a glance; the packs screen lists them all.
HOME_PACKS_LIMIT = 8


def gather_home(app: Any) -> HomeData:
    """Read what home shows; a failing source becomes a problem line instead of a crash."""
    data = HomeData()
    try:
        data.backgrounder_filled, data.backgrounder_total = app.backgrounder.completeness()
    except Exception as exc:
        data.problems.append(f"Backgrounder: {exc}")
    try:
        data.sessions = [(s.id, session_label(s)) for s in app.store.list_sessions(limit=RECENT_LIMIT)]
    except Exception as exc:
        data.problems.append(f"Sessions: {exc}")
    try:
        for pack in app.library.list():
            if pack.shadowed:
                continue
            data.packs.append((pack.id, pack_label(pack)))
            data.plans.extend((plan, f"{plan}  ({pack.name})") for plan in pack.plans)
    except Exception as exc:
        data.problems.append(f"Packs: {exc}")
    return data


class HomeScreen(Screen[None]):
    """The start page. Everything is reachable by key, by mouse and from the palette."""

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
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data = HomeData()
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("mockint", "bold"), "  practise product interviews"), id="home-title")
        yield Static("", id="guide")
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
                yield OptionList(id="recent-list", markup=False)
            with Vertical(id="packs-box", classes="box") as box:
                box.border_title = "Installed packs"
                yield OptionList(id="packs-list", markup=False)
        yield KeyBar(compact=True)

    def on_screen_resume(self) -> None:
        # Shown first, or again after practice or an editor (sessions and the backgrounder
        # may have changed).
        if self._loaded:
            self.app.invalidate("backgrounder")  # type: ignore[attr-defined]
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
        recent = self.query_one("#recent-list", OptionList)
        recent.clear_options()
        if data.sessions:
            recent.add_options(Option(Text(label, no_wrap=True, overflow="ellipsis"), id=sid) for sid, label in data.sessions)
            recent.highlighted = 0
        else:
            recent.add_option(Option(Text("No sessions yet."), disabled=True))
        packs = self.query_one("#packs-list", OptionList)
        packs.clear_options()
        shown = data.packs[:HOME_PACKS_LIMIT]
        packs.add_options(Option(Text(label, no_wrap=True, overflow="ellipsis"), id=pid) for pid, label in shown)
        if len(data.packs) > len(shown):
            more = len(data.packs) - len(shown)
            packs.add_option(Option(Text(f"… and {more} more: k opens the packs screen", style="dim"), disabled=True))
        if data.packs:
            packs.highlighted = 0
        else:
            packs.add_option(Option(Text("No packs installed."), disabled=True))

    # -- actions -------------------------------------------------------------------
    def action_open(self, name: str) -> None:
        self.app.open_screen(name)  # type: ignore[attr-defined]

    def action_quick_practice(self) -> None:
        self.app.open_screen("practice")  # type: ignore[attr-defined]

    def pick_pack(self) -> None:
        from mockint.tui.screens.picker import PickerScreen

        def chosen(pack_id: str | None) -> None:
            if pack_id:
                self.app.open_screen("practice", pack_id=pack_id)  # type: ignore[attr-defined]

        self.app.push_screen(PickerScreen("Practise with which pack?", self.data.packs), chosen)

    def pick_plan(self) -> None:
        from mockint.tui.screens.picker import PickerScreen

        def chosen(plan_id: str | None) -> None:
            if plan_id:
                self.app.open_screen("practice", plan_id=plan_id)  # type: ignore[attr-defined]

        self.app.push_screen(
            PickerScreen("Which interview plan?", self._plan_items(), empty="No installed pack has a plan."),
            chosen,
        )

    def _plan_items(self) -> list[tuple[str, str]]:
        """Plans with their names (loading the packs only now, when someone asks for a plan)."""
        try:
            packs = self.app.library.load_all()  # type: ignore[attr-defined]
        except Exception:  # fall back to the ids from the index
            return self.data.plans
        return [(plan.id, f"{plan.name}  ({pack.name})") for pack in packs for plan in pack.plans]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        list_id, option_id = event.option_list.id, event.option_id
        if list_id == "start-list":
            {"quick": self.action_quick_practice, "pack": self.pick_pack, "plan": self.pick_plan}[
                str(option_id)
            ]()
        elif list_id == "packs-list" and option_id:
            self.app.open_screen("practice", pack_id=option_id)  # type: ignore[attr-defined]
        elif list_id == "recent-list" and option_id:
            self.app.open_screen("review", session_id=option_id)  # type: ignore[attr-defined]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "bg-open":
            self.action_open("backgrounder")
