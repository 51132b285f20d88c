"""Speaking practice on the practice screen: joins the voice (core) to the engine and the VoicePanel.

The practice screen builds a `VoiceLink` when `--voice` is on, hands `link.port` to the
PracticeSession as its VoicePort, and mounts `link.panel`; the link finds the interview through
the panel's screen (its `session`) and closes the voice when the panel goes away. Everything the voice reports comes
from its own threads and is brought to the app's thread with `App.call_from_thread`: a
transcript is attached to its answer (`PracticeSession.attach_speech`, saved with it) and shown in
the panel, beside the rating panel. When the app has already closed, a late transcript is saved
straight to the store so the spoken answer is not lost.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from mockint.core.errors import MockintError
from mockint.tui.app import MockintApp
from mockint.tui.widgets.voice_panel import VoicePanel

if TYPE_CHECKING:
    from mockint.core.interview.session import PracticeSession
    from mockint.core.paths import Paths
    from mockint.core.voice.port import SpeechResult, VoiceOptions, VoiceSession

class VoiceLink:
    """One interview's voice: the port the engine calls, the panel that shows it."""

    def __init__(self, app: MockintApp, options: VoiceOptions, paths: Paths) -> None:
        from mockint.core.voice.port import VoiceSession

        self.app = app
        self.paths = paths
        self._session: PracticeSession | None = None
        where = f" · answers from {options.audio_in.name}" if options.audio_in is not None else ""
        self.panel = VoicePanel(title=f"Voice{where}", poll=self.poll, on_close=self.close, id="voice")
        self.port: VoiceSession = VoiceSession(
            paths=paths, options=options, on_result=self._from_worker, on_notice=self._notice_from_worker,
            key_points=self._key_points, session_source=self._session_id,
        )
        self._index = -1
        self._paused = False
        self._app_thread = threading.get_ident()  # built in compose, on the app's thread

    @property
    def session(self) -> PracticeSession | None:
        """The practice screen's interview (the screen that mounts the panel); kept once it is gone."""
        if self._session is None and self.panel.is_mounted:
            from mockint.core.interview.session import PracticeSession

            session = getattr(self.panel.screen, "session", None)
            self._session = session if isinstance(session, PracticeSession) else None
        return self._session

    def _session_id(self) -> str | None:
        session = self.session
        return session.session_id if session is not None else None

    def _key_points(self, index: int) -> str:
        session = self.session
        return session.points if session is not None and session.index == index else ""

    # -- on the app's thread ------------------------------------------------------------------
    def poll(self) -> None:
        """Follow the voice: clear on a new question, the meter while recording, then "transcribing"."""
        panel = self.panel
        if not panel.is_mounted:
            return
        session = self.session
        if session is not None and session.index != self._index:
            self._index = session.index
            panel.clear()
        if session is not None and session.paused != self._paused:
            self._paused = session.paused
            self.port.pause(self._paused)
        state = self.port.state
        if state == "recording":
            if panel.state != "recording":
                panel.clear()
                panel.start_meter(self.port.level)
                panel.set_state("recording")
        elif panel.state == "recording":
            panel.stop_meter()
            panel.set_state("transcribing")
        elif state == "speaking" and panel.state == "idle":
            panel.set_state("speaking")
        elif state != "speaking" and panel.state == "speaking":
            panel.set_state("idle")
        if panel.state == "idle" and not self.port.can_record:
            panel.set_state("off", "No microphone: answers are not recorded (--audio-in FILE practises with a file).")

    def arrived(self, result: SpeechResult) -> None:
        """A transcript (or why there is none): attach it to its answer; show it if still on it."""
        session = self.session
        if session is not None and result.transcript is not None:
            try:
                session.attach_speech(result.index, result.transcript, result.speech)
            except (MockintError, ValueError) as exc:
                reason = exc.diagnostics[0].message if isinstance(exc, MockintError) else str(exc)
                self.app.notify(f"Transcript not saved: {reason}", severity="error", markup=False)
        if self.panel.is_mounted and (session is None or session.index == result.index):
            self.panel.show_result(result.transcript, result.speech, result.error)
        elif result.error:
            self.app.notify(f"Answer {result.index + 1} not transcribed: {result.error}", markup=False)

    def notice(self, message: str) -> None:
        self.app.notify(message, title="Voice", markup=False)

    def close(self) -> None:
        self.port.close()

    # -- from the voice's threads --------------------------------------------------------------
    def _from_worker(self, result: SpeechResult) -> None:
        if threading.get_ident() == self._app_thread:
            self.arrived(result)
            return
        if not self.app.is_running:  # closed or closing: its thread would never answer
            self._save_late(result)
            return
        try:
            self.app.call_from_thread(self.arrived, result)
        except RuntimeError:  # the app is gone: keep the transcript all the same
            self._save_late(result)

    def _notice_from_worker(self, message: str) -> None:
        if threading.get_ident() == self._app_thread:  # e.g. no microphone, found when space is pressed
            self.notice(message)
            return
        if not self.app.is_running:
            return
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self.notice, message)

    def _save_late(self, result: SpeechResult) -> None:
        session = self.session
        if session is None or result.transcript is None:
            return
        from mockint.core.history.db.store import Store

        with contextlib.suppress(MockintError, OSError, ValueError), Store.open(self.paths) as store:
            store.set_answer_speech(session.session_id, result.index, result.transcript, result.speech)


def open_voice_link(app: MockintApp, options: VoiceOptions | None) -> VoiceLink | None:
    """The voice for one interview; None without `--voice`, or (with a message saying why) when it cannot start."""
    if options is None:
        return None
    try:
        return VoiceLink(app, options, app.paths)
    except MockintError as exc:
        app.notify(f"{exc.diagnostics[0].message}; practising without voice", title="Voice", severity="warning",
                   markup=False)
        return None


def play_in_background(app: MockintApp, path: Path) -> threading.Event:
    """Play a kept recording on its own thread; set the event to stop. Problems are notices."""
    stop = threading.Event()

    def play() -> None:
        from mockint.core.voice import voice_unavailable
        from mockint.core.voice.audio import read_audio
        from mockint.core.voice.devices import play as play_audio

        try:
            problem = voice_unavailable()
            if problem is not None:
                raise problem
            play_audio(read_audio(path), stop=stop)
        except MockintError as exc:
            with contextlib.suppress(RuntimeError):
                app.call_from_thread(app.notify, exc.diagnostics[0].message, title="Playback", markup=False)
        finally:
            stop.set()

    threading.Thread(target=play, name="mockint-playback", daemon=True).start()
    return stop
