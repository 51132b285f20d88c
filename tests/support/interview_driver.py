"""A scripted interviewer-side person: drives the real practice screen headless until killed.

Run as a subprocess by tests/test_robust_kill.py (MOCKINT_HOME set by the parent):

    python tests/support/interview_driver.py BUILTIN_DIR [--count N] [--seed S] [--serve]

With `--serve` it imports everything once, then forks one child per `GO` line read on stdin;
each child is one run of the app (the parent kills it with SIGKILL) and the server reports
`EXIT <pid> <status>` when it is gone. Forking keeps 30 kills cheap: no child pays for
importing Textual again. Without `--serve` it runs once in-process.

It resumes the last unfinished session if there is one (the practice screen's own resume
path), else starts a new interview over the packs in BUILTIN_DIR. For every question it
presses space (start), space (stop), three ratings, types a note, and enter. Lines on stdout,
each flushed at once so a SIGKILL right after cannot lose it:

    CHILD <pid>       (with --serve) a new run started in process <pid>
    SESSION <id>      the session being answered
    AT <index>        the question on screen when the driver began (resume point)
    SAVED <index>     printed only after the practice screen recorded the save as committed
    DONE              the interview ended (the parent normally kills the driver first)

What is typed for question i is fixed (`expected_ratings(i)`, `expected_notes(i)`) so the
parent can check the database for exactly what was saved.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path


def expected_ratings(index: int) -> list[int]:
    """The rating keys pressed for question `index`: the first three rubric dimensions.

    Few keys per question keep a question short, so more of the random kills fall near a save.
    """
    return [((index + k) % 5) + 1 for k in range(3)]


def expected_notes(index: int) -> str:
    return f"n{index}"


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def drive(builtin: Path, count: int, seed: int) -> None:
    from mockint.core.history.db.store import Store
    from mockint.core.packs.library import PackLibrary
    from mockint.core.paths import get_paths
    from mockint.tui.app import MockintApp
    from mockint.tui.screens.practice import PracticeScreen

    paths = get_paths()
    with Store.open(paths) as store:
        resume_id = store.last_incomplete()
    kwargs: dict[str, object] = (
        {"resume_session_id": resume_id} if resume_id else {"pack_id": "robust", "count": count, "seed": seed}
    )
    app = MockintApp(
        paths=paths,
        library=PackLibrary(paths, builtin_dir=builtin),
        start_screen="practice",
        screen_kwargs=kwargs,
        theme_name="textual-dark",
        remember_theme=False,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        if not isinstance(screen, PracticeScreen):
            # Resuming a session whose every answer was saved just shows its summary.
            emit(f"DONE {type(screen).__name__}")
            return
        session = screen.session
        assert session is not None
        emit(f"SESSION {session.session_id}")
        emit(f"AT {session.index}")
        while app.screen is screen:
            index = session.index
            await pilot.press("space", "space", *(str(r) for r in expected_ratings(index)))
            await pilot.press("n", *expected_notes(index), "escape")
            await pilot.press("enter")
            await pilot.pause()
            # `answered` gains the index only after Store.save_answer committed.
            if index not in session.answered:
                emit(f"ERROR not saved {index}")
                return
            emit(f"SAVED {index}")
        emit("DONE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("builtin", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    if not args.serve:
        asyncio.run(drive(args.builtin, args.count, args.seed))
        return
    preload()
    emit("READY")
    for line in sys.stdin:
        if line.strip() != "GO":
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                emit(f"CHILD {os.getpid()}")
                asyncio.run(drive(args.builtin, args.count, args.seed))
            except BaseException as exc:  # report, never fall back into the server loop
                emit(f"ERROR {type(exc).__name__}: {exc}")
                code = 1
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        emit(f"EXIT {pid} {status}")


def preload() -> None:
    """Import what a run needs before forking, so each child starts in a fraction of a second."""
    import mockint.core.history.db.store
    import mockint.core.history.records
    import mockint.core.interview.feedback
    import mockint.core.interview.interviewer
    import mockint.core.interview.persona
    import mockint.core.interview.session
    import mockint.core.packs.library
    import mockint.core.packs.loader
    import mockint.tui.app
    import mockint.tui.screens.confirm
    import mockint.tui.screens.home
    import mockint.tui.screens.practice
    import mockint.tui.screens.summary  # noqa: F401


if __name__ == "__main__":
    main()
