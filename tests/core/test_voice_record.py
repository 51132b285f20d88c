"""Recording, playback and the practice engine's voice, on miniaudio's null backend and WAV files."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.paths import get_paths
from mockint.core.voice.audio import SAMPLE_RATE, read_audio
from mockint.core.voice.devices import BACKEND_ENV, open_capture, open_playback, play
from mockint.core.voice.port import SpeechResult, VoiceOptions, VoiceSession
from mockint.core.voice.record import (
    FileRecorder,
    MicrophoneRecorder,
    delete_recordings,
    load_recording,
    recording_path,
    recordings_dir,
    recordings_usage,
)
from mockint.core.voice.speak import synthesize
from mockint.core.voice.transcribe import ModelChoice, SpeechModel
from tests.support.voice_support import model_dir, spoken_wav, tiny_model

__all__ = ["spoken_wav", "tiny_model"]  # session fixtures used below


@pytest.fixture
def null_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    """miniaudio's null backend: a silent microphone and speakers that discard sound."""
    monkeypatch.setenv(BACKEND_ENV, "null")


@pytest.fixture
def no_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound device at all (what this machine has without the null backend)."""
    import miniaudio

    def refuse(*args: object, **kwargs: object) -> None:
        raise miniaudio.MiniaudioError("failed to init device", -401)

    monkeypatch.delenv(BACKEND_ENV, raising=False)
    monkeypatch.setattr(miniaudio, "CaptureDevice", refuse)
    monkeypatch.setattr(miniaudio, "PlaybackDevice", refuse)


def wait_for(condition: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_microphone_recording_streams_to_a_wav_put_in_place_at_the_end(null_audio: None, tmp_path: Path) -> None:
    target = tmp_path / "rec" / "0.wav"
    recorder = MicrophoneRecorder()
    recorder.start(target)
    assert not target.exists()  # only a hidden temporary file while recording
    wait_for(lambda: any(p.name.startswith(".0.wav.") for p in target.parent.iterdir())
             and next(target.parent.iterdir()).stat().st_size > 44 + 3200)
    assert recorder.level() == 0.0  # the null microphone hears silence
    assert recorder.stop() == target
    assert [p.name for p in target.parent.iterdir()] == ["0.wav"]
    with wave.open(str(target)) as w:
        assert (w.getnchannels(), w.getframerate(), w.getsampwidth()) == (1, SAMPLE_RATE, 2)
        assert w.getnframes() > 0
    assert read_audio(target).is_silent()
    assert recorder.stop() is None


def test_no_microphone_or_speakers_are_clear_errors(no_audio: None) -> None:
    with pytest.raises(MockintError, match=r"error: no microphone: no audio input device could be opened$"):
        open_capture(SAMPLE_RATE)
    with pytest.raises(MockintError, match=r"error: no audio output device: sound cannot be played here$"):
        open_playback(22_050)


def test_playback_runs_to_the_end_or_stops_when_asked(null_audio: None) -> None:
    audio = synthesize("One, two.")
    seen: list[float] = []
    play(audio, progress=seen.append)
    assert seen and seen[-1] == 1.0
    stop = threading.Event()
    stop.set()
    play(synthesize("This is not heard to the end."), stop=stop)  # returns at once


def test_a_file_stands_in_for_the_microphone(spoken_wav: Path, tmp_path: Path) -> None:
    now = [100.0]
    recorder = FileRecorder(spoken_wav, clock=lambda: now[0])
    assert recorder.level() == 0.0
    recorder.start(tmp_path / "0.wav")
    now[0] += 1.0  # one second into the answer: speech
    assert recorder.level() > 0.3
    recorder.pause(True)  # the clocks are paused: the meter rests, and the pause does not count
    now[0] += 500.0
    assert recorder.level() == 0.0
    recorder.pause(False)
    assert recorder.level() > 0.3  # one second into the answer again
    assert recorder.stop() == tmp_path / "0.wav"
    copy = read_audio(tmp_path / "0.wav")
    assert copy.duration == pytest.approx(recorder.audio.duration, abs=0.01)


def test_recordings_live_in_the_data_folder_and_can_be_deleted(spoken_wav: Path) -> None:
    paths = get_paths()
    for session, index in (("s1", 0), ("s1", 1), ("s2", 0)):
        recorder = FileRecorder(spoken_wav)
        recorder.start(recording_path(paths, session, index))
        recorder.stop()
    assert recording_path(paths, "s1", 1) == paths.data_dir / "recordings" / "s1" / "1.wav"
    used = recordings_usage(paths)
    assert used.files == 3 and used.bytes > 3 * 44
    assert load_recording(paths, "s1", 1) is not None and load_recording(paths, "s1", 5) is None
    assert delete_recordings(paths, "s2").files == 1
    assert recordings_usage(paths).files == 2
    assert delete_recordings(paths).files == 2
    assert not recordings_dir(paths).exists() and recordings_usage(paths).files == 0
    with pytest.raises(MockintError, match="not a session id"):
        delete_recordings(paths, "..")


def _session(tmp_path: Path, audio_in: Path | None, results: list[SpeechResult], notices: list[str],
             **options: object) -> VoiceSession:
    choice = ModelChoice(str(model_dir()), "the tests")
    return VoiceSession(
        paths=get_paths(), options=VoiceOptions(model=choice, audio_in=audio_in, **options),  # type: ignore[arg-type]
        on_result=results.append, on_notice=notices.append,
        key_points=lambda index: "team of twelve engineers\nmobile launch", session_id="sess",
    )


def test_voice_session_speaks_records_and_transcribes_in_the_background(
    null_audio: None, tiny_model: SpeechModel, spoken_wav: Path, tmp_path: Path
) -> None:
    results: list[SpeechResult] = []
    notices: list[str] = []
    voice = _session(tmp_path, spoken_wav, results, notices)
    from mockint.core.interview.voice_port import VoicePort

    assert isinstance(voice, VoicePort)  # what the practice engine is given
    voice.question_asked("Tell me about a team you led.")
    voice.answer_started(0)  # stops the question's speech
    assert voice.state == "recording"
    voice.answer_stopped(0)
    assert voice.wait(120)
    voice.close()
    assert notices == []
    [result] = results
    assert result.index == 0 and result.error is None
    assert result.transcript and "retention" in result.transcript.lower()
    assert result.speech is not None and result.speech["words"] >= 15 and "text" not in result.speech
    assert result.speech["key_points"]["total"] == 2
    assert result.recording == recording_path(get_paths(), "sess", 0) and result.recording.is_file()
    assert voice.state == "idle" and voice.level() == 0.0


def test_recordings_are_deleted_once_transcribed_when_not_kept(
    tiny_model: SpeechModel, spoken_wav: Path, tmp_path: Path
) -> None:
    results: list[SpeechResult] = []
    voice = _session(tmp_path, spoken_wav, results, [], keep_recordings=False, speak=False)
    voice.answer_started(3)
    voice.answer_stopped(3)
    assert voice.wait(120)
    voice.close()
    assert results[0].recording is None and results[0].transcript
    assert recordings_usage(get_paths()).files == 0


def test_without_devices_the_interview_goes_on_and_says_why_once(no_audio: None, tmp_path: Path) -> None:
    results: list[SpeechResult] = []
    notices: list[str] = []
    voice = _session(tmp_path, None, results, notices)
    voice.question_asked("First question?")
    wait_for(lambda: len(notices) == 1)
    voice.answer_started(0)
    voice.answer_stopped(0)
    voice.question_asked("Second question?")  # speech is off now: no second notice
    voice.answer_started(1)
    voice.close()
    assert notices == [
        "no audio output device: sound cannot be played here: questions are shown, not spoken",
        "no microphone: no audio input device could be opened: answers are not recorded",
    ]
    assert results == [] and voice.state == "idle"


def test_a_missing_model_is_told_and_answers_are_kept_untranscribed(spoken_wav: Path, tmp_path: Path) -> None:
    results: list[SpeechResult] = []
    notices: list[str] = []
    voice = VoiceSession(
        paths=get_paths(), options=VoiceOptions(model=ModelChoice(str(tmp_path / "nope"), "--model"),
                                                audio_in=spoken_wav, speak=False),
        on_result=results.append, on_notice=notices.append, session_id="sess",
    )
    voice.answer_started(0)
    voice.answer_stopped(0)
    assert voice.wait(60)
    voice.close()
    assert notices == ["speech model directory not found: answers are recorded but not transcribed"]
    assert results[0].error == "speech model directory not found" and results[0].transcript is None
    assert results[0].recording is not None and results[0].recording.is_file()
