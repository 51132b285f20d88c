"""Live advice on a backgrounder: what would make each entry easier to say and harder to forget.

Pure functions of the text, cheap enough to run on every keystroke. The rules follow
the press-kit idea: About You lines are bio-short, quantitative highlights carry a
figure, qualitative highlights say who was better off and how; three entries per section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal

from mockint.core.backgrounder.model import (
    RECOMMENDED_ENTRIES,
    SECTION_TITLES,
    SECTIONS,
    Backgrounder,
    Section,
)

AdviceSeverity = Literal["warning", "info"]

WORDS_PER_MINUTE: Final = 150
#: About You lines should read like a short social-media bio.
BIO_CHARS: Final = 160
QUOTE_CHARS: Final = 40
#: How long a spoken answer to "tell me about yourself" usually runs, in seconds.
INTRO_MIN_SECONDS: Final = 60
INTRO_MAX_SECONDS: Final = 90


@dataclass(frozen=True)
class Advice:
    """One piece of advice: where (section, entry index or None for the section), how serious, and why."""

    section: Section
    index: int | None
    severity: AdviceSeverity
    message: str
    quote: str

    @property
    def where(self) -> str:
        return self.section if self.index is None else f"{self.section}[{self.index}]"

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "index": self.index,
            "severity": self.severity,
            "message": self.message,
            "quote": self.quote,
        }

    def format(self) -> str:
        """One line: `about[0] "I lead a…": warning: MESSAGE`."""
        quoted = f' "{self.quote}"' if self.quote else ""
        return f"{self.where}{quoted}: {self.severity}: {self.message}"


def quote(text: str) -> str:
    """The start of an entry on one line: the first ~40 characters, with … when cut."""
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_CHARS:
        return flat
    return flat[:QUOTE_CHARS].rstrip() + "…"


# --- speaking time -------------------------------------------------------------------------


def word_count(text: str) -> int:
    return len(text.split())


def speaking_seconds(text: str) -> float:
    """Seconds to say `text` aloud at 150 words a minute."""
    return word_count(text) * 60.0 / WORDS_PER_MINUTE


def section_seconds(bg: Backgrounder, section: Section) -> float:
    return sum(speaking_seconds(e) for e in bg.section(section))


def kit_seconds(bg: Backgrounder) -> float:
    return sum(section_seconds(bg, s) for s in SECTIONS)


def intro_verdict(seconds: float) -> Literal["short", "within", "long"]:
    """How the About You section compares with a 60-90 s "tell me about yourself" answer."""
    if seconds < INTRO_MIN_SECONDS:
        return "short"
    if seconds > INTRO_MAX_SECONDS:
        return "long"
    return "within"


def format_seconds(seconds: float) -> str:
    """`m:ss`, rounded to the second."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def timing_summary(bg: Backgrounder) -> list[str]:
    """Speaking time per section and for the whole kit, with the About You comparison."""
    lines = []
    for section in SECTIONS:
        seconds = section_seconds(bg, section)
        line = f"{SECTION_TITLES[section]}: {format_seconds(seconds)} spoken"
        if section == "about":
            line += " — " + intro_note(seconds)
        lines.append(line)
    lines.append(f"Whole kit: {format_seconds(kit_seconds(bg))} at {WORDS_PER_MINUTE} words a minute")
    return lines


def intro_note(seconds: float) -> str:
    """A short phrase comparing About You's speaking time with the usual 60-90 s."""
    verdict = intro_verdict(seconds)
    if verdict == "within":
        return "within the 60–90 s of a typical “tell me about yourself”"
    if verdict == "long":
        return "longer than the 60–90 s of a typical “tell me about yourself”"
    return "under the 60–90 s of “tell me about yourself”, leaving room to talk around it"


# --- word lists ----------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    # Word lists read best as prose blocks.
    return frozenset(words.split())


_NUMBER_WORDS: Final = _wordset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty
    thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions
    billion billions dozen dozens half twice double doubled doubling triple tripled tripling quadrupled
    halved percent"""
)
_METRIC_RE: Final = re.compile(
    r"\b(revenue|arr|mrr|gmv|nps|csat|dau|mau|wau|retention|churn|conversion|engagement|margin|"
    r"profit|market share|sales|adoption|latency|uptime|costs?|savings|roi|ltv|cac|bookings|pipeline)\b"
)
_BENEFICIARIES: Final = _wordset(
    """user customer member patient team client people person student teacher doctor nurse clinician
    developer engineer merchant seller buyer driver rider shopper reader subscriber family parent
    employee staff agent accountant owner partner business farmer traveller traveler guest player
    creator viewer listener volunteer citizen resident community learner colleague operator admin
    administrator analyst designer marketer rep host restaurateur restauranteur saver investor borrower
    homeowner renter tenant caregiver worker manager kid child children senior fan audience consumer
    smb nonprofit hospital school clinic vendor supplier courier artist writer researcher scientist
    coach athlete gamer visitor passenger commuter donor applicant candidate recruiter freelancer
    entrepreneur founder shop store restaurant teammate peer"""
)
_HELP_BASES: Final = _wordset(
    "help enable save reduce free allow empower improve simplify unblock ease spare protect support "
    "connect eliminate shorten lower streamline automate solve fix prevent avoid relieve equip unlock "
    "guide serve speed"
)
_HELP_IRREGULAR: Final = _wordset(
    """let lets letting cut cuts cutting give gives gave given giving make makes made making teach
    teaches taught teaching sped bring brings brought"""
)
_SO_THAT_RE: Final = re.compile(r"\bso (that|they|he|she|it|we|people|users|customers)\b")
_WORD_RE: Final = re.compile(r"[a-z]+")


def _forms(base: str) -> set[str]:
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


_HELP_WORDS: Final = frozenset(f for b in _HELP_BASES for f in _forms(b)) | _HELP_IRREGULAR


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def _singulars(word: str) -> Iterable[str]:
    yield word
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s"):
        yield word[:-1]


def has_number(text: str) -> bool:
    """A digit, or a number word such as "three", "million", "doubled"."""
    return any(ch.isdigit() for ch in text) or any(w in _NUMBER_WORDS for w in _words(text))


def metric_named(text: str) -> str | None:
    """The first metric named (revenue, retention, NPS…), or None."""
    m = _METRIC_RE.search(text.lower())
    return m.group(1) if m else None


def beneficiary_named(text: str) -> str | None:
    """The first word naming who benefited (users, customers, teams…), or None."""
    for word in _words(text):
        if any(form in _BENEFICIARIES for form in _singulars(word)):
            return word
    return None


def help_named(text: str) -> str | None:
    """The first verb of help (helped, enabled, saved…) or a "so that they…" clause, or None."""
    for word in _words(text):
        if word in _HELP_WORDS:
            return word
    m = _SO_THAT_RE.search(text.lower())
    return m.group(0) if m else None


# --- the rules -----------------------------------------------------------------------------


def entry_advice(section: Section, index: int, text: str) -> list[Advice]:
    """Advice on one entry; an empty entry gets none (the section count covers it)."""
    text = text.strip()
    if not text:
        return []
    q = quote(text)
    out: list[Advice] = []

    def add(severity: AdviceSeverity, message: str) -> None:
        out.append(Advice(section, index, severity, message, q))

    if section == "about":
        if len(text) > BIO_CHARS:
            add(
                "warning",
                f"{len(text)} characters; keep an About You line bio-short "
                f"({BIO_CHARS} or fewer) so it can be said in one breath",
            )
    elif section == "quantitative":
        if not has_number(text):
            metric = metric_named(text)
            if metric:
                add("info", f"names {metric} but no figure; say by how much, over what time")
            else:
                add(
                    "warning",
                    "no number or metric; a quantitative highlight needs a figure "
                    "(revenue, users, %, time saved)",
                )
    else:
        if beneficiary_named(text) is None:
            add(
                "warning",
                "does not say who benefited; name the users, customers or team whose lives improved",
            )
        if help_named(text) is None:
            add(
                "warning",
                "does not say how they benefited; use a verb of help such as "
                "helped, enabled, saved or reduced",
            )
    return out


def section_advice(bg: Backgrounder, section: Section) -> list[Advice]:
    """Advice on a section as a whole: how many entries, and About You's speaking time."""
    entries = [e for e in bg.section(section) if e.strip()]
    out: list[Advice] = []
    title = SECTION_TITLES[section]
    count = len(entries)
    if count == 0:
        out.append(Advice(section, None, "warning", f"{title} is empty; write three entries", ""))
    elif count < RECOMMENDED_ENTRIES:
        out.append(Advice(section, None, "info", f"{count} of the recommended three entries", ""))
    elif count > RECOMMENDED_ENTRIES:
        out.append(
            Advice(section, None, "info", f"{count} entries; three are easier to remember and to say", "")
        )
    if section == "about":
        seconds = section_seconds(bg, "about")
        if intro_verdict(seconds) == "long":
            out.append(
                Advice(
                    section,
                    None,
                    "warning",
                    f"about {format_seconds(seconds)} to say; a typical “tell me about yourself” "
                    f"runs {INTRO_MIN_SECONDS}–{INTRO_MAX_SECONDS} s, so trim it",
                    "",
                )
            )
    return out


def advise(bg: Backgrounder) -> list[Advice]:
    """Every piece of advice, section by section: the entries first, then the section."""
    out: list[Advice] = []
    for section in SECTIONS:
        for index, text in enumerate(bg.section(section)):
            out.extend(entry_advice(section, index, text))
        out.extend(section_advice(bg, section))
    return out
