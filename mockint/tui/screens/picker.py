"""A small modal that asks the person to choose one item from a list, and the lists it offers
for choosing a practice: how long, and which plan (each with its length)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mockint.core.format import plural
from mockint.core.interview.plan import about_minutes
from mockint.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from mockint.core.interview.plan import PlannedQuestion
    from mockint.core.packs.model import Pack

#: Interview lengths offered, in questions and in minutes (only those shorter than everything).
COUNTS = (3, 5, 8, 12)
MINUTES = (10, 20, 30, 45)


class PickerScreen(ModalScreen[str | None]):
    """Dismisses with the chosen item's id, or None on escape."""

    HELP_TEXT: ClassVar[str] = "Choose one with the arrows and enter (or a click); escape goes back."

    DEFAULT_CSS = """
    PickerScreen { align: center middle; }
    PickerScreen > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PickerScreen .picker-title { text-style: bold; }
    PickerScreen OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, items: list[tuple[str, str]], empty: str = "Nothing to choose from.") -> None:
        """`items` are (id, label) pairs; labels are shown as plain text."""
        super().__init__()
        self._title = title
        self._items = items
        self._empty = empty

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="picker-title")
            if self._items:
                yield OptionList(*(Option(Text(label), id=item_id) for item_id, label in self._items))
            else:
                yield Static(Text(self._empty))
        yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def length_choices(questions: Sequence[PlannedQuestion]) -> list[tuple[str, str]]:
    """(id, label) choices of how long to practise `questions` (all that a pack or category offers).

    Ids are "count:N", "minutes:N" or "all"; each label says how long it is likely to take
    (answer and preparation time, in the order the questions would be asked).
    """
    total = sum(q.target_seconds + q.prep_seconds for q in questions)
    per_question = total / max(1, len(questions))
    items = [
        (f"count:{n}", f"{plural(n, 'question')} · {about_minutes(n * per_question)}")
        for n in COUNTS if n < len(questions)
    ]
    items += [(f"minutes:{m}", f"{m} minutes of questions") for m in MINUTES if m * 60 < total]
    items.append(("all", f"All {plural(len(questions), 'question')} · {about_minutes(total)}"))
    return items


def plan_choices(
    packs: Sequence[Pack], backgrounder: Mapping[str, Sequence[str]] | None = None, *, only: str | None = None
) -> list[tuple[str, str]]:
    """(plan id, label) for every plan of `packs` (or of the pack `only`): its name, its pack and its length.

    A plan whose questions cannot be asked (placeholders without a backgrounder) says so.
    """
    from mockint.core.errors import MockintError
    from mockint.core.interview.interviewer import build_interview

    items = []
    for pack in packs:
        if only is not None and pack.id != only:
            continue
        for plan in pack.plans:
            try:
                planned = build_interview(packs, pack_id=pack.id, plan_id=plan.id, seed=0, backgrounder=backgrounder)
                length = f"{plural(len(planned.questions), 'question')} · {about_minutes(planned.estimated_seconds)}"
            except MockintError:
                length = "cannot be asked yet: fill in your backgrounder"
            items.append((plan.id, f"{plan.name} ({pack.name}) · {length}"))
    return items
