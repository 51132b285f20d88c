"""Converters for the fields of a session export: each returns the value or raises Invalid
saying what was expected (shared by the fast and the checked path of session_validate)."""

from __future__ import annotations

import functools
import json
import math
import re
from datetime import datetime
from typing import Any

from mockint.core.history import limits
from mockint.core.history.summary import parse_iso
from mockint.core.text import find_control, is_slug

SESSION_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
INT64 = 2**63 - 1
MAX_SECONDS = limits.MAX_SECONDS
_MAX_DEPTH = 20
# The control characters of mockint.core.text (which see), and lone surrogates SQLite cannot store.
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")



class Invalid(Exception):
    """One field failed; the message says what was expected."""


def show(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def fail(expected: str, value: Any) -> Invalid:
    return Invalid(f"expected {expected}, found {show(value)}")


def text_field(value: Any, *, max_len: int, min_len: int = 0, what: str = "a string") -> str:
    if not isinstance(value, str):
        raise fail(what, value)
    if not min_len <= len(value) <= max_len:
        raise Invalid(f"expected {min_len}..{max_len} characters, found {len(value)}")
    if value.isascii() and value.isprintable():  # the common case, without a regex
        return value
    bad = _BAD_CHAR.search(value)
    if bad is not None:
        if find_control(value) == bad.start():
            raise Invalid(f"control character U+{ord(bad.group()):04X} at offset {bad.start()} is not allowed")
        raise Invalid(f"invalid Unicode (a lone surrogate) at offset {bad.start()}")
    return value


def opt_text_field(value: Any, *, max_len: int) -> str | None:
    return None if value is None else text_field(value, max_len=max_len, what="a string or null")


def tag_field(value: Any) -> str | None:
    """A session tag: null, or one line of at most limits.MAX_TAG characters."""
    if value is None:
        return None
    text = text_field(value, max_len=limits.MAX_TAG, what="a string or null")
    if "\n" in text or "\t" in text:
        raise Invalid("expected one line (no line breaks or tabs)")
    return text.strip() or None


@functools.lru_cache(maxsize=50_000)
def is_slug_cached(value: str) -> bool:
    """`is_slug`, remembered: an export repeats the same few pack, question and dimension ids
    tens of thousands of times (bounded, so a hostile file cannot grow it without limit)."""
    return is_slug(value)


def slug(value: Any) -> str:
    if type(value) is not str or not is_slug_cached(value):
        raise fail("a slug (lowercase letters, digits and inner hyphens, 1..64)", value)
    return value


def opt_slug(value: Any) -> str | None:
    return None if value is None else slug(value)


def integer(value: Any, lo: int, hi: int, *, nullable: bool = False) -> int | None:
    if value is None and nullable:
        return None
    if type(value) is not int or not lo <= value <= hi:
        raise fail(f"an integer {lo}..{hi}" + (" or null" if nullable else ""), value)
    return value


def seconds(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or not 0 <= value <= MAX_SECONDS:
        raise fail(f"a non-negative number of seconds (at most {int(MAX_SECONDS)})", value)
    return float(value)


def timestamp(value: Any) -> datetime:
    if not isinstance(value, str):
        raise fail("an ISO 8601 time with a UTC offset", value)
    try:
        dt = parse_iso(value)
    except (ValueError, OverflowError):
        raise fail("an ISO 8601 time with a UTC offset", value) from None
    if not limits.time_in_range(dt):
        raise fail("a time between 1970 and 2200", value)
    return dt


def opt_timestamp(value: Any) -> datetime | None:
    return None if value is None else timestamp(value)


def boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise fail("true or false", value)
    return value


def rating_map(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise fail("an object of rubric dimension ids to integers 1..5", value)
    out: dict[str, int] = {}
    for k, v in value.items():
        if not is_slug_cached(k):
            raise Invalid(f"rubric dimension id {show(k)} is not a slug")
        if type(v) is not int or not 1 <= v <= 5:
            raise Invalid(f"rating of {show(k)}: expected an integer 1..5, found {show(v)}")
        out[k] = v
    return out


def _json_value(value: Any, depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        raise Invalid("nested too deeply")
    if isinstance(value, str):
        text_field(value, max_len=10_000)
    elif isinstance(value, float) and not math.isfinite(value):
        raise Invalid("numbers must be finite")
    elif type(value) is int and abs(value) > INT64:
        raise Invalid("integer out of range")
    elif isinstance(value, list):
        for item in value:
            _json_value(item, depth + 1)
    elif isinstance(value, dict):
        for k, item in value.items():
            text_field(k, max_len=200)
            _json_value(item, depth + 1)


def feedback_object(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise fail("an object or null", value)
    _json_value(value)
    return value


def string_list(value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) > limits.MAX_FOLLOW_UPS:
        raise fail(f"a list of at most {limits.MAX_FOLLOW_UPS} strings", value)
    return [text_field(v, max_len=limits.MAX_FOLLOW_UP) for v in value]
