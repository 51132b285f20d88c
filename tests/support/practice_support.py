"""Data for the practice tests: a pack longer than a short interview."""

from __future__ import annotations

from pathlib import Path


def big_pack(count: int = 14) -> None:
    """A user pack with `count` two-minute questions (more than a short interview)."""
    from mockint.core.paths import get_paths

    folder = get_paths().packs_dir
    folder.mkdir(parents=True, exist_ok=True)
    questions = "".join(
        f'\n[[questions]]\nid = "q{n}"\ncategory = "general"\ntext = "Question number {n}?"\nanswer_seconds = 120\n'
        for n in range(count)
    )
    (folder / "big.toml").write_text(
        f'format = 1\n\n[pack]\nid = "big"\nname = "Big pack"\nversion = "1.0.0"\n'
        f'\n[[categories]]\nid = "general"\nname = "General"\n{questions}',
        encoding="utf-8",
    )


REVERSE_PACK = '''
format = 1

[pack]
id = "to-ask"
name = "Questions to ask them"
version = "1.0.0"
reverse = true

[defaults]
answer_seconds = 60

[[questions]]
id = "success"
text = "What would make hiring me clearly the right call a year from now?"
guidance = "Listen for outcomes, not qualities."

[[questions]]
id = "team"
text = "How does the team decide what not to build?"

[[questions]]
id = "worry"
text = "What worries you most about this role?"
'''


def reverse_pack_in(builtin: Path) -> None:
    """Install the reverse pack next to the demo pack (a built-in packs folder)."""
    (builtin / "to-ask.toml").write_text(REVERSE_PACK, encoding="utf-8")
