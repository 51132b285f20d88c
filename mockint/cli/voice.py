"""`mockint transcribe`, `mockint say` and `mockint voice ...`: speaking practice from the command line.

Each command needs the optional voice extra; without it, it exits 1 with one line saying how
to install it. The voice libraries are imported inside the commands only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from mockint.cli.output import echo_json
from mockint.core.errors import failure

if TYPE_CHECKING:
    from mockint.core.voice.port import VoiceOptions
    from mockint.core.voice.transcribe import ModelChoice


def _require() -> None:
    from mockint.core.voice import require_voice

    require_voice()


def model_choice(option: str | None) -> ModelChoice:
    """The speech model per docs/voice.md: --model, MOCKINT_WHISPER_MODEL, the setting, the default."""
    from mockint.core.settings import load_settings
    from mockint.core.voice.transcribe import resolve_model

    return resolve_model(option, setting=load_settings().voice_model)


def voice_options(audio_in: Path | None) -> VoiceOptions:
    """`practice --voice [--audio-in FILE]`: what the app needs, checked before it opens."""
    _require()
    from mockint.core.settings import load_settings
    from mockint.core.voice.port import prepare_options

    return prepare_options(audio_in, load_settings())


def _session_id(text: str) -> str:
    """A session id as typed: whole, or a unique prefix of a stored session (as `mockint show` takes it)."""
    from mockint.core.paths import get_paths
    from mockint.core.voice.record import recordings_dir

    if (recordings_dir(get_paths()) / text).is_dir():
        return text
    from mockint.core.history.db.store import Store

    with Store.open() as store:
        return store.resolve_id(text)


def _safe(text: str) -> str:
    from mockint.core.text import escape_controls

    return escape_controls(text)


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option("--json", "as_json", is_flag=True, help="Print the transcript and metrics as JSON.")
@click.option("--model", metavar="M", help="Speech model: a name (tiny.en, base.en) or a model folder.")
@click.option("--key-points", "key_points", metavar="TEXT",
              help="Your key points, one per line: the metrics say how many the answer mentioned.")
def transcribe(file: Path, as_json: bool, model: str | None, key_points: str | None) -> None:
    """Transcribe a recorded answer (WAV, FLAC, MP3 or Ogg Vorbis) and measure how it was said.

    Prints the transcript, then pace (words a minute over the time spent speaking), pauses of
    2 s or more, filler words, numbers and STAR cues. Everything runs on this machine.
    """
    _require()
    from mockint.core.voice.audio import read_audio
    from mockint.core.voice.metrics import summary_lines
    from mockint.core.voice.transcribe import load_model_fetching

    audio = read_audio(file)  # a damaged file fails before the model is loaded
    model_ = load_model_fetching(model_choice(model), lambda message: click.echo(f"mockint: {message}", err=True))
    transcript = model_.transcribe(audio)
    if not transcript.words:
        click.echo(f"{file}: warning: no speech heard (the transcript is empty)", err=True)
    data = transcript.as_json(key_points or "")
    if as_json:
        echo_json(data)
        return
    click.echo(_safe(transcript.text) if transcript.text else "(no speech)")
    click.echo("")
    for line in summary_lines(data):
        click.echo(_safe(line))


@click.command()
@click.argument("text")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write a WAV file instead of playing the sound.")
def say(text: str, output: Path | None) -> None:
    """Speak TEXT with the interviewer's voice (eSpeak NG), or write it to a WAV file."""
    _require()
    from mockint.core.voice import speak

    if output is not None:
        audio = speak.say_to_file(text, output)
        click.echo(f"wrote {output} ({audio.duration:.1f} s)")
        return
    speak.say(text)


@click.group()
def voice() -> None:
    """Speaking practice: check what is ready, play back or free the space of recordings.

    `mockint practice --voice` speaks each question and records, transcribes and measures
    each answer; `--audio-in FILE` takes the answers from a recording instead of a microphone.
    """


@voice.command("check")
@click.option("--model", metavar="M", help="Check this speech model instead of the configured one.")
def check(model: str | None) -> None:
    """Say what is ready (speech model, text to speech, microphone, speakers); exit 1 naming what is not."""
    _require()
    from mockint.core.voice.check import run_checks

    checks = run_checks(model_choice(model))
    width = max(len(c.name) for c in checks)
    for item in checks:
        mark = "ready  " if item.ready else "MISSING"
        click.echo(f"{item.name:<{width}}  {mark}  {_safe(item.detail)}")
    missing = [c.name for c in checks if not c.ready]
    if missing:
        raise failure("not ready: " + ", ".join(missing))


@voice.command("clean")
@click.option("--session", "session_id", metavar="SESSION_ID", help="Only this session's recordings.")
def clean(session_id: str | None) -> None:
    """Delete kept recordings to free the space (transcripts and metrics stay with the answers)."""
    from mockint.core.format import plural
    from mockint.core.paths import get_paths
    from mockint.core.voice.record import delete_recordings

    freed = delete_recordings(get_paths(), _session_id(session_id) if session_id else None)
    click.echo(f"deleted {plural(freed.files, 'recording')} ({freed.bytes / 1_000_000:.1f} MB freed)")


@voice.command("play")
@click.argument("session_id")
@click.argument("number", type=click.IntRange(min=1))
def play(session_id: str, number: int) -> None:
    """Play back answer NUMBER (1 = the first question) of a session, as recorded.

    SESSION_ID may be the first characters of the id, as `mockint history` shows it.
    """
    _require()
    from mockint.core.paths import get_paths
    from mockint.core.voice.devices import play as play_audio
    from mockint.core.voice.record import load_recording

    session_id = _session_id(session_id)
    audio = load_recording(get_paths(), session_id, number - 1)
    if audio is None:
        raise failure(f"no recording kept for answer {number} of session {session_id}")
    play_audio(audio)


@voice.command("usage")
def usage() -> None:
    """How many recordings are kept, and the space they take."""
    from mockint.core.format import plural
    from mockint.core.paths import get_paths
    from mockint.core.voice.record import recordings_dir, recordings_usage

    paths = get_paths()
    used = recordings_usage(paths)
    click.echo(f"{plural(used.files, 'recording')}, {used.bytes / 1_000_000:.1f} MB in {recordings_dir(paths)}")
