"""The practice engine's voice: speaks questions, records answers, transcribes them in the background.

`VoiceSession` implements the engine's VoicePort (mockint.core.interview.voice_port): the engine
calls it from the UI thread as the interview moves on, and it never blocks that thread. Speech
plays on its own thread; recording runs on the audio device's thread; transcription runs on one
worker thread (the model is loaded there once, at the start), which hands each result to
`on_result` — from that worker thread, so a UI marshals it to its own thread. A missing
microphone, speaker or model is told once through `on_notice`, and the interview goes on.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mockint.core.errors import MockintError
from mockint.core.paths import Paths
from mockint.core.voice.record import FileRecorder, MicrophoneRecorder, Recorder, recording_path
from mockint.core.voice.transcribe import ModelChoice, SpeechModel, load_model_fetching

if TYPE_CHECKING:
    from mockint.core.settings import Settings

State = Literal["idle", "speaking", "recording", "transcribing"]


@dataclass(frozen=True)
class VoiceOptions:
    """What the candidate chose for speaking practice."""

    model: ModelChoice
    speak: bool = True
    keep_recordings: bool = True
    audio_in: Path | None = None


@dataclass(frozen=True)
class SpeechResult:
    """One answer's transcript and metrics (or why there are none)."""

    index: int
    transcript: str | None = None
    speech: dict[str, Any] | None = None
    recording: Path | None = None
    error: str | None = None


def prepare_options(audio_in: Path | None, settings: Settings) -> VoiceOptions:
    """Speaking practice as the settings say, checked before an interview starts: a damaged
    `audio_in` file or a model folder that is not a model fails here, in one line (exit 1)."""
    from mockint.core.voice.audio import read_audio
    from mockint.core.voice.transcribe import check_model_directory, resolve_model

    if audio_in is not None:
        read_audio(audio_in)
    choice = resolve_model(None, setting=settings.voice_model)
    if choice.is_directory:
        check_model_directory(choice.path)
    return VoiceOptions(
        model=choice, speak=settings.voice_speak, keep_recordings=settings.voice_keep_recordings,
        audio_in=audio_in.resolve() if audio_in is not None else None,
    )


def _message(exc: BaseException) -> str:
    if isinstance(exc, MockintError):
        return exc.diagnostics[0].message if exc.diagnostics else str(exc)
    return str(exc) or type(exc).__name__


class VoiceSession:
    """Speaking practice for one interview (see the module docstring)."""

    def __init__(
        self,
        *,
        paths: Paths,
        options: VoiceOptions,
        on_result: Callable[[SpeechResult], None],
        on_notice: Callable[[str], None] | None = None,
        key_points: Callable[[int], str] | None = None,
        session_id: str | None = None,
        session_source: Callable[[], str | None] | None = None,
    ) -> None:
        """`session_id` names the recordings' folder; or `session_source` gives it when an answer starts
        (the interview is created after its voice)."""
        from mockint.core.voice import require_voice

        require_voice()
        self.paths = paths
        self.options = options
        self.session_id = session_id
        self._session_source = session_source
        self._on_result = on_result
        self._on_notice = on_notice or (lambda message: None)
        self._key_points = key_points
        self._recorder: Recorder = (
            FileRecorder(options.audio_in) if options.audio_in is not None else MicrophoneRecorder()
        )
        self._speak = options.speak
        self._can_record = True
        self._recording_index: int | None = None
        self._speech_stop = threading.Event()
        self._speech_thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pending: list[Future[None]] = []
        self._model: SpeechModel | None = None
        self._model_error: str | None = None
        self._closed = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mockint-voice")
        self._worker.submit(self._load_model)  # ready by the end of the first answer

    # -- VoicePort -------------------------------------------------------------------------------
    def question_asked(self, text: str) -> None:
        """Speak the question on a background thread (unless speech is off, or an answer is being
        recorded: the microphone would hear it; the question is on the screen)."""
        if not self._speak or self._closed or self._recording_index is not None:
            return
        self._stop_speech()
        stop = threading.Event()
        self._speech_stop = stop
        thread = threading.Thread(target=self._say, args=(text, stop), name="mockint-speak", daemon=True)
        self._speech_thread = thread
        thread.start()

    def answer_started(self, index: int) -> None:
        """Stop speaking and record the answer."""
        self._stop_speech()
        if not self._can_record or self._closed:
            return
        if self.session_id is None and self._session_source is not None:
            self.session_id = self._session_source()
        if self.session_id is None:
            raise RuntimeError("VoiceSession: no session id when an answer started")
        self._finish_recording(discard=True)
        try:
            self._recorder.start(recording_path(self.paths, self.session_id, index))
        except MockintError as exc:
            self._can_record = False
            self._on_notice(f"{_message(exc)}: answers are not recorded")
            return
        self._recording_index = index

    def answer_stopped(self, index: int) -> None:
        """Stop recording and transcribe the answer on the worker thread."""
        if self._recording_index != index:
            return
        points = self._key_points(index) if self._key_points is not None else ""
        try:
            path = self._recorder.stop()
        except MockintError as exc:
            self._recording_index = None
            self._on_notice(_message(exc))
            return
        self._recording_index = None
        if path is None:
            return
        future = self._worker.submit(self._transcribe, index, path, points)
        with self._lock:
            self._pending = [f for f in self._pending if not f.done()] + [future]

    def pause(self, paused: bool) -> None:
        """The interview's clocks paused or resumed: so is the recording (nothing is kept while paused)."""
        if self._recording_index is not None:
            self._recorder.pause(paused)

    def level(self) -> float:
        """Loudness of the microphone now, 0..1 (0 when not recording)."""
        return self._recorder.level() if self._recording_index is not None else 0.0

    def close(self) -> None:
        """Stop speaking and recording; transcriptions already asked for still finish and report."""
        if self._closed:
            return
        self._closed = True
        self._stop_speech()
        self._finish_recording(discard=True)
        self._worker.shutdown(wait=False)

    # -- state, for a UI and for tests -----------------------------------------------------------
    @property
    def state(self) -> State:
        if self._recording_index is not None:
            return "recording"
        if self.pending:
            return "transcribing"
        thread = self._speech_thread
        if thread is not None and thread.is_alive():
            return "speaking"
        return "idle"

    @property
    def can_record(self) -> bool:
        """False once the microphone could not be opened (the interview goes on without recording)."""
        return self._can_record

    @property
    def pending(self) -> int:
        with self._lock:
            return sum(1 for f in self._pending if not f.done())

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for every transcription asked for so far; True if all finished in time."""
        from concurrent.futures import wait

        with self._lock:
            futures = list(self._pending)
        return not wait(futures, timeout=timeout).not_done

    # -- work on other threads -------------------------------------------------------------------
    def _say(self, text: str, stop: threading.Event) -> None:
        from mockint.core.voice.speak import say

        try:
            say(text, stop=stop)
        except MockintError as exc:
            self._speak = False
            self._on_notice(f"{_message(exc)}: questions are shown, not spoken")

    def _stop_speech(self) -> None:
        self._speech_stop.set()

    def _finish_recording(self, *, discard: bool) -> None:
        if self._recording_index is None:
            return
        self._recording_index = None
        with contextlib.suppress(MockintError):
            path = self._recorder.stop()
            if discard and path is not None:
                path.unlink(missing_ok=True)

    def _load_model(self) -> None:
        try:
            self._model = load_model_fetching(self.options.model, lambda message: self._on_notice(message.capitalize()))
        except MockintError as exc:
            self._model_error = _message(exc)
            self._on_notice(f"{self._model_error}: answers are recorded but not transcribed")

    def _transcribe(self, index: int, path: Path, points: str) -> None:
        try:
            if self._model is None:
                raise MockintError(self._model_error or "the speech model is not loaded", exit_code=1)
            from mockint.core.history.limits import MAX_TRANSCRIPT

            transcript = self._model.transcribe_file(path)
            metrics = transcript.metrics(points)
            result = SpeechResult(index, transcript.text[:MAX_TRANSCRIPT], metrics.as_dict(), path)
        except MockintError as exc:
            result = SpeechResult(index, recording=path, error=_message(exc))
        except Exception as exc:  # never lose the interview to a transcription failure
            result = SpeechResult(index, recording=path, error=f"transcription failed: {exc}")
        if not self.options.keep_recordings:
            with contextlib.suppress(OSError):
                path.unlink()
            result = SpeechResult(result.index, result.transcript, result.speech, None, result.error)
        self._on_result(result)
