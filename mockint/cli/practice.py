"""`mockint practice` and `mockint resume`: open the app straight into an interview."""

from __future__ import annotations

import click

from mockint.cli import OpenApp, open_app, theme_option
from mockint.core.errors import failure


def check_selection(
    *, pack_id: str | None, plan_id: str | None, category: str | None, count: int | None, seed: int | None
) -> None:
    """Plan the interview once without the TUI so a bad id fails fast (exit 2, clean stderr).

    It plans as the practice screen will, with the backgrounder: a pack whose questions all
    need backgrounder entries is refused only when those entries are missing.
    """
    from mockint.core.backgrounder.storage import load_backgrounder_with_warnings
    from mockint.core.interview.interviewer import build_interview
    from mockint.core.packs.library import PackLibrary

    backgrounder, _warnings = load_backgrounder_with_warnings()  # the app shows the warnings
    library = PackLibrary()
    build_interview(
        library.load_all(), pack_id=pack_id, plan_id=plan_id, category=category, count=count,
        seed=0 if seed is None else seed, backgrounder=backgrounder.placeholder_values(),
        mix=library.mix_ids(),
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
) -> OpenApp:
    """Open the app straight into a practice interview.

    Without options: a quick mixed interview across every installed pack.
    Keys while practising: space timer, 1-5 rate, enter save, f follow-up,
    p pause, s skip, escape end early.
    """
    check_selection(pack_id=pack_id, plan_id=plan_id, category=category, count=count, seed=seed)
    # Straight to the first question: without --count a pack or category is asked in full.
    length = {} if count is not None or plan_id is not None else {"ask_length": False}
    return open_app(
        ctx, "practice", theme, pack_id=pack_id, plan_id=plan_id, category=category, count=count, seed=seed,
        **length,
    )


@click.command()
@theme_option
@click.pass_context
def resume(ctx: click.Context, theme: str | None) -> OpenApp:
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
    return open_app(ctx, "practice", theme, resume_session_id=session_id)
