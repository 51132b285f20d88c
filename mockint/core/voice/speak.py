"""The interviewer's voice: text to speech with the eSpeak NG library that espeakng-loader ships.

eSpeak NG is driven through its C API with ctypes (no system package, no phonemizer): it is
initialised once with the bundled voice data, in synchronous mode with a callback that collects
the 16-bit PCM it produces. The library keeps global state, so one lock serialises every call.
"""

from __future__ import annotations

import array
import ctypes
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mockint.core.errors import failure
from mockint.core.voice.audio import Audio, write_wav

VOICE = "en-us"
WORDS_PER_MINUTE = 140  # an interviewer's calm pace (and clearest for the speech model)
MAX_CHARACTERS = 20_000

# espeak_ng_OUTPUT_MODE, espeak_PARAMETER, espeak_POSITION_TYPE and flags from speak_lib.h.
_OUTPUT_SYNCHRONOUS = 0x0001
_PARAM_RATE = 1
_POS_CHARACTER = 1
_CHARS_UTF8 = 1

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class _Engine:
    """The loaded library, its sample rate, and the buffer the callback fills."""

    def __init__(self) -> None:
        import espeakng_loader

        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as exc:
            raise failure(f"text to speech is not available: {exc}") from None
        lib.espeak_ng_InitializePath.argtypes = [ctypes.c_char_p]
        lib.espeak_ng_Initialize.argtypes = [ctypes.c_void_p]
        lib.espeak_ng_InitializeOutput.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p]
        lib.espeak_ng_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
            ctypes.c_void_p, ctypes.c_void_p,
        ]
        lib.espeak_ng_InitializePath(data.encode())
        steps: tuple[tuple[str, Callable[[], Any]], ...] = (
            ("start", lambda: lib.espeak_ng_Initialize(None)),
            ("open its output", lambda: lib.espeak_ng_InitializeOutput(_OUTPUT_SYNCHRONOUS, 0, None)),
            (f"load the voice {VOICE}", lambda: lib.espeak_ng_SetVoiceByName(VOICE.encode())),
        )
        for step, status in steps:
            code = int(status())
            if code != 0:
                raise failure(f"text to speech could not {step} (eSpeak NG status {code:#x})")
        lib.espeak_SetParameter(_PARAM_RATE, WORDS_PER_MINUTE, 0)
        self.lib = lib
        self.sample_rate = int(lib.espeak_ng_GetSampleRate())
        self.buffer = array.array("h")
        self.callback = _SYNTH_CALLBACK(self._collect)  # kept alive as long as the engine
        lib.espeak_SetSynthCallback(self.callback)

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if count > 0 and wav:
            self.buffer.frombytes(ctypes.string_at(wav, count * 2))
        return 0  # go on

    def synthesize(self, text: str) -> Audio:
        self.buffer = array.array("h")
        data = text.encode("utf-8")
        code = int(self.lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None))
        if code != 0:
            raise failure(f"text to speech failed (eSpeak NG error {code})")
        self.lib.espeak_ng_Synchronize()
        return Audio(pcm=self.buffer.tobytes(), sample_rate=self.sample_rate)


_lock = threading.Lock()
_engine: _Engine | None = None


def clean_text(text: str) -> str:
    """What may be spoken: control and format characters become spaces, runs of blanks one space."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return " ".join(kept.split())[:MAX_CHARACTERS]


def synthesize(text: str) -> Audio:
    """`text` spoken by the interviewer's voice, as PCM (eSpeak NG's rate, 22 050 Hz)."""
    global _engine
    spoken = clean_text(text)
    with _lock:
        if _engine is None:
            _engine = _Engine()
        if not spoken:
            return Audio(pcm=b"", sample_rate=_engine.sample_rate)
        return _engine.synthesize(spoken)


def say_to_file(text: str, path: Path) -> Audio:
    """Write `text` spoken to a WAV file (atomically); returns the audio."""
    audio = synthesize(text)
    write_wav(path, audio)
    return audio


def say(text: str, *, stop: threading.Event | None = None) -> None:
    """Speak `text` through the speakers; exit-1 error if there is no output device."""
    from mockint.core.voice.devices import play

    audio = synthesize(text)
    if audio.frames:
        play(audio, stop=stop)
