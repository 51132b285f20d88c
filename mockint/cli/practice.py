"""`mockint practice` and `mockint resume`: open the TUI straight into an interview."""

from __future__ import annotations

import click

from mockint.cli import resolve_theme, theme_option
from mockint.core.errors import failure


def check_selection(
    *, pack_id: str | None, plan_id: str | None, category: str | None, count: int | None, seed: int | None
) -> None:
    """Plan the interview once without the TUI so a bad id fails fast (exit 2, clean stderr)."""
    from mockint.core.interview.interviewer import build_interview
    from mockint.core.packs.library import PackLibrary

    library = PackLibrary()
    build_interview(
        library.load_all(), pack_id=pack_id, plan_id=plan_id, category=category, count=count,
        seed=0 if seed is None else seed, mix=library.mix_ids(),
    )


@click.command()
@click.option("--pack", "pack_id", metavar="ID", help="Ask questions from this pack only.")
@click.option("--plan", "plan_id", metavar="ID", help="Follow this interview plan.")
@click.option("--category", metavar="ID", help="Ask questions of this category only.")
@click.option("--count", type=click.IntRange(min=1), metavar="N", help="How many questions.")
@click.option("--seed", type=int, metavar="N", help="Seed for a repeatable choice and order of questions.")
@theme_option
@click.pass_context
def practice(
    ctx: click.Context,
    pack_id: str | None,
    plan_id: str | None,
    category: str | None,
    count: int | None,
    seed: int | None,
    theme: str | None,
) -> None:
    """Open the TUI straight into a practice interview.

    Without options: a quick mixed interview across every installed pack.
    Keys while practising: space timer, 1-5 rate, enter save, f follow-up,
    p pause, s skip, escape end early.
    """
    check_selection(pack_id=pack_id, plan_id=plan_id, category=category, count=count, seed=seed)
    from mockint.tui.launch import launch

    launch(
        theme=resolve_theme(ctx, theme), screen="practice",
        pack_id=pack_id, plan_id=plan_id, category=category, count=count, seed=seed,
    )


@click.command()
@theme_option
@click.pass_context
def resume(ctx: click.Context, theme: str | None) -> None:
    """Continue the last unfinished interview at its first unanswered question.

    Exits with code 1 when there is nothing to resume.
    """
    from mockint.core.history.db.store import Store

    with Store.open() as store:
        session_id = store.last_incomplete()
        where = str(store.paths.database)
    if session_id is None:
        raise failure(
            "nothing to resume: no unfinished practice session (start one with `mockint practice`)", path=where
        )
    from mockint.tui.launch import launch

    launch(theme=resolve_theme(ctx, theme), screen="practice", resume_session_id=session_id)
