"""The interviewer's voice: greeting, transitions, probes and closing, by persona style.

Every line is chosen deterministically from the seed and the position in the
interview (random.Random over a string key), so re-rendering a screen never
changes what the interviewer said, and a replayed seed says the same things.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockint.core.interview.feedback import Feedback
    from mockint.core.interview.interviewer import Interview
    from mockint.core.settings import Settings

STYLES = ("warm", "direct", "formal")

#: An answer stopped before this share of its target invites a probe.
PROBE_FRACTION = 0.4

_GREETINGS = {
    "warm": (
        "Hi, I'm {name} — thanks for making time today. {plan} Take a breath; there are no trick questions.",
        "Hello! I'm {name}, and I'll be your interviewer. {plan} Relax and think out loud.",
        "Great to meet you, I'm {name}. {plan} Treat it like a conversation.",
    ),
    "direct": (
        "I'm {name}. {plan} Let's get into it.",
        "Hi, {name} here. {plan} Ready when you are.",
    ),
    "formal": (
        "Good day. My name is {name} and I will be conducting this interview. {plan}",
        "Thank you for joining. I am {name}. {plan} Please take the time you need.",
    ),
}

_FIRST = {
    "warm": ("Let's start here.", "To kick things off:", "First question, nice and easy."),
    "direct": ("First question.", "Let's start."),
    "formal": ("Let us begin with the first question.", "Our first question is as follows."),
}

_NEXT = {
    "warm": (
        "Thanks, that's helpful. Next one.",
        "Good — let's keep going.",
        "I appreciate the detail. Moving on.",
        "Nice. Here's another.",
        "Thank you. Let's switch gears a little.",
    ),
    "direct": (
        "Next.",
        "Okay. Next one.",
        "Got it. Moving on.",
        "Noted. Next question.",
        "Right. Another one.",
    ),
    "formal": (
        "Thank you. Let us proceed.",
        "Understood. The next question follows.",
        "Thank you for that answer. Moving on.",
        "Very well. Let us continue.",
    ),
}

_SHIFT = {
    "warm": ("Thanks. Let's shift to {topic}.", "Lovely. Now a bit about {topic}."),
    "direct": ("Now: {topic}.", "Switching to {topic}."),
    "formal": ("Thank you. We now turn to {topic}.", "Let us move on to {topic}."),
}

_LAST = {
    "warm": ("Last one, and then we're done.", "Final question — you're nearly there."),
    "direct": ("Last question.", "One more, then we're done."),
    "formal": ("This is the final question.", "We come now to the last question."),
}

_CLOSINGS = {
    "warm": (
        "That's all from me — thank you, that was a good conversation. What would you like to ask me?",
        "We're done with my questions. Thanks for your openness! Is there anything you'd like to know from me?",
    ),
    "direct": ("That's it from me. Your turn — questions for me?", "Done. Anything you want to ask me?"),
    "formal": (
        "That concludes my questions. Thank you for your time. Do you have any questions for me?",
        "We have reached the end of the interview. Is there anything you would like to ask?",
    ),
}

_PROBES = (
    "Can you go deeper on the result?",
    "What did you personally do, as opposed to the team?",
    "How did you know it worked — what did you measure?",
    "What was the hardest trade-off, and why did you choose as you did?",
    "Looking back, what would you do differently?",
    "Who disagreed with you, and how did you bring them along?",
)
_PROBE_NO_NUMBERS = "What changed, in numbers? Give me one metric."
_PROBE_NO_RESULT = "Can you go deeper on the result?"


@dataclass(frozen=True)
class Persona:
    """Who is asking: a name and a style ("warm", "direct" or "formal")."""

    name: str
    style: str = "warm"

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"persona style must be one of {', '.join(STYLES)}, got {self.style!r}")

    @staticmethod
    def from_settings(settings: Settings) -> Persona:
        """The persona the person chose in settings (already validated there)."""
        return Persona(settings.persona_name, settings.persona_style)


def _about(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


class Interviewer:
    """The persona's lines for one interview, deterministic for a seed."""

    def __init__(self, persona: Persona, seed: int = 0) -> None:
        self.persona = persona
        self.seed = seed
        self._probes_given = 0
        self._last_probe: str | None = None

    def _rng(self, *key: object) -> random.Random:
        # A string seed is hashed by Random itself (sha512), stable across runs and processes.
        return random.Random(":".join(str(k) for k in (self.seed, self.persona.style, *key)))

    def _pick(self, pool: tuple[str, ...], *key: object) -> str:
        return pool[self._rng(*key).randrange(len(pool))]

    def greeting(self, interview: Interview) -> str:
        """Introduces the persona by name and announces the plan: how many questions, roughly how long."""
        n = len(interview.questions)
        plan = (
            f"We'll go through {n} question{'s' if n != 1 else ''} — {_about(interview.estimated_seconds)}."
        )
        if self.persona.style == "formal":
            plan = f"We have {n} question{'s' if n != 1 else ''} today, which should take {_about(interview.estimated_seconds)}."
        template = self._pick(_GREETINGS[self.persona.style], "greeting")
        return template.format(name=self.persona.name, plan=plan)

    def _rotating(self, pool: tuple[str, ...], kind: str, index: int) -> str:
        # A seed-shuffled order walked by index: consecutive questions never get the same line,
        # and asking again for the same index gives the same line.
        order = list(pool)
        self._rng(kind).shuffle(order)
        return order[index % len(order)]

    def transition(self, index: int, total: int, topic: str | None = None) -> str:
        """The line before question `index` (0-based) of `total`; `topic` when the category changes."""
        style = self.persona.style
        if index <= 0:
            return self._pick(_FIRST[style], "first")
        if total > 1 and index == total - 1:
            return self._pick(_LAST[style], "last")
        if topic:
            return self._rotating(_SHIFT[style], "shift", index).format(topic=topic)
        return self._rotating(_NEXT[style], "next", index)

    def before_question(self, interview: Interview, index: int) -> str:
        """The transition before question `index`, naming the new topic when the category changes."""
        questions = interview.questions
        topic = None
        if 0 < index < len(questions):
            prev, cur = questions[index - 1], questions[index]
            if cur.category is not None and cur.category != prev.category:
                topic = cur.category_name or cur.category
        return self.transition(index, len(questions), topic=topic)

    def closing(self) -> str:
        """Thanks the candidate and invites their questions."""
        return self._pick(_CLOSINGS[self.persona.style], "closing")

    def probe(self, feedback: Feedback | None = None) -> str:
        """An unprompted probe after a short answer; aimed at a gap when feedback shows one.

        Successive probes differ: each call moves on through a seed-shuffled list.
        """
        if feedback is not None and feedback.words > 0:
            if not feedback.star.get("R", True) and self._last_probe != _PROBE_NO_RESULT:
                return self._remember(_PROBE_NO_RESULT)
            if not feedback.has_numbers and self._last_probe != _PROBE_NO_NUMBERS:
                return self._remember(_PROBE_NO_NUMBERS)
        order = list(_PROBES)
        self._rng("probes").shuffle(order)
        line = order[self._probes_given % len(order)]
        self._probes_given += 1
        if line == self._last_probe:
            line = order[self._probes_given % len(order)]
            self._probes_given += 1
        return self._remember(line)

    def _remember(self, line: str) -> str:
        self._last_probe = line
        return line

    def should_probe(self, elapsed: float, target: int) -> bool:
        """True when an answer was stopped before 40% of its target (and had started at all)."""
        return 0 < elapsed < target * PROBE_FRACTION

    @staticmethod
    def describe_length(seconds: int) -> str:
        """ "about N minutes" (used by greetings; also handy for a summary screen)."""
        return _about(seconds)
