"""Shared output helpers for the commands: JSON, warnings, errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import click

from mockint.core.errors import Diagnostic

_quote: Callable[[str], str] | None
try:
    # The C function json itself quotes strings with when ensure_ascii is off.
    from _json import encode_basestring as _quote
except ImportError:  # an interpreter without json's accelerator: json does all of it
    _quote = None


def json_text(data: Any) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=False)`, byte for byte.

    Plain data (dicts with string keys, lists, tuples, strings, ints, finite floats, booleans,
    None) is written here, so a quick command such as `mockint history --json` does not import
    json (its parser and half a dozen regular expressions cost about 2 ms at start-up); json
    writes anything else. tests/test_cli_output.py compares the two.
    """
    if _quote is not None:
        parts: list[str] = []
        if _write(data, "\n", parts, _quote):
            return "".join(parts)
    import json

    return json.dumps(data, indent=2, ensure_ascii=False)


def _write(value: Any, newline: str, out: list[str], quote: Callable[[str], str]) -> bool:
    """Append the JSON of `value` to `out` (json's order of type tests); False if json must do it."""
    if isinstance(value, str):
        out.append(quote(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return False
        out.append(float.__repr__(value))
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return True
        inner = newline + "  "
        out.append("[")
        for i, item in enumerate(value):
            out.append("," + inner if i else inner)
            if not _write(item, inner, out, quote):
                return False
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return True
        inner = newline + "  "
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                return False
            out.append(("," + inner if i else inner) + quote(key) + ": ")
            if not _write(item, inner, out, quote):
                return False
        out.append(newline + "}")
    else:
        return False
    return True


def echo_json(data: Any) -> None:
    click.echo(json_text(data))


def echo_diagnostics(diags: Iterable[Diagnostic]) -> None:
    for d in diags:
        click.echo(d.format(), err=True)
