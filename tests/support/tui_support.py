"""Shared set-up for the TUI tests: a small pack on disk, a manual clock, a fixed 'now'."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mockint.core.paths import get_paths

DEMO_PACK = '''
format = 1

[pack]
id = "demo"
name = "Demo pack"
version = "1.0.0"

[[categories]]
id = "behavioural"
name = "Behavioural"

[[categories]]
id = "cases"
name = "Cases"

[[categories]]
id = "claims"
name = "Your claims"

[[questions]]
id = "shipped-hard"
category = "behavioural"
text = "Tell me about something hard you shipped."
answer_seconds = 60
follow_ups = ["What would you do differently?", "How did you measure success?"]
guidance = "Situation, task, action, result; end on one metric."

[[questions]]
id = "conflict"
category = "behavioural"
text = "Describe a disagreement with an engineering lead."
answer_seconds = 90

[[questions]]
id = "prioritise"
category = "behavioural"
text = "How do you decide what not to build?"
answer_seconds = 120

[[questions]]
id = "claim"
category = "claims"
text = "You wrote: {quantitative}. How did you measure it?"
answer_seconds = 60

[[questions]]
id = "estimate"
category = "cases"
text = "Estimate how many meetings a product team of eight holds in a week."
answer_seconds = 120
prep_seconds = 15

[[plans]]
id = "prep-plan"
name = "One case with preparation time"
steps = [{ question = "estimate" }]

[[plans]]
id = "demo-plan"
name = "Demo plan"
steps = [{ question = "shipped-hard" }, { question = "conflict" }]
'''

FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class ManualClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


def builtin_dir(root: Path) -> Path:
    """A built-in packs folder holding only the demo pack (the shipped packs change over time)."""
    folder = root / "builtin-packs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.toml").write_text(DEMO_PACK, encoding="utf-8")
    return folder


def make_app(root: Path, clock: ManualClock | None = None, **kwargs: Any) -> Any:
    """The app with test paths, the demo pack, a manual clock and a fixed date."""
    from mockint.core.packs.library import PackLibrary
    from mockint.tui.app import MockintApp

    paths = get_paths()
    library = PackLibrary(paths, builtin_dir=builtin_dir(root))
    return MockintApp(
        paths=paths,
        library=library,
        clock=clock or ManualClock(),
        now=lambda: FIXED_NOW,
        theme_name="textual-dark",
        remember_theme=False,
        **kwargs,
    )
