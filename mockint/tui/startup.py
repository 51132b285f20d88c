"""Messages worth showing as notifications when the app starts (recoveries, bad files)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from mockint.core.backgrounder.model import Backgrounder
    from mockint.core.history.db.store import Store
    from mockint.core.packs.library import PackLibrary
    from mockint.core.settings import Settings


class StartServices(Protocol):
    """What the start warnings read: the app's lazily opened services (MockintApp has them)."""

    @property
    def store(self) -> Store: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def backgrounder(self) -> Backgrounder: ...
    @property
    def library(self) -> PackLibrary: ...

    settings_warnings: list[str]
    backgrounder_warnings: list[str]
    library_warnings: list[str]


def start_warnings(app: StartServices) -> list[str]:
    """What core recovered from while opening the database, settings, backgrounder and packs."""
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
        app.library  # noqa: B018 - the first listing is what collects the warnings
        messages.extend(w for w in app.library_warnings if w not in messages)
    except Exception as exc:
        messages.append(str(exc))
    return messages
