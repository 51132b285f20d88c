"""The shared record contract: session tag and ended-early, spoken answers, schema upgrade."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mockint.core.history.db.schema import _V1, SCHEMA_VERSION
from mockint.core.history.db.store import Store
from mockint.core.history.io.export import export_json, import_json
from mockint.core.paths import Paths, get_paths
from tests.support.store_helpers import Clock, answer, interview

SPEECH = {"duration_seconds": 61.5, "words": 120, "fillers": {"um": 3}, "star": {"result": True}}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> Store:
    s = Store.open(now=clock)
    yield s
    s.close()


def _spoken_session(store: Store, clock: Clock) -> str:
    sid = store.create_session(interview("a", "b"), tag="  Acme — staff PM ")
    store.save_answer(sid, answer(0, "a", clock.advance(minutes=1)))
    store.set_answer_speech(sid, 0, "I led the launch.", SPEECH)
    store.finish_session(sid, ended_early=True)
    return sid


def test_tag_ended_early_and_speech_are_stored(store: Store, clock: Clock) -> None:
    sid = _spoken_session(store, clock)
    other = store.create_session(interview("a"))
    store.finish_session(other)
    record = store.get_session(sid)
    assert record.tag == "Acme — staff PM" and record.ended_early
    assert record.answers[0].transcript == "I led the launch." and record.answers[0].speech == SPEECH
    plain = store.get_session(other)
    assert plain.tag is None and not plain.ended_early
    assert [r.id for r in store.list_sessions(tag="Acme — staff PM")] == [sid]
    assert [r.id for r in store.list_sessions(ended_early=True)] == [sid]
    assert [r.id for r in store.list_sessions(ended_early=False)] == [other]
    assert store.count_sessions(tag="Acme — staff PM") == 1 and store.count_sessions(ended_early=False) == 1
    row = store.list_sessions(tag="Acme — staff PM")[0]
    assert row.tag == "Acme — staff PM" and row.ended_early
    assert row.to_json()["tag"] == "Acme — staff PM" and row.to_json()["ended_early"] is True


def test_set_session_tag_sets_and_clears(store: Store) -> None:
    sid = store.create_session(interview("a"))
    store.set_session_tag(sid, "Globex")
    assert store.get_session(sid).tag == "Globex"
    store.set_session_tag(sid, "   ")
    assert store.get_session(sid).tag is None
    with pytest.raises(ValueError, match="at most 120"):
        store.set_session_tag(sid, "x" * 121)
    with pytest.raises(ValueError, match="control"):
        store.set_session_tag(sid, "two\nlines")


def test_speech_on_a_missing_answer_is_an_error(store: Store) -> None:
    from mockint.core.errors import MockintError

    sid = store.create_session(interview("a"))
    with pytest.raises(MockintError, match="no saved answer"):
        store.set_answer_speech(sid, 0, "text", None)


def test_show_json_and_export_carry_the_new_keys_and_import_them(store: Store, clock: Clock,
                                                                  tmp_path: Path) -> None:
    sid = _spoken_session(store, clock)
    doc = json.loads(export_json(store.sessions()))
    session = doc["sessions"][0]
    assert session["tag"] == "Acme — staff PM" and session["ended_early"] is True
    assert session["answers"][0]["transcript"] == "I led the launch."
    assert session["answers"][0]["speech"] == SPEECH
    # An answer without speech has neither key.
    store.save_answer(sid, answer(1, "b", clock.advance(minutes=1)))
    assert "transcript" not in store.get_session(sid).answers[1].to_json()
    root = tmp_path / "other"
    target = Store.open(Paths(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs"))
    import_json(export_json(store.sessions()), target)
    assert target.get_session(sid) == store.get_session(sid)
    target.close()


def test_cli_show_and_history_json_carry_tag_and_ended_early(store: Store, clock: Clock,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli.test_cli_sessions import run

    sid = _spoken_session(store, clock)
    shown = json.loads(run(capsys, "show", sid, "--json")[1])
    assert shown["tag"] == "Acme — staff PM" and shown["ended_early"] is True
    assert shown["answers"][0]["transcript"] == "I led the launch."
    listed = json.loads(run(capsys, "history", "--json")[1])
    assert listed[0]["tag"] == "Acme — staff PM" and listed[0]["ended_early"] is True


def test_a_version_1_database_upgrades_in_place(clock: Clock) -> None:
    paths = get_paths().ensure()
    conn = sqlite3.connect(paths.database_file)
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(
        "INSERT INTO sessions (id, title, started_at, started_ts, status, question_count) "
        "VALUES ('old', 'Old one', '2026-01-02T10:00:00+00:00', 1767348000, 'complete', 1)"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = Store.open(now=clock)
    try:
        old = store.get_session("old")
        assert old.title == "Old one" and old.tag is None and not old.ended_early
        store.set_session_tag("old", "Initech")
        assert store.list_sessions(tag="Initech")[0].id == "old"
        with sqlite3.connect(paths.database_file) as check:
            assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        store.close()
