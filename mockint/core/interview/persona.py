"""The interviewer's voice: greeting, transitions, probes and closing, by persona style.

Every line is chosen deterministically from the seed and the position in the
interview (random.Random over a string key), so re-rendering a screen never
changes what the interviewer said, and a replayed seed says the same things.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockint.core.format import plural
from mockint.core.interview.plan import PlannedQuestion, about_minutes, estimated_seconds

if TYPE_CHECKING:
    from mockint.core.interview.feedback import Feedback
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

_AFTER_SKIP = {
    "warm": (
        "No problem, let's try another.",
        "That's fine; we can leave that one. Next.",
        "Okay, let's move on.",
    ),
    "direct": ("Skipped. Next.", "Okay, moving on.", "Fine. Next one."),
    "formal": ("Understood. Let us move to the next question.", "Very well; we will leave that one."),
}

_SKIP_SHIFT = {
    "warm": ("No problem. Let's turn to {topic}.",),
    "direct": ("Skipped. Now: {topic}.",),
    "formal": ("Understood. We now turn to {topic}.",),
}

# The closing thanks the candidate; it asks for their questions only when they can practise
# asking some (an installed pack of questions for the interviewer), see `invite`.
_CLOSINGS = {
    "warm": ("That's all from me. Thank you for your time today.", "We're done with my questions. Thanks for your openness!"),
    "direct": ("That's it from me. Thanks.", "Done with my questions. Thanks for your time."),
    "formal": ("That concludes my questions. Thank you for your time.", "We have reached the end of my questions. Thank you."),
}

_EARLY = {
    "warm": ("Let's stop here. Thank you for your time.",),
    "direct": ("We'll stop here. Thanks.",),
    "formal": ("We will stop here. Thank you for your time.",),
}

_NOTHING_ANSWERED = {
    "warm": ("Let's leave it there for today. Come back when you're ready to try them.",),
    "direct": ("We'll leave it there for today.",),
    "formal": ("We will leave it there for today.",),
}

_INVITES = {
    "warm": ("Is there anything you'd like to ask me?", "Now it's your turn: what would you like to ask me?"),
    "direct": ("Your turn. What do you want to ask me?", "Anything you want to ask me?"),
    "formal": ("Do you have any questions for me?", "Is there anything you would like to ask me?"),
}

_NEXT_ASK = {
    "warm": ("Good question. What else would you like to know?", "Happy to answer that. Anything else?"),
    "direct": ("Fair question. Next?", "Noted. Anything else?"),
    "formal": ("A good question. Is there anything further?", "Thank you. Do you have another question?"),
}

_NO_QUESTIONS = {
    "warm": ("No questions this time? That's fine. Thanks again, and good luck!",),
    "direct": ("No questions. That's all for today.",),
    "formal": ("Very well. That concludes our interview.",),
}

_FAREWELLS = {
    "warm": ("Great questions. Thanks again, and good luck!",),
    "direct": ("Good. That's all for today.",),
    "formal": ("Thank you for your questions. That concludes our interview.",),
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

    def greeting(self, questions: Sequence[PlannedQuestion]) -> str:
        """Introduces the persona by name and announces the plan: how many questions, roughly how long.

        The candidate's own questions for the interviewer (reverse questions) are not counted.
        """
        asked = [q for q in questions if not q.reverse]
        count, about = plural(len(asked), "question"), about_minutes(estimated_seconds(asked))
        plan = f"We'll go through {count}, {about}."
        if self.persona.style == "formal":
            plan = f"We have {count} today, which should take {about}."
        template = self._pick(_GREETINGS[self.persona.style], "greeting")
        return template.format(name=self.persona.name, plan=plan)

    def _rotating(self, pool: tuple[str, ...], kind: str, index: int) -> str:
        # A seed-shuffled order walked by index: consecutive questions never get the same line,
        # and asking again for the same index gives the same line.
        order = list(pool)
        self._rng(kind).shuffle(order)
        return order[index % len(order)]

    def transition(self, index: int, total: int, topic: str | None = None, *, after_skip: bool = False) -> str:
        """The line before question `index` (0-based) of `total`; `topic` when the category changes.

        After a skipped question the line acknowledges the skip instead of thanking for an answer.
        """
        style = self.persona.style
        if index <= 0:
            return self._pick(_FIRST[style], "first")
        if total > 1 and index == total - 1:
            return self._pick(_LAST[style], "last")
        if after_skip:
            if topic:
                return self._rotating(_SKIP_SHIFT[style], "skip-shift", index).format(topic=topic)
            return self._rotating(_AFTER_SKIP[style], "skip", index)
        if topic:
            return self._rotating(_SHIFT[style], "shift", index).format(topic=topic)
        return self._rotating(_NEXT[style], "next", index)

    def before_question(self, questions: Sequence[PlannedQuestion], index: int, *, after_skip: bool = False) -> str:
        """The transition before `questions[index]`, naming the new topic when the category changes."""
        topic = None
        if 0 < index < len(questions):
            prev, cur = questions[index - 1], questions[index]
            if cur.category is not None and cur.category != prev.category:
                topic = cur.category_name or cur.category
        return self.transition(index, len(questions), topic=topic, after_skip=after_skip)

    def closing(self, *, answered: int, early: bool = False, invite: bool = False) -> str:
        """The end of the interviewer's questions, fitted to what happened.

        It thanks the candidate only when something was answered, and asks for the candidate's
        questions (`invite`) only when they can practise asking some.
        """
        style = self.persona.style
        if answered == 0 and invite:
            line = "That's all my questions."
        elif answered == 0:
            line = self._pick(_NOTHING_ANSWERED[style], "nothing")
        elif early:
            line = self._pick(_EARLY[style], "early")
        else:
            line = self._pick(_CLOSINGS[style], "closing")
        if invite:
            line += " " + self._pick(_INVITES[style], "invite")
        return line

    def after_reverse_question(self, index: int, *, skipped: bool = False) -> str:
        """The interviewer's reply after the candidate's question `index` (0-based), or after they let it go."""
        if skipped:
            return "No problem. Anything else you'd like to ask?"
        return self._rotating(_NEXT_ASK[self.persona.style], "ask", index)

    def farewell(self, asked: int) -> str:
        """The last line after the candidate's own questions (`asked` of them actually asked)."""
        if asked == 0:
            return self._pick(_NO_QUESTIONS[self.persona.style], "no-questions")
        return self._pick(_FAREWELLS[self.persona.style], "farewell")

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
