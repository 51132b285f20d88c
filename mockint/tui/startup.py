"""Messages worth showing as notifications when the app starts (recoveries, bad files)."""

from __future__ import annotations

from typing import Any


def start_warnings(app: Any) -> list[str]:
    """What core recovered from while opening the database, settings and backgrounder."""
    messages: list[str] = []
    try:
        if app.store.recovery_message:
            messages.append(str(app.store.recovery_message))
    except Exception as exc:  # the database could not be opened at all
        messages.append(f"The session database could not be opened: {exc}")
    try:
        app.settings  # noqa: B018 - loading is what collects the warnings
        messages.extend(app.settings_warnings)
    except Exception as exc:
        messages.append(str(exc))
    try:
        app.backgrounder  # noqa: B018 - loading is what collects the warnings
        messages.extend(app.backgrounder_warnings)
    except Exception as exc:
        messages.append(str(exc))
    try:
        app.library.list()
        for diagnostic in app.library.warnings:
            if diagnostic.format() not in messages:
                messages.append(diagnostic.format())
    except Exception as exc:
        messages.append(str(exc))
    return messages
