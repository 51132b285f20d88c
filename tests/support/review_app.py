"""The real app opened on the review screens, on a fixed clock, for the review tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mockint.tui.app as app_module
from mockint.tui.app import MockintApp
from mockint.tui.widgets.session_list import SessionList
from tests.support.tui_review_seed import fixed_now

APP_DIR = Path(app_module.__file__).parent


class ReviewApp(MockintApp):
    """The real app on a fixed clock, recording what it is asked to open in practice."""

    # CSS paths resolve against the defining module: point at the app's own files.
    CSS_PATH = [str(APP_DIR / path) for path in MockintApp.CSS_PATH]  # type: ignore[union-attr]

    def __init__(self, start: str = "review", **kwargs: Any) -> None:
        super().__init__(start_screen=start, screen_kwargs=kwargs, now=fixed_now, remember_theme=False)
        self.practice_calls: list[dict[str, Any]] = []

    def open_screen(self, name: str, **kwargs: Any) -> None:
        if name == "practice":  # the practice screen is another area's; record the hand-over
            self.practice_calls.append(kwargs)
            return
        super().open_screen(name, **kwargs)


def ids(session_list: SessionList) -> list[str]:
    rows = [session_list.row(i) for i in range(session_list.row_count)]
    return [r.summary.id for r in rows if r is not None]


def line_text(widget: Any, y: int) -> str:
    return "".join(segment.text for segment in widget.render_line(y))
