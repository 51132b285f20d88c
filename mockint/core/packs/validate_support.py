"""Small helpers of the pack validator: key sets, patterns, and how values are named in messages."""

from __future__ import annotations

import difflib
import re
from typing import Any, Final

from mockint.core.packs.source import KeyPath
from mockint.core.text import describe_char, escape_controls, find_control, normalise_newlines, value_kind

#: How a value's type is named in messages (shared with the backgrounder and settings readers).
kind = value_kind

#: Stand-in for an absent key, so that `None` never has to mean two things.
MISSING: Final = object()

TOP_KEYS = frozenset({"format", "pack", "defaults", "categories", "rubric", "questions", "plans"})
PACK_KEYS = frozenset(
    {"id", "name", "version", "description", "author", "license", "homepage", "language", "tags", "reverse"}
)
DEFAULTS_KEYS = frozenset({"answer_seconds", "prep_seconds"})
CATEGORY_KEYS = frozenset({"id", "name", "description"})
RUBRIC_KEYS = frozenset({"id", "name", "anchors"})
QUESTION_KEYS = frozenset(
    {
        "id",
        "text",
        "category",
        "follow_ups",
        "answer_seconds",
        "prep_seconds",
        "tags",
        "difficulty",
        "guidance",
    }
)
PLAN_KEYS = frozenset({"id", "name", "description", "steps"})
STEP_KEYS = frozenset({"question", "category", "tag", "count"})
DIFFICULTIES = ("easy", "medium", "hard")

#: Arrays whose items carry an `id` worth showing in a key path.
ID_ARRAYS = frozenset({"categories", "rubric", "questions", "plans"})

# fullmatch everywhere: `$` would accept a trailing newline.
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
VERSION = re.compile(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)")
# Plausible BCP 47 (RFC 5646) tags: language[-extlang]{0,3}[-script][-region](-variant)*
# (-extension)*[-privateuse], or private use alone. The 4..8-letter language subtags that the
# grammar allows are left out (none is registered), so "english" or "French" are caught.
LANGUAGE = re.compile(
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+)"
)
_C1 = re.compile("[\x80-\x9f]")
# Every byte that may appear in the UTF-8 of allowed text: all but C0 (except tab, LF) and DEL.
# CR is in the forbidden set too, so text that needs newline normalisation takes the careful path.
_ALLOWED_BYTES = bytes(b for b in range(256) if not (b < 0x20 and b not in (0x09, 0x0A)) and b != 0x7F)

SLUG_HINT = "a slug (lowercase letters a-z, digits and inner hyphens, 1 to 64 characters)"


def needs_care(joined: str) -> bool:
    """Whether any text may hold a control character or a CR (C-speed scan of all text at once)."""
    data = joined.encode("utf-8", "surrogatepass")
    if data.translate(None, _ALLOWED_BYTES):
        return True
    # C1 controls are U+0080..U+009F, encoded as C2 80..C2 9F. C2 also starts common
    # characters (NBSP, £, ©), so look at the byte after each one; memchr-speed `find`.
    hits = data.count(b"\xc2")
    if hits > 1000:
        return _C1.search(joined) is not None
    at = data.find(b"\xc2")
    while at != -1:
        if 0x80 <= data[at + 1] <= 0x9F:
            return True
        at = data.find(b"\xc2", at + 2)
    return False


def show(value: str, limit: int = 60) -> str:
    """A user string quoted for a message: control characters escaped, long values cut."""
    cut = value if len(value) <= limit else value[: limit - 1] + "…"
    cut = cut.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escape_controls(cut, keep_lines=True) + '"'


def suggest(word: str, known: frozenset[str] | set[str] | list[str]) -> str:
    """` (did you mean "x"?)` when a known word is close, else ''."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {show(close[0])}?)" if close else ""


def render_path(path: KeyPath, data: Any) -> str:
    """`questions[3] (id "proud-project").answer_seconds` for ("questions", 3, "answer_seconds")."""
    out = ""
    node: Any = data
    for depth, part in enumerate(path):
        if isinstance(part, int):
            out += f"[{part}]"
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if depth == 1 and path[0] in ID_ARRAYS and isinstance(item, dict):
                ident = item.get("id")
                if isinstance(ident, str) and ident.strip():
                    out += f" (id {show(ident.strip(), 40)})"
            node = item
        else:
            out += f".{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
    return out


def ordinal_list(values: list[str], limit: int = 8) -> str:
    """`"a", "b", "c"` (with `, …` past `limit`) for messages listing what exists."""
    shown = ", ".join(show(v, 40) for v in values[:limit])
    return shown + (", …" if len(values) > limit else "")


def text_hint(lo: int, hi: int | None) -> str:
    if hi is None:
        return "a non-empty string"
    return f"a string of {lo} to {hi} characters" if lo else f"a string of at most {hi} characters"


class Checker:
    """One pass over a raw pack: errors and warnings as (key path, message), and the text seen."""

    def __init__(self, careful: bool) -> None:
        self.careful = careful  # string-by-string control checks
        self.errors: list[tuple[KeyPath, str]] = []
        self.warnings: list[tuple[KeyPath, str]] = []
        #: Every string value seen (fast mode), for the single control-character scan.
        self.raw: list[str] = []
        self._slugs: dict[str, str] = {}

    def error(self, path: KeyPath, message: str) -> None:
        self.errors.append((path, message))

    def unknown(self, table: dict[str, Any], known: frozenset[str], base: KeyPath) -> None:
        for key in table:
            if key not in known:
                name = str(key)
                self.warnings.append(((*base, name), f"unknown key {show(name)}{suggest(name, known)}"))

    # -- scalars --------------------------------------------------------------------------

    def _clean(self, value: str, base: KeyPath, key: str | int) -> str | None:
        """Careful mode: newlines normalised, then control characters refused."""
        if "\r" in value:
            value = normalise_newlines(value)
        at = find_control(value)
        if at is not None:
            self.error(
                (*base, key),
                f"contains the control character {describe_char(value[at])} at character {at + 1}: "
                "text is shown as plain text and may not hold control characters (such as ANSI escapes)",
            )
            return None
        return value

    def text(self, value: object, base: KeyPath, key: str | int, lo: int, hi: int | None) -> str | None:
        """Stripped text of lo..hi characters (lo 0: optional, empty means absent); None if absent or bad."""
        if value is MISSING:
            if lo:
                self.error((*base, key), f"required key missing: expected {text_hint(lo, hi)}")
            return None
        if type(value) is not str:
            self.error((*base, key), f"expected {text_hint(lo, hi)}, found {kind(value)}")
            return None
        if self.careful:
            cleaned = self._clean(value, base, key)
            if cleaned is None:
                return None
            value = cleaned
        else:
            self.raw.append(value)
        text = value.strip()
        size = len(text)
        if size < lo:
            found = "an empty string" if not value else "only white space"
            self.error((*base, key), f"expected {text_hint(lo, hi)}, found {found}")
            return None
        if hi is not None and size > hi:
            self.error((*base, key), f"expected {text_hint(lo, hi)}, found {size} characters")
            return None
        return text or None

    def slug(self, value: object, base: KeyPath, key: str | int, required: bool = True) -> str | None:
        """A stripped slug; a malformed one is reported but still returned (so references resolve)."""
        if type(value) is str:
            known = self._slugs.get(value)
            if known is not None:
                return known
        elif value is MISSING:
            if required:
                self.error((*base, key), f"required key missing: expected {SLUG_HINT}")
            return None
        else:
            self.error((*base, key), f"expected {SLUG_HINT}, found {kind(value)}")
            return None
        if self.careful and self._clean(value, base, key) is None:
            return None
        self.raw.append(value)
        stripped = value.strip()
        if SLUG.fullmatch(stripped) is None:
            self.error((*base, key), f"expected {SLUG_HINT}, found {show(stripped)}")
        else:
            self._slugs[value] = stripped
        return stripped

    def boolean(self, value: object, base: KeyPath, key: str) -> bool:
        """A TOML boolean, false when absent."""
        if value is MISSING:
            return False
        if type(value) is not bool:
            self.error((*base, key), f"expected true or false, found {kind(value)}")
            return False
        return value

    def integer(self, value: object, base: KeyPath, key: str, lo: int, hi: int, default: int) -> int:
        if value is MISSING:
            return default
        if type(value) is not int:
            self.error((*base, key), f"expected an integer from {lo} to {hi}, found {kind(value)}")
            return default
        if value < lo or value > hi:
            self.error((*base, key), f"expected an integer from {lo} to {hi}, found {value}")
        return value

    def pattern_text(self, value: object, base: KeyPath, key: str, ok: Any, hint: str) -> str | None:
        """A stripped string that must match `ok` (a compiled pattern, fullmatch)."""
        if value is MISSING:
            self.error((*base, key), f"required key missing: expected {hint}")
            return None
        if type(value) is not str:
            self.error((*base, key), f"expected {hint}, found {kind(value)}")
            return None
        if not self.careful:
            self.raw.append(value)
        elif self._clean(value, base, key) is None:
            return None
        stripped = value.strip()
        if ok.fullmatch(stripped) is None:
            self.error((*base, key), f"expected {hint}, found {show(stripped)}")
            return None
        return stripped

    # -- arrays and tables ----------------------------------------------------------------

    def strings(self, value: object, base: KeyPath, key: str, most: int, lo: int, hi: int) -> tuple[str, ...]:
        if value is MISSING:
            return ()
        hint = f"an array of at most {most} strings"
        if type(value) is not list:
            self.error((*base, key), f"expected {hint}, found {kind(value)}")
            return ()
        if len(value) > most:
            self.error((*base, key), f"expected {hint}, found {len(value)} items")
        where = (*base, key)
        out = [self.text(item, where, j, lo, hi) for j, item in enumerate(value)]
        return tuple(s for s in out if s is not None)

    def slugs(self, value: object, base: KeyPath, key: str, most: int) -> tuple[str, ...]:
        if value is MISSING:
            return ()
        if type(value) is not list:
            self.error((*base, key), f"expected an array of at most {most} slugs, found {kind(value)}")
            return ()
        if len(value) > most:
            self.error((*base, key), f"expected an array of at most {most} slugs, found {len(value)} items")
        where = (*base, key)
        out: list[str] = []
        for j, item in enumerate(value):
            s = self.slug(item, where, j)
            if s is not None:
                out.append(s)
        return tuple(out)

    def table(self, value: object, path: KeyPath, header: str, required: bool) -> dict[str, Any] | None:
        if value is MISSING:
            if required:
                self.error(path, f"required table missing: expected a {header} table")
            return None
        if type(value) is not dict:
            self.error(path, f"expected a {header} table, found {kind(value)}")
            return None
        return value

    def tables(self, value: object, name: str, lo: int, hi: int, required: bool) -> list[Any]:
        """The items of an array of tables ([[name]]); non-table items are reported here and skipped."""
        hint = f"an array of tables ([[{name}]])"
        if value is MISSING:
            if required:
                self.error((name,), f"required key missing: expected {hint}")
            return []
        if type(value) is not list:
            extra = f" (write [[{name}]], not [{name}])" if type(value) is dict else ""
            self.error((name,), f"expected {hint}, found {kind(value)}{extra}")
            return []
        if not lo <= len(value) <= hi:
            self.error((name,), f"expected {lo} to {hi} entries in [[{name}]], found {len(value)}")
        out: list[Any] = []
        for i, item in enumerate(value):
            if type(item) is not dict:
                self.error((name, i), f"expected a table, found {kind(item)}")
                out.append(None)
            else:
                out.append(item)
        return out

    def unique(self, ident: str | None, seen: dict[str, int], name: str, i: int) -> None:
        if ident is None:
            return
        first = seen.setdefault(ident, i)
        if first != i:
            self.error((name, i, "id"), f"duplicate id {show(ident)}: already used by {name}[{first}]")
