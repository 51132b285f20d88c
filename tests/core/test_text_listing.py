"""escape_for_listing: text from others cannot forge a line of a table or listing."""

from __future__ import annotations

import pytest

from mockint.core.text import escape_for_listing


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain title", "plain title"),
        ("two\nlines", "two\\nlines"),
        ("cr\rtab\t", "cr\\rtab\\t"),
        ("\x1b[31mred", "\\u001b[31mred"),
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("line\u2028sep\u2029", "line\\u2028sep\\u2029"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("café 😀 日本", "café 😀 日本"),
    ],
)
def test_hidden_characters_are_escaped_visible_ones_kept(text: str, shown: str) -> None:
    assert escape_for_listing(text) == shown


def test_result_is_one_printable_line() -> None:
    every = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c <= 0xDFFF)
    out = escape_for_listing(every)
    assert "\n" not in out and "\r" not in out and "\u202e" not in out and "\u200b" not in out
