"""Heuristic feedback on a typed answer: length, numbers, STAR shape, filler words.

Plain regular expressions over the lower-cased text, each compiled once, so a
5,000-word answer is analysed in milliseconds. The heuristics are deliberately
simple and explainable: every line of the summary says what was counted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mockint.core.format import mmss, plural

WORDS_PER_MINUTE = 150

_WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Digits, money and percentages, "3x"-style multipliers, and number words. "one" is left out:
# it is mostly a pronoun ("the one that", "no one") rather than a quantity.
_NUMBER_WORDS = sorted(
    _wordset(
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
        "thousand thousands million millions billion billions dozen dozens half percent "
        "double doubled doubling triple tripled tripling quadrupled halved tenfold twofold threefold"
    )
)
_NUMBERS = re.compile(
    r"\d|[$€£¥%]|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b",
    re.IGNORECASE,
)

# Cue words and phrases for each STAR part, matched on word boundaries.
_STAR_CUES: dict[str, tuple[str, ...]] = {
    "S": (
        "when i was",
        "while i was",
        "at the time",
        "back in",
        "the situation",
        "situation was",
        "context",
        "background",
        "we were facing",
        "the problem was",
        "the challenge was",
        "in my previous role",
        "in my last role",
        "at my last company",
        "i was working",
        "i joined",
        "our team was",
    ),
    "T": (
        "my goal",
        "our goal",
        "the goal",
        "goal was",
        "my task",
        "the task",
        "i needed to",
        "we needed to",
        "i had to",
        "my job was",
        "i was responsible",
        "responsible for",
        "my role was",
        "objective",
        "i was asked to",
        "i was tasked",
        "the target was",
        "we aimed",
        "i wanted to",
    ),
    "A": (
        "i decided",
        "i led",
        "i built",
        "i proposed",
        "i created",
        "i started",
        "i organised",
        "i organized",
        "i worked with",
        "i ran",
        "i designed",
        "i convinced",
        "i set up",
        "i wrote",
        "i talked to",
        "i interviewed",
        "i prioritised",
        "i prioritized",
        "i negotiated",
        "i launched",
        "i introduced",
        "i analysed",
        "i analyzed",
        "i chose",
        "i pushed",
        "i brought",
        "i rallied",
        "i drove",
        "so i",
        "then i",
        "first i",
        "i made",
    ),
    "R": (
        "as a result",
        "which led to",
        "led to",
        "resulted in",
        "the result",
        "the outcome",
        "in the end",
        "ended up",
        "we achieved",
        "we reduced",
        "we increased",
        "increased",
        "reduced",
        "grew",
        "improved",
        "saved",
        "which meant",
        "the impact",
        "outcome",
        "i learned",
        "i learnt",
        "the lesson",
        "we shipped",
        "we delivered",
    ),
}


def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so "i was responsible" wins over shorter overlaps; spaces match any run of blanks.
    parts = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + r")\b")


_STAR_RES = {k: _phrase_re(v) for k, v in _STAR_CUES.items()}

FILLERS = (
    "um",
    "uh",
    "erm",
    "like",
    "you know",
    "basically",
    "actually",
    "kind of",
    "sort of",
    "i mean",
    "literally",
)
_FILLER_RE = _phrase_re(FILLERS)

# A filler phrase right after one of these words is ordinary language, not a filler:
# "I'd like to", "looks like", "what kind of", "this sort of".
_DETERMINERS = "what which this that the a any some every each same one different right those these all"
_NOT_FILLER_AFTER: dict[str, frozenset[str]] = {
    "like": _wordset(
        "i we they you he she would i'd we'd they'd you'd to felt feel feels look looks looked "
        "seem seems seemed sound sounds sounded something anything nothing things more much "
        "exactly didn't don't doesn't did do does not really"
    ),
    "kind of": _wordset(_DETERMINERS),
    "sort of": _wordset(_DETERMINERS),
}
_PREV_WORD = re.compile(r"([\w'’]+)\W*$")


@dataclass(frozen=True)
class Feedback:
    """What the analysis found; `summary_lines` says it in words."""

    words: int
    speaking_seconds: float
    target_seconds: int
    has_numbers: bool
    star: dict[str, bool]
    fillers: dict[str, int]
    #: How many numbers or quantities were found, and the first few as written.
    numbers: int = 0
    number_examples: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (stored with the answer)."""
        return {
            "words": self.words,
            "speaking_seconds": round(self.speaking_seconds, 1),
            "target_seconds": self.target_seconds,
            "has_numbers": self.has_numbers,
            "numbers": self.numbers,
            "number_examples": list(self.number_examples),
            "star": dict(self.star),
            "fillers": dict(self.fillers),
        }

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> Feedback:
        """Inverse of as_dict (tolerates missing optional keys)."""
        return Feedback(
            words=int(d["words"]),
            speaking_seconds=float(d["speaking_seconds"]),
            target_seconds=int(d["target_seconds"]),
            has_numbers=bool(d["has_numbers"]),
            star={str(k): bool(v) for k, v in dict(d.get("star", {})).items()},
            fillers={str(k): int(v) for k, v in dict(d.get("fillers", {})).items()},
            numbers=int(d.get("numbers", 0)),
            number_examples=tuple(str(x) for x in d.get("number_examples", ())),
        )

    def summary_lines(self) -> list[str]:
        """Short lines for people: length vs target, numbers, STAR, fillers."""
        if self.words == 0:
            return ["nothing typed yet — jot your key points to get feedback"]
        spoken = mmss(round(self.speaking_seconds))
        length = f"{plural(self.words, 'word')} ≈ {spoken} spoken, target {mmss(self.target_seconds)}"
        if self.speaking_seconds > self.target_seconds * 1.1:
            length += " — trim it"
        elif self.speaking_seconds < self.target_seconds * 0.4:
            length += " — room for more detail"
        lines = [length]
        if self.has_numbers:
            shown = ", ".join(self.number_examples)
            lines.append(f"numbers: {self.numbers}" + (f" ({shown})" if shown else ""))
        else:
            lines.append("no numbers — add a metric")
        lines.append("STAR: " + " ".join(f"{k} {'✓' if self.star.get(k) else '✗'}" for k in "STAR"))
        if self.fillers:
            ranked = sorted(self.fillers.items(), key=lambda kv: (-kv[1], kv[0]))
            lines.append("fillers: " + ", ".join(f"{name} ×{n}" for name, n in ranked))
        else:
            lines.append("fillers: none")
        return lines


def _count_fillers(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in _FILLER_RE.finditer(text):
        phrase = " ".join(m.group(0).split())
        blockers = _NOT_FILLER_AFTER.get(phrase)
        if blockers:
            prev = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
            if prev and prev.group(1).replace("’", "'") in blockers:
                continue
        counts[phrase] = counts.get(phrase, 0) + 1
    return counts


def _number_matches(text: str) -> tuple[int, tuple[str, ...]]:
    # Count whole tokens that carry a number ("$10M", "24%", "3x", "tripled"), not single digits.
    tokens = [w for w in re.findall(r"\S+", text) if _NUMBERS.search(w)]
    examples = tuple(dict.fromkeys(t.strip(".,;:!?()\"'") for t in tokens))[:3]
    return len(tokens), examples


def analyse(text: str, target_seconds: int) -> Feedback:
    """Feedback on `text` as if spoken at 150 words per minute against `target_seconds`."""
    low = text.lower().replace("’", "'")
    words = len(_WORD.findall(low))
    numbers, examples = _number_matches(text)
    return Feedback(
        words=words,
        speaking_seconds=words * 60.0 / WORDS_PER_MINUTE,
        target_seconds=target_seconds,
        has_numbers=numbers > 0,
        star={k: bool(rx.search(low)) for k, rx in _STAR_RES.items()},
        fillers=_count_fillers(low),
        numbers=numbers,
        number_examples=examples,
    )
