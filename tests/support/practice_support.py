"""Data for the practice tests: a pack longer than a short interview."""

from __future__ import annotations


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
