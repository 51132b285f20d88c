"""Session export and import: round trips, idempotence, strict refusals, all-or-nothing."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockint.core.errors import MockintError
from mockint.core.history.db.store import Store
from mockint.core.history.io import validate as session_validate
from mockint.core.history.io.export import export_csv, export_json, export_markdown, import_json
from mockint.core.paths import Paths
from tests.support.store_helpers import T0, Clock, answer, interview


def _other_home(tmp_path: Path, name: str = "other") -> Paths:
    root = tmp_path / name
    return Paths(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")


def _fill(store: Store, clock: Clock, sessions: int = 3) -> list[str]:
    ids = []
    for i in range(sessions):
        clock.value = T0 + timedelta(days=i, minutes=i)
        sid = store.create_session(interview("a", "b", "c", plan="pm-phone-screen" if i % 2 else None))
        store.save_answer(sid, answer(0, "a", clock.advance(minutes=1), notes=f"line one\nline two {i}",
                                      overall=4, typed_points="- grew revenue 20%",
                                      feedback={"words": 120, "star": {"situation": True}},
                                      follow_ups_asked=["And then?"]))
        store.save_answer(sid, answer(1, "b", clock.advance(minutes=2), skipped=True, ratings={}))
        store.save_answer(sid, answer(2, "c", clock.advance(minutes=2), elapsed=133.25, category=None))
        if i != 1:
            store.finish_session(sid)
        ids.append(sid)
    return ids


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def source(clock: Clock) -> Store:
    s = Store.open(now=clock)
    _fill(s, clock)
    yield s
    s.close()


def test_round_trip_into_a_fresh_home_is_equal(source: Store, tmp_path: Path) -> None:
    text = export_json(source.sessions(), now=lambda: T0)
    doc = json.loads(text)
    assert doc["format"] == 1 and doc["exported_at"] == "2026-11-16T09:00:00+00:00"
    assert doc["sessions"][0] == source.get_session(doc["sessions"][0]["id"]).to_json()
    target = Store.open(_other_home(tmp_path))
    report = import_json(text, target)
    assert len(report.added) == 3 and report.unchanged == [] and report.answers_added == 9
    assert target.sessions() == source.sessions()
    assert [s.to_json() for s in target.list_sessions()] == [s.to_json() for s in source.list_sessions()]
    assert target.stats(now=T0).to_json() == source.stats(now=T0).to_json()
    # And out again: the same document.
    assert export_json(target.sessions(), now=lambda: T0) == text
    target.close()


def test_import_is_idempotent(source: Store, tmp_path: Path) -> None:
    text = export_json(source.sessions())
    target = Store.open(_other_home(tmp_path))
    import_json(text, target)
    before = target.sessions()
    again = import_json(text, target)
    assert again.added == [] and len(again.unchanged) == 3 and again.answers_added == 0
    assert target.sessions() == before
    # Into the very store it came from: nothing changes either.
    assert import_json(text, source).added == []
    target.close()


def _doc(source: Store) -> dict[str, Any]:
    return json.loads(export_json(source.sessions()))


def _refusal(doc: Any, store: Store) -> MockintError:
    with pytest.raises(MockintError) as err:
        import_json(json.dumps(doc), store, source="backup.json")
    assert err.value.exit_code == 2
    return err.value


def test_refusal_names_session_and_answer_index(source: Store, tmp_path: Path) -> None:
    doc = _doc(source)
    doc["sessions"][2]["id"] = "abc"
    doc["sessions"][2]["answers"][1]["overall"] = "5"
    target = Store.open(_other_home(tmp_path))
    err = _refusal(doc, target)
    assert err.format() == (
        'backup.json: error: sessions[2] (id "abc").answers[1].overall: '
        'expected an integer 1..5 or null, found "5"'
    )
    target.close()


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("answers", 0, "ratings"), {"structure": 6}, 'rating of "structure": expected an integer 1..5, found 6'),
        (("answers", 0, "ratings"), {"Bad Key": 3}, 'rubric dimension id "Bad Key" is not a slug'),
        (("answers", 0, "ratings"), {"structure": 3.0}, "expected an integer 1..5, found 3.0"),
        (("answers", 0, "target_seconds"), True, "expected an integer 0..604800, found true"),
        (("answers", 0, "elapsed_seconds"), -1, "expected a non-negative number"),
        (("answers", 0, "elapsed_seconds"), "12", "expected a non-negative number"),
        (("answers", 0, "asked_at"), "2026-11-16T09:00:00", "expected an ISO 8601 time with a UTC offset"),
        (("answers", 0, "notes"), "bell\x07", "control character U+0007"),
        (("answers", 0, "notes"), None, "expected a string, found null"),
        (("answers", 0, "skipped"), 0, "expected true or false, found 0"),
        (("answers", 0, "pack"), "../etc", "expected a slug"),
        (("status",), "done", 'expected "complete" or "incomplete", found "done"'),
        (("started_at",), "yesterday", "expected an ISO 8601 time"),
        (("started_at",), "9999-12-31T00:00:00+00:00", "expected a time between 1970 and 2200"),
        (("ended_at",), "0001-01-01T00:00:00+00:00", "expected a time between 1970 and 2200"),
        (("answers", 0, "asked_at"), "2200-01-01T00:00:00+00:00", "expected a time between 1970 and 2200"),
        (("answers", 0, "answered_at"), "1969-12-31T23:59:59+00:00", "expected a time between 1970 and 2200"),
        (("tag",), "x" * 121, "expected 0..120 characters"),
        (("tag",), "two\nlines", "expected one line"),
        (("ended_early",), "yes", "expected true or false"),
        (("answers", 0, "transcript"), 5, "expected a string or null"),
        (("answers", 0, "notes"), "n" * 200_001, "expected 0..200000 characters"),
        (("id",), "has space", "expected an id of 1..64"),
        (("answers",), {}, "expected a list of answers"),
        (("seed",), 2**70, "expected an integer"),
    ],
)
def test_field_refusals(source: Store, where: tuple[Any, ...], value: Any, message: str) -> None:
    doc = _doc(source)
    obj = doc["sessions"][0]
    for step in where[:-1]:
        obj = obj[step]
    obj[where[-1]] = value
    err = _refusal(doc, source)
    assert any(message in d.message for d in err.diagnostics), err.format()
    assert err.key is not None and err.key.startswith("sessions[0]")


def test_missing_and_unknown_keys_and_duplicates(source: Store) -> None:
    doc = _doc(source)
    del doc["sessions"][0]["answers"][2]["question_id"]
    doc["sessions"][1]["colour"] = "blue"
    doc["sessions"][2]["id"] = doc["sessions"][0]["id"]
    err = _refusal(doc, source)
    keys = {(d.key, d.message) for d in err.diagnostics}
    sid0 = doc["sessions"][0]["id"]
    assert (f'sessions[0] (id "{sid0}").answers[2].question_id', "missing") in keys
    assert any(k.endswith(".colour") and m == "unknown key" for k, m in keys)
    assert (f'sessions[2] (id "{sid0}").id', "the same id appears earlier in this file") in keys


def test_document_level_refusals(source: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    err = _refusal({"format": 2, "sessions": []}, source)
    assert err.key == "format"
    with pytest.raises(MockintError) as bad:
        import_json('{"format": 1,\n "sessions": [}', source, source="f.json")
    assert bad.value.format().startswith("f.json:2:15: error: not valid JSON")
    with pytest.raises(MockintError):
        import_json('{"format": 1, "sessions": [NaN]}', source)
    with pytest.raises(MockintError):
        import_json("[" * 100_000 + "]" * 100_000, source)
    with pytest.raises(MockintError) as extra:
        import_json('{"format": 1, "sessions": []} []', source)
    assert "extra data" in extra.value.message


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_reading_in_small_pieces_gives_the_same_sessions(source: Store, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    from mockint.core.history.io import stream

    text = export_json(source.sessions(), now=lambda: T0)
    monkeypatch.setattr(stream, "CHUNK", chunk)
    assert session_validate.parse_export(text) == source.sessions()
    with pytest.raises(MockintError) as bad:
        import_json('{"format": 1,\n "sessions": [}', source, source="f.json")
    assert bad.value.format().startswith("f.json:2:15: error: not valid JSON")


def test_all_or_nothing_a_bad_third_session_adds_nothing(source: Store, tmp_path: Path) -> None:
    doc = _doc(source)
    doc["sessions"][2]["answers"][0]["elapsed_seconds"] = -5
    target = Store.open(_other_home(tmp_path))
    _refusal(doc, target)
    assert target.count_sessions() == 0 and target.sessions() == []
    target.close()


def test_a_database_failure_mid_import_rolls_back(source: Store, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from mockint.core.history.db import bulk as session_import

    text = export_json(source.sessions())
    target = Store.open(_other_home(tmp_path))
    # Answers are written after the sessions: make that statement fail once sessions went in.
    monkeypatch.setattr(session_import, "INSERT_ANSWER", session_import.INSERT_ANSWER.replace("answers", "nope", 1))
    with pytest.raises(MockintError) as err:
        import_json(text, target)
    assert err.value.exit_code == 1
    assert target.count_sessions() == 0
    target.close()


def test_minimal_hand_written_export_imports(source: Store, tmp_path: Path) -> None:
    doc = {
        "format": 1,
        "sessions": [{
            "id": "s1", "started_at": "2026-11-16T10:00:00+01:00", "ended_at": None, "status": "complete",
            "pack": "behavioral-star", "plan": None,
            "answers": [{"pack": "behavioral-star", "question_id": "q", "question_text": "Why?",
                         "category": None, "target_seconds": 60, "elapsed_seconds": 75, "ratings": {"clarity": 2},
                         "overall": None, "notes": "", "asked_at": "2026-11-16T10:01:00+01:00"}],
        }],
    }
    target = Store.open(_other_home(tmp_path))
    import_json(json.dumps(doc), target)
    s = target.get_session("s1")
    assert s.started_at.isoformat() == "2026-11-16T09:00:00+00:00" and s.question_count == 1
    a = s.answers[0]
    assert a.overtime_seconds == 15.0 and a.answered_at == a.asked_at and a.elapsed_seconds == 75.0
    target.close()


def test_csv_has_one_row_per_answer(source: Store) -> None:
    sessions = source.sessions()
    rows = list(csv.DictReader(io.StringIO(export_csv(sessions))))
    assert len(rows) == 9
    assert {"rating:structure", "rating:clarity", "notes", "question_text"} <= set(rows[0])
    assert rows[0]["rating:structure"] == "3" and rows[0]["notes"].endswith("two 0")
    assert rows[1]["skipped"] == "yes" and rows[1]["rating:structure"] == ""


def test_markdown_report_is_readable(source: Store) -> None:
    md = export_markdown(source.sessions())
    assert md.startswith("# mockint practice sessions")
    assert md.count("\n## ") == 3 and "### 1. Question a?" in md
    assert "> line one\n> line two 0" in md and "Skipped." in md and "+0:13 over" in md
    assert export_markdown([]).strip().endswith("No sessions.")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=_json)
def test_fuzz_any_json_imports_or_is_refused(source: Store, doc: Any) -> None:
    try:
        import_json(json.dumps(doc), source)
    except MockintError:
        pass


_FIELDS = st.sampled_from(["id", "started_at", "ended_at", "status", "pack", "plan", "seed", "questions",
                           "title", "answers"])
_ANSWER_FIELDS = st.sampled_from(["index", "pack", "question_id", "question_text", "category", "target_seconds",
                                  "elapsed_seconds", "overtime_seconds", "ratings", "overall", "notes",
                                  "typed_points", "feedback", "follow_ups_asked", "skipped", "asked_at",
                                  "answered_at", "avg_rating"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_mutated_exports_import_or_are_refused(source: Store, tmp_path: Path, data: st.DataObject) -> None:
    doc = copy.deepcopy(_BASE.setdefault("doc", _doc(source)))
    session = doc["sessions"][data.draw(st.integers(0, 2))]
    if data.draw(st.booleans()):
        session[data.draw(_FIELDS)] = data.draw(_json)
    else:
        session["answers"][data.draw(st.integers(0, 2))][data.draw(_ANSWER_FIELDS)] = data.draw(_json)
    session["id"] = data.draw(st.text("abcdef0123456789", min_size=1, max_size=8))
    try:
        report = import_json(json.dumps(doc), source)
    except MockintError:
        return
    for sid in report.added:  # what went in comes out readable
        source.get_session(sid).to_json()


_BASE: dict[str, Any] = {}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fast_answer_path_is_exactly_as_strict_as_the_checked_one(source: Store, data: st.DataObject) -> None:
    base = _BASE.setdefault("doc", _doc(source))["sessions"][0]["answers"][0]
    obj = copy.deepcopy(base)
    for _ in range(data.draw(st.integers(0, 3))):
        key = data.draw(_ANSWER_FIELDS | st.text(max_size=6))
        if data.draw(st.booleans()) and key in obj:
            del obj[key]
        else:
            obj[key] = data.draw(_json | st.sampled_from([1, 5, 0.5, "x", "2026-11-16T09:00:00+00:00", {}]))
    checker = session_validate._Checker("t")
    checked = session_validate._answer_checked(checker, obj, "a", 3)
    fast = session_validate._answer_fast(obj, 3)
    assert (checked is None) == bool(checker.errors)
    assert fast == checked


def test_a_note_as_long_as_the_app_allows_exports_and_imports(source: Store, clock: Clock,
                                                               tmp_path: Path) -> None:
    from mockint.core.history import limits

    sid = source.create_session(interview("a"))
    source.save_answer(sid, answer(0, "a", clock.advance(minutes=1), notes="n" * 100_010))
    longest = source.create_session(interview("a"))
    source.save_answer(longest, answer(0, "a", clock.advance(minutes=1), notes="n" * limits.MAX_NOTES))
    with pytest.raises(ValueError, match="notes"):
        source.save_answer(longest, answer(0, "a", clock.value, notes="n" * (limits.MAX_NOTES + 1)))
    target = Store.open(_other_home(tmp_path))
    report = import_json(export_json(source.sessions()), target)
    assert sid in report.added and longest in report.added
    assert target.get_session(longest).answers[0].notes == "n" * limits.MAX_NOTES
    target.close()


def test_an_export_over_64_mib_imports_again(source: Store, clock: Clock, tmp_path: Path) -> None:
    """The old import refused files over 64 MiB, which `export --all` of ~15,000 sessions passes."""
    from mockint.core.history import limits
    from mockint.core.history.io.export import import_file, write_json

    note = "x" * limits.MAX_NOTES
    records = []
    for i in range(340):
        record = copy.deepcopy(source.sessions()[0])
        record.id = f"big-{i:04d}"
        record.answers = [dataclasses.replace(record.answers[0], notes=note)]
        records.append(record)
    source.import_sessions(records)
    backup = tmp_path / "backup.json"
    with backup.open("w", encoding="utf-8") as out:
        write_json(source.iter_sessions(), out)
    assert backup.stat().st_size > 64 * 1024 * 1024
    target = Store.open(_other_home(tmp_path))
    with backup.open(encoding="utf-8") as fh:
        report = import_file(fh, target)
    assert len(report.added) == 343 and target.count_sessions() == 343
    assert target.get_session("big-0339").answers[0].notes == note
    target.close()
