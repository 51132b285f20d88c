"""The update rules of docs/pack-format.md ("Ids, versions and updates"): what importing a pack does
when one with the same id is installed, and the automatic versions of Markdown/CSV/Anki packs."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from mockint.core.packs.outcome import ImportStatus, next_patch, version_key

if TYPE_CHECKING:
    from mockint.core.packs.installed import InstalledPack
    from mockint.core.packs.model import Pack


def decide(
    pack: Pack, installed: Pack | None, current: InstalledPack | None, *, force: bool
) -> tuple[ImportStatus, str] | str:
    """(status, note) for an import, or the reason for refusing it.

    Against a built-in pack the same rules apply, but nothing is replaced: the user copy is
    installed next to it and shadows it, so the status is "installed".
    """
    if installed is None:
        return ("installed", "shadows the built-in pack" if current is not None and current.source == "builtin" else "")
    if installed == pack:
        return ("unchanged", "already installed")
    shadow = current is not None and current.source == "builtin"
    new, old = version_key(pack.version), version_key(installed.version)
    if new > old or force:
        forced = "replaced with --force" if new <= old else ""
        if shadow:
            return ("installed", ", ".join(filter(None, [f"shadows the built-in pack {installed.version}", forced])))
        return ("updated", forced)
    which = "built-in" if shadow else "installed"
    if new == old:
        return (
            f"pack '{pack.id}' {pack.version} is already {which} with different content; "
            f"raise the version (installed {installed.version}, incoming {pack.version}) or use --force to replace it"
        )
    return (
        f"pack '{pack.id}' {pack.version} is older than the {which} {installed.version}; "
        "use --force to replace it anyway"
    )


def auto_version(pack: Pack, installed: Pack) -> Pack:
    """A pack whose version mockint chose: the installed version when only the version differs,
    else the next patch version after the installed one (so re-importing an edited list updates it)."""
    if version_key(pack.version) > version_key(installed.version):
        return pack
    same = dataclasses.replace(pack, info=dataclasses.replace(pack.info, version=installed.version))
    if same == installed:
        return same
    return dataclasses.replace(pack, info=dataclasses.replace(pack.info, version=next_patch(installed.version)))
