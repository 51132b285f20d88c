"""Strict validation of a session export (docs/data-formats.md) into SessionRecords.

Every problem is reported, not just the first, each naming its key path, e.g.
`sessions[2] (id "abc").answers[1].overall: expected an integer 1..5 or null, found "5"`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any, TypeVar

from mockint.core.errors import Diagnostic, MockintError
from mockint.core.history import limits
from mockint.core.history.io.fields import (
    INT64,
    MAX_SECONDS,
    SESSION_ID_RE,
    Invalid,
    boolean,
    fail,
    feedback_object,
    integer,
    opt_slug,
    opt_text_field,
    opt_timestamp,
    rating_map,
    seconds,
    show,
    slug,
    string_list,
    tag_field,
    text_field,
    timestamp,
)
from mockint.core.history.io.stream import read_export
from mockint.core.history.records import AnswerRecord, SessionRecord

MAX_ERRORS = 50

T = TypeVar("T")

_SESSION_KEYS = {"id", "title", "started_at", "ended_at", "status", "pack", "plan", "seed", "questions",
                 "avg_rating", "answers", "tag", "ended_early"}
_ANSWER_KEYS = {"index", "pack", "pack_version", "question_id", "question_text", "category",
                "target_seconds", "elapsed_seconds", "overtime_seconds", "ratings", "overall", "avg_rating",
                "notes", "typed_points", "feedback", "follow_ups_asked", "skipped", "asked_at",
                "answered_at", "transcript", "speech"}


class _Checker:
    """Collects diagnostics while reading one export."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[Diagnostic] = []

    def error(self, key: str, message: str) -> None:
        self.errors.append(Diagnostic(message, self.source, key=key))

    def field(self, obj: dict[str, Any], where: str, name: str, conv: Callable[[Any], T],
              default: Callable[[], T] | None = None) -> T | None:
        """conv(obj[name]); a missing key uses `default` (or is an error when there is none)."""
        key = f"{where}.{name}" if where else name
        if name not in obj:
            if default is not None:
                return default()
            self.error(key, "missing")
            return None
        try:
            return conv(obj[name])
        except Invalid as exc:
            self.error(key, str(exc))
            return None

    def unknown(self, obj: dict[str, Any], where: str, allowed: set[str]) -> None:
        for name in obj:
            if name not in allowed:
                self.error(f"{where}.{name}" if where else name, "unknown key")


_ANSWER_REQUIRED = frozenset({"pack", "question_id", "question_text", "category", "target_seconds",
                              "elapsed_seconds", "ratings", "overall", "notes", "asked_at"})
_MAX_TARGET = int(MAX_SECONDS)
_MAX_INDEX = limits.MAX_QUESTIONS - 1


def _answer_fast(o: Any, position: int) -> AnswerRecord | None:
    """A well-formed answer, converted without bookkeeping; None if anything is off.

    Uses the very converters of `_answer_checked` (so it is exactly as strict); that slower
    path runs only when this one says None, to name every problem. Imports of tens of
    thousands of answers depend on this being quick.
    """
    if type(o) is not dict or not o.keys() >= _ANSWER_REQUIRED or not o.keys() <= _ANSWER_KEYS:
        return None
    try:
        elapsed = seconds(o["elapsed_seconds"])
        target = integer(o["target_seconds"], 0, _MAX_TARGET)
        assert target is not None
        avg = o.get("avg_rating")
        if avg is not None and type(avg) not in (int, float):
            return None
        return AnswerRecord(
            index=integer(o["index"], 0, _MAX_INDEX) if "index" in o else position,  # type: ignore[arg-type]
            pack_id=slug(o["pack"]),
            pack_version=(text_field(o["pack_version"], max_len=limits.MAX_PACK_VERSION)
                          if "pack_version" in o else ""),
            question_id=slug(o["question_id"]),
            question_text=text_field(o["question_text"], max_len=limits.MAX_QUESTION_TEXT),
            category=opt_slug(o["category"]),
            target_seconds=target,
            elapsed_seconds=elapsed,
            overtime_seconds=(seconds(o["overtime_seconds"]) if "overtime_seconds" in o
                              else max(0.0, elapsed - target)),
            ratings=rating_map(o["ratings"]),
            overall=integer(o["overall"], 1, 5, nullable=True),
            notes=text_field(o["notes"], max_len=limits.MAX_NOTES),
            typed_points=(text_field(o["typed_points"], max_len=limits.MAX_TYPED_POINTS)
                          if "typed_points" in o else ""),
            feedback=feedback_object(o["feedback"]) if "feedback" in o else None,
            follow_ups_asked=string_list(o["follow_ups_asked"]) if "follow_ups_asked" in o else [],
            skipped=boolean(o["skipped"]) if "skipped" in o else False,
            asked_at=timestamp(o["asked_at"]),
            answered_at=opt_timestamp(o["answered_at"]) if "answered_at" in o else None,
            transcript=_transcript(o["transcript"]) if "transcript" in o else None,
            speech=feedback_object(o["speech"]) if "speech" in o else None,
        )
    except Invalid:
        return None


def _answer(c: _Checker, obj: Any, where: str, position: int) -> AnswerRecord | None:
    fast = _answer_fast(obj, position)
    return fast if fast is not None else _answer_checked(c, obj, where, position)


def _answer_checked(c: _Checker, obj: Any, where: str, position: int) -> AnswerRecord | None:
    if not isinstance(obj, dict):
        c.error(where, f"expected an object, found {show(obj)}")
        return None
    before = len(c.errors)
    c.unknown(obj, where, _ANSWER_KEYS)
    f = c.field
    index = f(obj, where, "index", lambda v: integer(v, 0, _MAX_INDEX), lambda: position)
    pack = f(obj, where, "pack", slug)
    version = f(obj, where, "pack_version", lambda v: text_field(v, max_len=limits.MAX_PACK_VERSION), lambda: "")
    qid = f(obj, where, "question_id", slug)
    qtext = f(obj, where, "question_text", lambda v: text_field(v, max_len=limits.MAX_QUESTION_TEXT))
    category = f(obj, where, "category", opt_slug)
    target = f(obj, where, "target_seconds", lambda v: integer(v, 0, int(MAX_SECONDS)))
    elapsed = f(obj, where, "elapsed_seconds", seconds)
    ratings = f(obj, where, "ratings", rating_map)
    overall = f(obj, where, "overall", lambda v: integer(v, 1, 5, nullable=True))
    notes = f(obj, where, "notes", lambda v: text_field(v, max_len=limits.MAX_NOTES))
    asked = f(obj, where, "asked_at", timestamp)
    over_default = max(0.0, (elapsed or 0.0) - (target or 0))
    overtime = f(obj, where, "overtime_seconds", seconds, lambda: over_default)
    f(obj, where, "avg_rating", lambda v: v if v is None or type(v) in (int, float) else _raise_number(v),
      lambda: None)
    typed = f(obj, where, "typed_points", lambda v: text_field(v, max_len=limits.MAX_TYPED_POINTS), lambda: "")
    feedback = f(obj, where, "feedback", feedback_object, lambda: None)
    follow_ups = f(obj, where, "follow_ups_asked", string_list, _no_strings)
    skipped = f(obj, where, "skipped", boolean, lambda: False)
    answered = f(obj, where, "answered_at", opt_timestamp, lambda: None)
    transcript = f(obj, where, "transcript", _transcript, lambda: None)
    speech = f(obj, where, "speech", feedback_object, lambda: None)
    if len(c.errors) > before:
        return None
    assert index is not None and pack is not None and qid is not None and qtext is not None
    assert target is not None and elapsed is not None and ratings is not None and notes is not None
    assert asked is not None and overtime is not None and version is not None and typed is not None
    assert follow_ups is not None and skipped is not None
    return AnswerRecord(index, pack, version, qid, qtext, category, target, elapsed, overtime, ratings,
                        overall, notes, typed, feedback, follow_ups, skipped, asked, answered, transcript, speech)


def _transcript(value: Any) -> str | None:
    return opt_text_field(value, max_len=limits.MAX_TRANSCRIPT)


def _no_strings() -> list[str]:
    return []


def _raise_number(value: Any) -> None:
    raise fail("a number or null", value)


def _session(c: _Checker, obj: Any, i: int, seen: set[str]) -> SessionRecord | None:
    where = f"sessions[{i}]"
    if not isinstance(obj, dict):
        c.error(where, f"expected an object, found {show(obj)}")
        return None
    raw_id = obj.get("id")
    if isinstance(raw_id, str) and SESSION_ID_RE.match(raw_id):
        where = f'{where} (id "{raw_id}")'
    before = len(c.errors)
    c.unknown(obj, where, _SESSION_KEYS)
    f = c.field
    sid = f(obj, where, "id", lambda v: v if isinstance(v, str) and SESSION_ID_RE.match(v)
            else _raise(fail("an id of 1..64 letters, digits, '.', '_' or '-'", v)))
    if sid is not None and sid in seen:
        c.error(f"{where}.id", "the same id appears earlier in this file")
    if sid is not None:
        seen.add(sid)
    title = f(obj, where, "title", lambda v: text_field(v, max_len=limits.MAX_TITLE), lambda: "")
    started = f(obj, where, "started_at", timestamp)
    ended = f(obj, where, "ended_at", opt_timestamp, lambda: None)
    status = f(obj, where, "status", lambda v: v if v in ("complete", "incomplete")
               else _raise(fail('"complete" or "incomplete"', v)))
    pack = f(obj, where, "pack", opt_slug)
    plan = f(obj, where, "plan", opt_slug)
    seed = f(obj, where, "seed", lambda v: integer(v, -INT64 - 1, INT64, nullable=True), lambda: None)
    tag = f(obj, where, "tag", tag_field, lambda: None)
    ended_early = f(obj, where, "ended_early", boolean, lambda: False)
    f(obj, where, "avg_rating", lambda v: v if v is None or type(v) in (int, float) else _raise_number(v),
      lambda: None)
    answers: list[AnswerRecord] = []
    raw_answers = obj.get("answers")
    if "answers" not in obj:
        c.error(f"{where}.answers", "missing")
    elif not isinstance(raw_answers, list):
        c.error(f"{where}.answers", f"expected a list of answers, found {show(raw_answers)}")
    else:
        indexes: set[int] = set()
        for j, raw in enumerate(raw_answers):
            a = _answer(c, raw, f"{where}.answers[{j}]", j)
            if a is not None:
                if a.index in indexes:
                    c.error(f"{where}.answers[{j}].index", f"index {a.index} appears twice in this session")
                indexes.add(a.index)
                answers.append(a)
    count = f(obj, where, "questions", lambda v: integer(v, 0, limits.MAX_QUESTIONS), lambda: len(answers))
    if len(c.errors) > before:
        return None
    assert sid is not None and started is not None and status is not None and count is not None
    return SessionRecord(sid, title or "", started, ended, status, pack, plan, seed, count,
                         sorted(answers, key=lambda a: a.index), tag, bool(ended_early))


def _raise(exc: Invalid) -> Any:
    raise exc


def _format(value: Any, source: str) -> None:
    if value != 1 or type(value) is not int:
        raise MockintError(f"expected 1 (this mockint reads format 1), found {show(value)}",
                           path=source, key="format")


def iter_export(fh: IO[str], *, source: str = "<input>") -> Iterator[SessionRecord]:
    """The sessions of a format-1 export read from `fh`, one at a time (bounded memory).

    Once a problem is found no more sessions are yielded, and when the file is read MockintError
    (exit 2) lists every problem; a caller writing the sessions as they come (in one transaction)
    then rolls back.
    """
    c = _Checker(source)
    seen: set[str] = set()
    members: set[str] = set()
    fmt_seen = False
    i = 0
    for key, value in read_export(fh, source):
        if key == "session":
            s = _session(c, value, i, seen)
            i += 1
            if s is not None and not c.errors:
                yield s
        else:
            if key in members:
                c.error(key, "appears twice")
            members.add(key)
            if key == "format":
                _format(value, source)
                fmt_seen = True
            elif key == "exported_at":
                c.field({key: value}, "", key, opt_timestamp)
            elif key == "sessions":
                if not isinstance(value, list):
                    c.error("sessions", f"expected a list of sessions, found {show(value)}")
            else:
                c.error(key, "unknown key")
        if len(c.errors) > MAX_ERRORS:
            break
    if not fmt_seen and len(c.errors) <= MAX_ERRORS:
        _format(None, source)
    if "sessions" not in members and len(c.errors) <= MAX_ERRORS:
        c.error("sessions", "expected a list of sessions, found nothing")
    if c.errors:
        shown = c.errors[:MAX_ERRORS]
        if len(c.errors) > MAX_ERRORS:
            shown.append(Diagnostic("too many errors; stopped here", source))
        raise MockintError(diagnostics=shown)


def parse_export(text: str, *, source: str = "<input>") -> list[SessionRecord]:
    """Every session of a format-1 export held in memory, or MockintError (exit 2) listing every problem."""
    import io

    return list(iter_export(io.StringIO(text), source=source))
