"""A pack as the library lists it: metadata from the index, without parsing the pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PackSource = Literal["builtin", "user"]


@dataclass(frozen=True)
class InstalledPack:
    """A pack as listed: metadata from the index, the full pack loaded on demand."""

    id: str
    name: str
    version: str
    questions: int
    categories: tuple[str, ...]
    source: PackSource
    path: str
    #: For a user pack with the id of a built-in pack: it shadows that pack.
    shadows_builtin: bool = False
    #: For a built-in pack hidden by a user pack of the same id.
    shadowed: bool = False
    plans: tuple[str, ...] = ()
    description: str | None = None
    category_counts: dict[str, int] = field(default_factory=dict)
    #: Category id -> name, for showing names rather than ids.
    category_names: dict[str, str] = field(default_factory=dict)
    #: "Questions you ask the interviewer": never drawn into a mixed interview.
    reverse: bool = False
    #: The path or URL a user pack was imported from (None for built-ins and unknown origins).
    origin: str | None = None
    #: Whether the pack's questions join the quick mixed interview.
    in_mix: bool = True
