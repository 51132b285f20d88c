"""Audio devices through miniaudio: open the microphone and the speakers, play sound, say what is there.

`MOCKINT_AUDIO_BACKEND=null` picks miniaudio's null backend (a silent microphone and speakers that
discard sound): the recording and playback code then runs on machines without a sound card. A
null device chosen by miniaudio on its own is not a device, and is reported as missing.
ALSA's own messages about missing cards are silenced so that they never reach the terminal.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
from collections.abc import Callable, Generator
from typing import Any

from mockint.core.errors import MockintError, failure
from mockint.core.voice.audio import SAMPLE_WIDTH, Audio

BACKEND_ENV = "MOCKINT_AUDIO_BACKEND"

_quiet_lock = threading.Lock()
_quiet_handler: Any = None


def _silence_alsa() -> None:
    """Give ALSA an error handler that prints nothing (it writes to the terminal otherwise)."""
    global _quiet_handler
    if not sys.platform.startswith("linux"):
        return
    with _quiet_lock:
        if _quiet_handler is not None:
            return
        try:
            asound = ctypes.CDLL("libasound.so.2")
        except OSError:
            _quiet_handler = False
            return
        handler_type = ctypes.CFUNCTYPE(
            None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
        )

        def quiet(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
            return None

        _quiet_handler = handler_type(quiet)  # kept alive for the life of the process
        asound.snd_lib_error_set_handler(_quiet_handler)


def _backends() -> tuple[list[Any], bool]:
    """(backends to try, whether the null backend was asked for)."""
    import miniaudio

    wanted = os.environ.get(BACKEND_ENV, "").strip().lower()
    if wanted == "null":
        return [miniaudio.Backend.NULL], True
    return [], False


def _open(kind: str, sample_rate: int, missing: str) -> Any:
    """A mono, 16-bit miniaudio device of `kind` ("input" or "output"); `missing` when there is none.

    Only the null backend (silence) is left when no real device exists: that is "none" too,
    unless it was asked for (MOCKINT_AUDIO_BACKEND=null, the tests).
    """
    import miniaudio

    _silence_alsa()
    backends, asked_null = _backends()
    make, format_key = (
        (miniaudio.CaptureDevice, "input_format") if kind == "input" else (miniaudio.PlaybackDevice, "output_format")
    )
    settings: dict[str, Any] = {format_key: miniaudio.SampleFormat.SIGNED16}
    try:
        device = make(nchannels=1, sample_rate=sample_rate, backends=backends or None, app_name="mockint", **settings)
    except miniaudio.MiniaudioError:
        raise failure(missing) from None
    if getattr(device, "backend", "").lower() == "null" and not asked_null:
        device.close()
        raise failure(f"no audio {kind} device found")
    return device


def open_capture(sample_rate: int) -> Any:
    """A started-later miniaudio capture device (mono, 16-bit); exit-1 error if there is none."""
    return _open("input", sample_rate, "no microphone: no audio input device could be opened")


def open_playback(sample_rate: int) -> Any:
    """A miniaudio playback device (mono, 16-bit); exit-1 error if there is none."""
    return _open("output", sample_rate, "no audio output device: sound cannot be played here")


def play(audio: Audio, *, stop: threading.Event | None = None,
         progress: Callable[[float], None] | None = None) -> None:
    """Play `audio` to the end (or until `stop` is set); blocks the calling thread."""
    stop = stop or threading.Event()
    done = threading.Event()
    device = open_playback(audio.sample_rate)
    pcm = memoryview(audio.pcm)

    def feed() -> Generator[bytes, int, None]:
        position = 0
        frames = yield b""
        while position < len(pcm) and not stop.is_set():
            chunk = bytes(pcm[position : position + frames * SAMPLE_WIDTH])
            position += len(chunk)
            if progress is not None:
                progress(position / len(pcm))
            frames = yield chunk
        done.set()

    generator = feed()
    next(generator)
    try:
        device.start(generator)
        # The generator ends one period before the sound does; wait for the device to drain it.
        deadline = time.monotonic() + audio.duration + 5.0  # a device that stops asking for sound
        while not done.wait(0.05):
            if stop.is_set() or time.monotonic() > deadline:
                break
        if not stop.is_set():
            stop.wait(device.buffersize_msec / 1000.0 * 2)
    except MockintError:
        raise
    except Exception as exc:  # a device that fails while playing
        raise failure(f"playback failed: {exc}") from None
    finally:
        device.close()


def device_names() -> tuple[list[str], list[str]]:
    """Names of (input, output) devices the sound system lists (the null backend's included if asked)."""
    import miniaudio

    _silence_alsa()
    backends, _asked = _backends()
    try:
        devices = miniaudio.Devices(backends=backends or None)
        captures = [str(d["name"]) for d in devices.get_captures()]
        playbacks = [str(d["name"]) for d in devices.get_playbacks()]
    except miniaudio.MiniaudioError:
        return [], []
    return captures, playbacks
