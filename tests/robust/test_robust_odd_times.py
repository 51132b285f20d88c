"""Rows forced into the database with odd times: the review screens still open, in any time zone."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from mockint.core.history.db.store import Store
from tests.support.store_helpers import Clock, answer, interview
from tests.support.tui_support import ManualClock, make_app

ODD = [
    ("9999-12-31T23:59:59+00:00", 253402300799.0),
    ("0001-01-01T00:00:00+00:00", -62135596800.0),
    ("not a time", "not a number"),
]


@pytest.fixture
def odd_history() -> list[str]:
    clock = Clock()
    ids = []
    with Store.open(now=clock) as store:
        for text, ts in ODD:
            sid = store.create_session(interview("a"))
            store.save_answer(sid, answer(0, "a", clock.advance(minutes=1)))
            store.finish_session(sid)
            ids.append(sid)
            with sqlite3.connect(store.paths.database_file) as conn:
                conn.execute("UPDATE sessions SET started_at = ?, started_ts = ?, ended_at = ?, ended_ts = ? "
                             "WHERE id = ?", (text, ts, text, ts, sid))
                conn.execute("UPDATE answers SET asked_at = ?, asked_ts = ? WHERE session_id = ?", (text, ts, sid))
            conn.close()
    return ids


@pytest.mark.parametrize("zone", ["Etc/GMT-14", "Etc/GMT+12"])
async def test_review_trends_drill_and_detail_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   odd_history: list[str], zone: str) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        app = make_app(tmp_path, ManualClock(), start_screen="review")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "ReviewScreen"
            for name, kwargs in (("trends", {}), ("drill", {}), ("session", {"session_id": odd_history[0]})):
                app.open_screen(name, **kwargs)
                await pilot.pause()
                assert type(app.screen).__name__.lower().startswith(name[:5]), type(app.screen).__name__
                app.pop_screen()
                await pilot.pause()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
