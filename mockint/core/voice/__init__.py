"""Practise out loud: speech to text, text to speech, recording and speaking metrics, all offline.

Everything here but `metrics` needs the optional `voice` extra (faster-whisper, miniaudio,
espeakng-loader). Nothing in this package is imported at start-up: the CLI and the app import
it only when a voice command or `--voice` is used, and `require_voice()` turns a missing extra
into one line saying how to install it.
"""

from __future__ import annotations

import importlib.util

from mockint.core.errors import MockintError, failure

INSTALL_HINT = "pip install 'mockint[voice]'"

#: The import names of the extra's libraries, and what each is for.
VOICE_LIBRARIES: dict[str, str] = {
    "faster_whisper": "speech to text",
    "miniaudio": "recording and playback",
    "espeakng_loader": "text to speech",
}


def missing_libraries() -> list[str]:
    """The extra's libraries that cannot be imported here (found without importing them)."""
    missing = []
    for name in VOICE_LIBRARIES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


def voice_unavailable() -> MockintError | None:
    """The one-line error (exit 1) to raise when the voice extra is not installed, else None."""
    missing = missing_libraries()
    if not missing:
        return None
    return failure(f"speaking practice needs the voice extra: {INSTALL_HINT} (missing: {', '.join(missing)})")


def require_voice() -> None:
    """Raise the install hint (exit 1) unless the voice extra is installed."""
    error = voice_unavailable()
    if error is not None:
        raise error
