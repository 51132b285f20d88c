"""The hook a voice mode plugs into the practice engine (docs/architecture.md).

A practice session given a `VoicePort` tells it what happens, so a voice mode can speak the
question and record the answer; the transcript and speech metrics come back through
`PracticeSession.attach_speech`. Without a port the session is silent and nothing changes.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class VoicePort(Protocol):
    """What the practice engine tells a voice mode, and the level meter it reads back."""

    def question_asked(self, text: str) -> None:
        """The interviewer asks `text` (a question or a follow-up) now."""

    def answer_started(self, index: int) -> None:
        """The candidate started answering the question at plan position `index`."""

    def answer_stopped(self, index: int) -> None:
        """The candidate's answer to the question at `index` is over."""

    def level(self) -> float:
        """The input level now, 0.0 (silence) to 1.0, for a meter."""

    def close(self) -> None:
        """The interview is over or the screen is gone: release the audio devices."""
