"""Packs: what is installed, a preview of each pack, import, the mix, remove, and practice from here.

Imports happen in a dialog (pack_import.py) with the options of `mockint packs import`, a
preview before anything is installed, and the report `mockint packs import` prints. `m` puts
a pack in or out of the quick mixed interview. Only user packs can be removed, after a
confirmation.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from mockint.tui.app import MockintApp
from mockint.tui.screens.pack_view import mix_label, pack_detail, pack_row, plain, question_preview
from mockint.tui.widgets.key_bar import KeyBar


class PacksScreen(Screen[None]):
    """Installed packs on the left, the highlighted pack's details and questions on the right."""

    HELP_TEXT: ClassVar[str] = (
        "Question packs hold the questions you practise: built-in ones and the lists you import (TOML, Markdown, "
        "spreadsheets, Anki decks). A quick mixed interview draws from every pack in the mix; m takes one out."
    )
    CSS_PATH = "packs.tcss"
    AUTO_FOCUS = "#pack-list"
    BINDINGS = [
        Binding("p", "practise_pack", "Practise", tooltip="Practise with the highlighted pack"),
        Binding("c", "practise_category", "Category", tooltip="Practise one category of the highlighted pack"),
        Binding("l", "practise_plan", "Plan", tooltip="Run one of the highlighted pack's interview plans"),
        Binding("i", "open_import", "Import", tooltip="Import a pack from a file, folder or http(s) URL"),
        Binding("m", "toggle_mix", "Mix", tooltip="Put the highlighted pack in or out of the quick mixed interview"),
        Binding("u", "update_pack", "Update", tooltip="Read the highlighted pack again from the file or URL it came from"),
        Binding("d,delete", "remove", "Remove", key_display="d",
                tooltip="Remove the highlighted user pack (asks first; history is kept)"),
        Binding("escape", "leave", "Back", tooltip="Back"),
    ]

    app = getters.app(MockintApp)

    def __init__(self, *, pack_id: str | None = None) -> None:
        super().__init__()
        self._want = pack_id
        self.entries: list[Any] = []
        self.current: Any = None  # the highlighted InstalledPack
        self.pack: Any = None  # its loaded Pack (None if it no longer loads)
        self._warned = False
        self.updating = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Question packs", style="bold"), id="packs-title")
        with Horizontal(id="packs-body"):
            yield OptionList(id="pack-list", markup=False)
            with VerticalScroll(id="pack-preview"):
                yield Static("", id="pack-detail")
                yield Static("", id="pack-questions")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.refresh_list(select=self._want)

    # -- data --------------------------------------------------------------------------
    def refresh_list(self, select: str | None = None) -> None:
        """Re-read the library and redraw the list, keeping (or moving to) a pack id."""
        keep = select or (self.current.id if self.current is not None else None)
        try:
            self.entries = self.app.library.list()
            problems = [d.format() for d in self.app.library.warnings]
        except Exception as exc:  # a broken index or folder: say so, keep the screen usable
            self.entries, problems = [], [str(exc)]
        options = self.query_one("#pack-list", OptionList)
        options.clear_options()
        options.add_options(Option(pack_row(e), id=f"{e.source}:{e.id}") for e in self.entries)
        if not self.entries:
            options.add_option(Option(Text("No packs installed. Press i to import one."), disabled=True))
            self.show_pack(None)
        else:
            index = next((i for i, e in enumerate(self.entries) if e.id == keep and not e.shadowed), 0)
            options.highlighted = index
            self.show_pack(self.entries[index])
        if problems and not self._warned:  # once: the same problems come back on every refresh
            self._warned = True
            self.notify("\n".join(plain(p) for p in problems), severity="warning", markup=False, timeout=10)

    def load(self, entry: Any) -> Any:
        """The full pack behind a list entry (a hidden built-in one is read from its own file)."""
        if entry.shadowed:
            from mockint.core.packs.loader import load_pack_file

            return load_pack_file(Path(entry.path)).pack
        return self.app.library.get(entry.id)

    def show_pack(self, entry: Any) -> None:
        """Fill the preview with `entry`'s details and questions (or why it cannot be shown)."""
        from mockint.core.errors import MockintError

        self.current, self.pack = entry, None
        detail = self.query_one("#pack-detail", Static)
        questions = self.query_one("#pack-questions", Static)
        if entry is None:
            detail.update(Text("Built-in packs ship with mockint; packs you import appear here too."))
            questions.update("")
            return
        try:
            self.pack = self.load(entry)
        except MockintError as exc:
            detail.update(Text("\n".join(plain(d.format()) for d in exc.diagnostics)))
            questions.update("")
            return
        detail.update(pack_detail(self.pack, entry))
        questions.update(question_preview(self.pack))
        self.query_one("#pack-preview", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self.entries) and self.entries[index] is not self.current:
            self.show_pack(self.entries[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_practise_pack()

    # -- practice ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("practise_pack", "practise_category", "practise_plan"):
            if self.pack is None or (self.current is not None and self.current.shadowed):
                return None  # shown greyed out: nothing (or a hidden pack) to practise
            if action == "practise_plan" and not self.pack.plans:
                return None
        if action == "remove" and (self.current is None or self.current.source != "user"):
            return None
        if action == "toggle_mix" and (self.current is None or self.current.shadowed or self.current.reverse):
            return None
        if action == "update_pack" and (self.current is None or self.current.origin is None or self.updating):
            return None
        return True

    def _practise(self, **kwargs: Any) -> None:
        self.app.open_screen("practice", **kwargs)

    def action_practise_pack(self) -> None:
        if self.pack is not None and not self.current.shadowed:
            self._practise(pack_id=self.pack.id)

    def action_practise_category(self) -> None:
        from mockint.tui.screens.pack_view import category_counts
        from mockint.tui.screens.picker import PickerScreen

        if self.pack is None:
            return
        pack_id = self.pack.id
        items = [(cid, f"{name} ({count})") for cid, name, count in category_counts(self.pack) if cid and count]

        def chosen(category: str | None) -> None:
            if category:
                self._practise(pack_id=pack_id, category=category)

        self.app.push_screen(
            PickerScreen("Practise which category?", [(c, plain(lbl)) for c, lbl in items],
                         empty="This pack's questions have no categories."),
            chosen,
        )

    def action_practise_plan(self) -> None:
        from mockint.tui.screens.picker import PickerScreen, plan_choices

        if self.pack is None:
            return
        # Each plan with its length, as the interview will be built (the backgrounder fills placeholders).
        values = self.app.backgrounder.placeholder_values()
        items = [(pid, plain(label)) for pid, label in plan_choices([self.pack], values, only=self.pack.id)]

        def chosen(plan_id: str | None) -> None:
            if plan_id:
                self._practise(plan_id=plan_id)

        self.app.push_screen(PickerScreen("Which interview plan?", items, empty="This pack has no plans."), chosen)

    # -- import and the mix ------------------------------------------------------------------
    def action_open_import(self) -> None:
        from mockint.tui.screens.pack_import import ImportScreen

        self.app.push_screen(ImportScreen(), self._imported)

    def _imported(self, installed: list[str] | None) -> None:
        self.current = None
        self.refresh_list(select=installed[-1] if installed else None)

    def action_toggle_mix(self) -> None:
        from mockint.core.errors import MockintError

        entry = self.current
        if entry is None or entry.shadowed or entry.reverse:
            return
        try:
            self.app.library.set_in_mix(entry.id, not entry.in_mix)
        except MockintError as exc:
            self.notify("\n".join(d.format() for d in exc.diagnostics), severity="error", markup=False)
            return
        self.current = None
        self.refresh_list(select=entry.id)
        if self.current is not None:
            self.notify(f"{plain(self.current.name)}: {mix_label(self.current)}.", markup=False)

    def action_update_pack(self) -> None:
        entry = self.current
        if entry is None or entry.origin is None or self.updating:
            return
        self.updating = True
        self.refresh_bindings()
        self.notify(f"Reading {plain(entry.name)} again from {plain(entry.origin)} …", markup=False)
        library = self.app.library
        self.run_worker(partial(library.update, [entry.id]), thread=True, group="pack-update", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "pack-update" or not event.worker.is_finished:
            return
        self.updating = False
        outcomes = event.worker.result if event.state == WorkerState.SUCCESS else None
        if not outcomes:
            self.notify(f"Update failed: {plain(str(event.worker.error or 'cancelled'))}", severity="error", markup=False)
        for outcome in outcomes or []:
            refused = outcome.status == "refused"
            self.notify(plain(outcome.message), severity="error" if refused else "information", markup=False,
                        timeout=10 if refused else 5)
        self.current = None
        self.refresh_list(select=outcomes[0].pack_id if outcomes else None)

    def action_leave(self) -> None:
        self.app.pop_screen()

    # -- remove --------------------------------------------------------------------------
    def action_remove(self) -> None:
        from mockint.tui.screens.confirm import ConfirmScreen

        entry = self.current
        if entry is None or entry.source != "user":
            self.notify("Only packs you imported can be removed.", severity="warning")
            return
        question = f"Remove your pack {plain(entry.id)} {plain(entry.version)}? Practice history is kept."
        if entry.shadows_builtin:
            question += " The built-in pack with this id will be used again."
        self.app.push_screen(ConfirmScreen(question), partial(self._removed, entry.id))

    def _removed(self, pack_id: str, yes: bool | None) -> None:
        from mockint.core.errors import MockintError

        if not yes:
            return
        try:
            self.app.library.remove(pack_id)
        except MockintError as exc:
            self.notify("\n".join(d.format() for d in exc.diagnostics), severity="error", markup=False)
            return
        self.notify(f"Removed {pack_id} (practice history is kept).", markup=False)
        self.current = None
        self.refresh_list(select=pack_id)
