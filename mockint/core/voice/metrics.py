"""Speaking metrics from word timestamps: pace, pauses, fillers, numbers, STAR, key points.

Pure functions over `Word`s (text with start and end in seconds), so they are tested without
audio. Fillers, numbers and STAR cues come from the typed-answer feedback
(mockint.core.interview.feedback), so a spoken and a typed answer are judged by the same words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mockint.core.interview.feedback import analyse, number_tokens

#: A silence between two words at least this long is a pause.
PAUSE_SECONDS = 2.0

_STAR_NAMES = {"S": "situation", "T": "task", "A": "action", "R": "result"}

# Speech models spell hesitations as they heard them ("Umm", "uhh", "Ermm"); the filler list
# spells each once, so drawn-out spellings are brought back to it before counting.
_DRAWN_OUT = (
    (re.compile(r"\bu+m+\b"), "um"),
    (re.compile(r"\bu+h+\b"), "uh"),
    (re.compile(r"\be+r+m+\b"), "erm"),
)
_TOKEN = re.compile(r"[^\W_]+(?:['’.,%-][^\W_]+)*%?")
_BULLET = re.compile(r"^\s*(?:[-*•+–]|\d+[.)])\s*")
# Words too common to tell whether a key point was mentioned.
_COMMON = frozenset(
    ["the", "and", "for", "with", "that", "this", "from", "into", "our", "was", "were", "are", "has", "have", "had", "but", "not", "you", "your", "their", "then", "than", "them", "they", "its", "it's", "who", "what", "when", "how", "why", "which", "about", "over", "under", "more", "most", "less", "very", "just", "also", "been", "being", "will", "would", "could", "should", "can", "did", "does", "done"]
)


@dataclass(frozen=True)
class Word:
    """One recognised word and when it was said (seconds from the start of the recording)."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Pause:
    start: float
    seconds: float


@dataclass(frozen=True)
class KeyPoints:
    """How many of the typed key points the spoken answer mentioned, and which were missed."""

    total: int = 0
    mentioned: int = 0
    missed: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpeechMetrics:
    """What was measured in one spoken answer; `as_dict` is the saved and printed form."""

    duration_seconds: float
    speaking_seconds: float
    words: int
    words_per_minute: float
    pauses: tuple[Pause, ...]
    fillers: dict[str, int]
    numbers: tuple[str, ...]
    star: dict[str, bool]
    key_points: KeyPoints = field(default_factory=KeyPoints)

    @property
    def longest_pause_seconds(self) -> float:
        return max((p.seconds for p in self.pauses), default=0.0)

    @property
    def filler_total(self) -> int:
        return sum(self.fillers.values())

    def as_dict(self) -> dict[str, Any]:
        """The `speech` object of an answer (the keys of `mockint transcribe --json` but `text`)."""
        return {
            "duration_seconds": round(self.duration_seconds, 2),
            "speaking_seconds": round(self.speaking_seconds, 2),
            "words": self.words,
            "words_per_minute": round(self.words_per_minute, 1),
            "pauses": [{"start": round(p.start, 2), "seconds": round(p.seconds, 2)} for p in self.pauses],
            "longest_pause_seconds": round(self.longest_pause_seconds, 2),
            "fillers": dict(self.fillers),
            "numbers": list(self.numbers),
            "star": dict(self.star),
            "key_points": {
                "total": self.key_points.total,
                "mentioned": self.key_points.mentioned,
                "missed": list(self.key_points.missed),
            },
        }


def transcript_text(words: Sequence[Word]) -> str:
    """The words joined as one line of text."""
    return " ".join(t for t in (w.text.strip() for w in words) if t)


def normalise_fillers(text: str) -> str:
    """Lower-cased text with drawn-out hesitations spelled as in the filler list ("Umm" → "um")."""
    low = text.lower().replace("’", "'")
    for pattern, spelling in _DRAWN_OUT:
        low = pattern.sub(spelling, low)
    return low


def find_pauses(words: Sequence[Word], threshold: float = PAUSE_SECONDS) -> tuple[Pause, ...]:
    """Silences of at least `threshold` seconds between consecutive words (not before the first)."""
    pauses: list[Pause] = []
    for before, after in itertools.pairwise(words):
        gap = after.start - before.end
        if gap >= threshold:
            pauses.append(Pause(start=before.end, seconds=gap))
    return tuple(pauses)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise_fillers(text))


def _stem(token: str) -> str:
    # Crude but explainable: "engineers" and "engineering" meet at "engine".
    token = token.strip(".,'%")
    return token[:6] if len(token) > 6 else token.rstrip("s") or token


def key_point_lines(typed: str) -> list[str]:
    """The key points as typed: one per non-empty line, bullets and numbering removed."""
    points = []
    for line in typed.splitlines():
        point = _BULLET.sub("", line).strip()
        if point:
            points.append(point)
    return points


def _significant(point: str) -> set[str]:
    words = {_stem(t) for t in _tokens(point) if (len(t) >= 3 or any(c.isdigit() for c in t))}
    return {w for w in words if w and w not in _COMMON}


def cover_key_points(typed: str, spoken: str) -> KeyPoints:
    """A key point counts as mentioned when at least half of its telling words were said."""
    said = {_stem(t) for t in _tokens(spoken)}
    total = mentioned = 0
    missed: list[str] = []
    for point in key_point_lines(typed):
        telling = _significant(point)
        if not telling:
            continue
        total += 1
        if 2 * len(telling & said) >= len(telling):
            mentioned += 1
        else:
            missed.append(point)
    return KeyPoints(total=total, mentioned=mentioned, missed=tuple(missed))


def measure(words: Sequence[Word], *, duration_seconds: float, key_points: str = "") -> SpeechMetrics:
    """Every metric of one spoken answer from its recognised words (in order of time)."""
    spoken = [w for w in words if _tokens(w.text)]
    text = transcript_text(spoken)
    pauses = find_pauses(spoken)
    if spoken:
        span = max(0.0, spoken[-1].end - spoken[0].start)
        speaking = max(0.0, span - sum(p.seconds for p in pauses))
    else:
        speaking = 0.0
    wpm = len(spoken) * 60.0 / speaking if speaking > 0 else 0.0
    typed = analyse(normalise_fillers(text), 0)
    return SpeechMetrics(
        duration_seconds=max(0.0, duration_seconds),
        speaking_seconds=speaking,
        words=len(spoken),
        words_per_minute=wpm,
        pauses=pauses,
        fillers=typed.fillers,
        numbers=tuple(number_tokens(text)),
        star={_STAR_NAMES[k]: bool(v) for k, v in typed.star.items()},
        key_points=cover_key_points(key_points, text),
    )


def summary_lines(speech: dict[str, Any]) -> list[str]:
    """Short lines for people from a saved `speech` object (tolerates missing keys)."""
    from mockint.core.format import plural

    words = int(speech.get("words", 0))
    if words == 0:
        return ["no speech heard in the recording"]
    lines = [f"pace: {round(float(speech.get('words_per_minute', 0)))} words a minute ({plural(words, 'word')})"]
    pauses = speech.get("pauses") or []
    if pauses:
        longest = float(speech.get("longest_pause_seconds", 0.0))
        lines.append(f"pauses: {plural(len(pauses), 'pause')} of 2 s or more, longest {longest:.1f} s")
    else:
        lines.append("pauses: none of 2 s or more")
    fillers = {str(k): int(v) for k, v in dict(speech.get("fillers") or {}).items()}
    if fillers:
        ranked = sorted(fillers.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append("fillers: " + ", ".join(f"{name} ×{n}" for name, n in ranked))
    else:
        lines.append("fillers: none")
    numbers = [str(n) for n in speech.get("numbers") or []]
    lines.append(f"numbers: {len(numbers)}" + (f" ({', '.join(numbers[:3])})" if numbers else " — add a metric"))
    star = dict(speech.get("star") or {})
    lines.append("STAR: " + " ".join(f"{n[0].upper()} {'✓' if star.get(n) else '✗'}" for n in _STAR_NAMES.values()))
    points = dict(speech.get("key_points") or {})
    if int(points.get("total", 0)):
        lines.append(f"key points said: {int(points.get('mentioned', 0))} of {int(points['total'])}")
    return lines
