"""Audio in memory: decode any recording to 16 kHz mono, write WAV files atomically, measure level.

Decoding goes through miniaudio (WAV, FLAC, MP3 and Ogg Vorbis, resampled and mixed down);
the speech model hears 16 kHz mono. Audio devices are opened in `devices`.
"""

from __future__ import annotations

import io
import math
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockint.core.errors import failure

#: What the speech model listens to.
SAMPLE_RATE = 16_000
SAMPLE_WIDTH = 2  # bytes: 16-bit signed little-endian PCM
#: Below this root-mean-square level (0..1, about -54 dBFS) a recording is taken as silence.
SILENCE_RMS = 0.002


@dataclass(frozen=True)
class Audio:
    """Mono 16-bit PCM samples and their rate."""

    pcm: bytes
    sample_rate: int = SAMPLE_RATE

    @property
    def frames(self) -> int:
        return len(self.pcm) // SAMPLE_WIDTH

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate if self.sample_rate else 0.0

    def window(self, start: float, seconds: float) -> bytes:
        """The samples from `start` for `seconds` (empty past the end)."""
        first = max(0, int(start * self.sample_rate)) * SAMPLE_WIDTH
        last = first + max(0, int(seconds * self.sample_rate)) * SAMPLE_WIDTH
        return self.pcm[first:last]

    def resampled(self, sample_rate: int = SAMPLE_RATE) -> Audio:
        """The same sound at `sample_rate`."""
        if sample_rate == self.sample_rate or not self.pcm:
            return Audio(self.pcm, sample_rate)
        import miniaudio

        fmt = miniaudio.SampleFormat.SIGNED16
        pcm = miniaudio.convert_frames(fmt, 1, self.sample_rate, self.pcm, fmt, 1, sample_rate)
        return Audio(bytes(pcm), sample_rate)

    def is_silent(self) -> bool:
        return rms_level(self.pcm) < SILENCE_RMS

    def to_float(self) -> Any:
        """The samples as a float32 numpy array in -1..1 (what the speech model takes)."""
        import numpy as np

        return np.frombuffer(self.pcm, dtype="<i2").astype(np.float32) / 32768.0

    def wav_bytes(self) -> bytes:
        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(SAMPLE_WIDTH)
            w.setframerate(self.sample_rate)
            w.writeframes(self.pcm)
        return out.getvalue()


def rms_level(pcm: bytes) -> float:
    """Root-mean-square level of 16-bit samples, 0 (silence) .. 1 (full scale)."""
    count = len(pcm) // SAMPLE_WIDTH
    if count == 0:
        return 0.0
    import numpy as np

    samples = np.frombuffer(pcm[: count * SAMPLE_WIDTH], dtype="<i2").astype(np.float64)
    return float(min(1.0, math.sqrt(float(np.mean(samples * samples))) / 32768.0))


def meter_level(rms: float) -> float:
    """A level for a meter, 0..1 on a decibel scale from -60 dBFS (as people hear loudness)."""
    if rms <= 0.0:
        return 0.0
    db = 20.0 * math.log10(rms)
    return max(0.0, min(1.0, (db + 60.0) / 60.0))


def read_audio(path: Path, *, sample_rate: int = SAMPLE_RATE) -> Audio:
    """Decode a recording to mono 16-bit PCM at `sample_rate`; one-line errors (exit 1) otherwise."""
    import miniaudio

    if not path.exists():
        raise failure("no such file", path=str(path))
    if path.is_dir():
        raise failure("is a directory, not a recording", path=str(path))
    try:
        decoded = miniaudio.decode_file(
            str(path), output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=sample_rate
        )
    except miniaudio.DecodeError:
        raise failure(
            "not a recording mockint can read, or it is damaged (expected WAV, FLAC, MP3 or Ogg Vorbis)",
            path=str(path),
        ) from None
    except (OSError, miniaudio.MiniaudioError) as exc:
        raise failure(f"cannot read the recording: {exc}", path=str(path)) from None
    return Audio(pcm=decoded.samples.tobytes(), sample_rate=sample_rate)


def write_wav(path: Path, audio: Audio) -> None:
    """Write `audio` as a WAV file, atomically (readers see the old file or the whole new one)."""
    from mockint.core.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(path, audio.wav_bytes())
    except OSError as exc:
        raise failure(f"cannot write the recording: {exc.strerror or exc}", path=str(path)) from None
