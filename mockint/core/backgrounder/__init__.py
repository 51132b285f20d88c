"""The backgrounder: the candidate's press kit (About You and career highlights).

`model` holds the data, `io` reads and writes the TOML format, `storage` keeps it on
disk with backups, `advice` says how each entry could be stronger, and `presskit`
renders it as a one-page Markdown press kit.
"""

from mockint.core.backgrounder.model import SECTIONS, Backgrounder

__all__ = ["SECTIONS", "Backgrounder"]
