"""Speaking practice end to end on the real practice screen: `--voice --audio-in FILE`.

The interviewer's questions are spoken to miniaudio's null backend; each answer's audio comes
from a WAV the interviewer's own voice recorded; the bundled tiny.en model (the `voice_model`
setting points at it) transcribes it in the background while the answer is rated.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from mockint.core.history.db.store import Store
from mockint.core.paths import get_paths
from mockint.core.settings import Settings, load_settings, save_settings
from mockint.core.voice.record import recording_path
from tests.support.tui_support import ManualClock, make_app
from tests.support.voice_support import model_dir, spoken_wav

__all__ = ["spoken_wav"]  # a session fixture used below

SIZE = (110, 34)


async def until(pilot: Any, condition: Any, timeout: float = 120.0) -> None:
    """Let the app run until `condition()` holds (transcription takes seconds on a busy machine)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


@pytest.fixture
def voice_app(tmp_path: Path, spoken_wav: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from mockint.cli.voice import voice_options

    monkeypatch.setenv("MOCKINT_AUDIO_BACKEND", "null")
    monkeypatch.delenv("MOCKINT_WHISPER_MODEL", raising=False)
    save_settings(Settings(voice_model=str(model_dir())))
    options = voice_options(spoken_wav)
    return make_app(tmp_path, ManualClock(), start_screen="practice",
                    screen_kwargs={"plan_id": "demo-plan", "voice_options": options})


async def test_spoken_answers_are_recorded_transcribed_shown_and_saved(voice_app: Any) -> None:
    from mockint.tui.widgets.voice_panel import VoicePanel

    app = voice_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        link = screen.voice_link
        panel = screen.query_one(VoicePanel)
        session = screen.session
        assert link is not None and link.session is session  # found through the panel's screen

        # Question 1: rated and saved at once; its transcript arrives after the save.
        await pilot.press("space")
        await until(pilot, lambda: panel.state == "recording" and panel.level_shown > 0)  # the meter moves
        assert link.port.session_id == session.session_id  # recordings go under the interview's id
        await pilot.press("p")  # pausing the clocks pauses the recording: the meter rests
        await until(pilot, lambda: panel.level_shown == 0)
        await pilot.press("p")
        await until(pilot, lambda: panel.level_shown > 0)
        app.clock.advance(40)
        await pilot.press("space")
        await until(pilot, lambda: panel.state in ("transcribing", "done"))
        await pilot.press("4", "4", "4", "4", "enter")
        await until(pilot, lambda: session.index == 1)
        assert panel.state in ("idle", "speaking")  # a new question (being spoken): nothing heard yet
        assert str(panel.query_one("#voice-transcript").render()) == ""
        await until(pilot, lambda: link.port.pending == 0)

        # Question 2: the transcript and metrics appear beside the rating panel while rating.
        await pilot.press("space")
        await until(pilot, lambda: panel.state == "recording")
        app.clock.advance(30)
        await pilot.press("space")
        await until(pilot, lambda: panel.state == "done")
        shown = str(panel.query_one("#voice-transcript").render()).lower()
        assert "retention" in shown
        metrics = str(panel.query_one("#voice-metrics").render())
        assert "pace: " in metrics and "fillers: " in metrics and "pauses: " in metrics
        await pilot.press("3", "3", "3", "3", "enter")
        await until(pilot, lambda: session.finished)
        session_id = session.session_id
    await asyncio.sleep(0)

    with Store.open() as store:
        answers = store.session_answers(session_id)
    assert [a.index for a in answers] == [0, 1]
    for answer in answers:
        assert answer.transcript is not None and "engineers" in answer.transcript.lower()
        assert answer.speech is not None
        assert answer.speech["words"] >= 15 and answer.speech["words_per_minute"] > 0
        assert set(answer.speech["star"]) == {"situation", "task", "action", "result"}
        assert recording_path(app.paths, session_id, answer.index).is_file()


async def test_voice_settings_are_edited_on_the_settings_screen(tmp_path: Path) -> None:
    from textual.widgets import Checkbox, Input

    app = make_app(tmp_path, start_screen="settings")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#set-voice_model", Input).value == ""
        screen.query_one("#set-voice_model", Input).value = "tiny.en"
        screen.query_one("#set-voice_speak", Checkbox).value = False
        screen.query_one("#set-voice_keep_recordings", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_settings()
    assert (saved.voice_model, saved.voice_speak, saved.voice_keep_recordings) == ("tiny.en", False, False)


def _spoken_session(spoken_wav: Path) -> str:
    """A session of two answers: the first spoken (transcript, metrics, recording kept), the second typed."""
    import dataclasses

    from mockint.core.voice.record import FileRecorder
    from tests.support.store_helpers import answer, interview
    from tests.support.tui_support import FIXED_NOW

    with Store.open() as store:
        sid = store.create_session(interview("q0", "q1"))
        first = dataclasses.replace(answer(0, "q0", FIXED_NOW), transcript="We grew, um, retention by 30%.",
                                    speech={"words": 6, "speaking_seconds": 3.0, "words_per_minute": 120.0,
                                            "fillers": {"um": 1}, "pauses": [], "numbers": ["30%"]})
        store.save_answer(sid, first)
        store.save_answer(sid, answer(1, "q1", FIXED_NOW))
    recorder = FileRecorder(spoken_wav)
    recorder.start(recording_path(get_paths(), sid, 0))
    recorder.stop()
    return sid


async def test_session_detail_shows_the_transcript_and_plays_the_recording(
    tmp_path: Path, spoken_wav: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mockint.tui.widgets.answer_card import AnswerCard

    monkeypatch.setenv("MOCKINT_AUDIO_BACKEND", "null")
    sid = _spoken_session(spoken_wav)
    app = make_app(tmp_path, start_screen="session", screen_kwargs={"session_id": sid})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        cards = list(screen.query(AnswerCard))
        assert "Spoken: We grew, um, retention by 30%." in cards[0].text
        assert "fillers: um ×1" in cards[0].text
        assert screen.check_action("play", ()) is True  # the first card has a recording
        await pilot.press("v")
        playing = screen._playing
        assert playing is not None
        await until(pilot, playing.is_set)  # played to the end on the null speakers
        await pilot.press("down")
        assert screen.check_action("play", ()) is False  # a typed answer: no Play


async def test_trends_plot_pace_and_fillers_of_spoken_answers(tmp_path: Path, spoken_wav: Path) -> None:
    _spoken_session(spoken_wav)
    app = make_app(tmp_path, start_screen="trends")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        data = app.screen.data
        assert [v for v in data.pace if v is not None] == [120.0]
        assert [v for v in data.fillers_per_minute if v is not None] == [20.0]
        assert app.screen.query_one("#plot-pace") and app.screen.query_one("#plot-fillers")


async def test_without_microphone_or_speakers_the_interview_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import miniaudio

    from mockint.core.voice.port import prepare_options
    from mockint.tui.widgets.voice_panel import VoicePanel

    def refuse(*args: object, **kwargs: object) -> None:
        raise miniaudio.MiniaudioError("failed to init device", -401)

    monkeypatch.delenv("MOCKINT_AUDIO_BACKEND", raising=False)
    monkeypatch.setattr(miniaudio, "CaptureDevice", refuse)
    monkeypatch.setattr(miniaudio, "PlaybackDevice", refuse)
    save_settings(Settings(voice_model=str(model_dir())))
    app = make_app(tmp_path, ManualClock(), start_screen="practice",
                   screen_kwargs={"plan_id": "demo-plan", "voice_options": prepare_options(None, load_settings())})
    messages: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **options: messages.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        panel = screen.query_one(VoicePanel)
        await pilot.press("space")
        await until(pilot, lambda: panel.state == "off")
        assert "No microphone" in str(panel.query_one("#voice-status").render())
        assert any("no audio output device" in m for m in messages)
        assert any("no microphone" in m for m in messages)
        app.clock.advance(20)
        await pilot.press("space", "4", "4", "4", "4", "enter")
        await until(pilot, lambda: screen.session.index == 1)
        session_id = screen.session.session_id
    with Store.open() as store:
        [saved] = store.session_answers(session_id)
    assert saved.transcript is None and saved.elapsed_seconds == 20


def test_snapshot_voice_panel_with_a_transcript(snap_compare: Any) -> None:
    """The panel as it looks once an answer is transcribed (fixed data; the practice screen mounts it)."""
    from textual.app import App, ComposeResult

    from mockint.tui.widgets.voice_panel import VoicePanel

    speech = {"words": 96, "speaking_seconds": 41.5, "words_per_minute": 138.8, "fillers": {"um": 3, "like": 1},
              "pauses": [{"start": 12.0, "seconds": 2.6}], "longest_pause_seconds": 2.6, "numbers": ["12", "30%"],
              "star": {"situation": True, "task": True, "action": True, "result": False},
              "key_points": {"total": 3, "mentioned": 2, "missed": ["pricing"]}}

    class PanelApp(App[None]):
        def compose(self) -> ComposeResult:
            yield VoicePanel(title="Voice · answers from answer.wav")

        def on_mount(self) -> None:
            self.query_one(VoicePanel).show_result(
                "In my last role, um, I led a team of 12 engineers. We increased retention by 30%, um, "
                "and, like, revenue grew. [not markup] \x1b[2J", speech)

    assert snap_compare(PanelApp(), terminal_size=(80, 20))


async def test_a_transcript_arriving_after_the_app_closed_is_saved(
    voice_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from mockint.core.voice.transcribe import SpeechModel

    gate = threading.Event()
    transcribe_file = SpeechModel.transcribe_file

    def held(self: SpeechModel, path: Path) -> Any:
        assert gate.wait(120)
        return transcribe_file(self, path)

    monkeypatch.setattr(SpeechModel, "transcribe_file", held)
    app = voice_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space")
        app.clock.advance(25)
        await pilot.press("space", "2", "2", "2", "2", "enter")
        await until(pilot, lambda: screen.session.index == 1)
        port = screen.voice_link.port
        session_id = screen.session.session_id
    gate.set()  # the app is gone when the transcript comes
    assert port.wait(120)
    with Store.open() as store:
        [first] = store.session_answers(session_id)
    assert first.transcript is not None and "retention" in first.transcript.lower()
    assert first.speech is not None and first.speech["words"] > 0
