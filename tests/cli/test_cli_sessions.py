"""The session commands as a person runs them: outputs, JSON shapes of docs/cli.md, exit codes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mockint.core.history.db.store import Store
from mockint.entry import main
from tests.support.store_helpers import T0, Clock, answer, interview

HISTORY_KEYS = {"id", "started_at", "ended_at", "status", "pack", "plan", "answers", "avg_rating"}
ANSWER_KEYS = {"pack", "question_id", "question_text", "category", "target_seconds", "elapsed_seconds",
               "ratings", "overall", "notes", "asked_at"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `mockint ARGS` through the real entry point: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out.out, out.err


@pytest.fixture
def ids() -> list[str]:
    clock = Clock()
    store = Store.open(now=clock)
    made = []
    for i in range(3):
        clock.value = T0 + timedelta(days=i)
        sid = store.create_session(interview("a", "b", pack="behavioral-star" if i != 1 else "product-sense"))
        store.save_answer(sid, answer(0, "a", clock.advance(minutes=1), ratings={"structure": 2 + i},
                                      notes="Keep it short"))
        if i < 2:
            store.save_answer(sid, answer(1, "b", clock.advance(minutes=2), overall=5, ratings={}))
            store.finish_session(sid)
        made.append(sid)
    store.close()
    return made


def _is_iso_with_offset(value: Any) -> bool:
    return isinstance(value, str) and datetime.fromisoformat(value).utcoffset() is not None


def test_history_json_shape_newest_first_and_limit(capsys: pytest.CaptureFixture[str], ids: list[str]) -> None:
    code, out, _ = run(capsys, "history", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ids[::-1]
    for r in rows:
        assert set(r) >= HISTORY_KEYS
        assert r["status"] in ("complete", "incomplete") and _is_iso_with_offset(r["started_at"])
        assert r["ended_at"] is None or _is_iso_with_offset(r["ended_at"])
    assert rows[0]["status"] == "incomplete" and rows[0]["answers"] == 1 and rows[0]["avg_rating"] == 4.0
    assert rows[2]["answers"] == 2 and rows[2]["avg_rating"] == 3.5  # mean of 2 (rubric) and 5 (overall)
    code, out, _ = run(capsys, "history", "--json", "--limit", "1")
    assert [r["id"] for r in json.loads(out)] == [ids[2]]
    _, out, _ = run(capsys, "history", "--json", "--pack", "product-sense")
    assert [r["id"] for r in json.loads(out)] == [ids[1]]


def test_history_text_and_empty(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history")
    assert code == 0 and "No practice sessions yet" in out
    code, out, _ = run(capsys, "history", "--json")
    assert code == 0 and json.loads(out) == []


def test_history_text_table(capsys: pytest.CaptureFixture[str], ids: list[str]) -> None:
    code, out, _ = run(capsys, "history")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("ID") and len(lines) == 4
    assert lines[1].startswith(ids[2][:8]) and "incomplete" in lines[1] and "1/2" in lines[1]


def test_show_json_shape(capsys: pytest.CaptureFixture[str], ids: list[str]) -> None:
    code, out, _ = run(capsys, "show", ids[0], "--json")
    assert code == 0
    s = json.loads(out)
    assert (HISTORY_KEYS - {"answers"}) <= set(s) and s["id"] == ids[0]
    assert len(s["answers"]) == 2
    for a in s["answers"]:
        assert set(a) >= ANSWER_KEYS and _is_iso_with_offset(a["asked_at"])
        assert all(isinstance(v, int) and 1 <= v <= 5 for v in a["ratings"].values())
    assert s["answers"][0]["ratings"] == {"structure": 2} and s["answers"][1]["overall"] == 5
    assert s["answers"][0]["notes"] == "Keep it short"
    # A unique prefix works too, and the text form shows the answers.
    code, out, _ = run(capsys, "show", ids[0][:8])
    assert code == 0 and "Question a?" in out and "Keep it short" in out


def test_show_unknown_id_exits_1(capsys: pytest.CaptureFixture[str], ids: list[str]) -> None:
    code, out, err = run(capsys, "show", "does-not-exist", "--json")
    assert code == 1 and out == ""
    assert err.strip().endswith('error: no session with id "does-not-exist"') and "Traceback" not in err


def test_stats_json(capsys: pytest.CaptureFixture[str], ids: list[str]) -> None:
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0
    s = json.loads(out)
    assert s["sessions"] == 3 and s["complete"] == 2 and s["answers"] == 5
    assert {c["category"] for c in s["categories"]} == {"leadership"}
    assert {d["dimension"] for d in s["dimensions"]} == {"structure"}
    assert s["dimensions"][0]["weeks"][0]["week"] == "2026-W47"
    assert {"weeks", "overtime_rate", "current_streak", "longest_streak", "weakest"} <= set(s)
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "By category:" in out and "By rubric dimension:" in out


def test_export_needs_ids_or_all(capsys: pytest.CaptureFixture[str], ids: list[str]) -> None:
    assert run(capsys, "export")[0] == 2
    assert run(capsys, "export", "--all", ids[0])[0] == 2
    code, _, err = run(capsys, "export", "nope-nope")
    assert code == 1 and "no session" in err


def test_export_formats_and_atomic_file(capsys: pytest.CaptureFixture[str], ids: list[str], tmp_path: Path) -> None:
    target = tmp_path / "out" / "backup.json"
    code, out, err = run(capsys, "export", "--all", "-o", str(target))
    assert code == 0 and out == "" and "Exported 3 sessions" in err
    doc = json.loads(target.read_text())
    assert doc["format"] == 1 and _is_iso_with_offset(doc["exported_at"])
    _, shown, _ = run(capsys, "show", ids[1], "--json")
    assert doc["sessions"][1] == json.loads(shown)  # SESSION is exactly `show --json`
    assert [p.name for p in target.parent.iterdir()] == ["backup.json"]  # no temp file left
    code, out, _ = run(capsys, "export", ids[2], ids[0], "--format", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 1 + 3 and out.splitlines()[1].startswith(ids[2])
    code, out, _ = run(capsys, "export", ids[0], "--format", "md")
    assert code == 0 and out.startswith("# mockint practice sessions")


def test_import_sessions_round_trip_and_idempotent(capsys: pytest.CaptureFixture[str], ids: list[str],
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = tmp_path / "backup.json"
    run(capsys, "export", "--all", "-o", str(backup))
    _, before, _ = run(capsys, "history", "--json")
    monkeypatch.setenv("MOCKINT_HOME", str(tmp_path / "restored"))
    code, out, _ = run(capsys, "import-sessions", str(backup))
    assert code == 0 and out.startswith("Imported 3 sessions with 5 answers; 0 already present")
    _, after, _ = run(capsys, "history", "--json")
    assert json.loads(after) == json.loads(before)
    code, out, _ = run(capsys, "import-sessions", str(backup))
    assert code == 0 and out.startswith("Imported 0 sessions with 0 answers; 3 already present")


def test_reimporting_changed_content_is_a_conflict_naming_the_id(
        capsys: pytest.CaptureFixture[str], ids: list[str], tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    run(capsys, "export", "--all", "-o", str(backup))
    doc = json.loads(backup.read_text())
    doc["sessions"][0]["answers"][0]["notes"] = "changed since the backup"
    doc["sessions"].append({**doc["sessions"][2], "id": "brand-new"})
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(doc))
    code, out, err = run(capsys, "import-sessions", str(changed))
    sid = doc["sessions"][0]["id"]
    assert code == 1
    assert out.startswith("Imported 1 session with 1 answer; 2 already present, left unchanged.")
    assert f"conflict: session {sid} is already stored with different content" in err
    assert "left unchanged" not in err
    _, shown, _ = run(capsys, "show", sid, "--json")
    assert json.loads(shown)["answers"][0]["notes"] == "Keep it short"  # the stored one is kept


def test_import_sessions_refusals(capsys: pytest.CaptureFixture[str], ids: list[str], tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    run(capsys, "export", "--all", "-o", str(backup))
    doc = json.loads(backup.read_text())
    doc["sessions"][1]["answers"][0]["overall"] = 9
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    code, out, err = run(capsys, "import-sessions", str(bad))
    sid = doc["sessions"][1]["id"]
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f'{bad}: error: sessions[1] (id "{sid}").answers[0].overall: expected an integer 1..5 or null, found 9'
    ]
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": 1,\n  "sessions": [,]}')
    code, _, err = run(capsys, "import-sessions", str(broken))
    assert code == 2 and err.startswith(f"{broken}:2:16: error: not valid JSON")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    code, _, err = run(capsys, "import-sessions", str(binary))
    assert code == 2 and "not UTF-8" in err
    code, _, err = run(capsys, "import-sessions", str(tmp_path / "missing.json"))
    assert code == 1 and "cannot read" in err and "Traceback" not in err


def test_a_corrupt_database_is_reported_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    from mockint.core.paths import get_paths

    paths = get_paths().ensure()
    paths.database.write_bytes(b"garbage" * 1000)
    code, out, err = run(capsys, "history", "--json")
    assert code == 0 and json.loads(out) == []
    assert "warning:" in err and "moved to" in err
    assert len(list(paths.broken_dir.iterdir())) == 1


def test_review_opens_the_tui_on_the_review_screen(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import mockint.tui.launch

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(mockint.tui.launch, "launch", lambda **kw: calls.append(kw))
    assert run(capsys, "review", "--theme", "nord")[0] == 0
    assert run(capsys, "--theme", "gruvbox", "review")[0] == 0
    assert calls == [{"theme": "nord", "screen": "review"}, {"theme": "gruvbox", "screen": "review"}]


def test_text_from_others_cannot_forge_history_or_show_lines(capsys: pytest.CaptureFixture[str]) -> None:
    clock = Clock()
    store = Store.open(now=clock)
    forged = "Fine\n00000000  2026-01-01 00:00  complete    9/9       5.00  fake"
    iv = interview("a")
    iv = type(iv)(title=forged + "\u202egnp.exe", pack_id=iv.pack_id, plan_id=iv.plan_id, seed=iv.seed,
                  questions=iv.questions, skipped=iv.skipped)
    sid = store.create_session(iv, tag="Acme\u200b")
    store.save_answer(sid, answer(0, "a", clock.advance(minutes=1), notes="ok\n2. Forged question\u2028x"))
    store.close()
    code, out, _ = run(capsys, "history")
    assert code == 0 and len(out.splitlines()) == 2  # the header and one row
    assert "Fine\\n00000000" in out and "\\u202e" in out and "\u202e" not in out and "\\u200b" in out
    code, out, _ = run(capsys, "show", sid)
    assert code == 0 and "\u202e" not in out and "\u2028" not in out
    assert not any(line.startswith("2. Forged") for line in out.splitlines())
    assert "     2. Forged question\\u2028x" in out


ODD_TIMES = [
    ("9999-12-31T23:59:59+00:00", 253402300799.0),
    ("0001-01-01T00:00:00+00:00", -62135596800.0),
    ("not a time", "not a number"),
    ("2026-11-16T09:00:00", 1e300),
]


@pytest.mark.parametrize("zone", ["Etc/GMT-14", "Etc/GMT+12", "UTC"])
def test_odd_times_in_the_database_never_crash_the_readers(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    import sqlite3
    import time

    from mockint.core.history import queries

    clock = Clock()
    store = Store.open(now=clock)
    ids = []
    for text, ts in ODD_TIMES:
        sid = store.create_session(interview("a", "b"))
        store.save_answer(sid, answer(0, "a", clock.advance(minutes=1)))
        ids.append(sid)
        with sqlite3.connect(store.paths.database_file) as conn:
            conn.execute("UPDATE sessions SET started_at = ?, started_ts = ?, ended_at = ?, ended_ts = ? "
                         "WHERE id = ?", (text, ts, text, ts, sid))
            conn.execute("UPDATE answers SET asked_at = ?, asked_ts = ?, answered_at = ?, answered_ts = ? "
                         "WHERE session_id = ?", (text, ts, text, ts, sid))
    store.close()
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        for args in (["history"], ["history", "--json"], ["stats"], ["stats", "--json"],
                     *(["show", sid] for sid in ids), *(["show", sid, "--json"] for sid in ids),
                     ["export", "--all", "--format", "md"], ["export", "--all", "--format", "csv"]):
            code, _, err = run(capsys, *args)
            assert code == 0, (args, err)
        store = Store.open(now=clock)
        try:
            queries.weekly_breakdown(store, since=T0 - timedelta(days=3650), utc_offset_seconds=14 * 3600)
            queries.weekly_breakdown(store, since=T0 - timedelta(days=3650), utc_offset_seconds=-12 * 3600)
            assert store.weakest_questions(limit=10)
            assert len(store.list_sessions(sort="ended_at")) == len(ODD_TIMES)
        finally:
            store.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
