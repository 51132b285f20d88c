"""Shared text rules: slugs, control characters, newline normalisation."""

from __future__ import annotations

import pytest

from mockint.core.text import find_control, is_slug, normalise_newlines, slugify


@pytest.mark.parametrize("value", ["a", "abc", "a-b", "a1", "0", "x" * 64])
def test_valid_slugs(value: str) -> None:
    assert is_slug(value)


@pytest.mark.parametrize("value", ["", "-a", "a-", "A", "a_b", "a b", "abc\n", "x" * 65, "../etc", "é"])
def test_invalid_slugs(value: str) -> None:
    assert not is_slug(value)


def test_control_characters_found_but_tab_and_newline_allowed() -> None:
    assert find_control("a\tb\nc") is None
    assert find_control("a\x1b[31m") == 1
    assert find_control("\x7f") == 0
    assert find_control("x\x85") == 1


def test_newlines_normalised() -> None:
    assert normalise_newlines("a\r\nb\rc") == "a\nb\nc"


def test_slugify() -> None:
    assert slugify("Tell me about yourself!") == "tell-me-about-yourself"
    assert slugify("Café Ünïcode") == "cafe-unicode"
    assert len(slugify("word " * 40)) <= 64


def test_diagnostic_without_a_file_names_the_program() -> None:
    from mockint.core.errors import Diagnostic

    assert Diagnostic("unknown pack", key="--pack").format() == "mockint: error: --pack: unknown pack"
    assert Diagnostic("bad", path="p.toml", line=3, col=7).format() == "p.toml:3:7: error: bad"
    assert Diagnostic("meh", path="p.toml", severity="warning").format() == "p.toml: warning: meh"


def test_one_line_replaces_every_control_character() -> None:
    from mockint.core.text import one_line

    assert one_line("a\tb\nc\x1b[31md\x7f\x9b") == "a?b?c?[31md??"
    assert one_line("plain – text ✓") == "plain – text ✓"
    assert one_line("\r", replacement="") == ""


def test_escape_controls_writes_them_out() -> None:
    from mockint.core.text import escape_controls

    assert escape_controls("a\x1b[2Jb\tc\nd\x9b") == "a\\u001b[2Jb\\u0009c\\u000ad\\u009b"
    assert escape_controls("a\x1b\tc\nd", keep_lines=True) == "a\\u001b\tc\nd"
    assert escape_controls("plain ✓") == "plain ✓"
