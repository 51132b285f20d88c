"""Speech to text on real audio: the interviewer's voice saying a known sentence, heard by tiny.en."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.voice.audio import SAMPLE_RATE, Audio, read_audio
from mockint.core.voice.speak import clean_text, synthesize
from mockint.core.voice.transcribe import SpeechModel
from tests.support.voice_support import spoken_wav, tiny_model, write_silence

__all__ = ["spoken_wav", "tiny_model"]  # session fixtures used below


def test_text_to_speech_makes_sound_of_the_right_length() -> None:
    audio = synthesize("Tell me about a product you shipped.")
    assert audio.sample_rate == 22_050
    assert 1.0 < audio.duration < 5.0
    assert not audio.is_silent()
    assert synthesize(" \x1b\u202e\x00\u200b ").frames == 0  # nothing to say after cleaning
    assert clean_text("a\x1b[2Jb\u200bc\n d") == "a [2Jb c d"


def test_spoken_sentence_is_transcribed_with_word_times_and_metrics(tiny_model: SpeechModel,
                                                                    spoken_wav: Path) -> None:
    transcript = tiny_model.transcribe_file(spoken_wav)
    text = transcript.text.lower()
    for word in ("team", "engineers", "retention", "revenue"):
        assert word in text, transcript.text
    assert transcript.words and all(0.0 <= w.start <= w.end <= transcript.duration_seconds + 0.5
                                    for w in transcript.words)
    assert [w.start for w in transcript.words] == sorted(w.start for w in transcript.words)
    metrics = transcript.metrics("- team of 12 engineers\n- churn down")
    assert metrics.words >= 15
    assert 80 < metrics.words_per_minute < 300
    assert metrics.numbers  # "twelve" or "12", "30%"
    assert metrics.star["situation"] and metrics.star["result"]
    assert (metrics.key_points.total, metrics.key_points.mentioned) == (2, 1)
    data = transcript.as_json()
    assert data["text"] == transcript.text
    assert data["word_timestamps"][0].keys() == {"word", "start", "end"}


def test_silence_is_an_empty_transcript(tiny_model: SpeechModel, tmp_path: Path) -> None:
    transcript = tiny_model.transcribe_file(write_silence(tmp_path / "quiet.wav"))
    assert transcript.words == () and transcript.text == ""
    assert transcript.duration_seconds == pytest.approx(2.0)
    assert transcript.metrics().words_per_minute == 0.0
    assert tiny_model.transcribe(Audio(b"")).text == ""


def test_audio_at_another_rate_is_resampled_before_the_model_hears_it(tiny_model: SpeechModel) -> None:
    audio = synthesize("We increased retention by thirty percent.")
    assert audio.sample_rate != SAMPLE_RATE
    assert "retention" in tiny_model.transcribe(audio).text.lower()


def test_recordings_are_resampled_to_what_the_model_hears(tmp_path: Path) -> None:
    stereo = tmp_path / "stereo.wav"
    with wave.open(str(stereo), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44_100)
        w.writeframes(b"\x10\x00\x20\x00" * 44_100)
    audio = read_audio(stereo)
    assert audio.sample_rate == SAMPLE_RATE and audio.duration == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a recording mockint can read, or it is damaged"),
        (b"RIFF\xff\xff\xff\xffWAVEfmt " + b"\0" * 40, "not a recording mockint can read, or it is damaged"),
        (b"hello, I am not audio at all" * 50, "not a recording mockint can read, or it is damaged"),
    ],
)
def test_a_damaged_recording_is_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(content)
    with pytest.raises(MockintError) as caught:
        read_audio(bad)
    assert caught.value.exit_code == 1
    assert [d.message for d in caught.value.diagnostics] == [message + " (expected WAV, FLAC, MP3 or Ogg Vorbis)"]
    with pytest.raises(MockintError, match="no such file"):
        read_audio(tmp_path / "missing.wav")
