"""Packs: what is installed, a preview of each pack, import, remove, and practice from here.

Imports run in a thread worker (a URL may take seconds) and report exactly what
`mockint packs import` prints. Only user packs can be removed, after a confirmation.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from mockint.tui.screens.pack_view import (
    import_report,
    pack_detail,
    pack_row,
    plain,
    question_preview,
    report_text,
)
from mockint.tui.widgets.key_bar import KeyBar


class PacksScreen(Screen[None]):
    """Installed packs on the left, the highlighted pack's details and questions on the right."""

    CSS_PATH = "packs.tcss"
    AUTO_FOCUS = "#pack-list"
    BINDINGS = [
        Binding("p", "practise_pack", "Practise", tooltip="Practise with the highlighted pack"),
        Binding("c", "practise_category", "Category", tooltip="Practise one category of the highlighted pack"),
        Binding("l", "practise_plan", "Plan", tooltip="Run one of the highlighted pack's interview plans"),
        Binding("i", "focus_import", "Import", tooltip="Import a pack from a file, folder or http(s) URL"),
        Binding("d,delete", "remove", "Remove", key_display="d",
                tooltip="Remove the highlighted user pack (asks first; history is kept)"),
        Binding("escape", "leave", "Back", tooltip="Back (in the import field: back to the list)"),
    ]

    def __init__(self, *, pack_id: str | None = None) -> None:
        super().__init__()
        self._want = pack_id
        self.entries: list[Any] = []
        self.current: Any = None  # the highlighted InstalledPack
        self.pack: Any = None  # its loaded Pack (None if it no longer loads)
        self.importing = False
        self._warned = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Question packs", style="bold"), id="packs-title")
        with Horizontal(id="packs-body"):
            yield OptionList(id="pack-list", markup=False)
            with VerticalScroll(id="pack-preview"):
                yield Static("", id="pack-detail")
                yield Static("", id="pack-questions")
        with Vertical(id="import-box"):
            with Horizontal(id="import-row"):
                yield Input(placeholder="Import: path or http(s) URL, then enter", id="import-input", compact=True)
                yield Checkbox("force", id="import-force", compact=True,
                               tooltip="Replace a pack even with the same or an older version")
            yield Static("", id="import-report")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.refresh_list(select=self._want)

    # -- data --------------------------------------------------------------------------
    def refresh_list(self, select: str | None = None) -> None:
        """Re-read the library and redraw the list, keeping (or moving to) a pack id."""
        app: Any = self.app
        keep = select or (self.current.id if self.current is not None else None)
        try:
            self.entries = app.library.list()
            problems = [d.format() for d in app.library.warnings]
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
        app: Any = self.app
        if entry.shadowed:
            from mockint.core.packs.loader import load_pack_file

            return load_pack_file(Path(entry.path)).pack
        return app.library.get(entry.id)

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
        return True

    def _practise(self, **kwargs: Any) -> None:
        self.app.open_screen("practice", **kwargs)  # type: ignore[attr-defined]

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
        from mockint.tui.screens.picker import PickerScreen

        if self.pack is None:
            return
        items = [(p.id, plain(f"{p.name} ({len(p.steps)} step{'s' if len(p.steps) != 1 else ''})")) for p in self.pack.plans]

        def chosen(plan_id: str | None) -> None:
            if plan_id:
                self._practise(plan_id=plan_id)

        self.app.push_screen(PickerScreen("Which interview plan?", items, empty="This pack has no plans."), chosen)

    # -- import --------------------------------------------------------------------------
    def action_focus_import(self) -> None:
        self.query_one("#import-input", Input).focus()

    def action_leave(self) -> None:
        if self.focused is not None and self.focused.id in ("import-input", "import-force"):
            self.query_one("#pack-list", OptionList).focus()
            return
        self.app.pop_screen()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        source = event.value.strip()
        if not source:
            return
        if self.importing:
            self.notify("An import is still running.", severity="warning")
            return
        self.importing = True
        force = self.query_one("#import-force", Checkbox).value
        self.show_report([(f"importing {plain(source)} …", "ok")])
        library: Any = self.app.library  # type: ignore[attr-defined]
        self.run_worker(partial(library.import_source, source, force=force), thread=True,
                        group="pack-import", name=source, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "pack-import" or event.state not in (
            WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED
        ):
            return
        self.importing = False
        if event.state == WorkerState.SUCCESS:
            outcomes = event.worker.result or []
            self.show_report(import_report(outcomes))
            done = [o for o in outcomes if o.status != "refused" and o.pack_id]
            if done:
                self.query_one("#import-input", Input).value = ""
            self.refresh_list(select=done[-1].pack_id if done else None)
        else:
            reason = event.worker.error or "cancelled"
            self.show_report([(f"{plain(event.worker.name)}: error: import failed: {plain(str(reason))}", "error")])

    def show_report(self, lines: list[tuple[str, str]]) -> None:
        """The import report under the field (empty hides it)."""
        report = self.query_one("#import-report", Static)
        report.update(report_text(lines))
        report.display = bool(lines)

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
            self.app.library.remove(pack_id)  # type: ignore[attr-defined]
        except MockintError as exc:
            self.notify("\n".join(d.format() for d in exc.diagnostics), severity="error", markup=False)
            return
        self.notify(f"Removed {pack_id} (practice history is kept).", markup=False)
        self.current = None
        self.refresh_list(select=pack_id)
