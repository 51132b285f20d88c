"""`mockint transcribe`, `mockint say`, `mockint voice ...` and the voice extra kept out of start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mockint.core.paths import get_paths
from mockint.core.settings import Settings, save_settings
from mockint.core.voice.transcribe import MODEL_ENV
from mockint.entry import main
from tests.support.voice_support import model_dir, spoken_wav, write_silence

__all__ = ["spoken_wav"]  # a session fixture used below

VOICE_MODULES = ("faster_whisper", "ctranslate2", "miniaudio", "espeakng_loader", "av", "onnxruntime")


@dataclass(frozen=True)
class Ran:
    exit_code: int
    stdout: str
    stderr: str


Run = Callable[..., Ran]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `mockint ARGS` through the real entry point."""

    def invoke(*args: str) -> Ran:
        with pytest.raises(SystemExit) as exit_info:
            main(list(args))
        out = capsys.readouterr()
        code = exit_info.value.code
        return Ran(code if isinstance(code, int) else 1, out.out, out.err)

    return invoke


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled tiny.en as the app's speech model setting."""
    monkeypatch.delenv(MODEL_ENV, raising=False)
    save_settings(Settings(voice_model=str(model_dir())))
    return model_dir()


def test_transcribe_json_has_the_documented_shape(run: Run, tiny: Path, spoken_wav: Path) -> None:
    result = run("transcribe", str(spoken_wav), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"text", "duration_seconds", "speaking_seconds", "words", "words_per_minute", "pauses",
                         "longest_pause_seconds", "fillers", "numbers", "star"}
    assert "retention" in data["text"].lower()
    assert isinstance(data["words"], int) and data["words"] >= 15
    assert isinstance(data["pauses"], list) and isinstance(data["numbers"], list)
    assert all(isinstance(n, int) for n in data["fillers"].values())
    assert set(data["star"]) == {"situation", "task", "action", "result"}
    assert all(isinstance(v, bool) for v in data["star"].values())
    assert data["duration_seconds"] > data["speaking_seconds"] > 0


def test_transcribe_prints_the_transcript_and_metrics(run: Run, tiny: Path, spoken_wav: Path) -> None:
    result = run("transcribe", str(spoken_wav), "--key-points", "team of twelve\nlaunch on mobile")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "engineers" in lines[0].lower() and lines[1] == ""
    assert lines[2].startswith("pace: ")
    assert "key points said: 1 of 2" in lines


def test_the_model_option_wins_over_the_environment_and_the_setting(run: Run,
    tiny: Path, spoken_wav: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "env-model"))
    result = run("transcribe", str(spoken_wav))  # the environment wins over the setting
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'env-model'}: error: speech model directory not found\n"
    result = run("transcribe", str(spoken_wav), "--model", str(tiny), "--json")
    assert result.exit_code == 0, result.output


def test_silence_is_an_empty_transcript_and_says_so(run: Run, tiny: Path, tmp_path: Path) -> None:
    quiet = write_silence(tmp_path / "quiet.wav")
    result = run("transcribe", str(quiet), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"] == ""
    assert result.stderr == f"{quiet}: warning: no speech heard (the transcript is empty)\n"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["transcribe", "{tmp}/missing.wav"], "{tmp}/missing.wav: error: no such file\n"),
        (["transcribe", "{tmp}/bad.wav"], "{tmp}/bad.wav: error: not a recording mockint can read, or it is "
                                          "damaged (expected WAV, FLAC, MP3 or Ogg Vorbis)\n"),
        (["transcribe", "{tmp}/quiet.wav", "--model", "{tmp}"],
         "{tmp}: error: not a speech model directory: model.bin, config.json, tokenizer.json missing "
         "(a faster-whisper model folder holds model.bin, config.json and tokenizer.json)\n"),
    ],
)
def test_errors_are_one_line_with_exit_1(run: Run, tmp_path: Path, args: list[str], stderr: str) -> None:
    (tmp_path / "bad.wav").write_bytes(b"RIFF....WAVEjunk" * 10)
    write_silence(tmp_path / "quiet.wav")
    result = run(*(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 1
    assert result.stderr == stderr.format(tmp=tmp_path)
    assert result.stdout == ""


def test_say_writes_a_wav_and_without_speakers_fails_cleanly(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "question.wav"
    result = run("say", "Tell me about a time you failed.", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out} (")
    from mockint.core.voice.audio import read_audio

    assert 1.0 < read_audio(out).duration < 6.0
    import miniaudio

    def refuse(*args: object, **kwargs: object) -> None:
        raise miniaudio.MiniaudioError("failed to init device", -401)

    monkeypatch.setattr(miniaudio, "PlaybackDevice", refuse)
    result = run("say", "Hello.")
    assert result.exit_code == 1
    assert result.stderr == "mockint: error: no audio output device: sound cannot be played here\n"


def test_voice_check_names_what_is_ready_and_what_is_missing(run: Run, tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKINT_AUDIO_BACKEND", "null")
    result = run("voice", "check")
    assert result.exit_code == 0, result.output
    rows = [line.split()[:2] for line in result.stdout.splitlines()]
    assert [r[1] if r[0] != "voice" else "extra" for r in rows] == ["extra", "model", "to", "ready", "ready"]
    assert "ready" in result.stdout.splitlines()[1]
    result = run("voice", "check", "--model", "large-v1")  # not fetched here
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1].startswith("speech model    MISSING  large-v1 (from --model): ")
    assert result.stderr == "mockint: error: not ready: speech model\n"


def test_voice_play_and_clean(run: Run, spoken_wav: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mockint.core.voice.record import FileRecorder, recording_path

    recorder = FileRecorder(spoken_wav)
    recorder.start(recording_path(get_paths(), "abc", 0))
    recorder.stop()
    monkeypatch.setenv("MOCKINT_AUDIO_BACKEND", "null")
    assert run("voice", "play", "abc", "1").exit_code == 0
    result = run("voice", "play", "abc", "2")
    assert (result.exit_code, result.stderr) == (1, "mockint: error: no recording kept for answer 2 of session abc\n")
    result = run("voice", "play", "zzzz", "1")  # neither a recordings folder nor a stored session
    assert result.exit_code == 1 and "zzzz" in result.stderr and len(result.stderr.splitlines()) == 1
    assert run("voice", "usage").stdout.startswith("1 recording, ")
    result = run("voice", "clean")
    assert result.exit_code == 0 and result.stdout.startswith("deleted 1 recording (")
    assert run("voice", "usage").stdout.startswith("0 recordings, 0.0 MB in ")


@pytest.mark.parametrize(
    "args",
    [["transcribe", "x.wav"], ["say", "hi"], ["voice", "check"], ["voice", "play", "s", "1"],
     ["practice", "--voice"], ["practice", "--audio-in", "x.wav"]],
)
def test_without_the_extra_each_voice_command_says_how_to_install_it(run: Run,
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if not installed
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr == (
        "mockint: error: speaking practice needs the voice extra: pip install 'mockint[voice]' "
        "(missing: faster_whisper)\n"
    )


def test_voice_libraries_are_not_loaded_at_start_up() -> None:
    code = (
        "import sys\n"
        "from mockint.entry import main\n"
        "for args in (['--version'], ['--help'], ['paths']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "import mockint.tui.app\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {VOICE_MODULES!r}), file=sys.stderr)\n"
    )
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stderr.strip().splitlines()[-1] == "[]"
    assert "transcribe" in out.stdout and "voice" in out.stdout  # listed in --help all the same


def test_voice_play_takes_a_prefix_of_a_stored_session(run: Run, spoken_wav: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from mockint.core.history.db.store import Store
    from mockint.core.voice.record import FileRecorder, recording_path
    from tests.support.store_helpers import interview

    with Store.open() as store:
        sid = store.create_session(interview("q0"))
    recorder = FileRecorder(spoken_wav)
    recorder.start(recording_path(get_paths(), sid, 0))
    recorder.stop()
    monkeypatch.setenv("MOCKINT_AUDIO_BACKEND", "null")
    assert run("voice", "play", sid[:8], "1").exit_code == 0
    result = run("voice", "clean", "--session", sid[:8])
    assert result.stdout.startswith("deleted 1 recording (")
