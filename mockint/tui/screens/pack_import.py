"""Import a pack from the packs screen: the options of `mockint packs import`, a preview, the report.

Reading (a URL may take seconds) and installing run in thread workers. `enter` reads the source
and shows what would come in — questions per category, what was left out and why — and nothing
is installed until `ctrl+s`. `escape` cancels a running read (the fetch stops waiting at once)
and otherwise closes the dialog; closing or quitting during a read cancels it too.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static
from textual.worker import Worker, WorkerState

from mockint.tui.app import MockintApp
from mockint.tui.screens.pack_view import import_report, plain, preview_lines, report_text

FORMAT_CHOICES: list[tuple[str, str]] = [
    ("Format: from the file name", "auto"),
    ("TOML (native)", "toml"),
    ("Markdown", "md"),
    ("CSV / spreadsheet / Anki text", "csv"),
    ("TSV", "tsv"),
    ("Anki package (.apkg)", "apkg"),
]
FORCE_OFF = "Force: off — a same or older version is refused"
FORCE_ON = "Force: ON — replaces the installed pack whatever its version"
KEEP_OFF = "Keep everything: off"
KEEP_ON = "Keep everything: ON"


class ImportScreen(ModalScreen[list[str]]):
    """Dismisses with the ids of the packs it installed or updated (possibly none)."""

    HELP_TEXT: ClassVar[str] = (
        "Import questions from a TOML pack, a Markdown list, a spreadsheet or an Anki deck (file, folder or "
        "http(s) URL). Enter shows what would come in and what is left out; nothing is installed until ctrl+s."
    )
    CSS_PATH = "pack_import.tcss"
    AUTO_FOCUS = "#import-source"
    BINDINGS = [
        Binding("ctrl+s", "install", "Install", tooltip="Install what the preview shows"),
        Binding("escape", "cancel_or_close", "Cancel/Close", tooltip="Cancel a running read, else close"),
    ]

    app = getters.app(MockintApp)

    def __init__(self, source: str = "") -> None:
        super().__init__()
        self._source = source
        self.loaded: list[Any] = []  # what the last preview read (importer.Loaded)
        self.importer: Any = None
        self.installed: list[str] = []
        self.busy = False
        self._cancel = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Static(Text("Import questions", style="bold"), id="import-title")
            yield Input(self._source, placeholder="File, folder or http(s) URL — enter shows a preview",
                        id="import-source", compact=True)
            with Horizontal(classes="import-row"):
                yield Input(placeholder="Name (optional)", id="import-name", compact=True)
                yield Input(placeholder="Id (optional)", id="import-id", compact=True)
            with Horizontal(classes="import-row"):
                yield Select(FORMAT_CHOICES, value="auto", allow_blank=False, id="import-format", compact=True)
                yield Checkbox(KEEP_OFF, id="import-keep-all", compact=True,
                               tooltip="Markdown: keep link-only items and sections without questions")
            yield Checkbox(FORCE_OFF, id="import-force", compact=True)
            with Horizontal(id="import-buttons"):
                yield Button("Preview (enter)", id="import-preview", compact=True)
                yield Button("Install (ctrl+s)", id="import-install", variant="primary", compact=True, disabled=True)
                yield Button("Close (esc)", id="import-close", compact=True)
            with VerticalScroll(id="import-report-box"):
                yield Static("", id="import-report")

    # -- options ---------------------------------------------------------------------------
    def options(self) -> Any:
        from mockint.core.packs.importer import ImportOptions

        def text(selector: str) -> str | None:
            return self.query_one(selector, Input).value.strip() or None

        fmt = self.query_one("#import-format", Select).value
        return ImportOptions(
            force=self.query_one("#import-force", Checkbox).value,
            fmt=None if fmt in ("auto", Select.BLANK) else str(fmt),
            pack_id=text("#import-id"),
            name=text("#import-name"),
            keep_all=self.query_one("#import-keep-all", Checkbox).value,
        )

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "import-force":
            event.checkbox.label = FORCE_ON if event.value else FORCE_OFF
        elif event.checkbox.id == "import-keep-all":
            event.checkbox.label = KEEP_ON if event.value else KEEP_OFF
        self._stale()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._stale()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._stale()

    def _stale(self) -> None:
        """Options changed: what was previewed no longer holds until it is read again."""
        if self.loaded and not self.busy:
            self.loaded = []
            self.query_one("#import-install", Button).disabled = True

    # -- reading and installing -------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_preview()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import-preview":
            self.action_preview()
        elif event.button.id == "import-install":
            self.action_install()
        else:
            self.action_cancel_or_close()

    def action_preview(self) -> None:
        source = self.query_one("#import-source", Input).value.strip()
        if not source:
            self.show([("Give a file, a folder or an http(s) URL to import from.", "warning")])
            return
        if self.busy:
            self.notify("Still reading; escape cancels.", severity="warning")
            return
        self._cancel = threading.Event()
        self.importer = self.app.library.importer(self.options(), self._cancel)
        self.busy = True
        self.show([(f"reading {plain(source)} … (escape cancels)", "ok")])
        self.run_worker(lambda: self.importer.read(source), thread=True, group="pack-read", name=source,
                        exit_on_error=False)

    def action_install(self) -> None:
        if self.busy or not self.loaded:
            return
        loaded, importer = self.loaded, self.importer
        self.busy = True
        self.query_one("#import-install", Button).disabled = True
        self.run_worker(lambda: [importer.install(item) for item in loaded], thread=True, group="pack-install",
                        name="install", exit_on_error=False)

    def action_cancel_or_close(self) -> None:
        if self.busy:
            self._cancel.set()
            self.workers.cancel_group(self, "pack-read")
            return
        self.dismiss(self.installed)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group not in ("pack-read", "pack-install"):
            return
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self.busy = False
        cancelled = event.state == WorkerState.CANCELLED or (self._cancel.is_set() and worker.group == "pack-read")
        if cancelled or event.state != WorkerState.SUCCESS:
            why = "cancelled" if cancelled else f"failed: {plain(str(worker.error))}"
            self.show([(f"import {why}; nothing was installed", "warning")])
            return
        if worker.group == "pack-read":
            self.loaded = list(worker.result or [])
            self.query_one("#import-install", Button).disabled = not any(i.result is not None for i in self.loaded)
            self.show(preview_lines(self.loaded))
            return
        outcomes = list(worker.result or [])
        self.installed.extend(o.pack_id for o in outcomes if o.status != "refused" and o.pack_id)
        self.loaded = []
        self.show(import_report(outcomes), at_end=True)  # the outcome lines follow the notes, as the CLI prints them

    def show(self, lines: list[tuple[str, str]], *, at_end: bool = False) -> None:
        self.query_one("#import-report", Static).update(report_text(lines))
        box = self.query_one("#import-report-box", VerticalScroll)
        if at_end:
            self.call_after_refresh(box.scroll_end, animate=False)
        else:
            box.scroll_home(animate=False)

    def on_unmount(self) -> None:
        self._cancel.set()  # closing or quitting stops a fetch at once
