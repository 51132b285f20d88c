"""The backgrounder data: a name, a headline and three sections of short entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

Section = Literal["about", "quantitative", "qualitative"]

#: The three sections, in the order they are shown, exported and rehearsed.
SECTIONS: Final[tuple[Section, ...]] = ("about", "quantitative", "qualitative")

#: Human titles of the sections (the press kit and the editor use these).
SECTION_TITLES: Final[dict[Section, str]] = {
    "about": "About You",
    "quantitative": "Career highlights — quantitative",
    "qualitative": "Career highlights — qualitative",
}

MAX_NAME: Final = 120
MAX_HEADLINE: Final = 200
MAX_ENTRY: Final = 500
MAX_ENTRIES: Final = 5
#: Three entries per section is the recommended shape of a backgrounder.
RECOMMENDED_ENTRIES: Final = 3


@dataclass
class Backgrounder:
    """The candidate's press kit. Entries are plain text, never markup."""

    name: str | None = None
    headline: str | None = None
    about: list[str] = field(default_factory=list)
    quantitative: list[str] = field(default_factory=list)
    qualitative: list[str] = field(default_factory=list)

    def section(self, name: Section) -> list[str]:
        """The list of entries of one section (the list itself, so callers may edit it)."""
        if name == "about":
            return self.about
        if name == "quantitative":
            return self.quantitative
        return self.qualitative

    def placeholder_values(self) -> dict[str, list[str]]:
        """Non-empty entries per section, for filling {about}/{quantitative}/{qualitative} in questions."""
        return {s: [e.strip() for e in self.section(s) if e.strip()] for s in SECTIONS}

    def completeness(self) -> tuple[int, int]:
        """(filled entries counted up to three per section, 9)."""
        filled = sum(min(RECOMMENDED_ENTRIES, len(v)) for v in self.placeholder_values().values())
        return filled, RECOMMENDED_ENTRIES * len(SECTIONS)

    def normalised(self) -> Backgrounder:
        """A copy as it is stored: text stripped, blank name/headline/entries dropped."""
        name = (self.name or "").strip() or None
        headline = (self.headline or "").strip() or None
        values = self.placeholder_values()
        return Backgrounder(name, headline, values["about"], values["quantitative"], values["qualitative"])
