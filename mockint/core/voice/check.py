"""`mockint voice check`: what speaking practice can use on this machine, in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from mockint.core.errors import MockintError
from mockint.core.voice import INSTALL_HINT, VOICE_LIBRARIES, missing_libraries
from mockint.core.voice.transcribe import ModelChoice


@dataclass(frozen=True)
class Check:
    """One thing speaking practice needs: its name, whether it is ready, and what was found."""

    name: str
    ready: bool
    detail: str


def _reason(exc: MockintError) -> str:
    diag = exc.diagnostics[0]
    return f"{diag.message} ({diag.path})" if diag.path else diag.message


def check_libraries() -> Check:
    missing = missing_libraries()
    if missing:
        needs = ", ".join(f"{name} ({VOICE_LIBRARIES[name]})" for name in missing)
        return Check("voice extra", False, f"not installed: {needs}; install with {INSTALL_HINT}")
    return Check("voice extra", True, "installed")


def check_model(choice: ModelChoice) -> Check:
    """Loads the model without fetching it: a model not on the machine yet is reported, not downloaded."""
    from mockint.core.voice.transcribe import load_model

    where = f"{choice.value} (from {choice.source})"
    try:
        load_model(choice, download=False)
    except MockintError as exc:
        return Check("speech model", False, f"{where}: {_reason(exc)}")
    return Check("speech model", True, f"{where} loads")


def check_speech() -> Check:
    from mockint.core.voice.speak import VOICE, synthesize

    try:
        audio = synthesize("Ready.")
    except MockintError as exc:
        return Check("text to speech", False, _reason(exc))
    if audio.frames == 0:
        return Check("text to speech", False, "eSpeak NG produced no sound")
    return Check("text to speech", True, f"eSpeak NG, voice {VOICE}")


def check_input() -> Check:
    from mockint.core.voice.audio import SAMPLE_RATE
    from mockint.core.voice.devices import open_capture

    try:
        device = open_capture(SAMPLE_RATE)
    except MockintError as exc:
        return Check("microphone", False, f"{_reason(exc)}; practise with a recording: --audio-in FILE")
    backend = str(getattr(device, "backend", "?"))
    device.close()
    return Check("microphone", True, f"default input device ({backend})")


def check_output() -> Check:
    from mockint.core.voice.devices import open_playback

    try:
        device = open_playback(22_050)
    except MockintError as exc:
        return Check("speakers", False, f"{_reason(exc)}; questions are shown but not spoken")
    backend = str(getattr(device, "backend", "?"))
    device.close()
    return Check("speakers", True, f"default output device ({backend})")


def run_checks(choice: ModelChoice) -> list[Check]:
    """Every check, in the order people need them; the rest only once the extra is installed."""
    libraries = check_libraries()
    if not libraries.ready:
        return [libraries]
    return [libraries, check_model(choice), check_speech(), check_input(), check_output()]
