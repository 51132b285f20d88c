"""Recording answers: from the microphone (miniaudio capture) or from a file standing in for it.

A recording streams to a hidden temporary file beside its final place and is renamed into
`recordings/<session id>/<index>.wav` in the data folder when it stops, so a crash never leaves
half a WAV under the final name. `level()` is the live loudness for the meter (0..1).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mockint.core.errors import failure
from mockint.core.paths import Paths
from mockint.core.voice.audio import (
    SAMPLE_RATE,
    SAMPLE_WIDTH,
    Audio,
    meter_level,
    read_audio,
    rms_level,
    write_wav,
)

#: How much sound the meter looks at.
METER_WINDOW_SECONDS = 0.1


def recordings_dir(paths: Paths) -> Path:
    """Where answers' recordings are kept: `recordings/` in the data folder."""
    return paths.recordings_dir


def recording_path(paths: Paths, session_id: str, index: int) -> Path:
    if not session_id or "/" in session_id or "\\" in session_id or session_id in (".", ".."):
        raise failure(f"not a session id: {session_id!r}")
    return recordings_dir(paths) / session_id / f"{index}.wav"


class Recorder(Protocol):
    """Something that records one answer at a time."""

    def start(self, target: Path) -> None: ...

    def stop(self) -> Path | None: ...

    def level(self) -> float: ...

    def pause(self, paused: bool) -> None: ...


class MicrophoneRecorder:
    """Records from the default input device (16 kHz mono) straight into a WAV file."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._device: Any = None
        self._writer: wave.Wave_write | None = None
        self._temp: Path | None = None
        self._target: Path | None = None
        self._level = 0.0
        self._paused = False

    def start(self, target: Path) -> None:
        from mockint.core.voice.devices import open_capture

        self.stop()
        device = open_capture(SAMPLE_RATE)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        writer = wave.open(temp, "wb")  # noqa: SIM115 (open until the answer stops; closed in stop())
        writer.setnchannels(1)
        writer.setsampwidth(SAMPLE_WIDTH)
        writer.setframerate(SAMPLE_RATE)
        with self._lock:
            self._device, self._writer, self._temp, self._target = device, writer, Path(temp), target
            self._level = 0.0
        generator = self._capture()
        next(generator)
        try:
            device.start(generator)
        except Exception as exc:
            self._discard()
            raise failure(f"the microphone would not start: {exc}") from None

    def _capture(self) -> Generator[None, bytes, None]:
        while True:
            data = yield
            with self._lock:
                if self._writer is None:
                    return
                if self._paused:  # the clocks are paused: so is the recording
                    self._level = 0.0
                    continue
                self._writer.writeframesraw(data)
                self._level = meter_level(rms_level(data))

    def level(self) -> float:
        with self._lock:
            return self._level

    def pause(self, paused: bool) -> None:
        with self._lock:
            self._paused = paused

    def stop(self) -> Path | None:
        """Stop and put the recording in place; its path, or None if nothing was recording."""
        with self._lock:
            device, writer, temp, target = self._device, self._writer, self._temp, self._target
            self._device = self._writer = self._temp = self._target = None
            self._level = 0.0
            self._paused = False
        if device is None or writer is None or temp is None or target is None:
            return None
        with contextlib.suppress(Exception):
            device.close()
        try:
            writer.close()  # writes the final header
            with open(temp, "rb+") as done:
                os.fsync(done.fileno())
            os.replace(temp, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise failure(f"cannot save the recording: {exc.strerror or exc}", path=str(target)) from None
        return target

    def _discard(self) -> None:
        with self._lock:
            device, writer, temp = self._device, self._writer, self._temp
            self._device = self._writer = self._temp = self._target = None
        with contextlib.suppress(Exception):
            if device is not None:
                device.close()
            if writer is not None:
                writer.close()
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


class FileRecorder:
    """`--audio-in FILE`: each answer's recording is the file, played into the meter as time runs."""

    def __init__(self, source: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.source = source
        self.audio: Audio = read_audio(source)
        self._clock = clock
        self._started: float | None = None
        self._target: Path | None = None
        self._paused_at: float | None = None

    def start(self, target: Path) -> None:
        self._started = self._clock()
        self._target = target
        self._paused_at = None

    def pause(self, paused: bool) -> None:
        if self._started is None or paused == (self._paused_at is not None):
            return
        if paused:
            self._paused_at = self._clock()
        else:
            assert self._paused_at is not None
            self._started += self._clock() - self._paused_at  # the pause does not count
            self._paused_at = None

    def level(self) -> float:
        if self._started is None or self.audio.duration <= 0 or self._paused_at is not None:
            return 0.0
        at = (self._clock() - self._started) % self.audio.duration
        return meter_level(rms_level(self.audio.window(at, METER_WINDOW_SECONDS)))

    def stop(self) -> Path | None:
        target = self._target
        if self._started is None or target is None:
            return None
        self._started = self._target = None
        write_wav(target, self.audio)
        return target


@dataclass(frozen=True)
class Usage:
    files: int
    bytes: int


def recordings_usage(paths: Paths) -> Usage:
    """How many recordings are kept and the space they take."""
    files = size = 0
    root = recordings_dir(paths)
    if root.is_dir():
        for wav in root.rglob("*.wav"):
            with contextlib.suppress(OSError):
                size += wav.stat().st_size
                files += 1
    return Usage(files, size)


def delete_recordings(paths: Paths, session_id: str | None = None) -> Usage:
    """Delete every recording (or one session's); what was freed."""
    root = recordings_dir(paths)
    target = root / session_id if session_id else root
    if session_id is not None:
        recording_path(paths, session_id, 0)  # refuses ids that are not a plain name
    if not target.is_dir():
        return Usage(0, 0)
    freed = Usage(0, 0)
    for wav in target.rglob("*.wav"):
        with contextlib.suppress(OSError):
            freed = Usage(freed.files + 1, freed.bytes + wav.stat().st_size)
    try:
        shutil.rmtree(target)
    except OSError as exc:
        raise failure(f"cannot delete the recordings: {exc.strerror or exc}", path=str(target)) from None
    return freed


def load_recording(paths: Paths, session_id: str, index: int) -> Audio | None:
    """The kept recording of one answer, or None if there is none."""
    path = recording_path(paths, session_id, index)
    return read_audio(path) if path.is_file() else None
