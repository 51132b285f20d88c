"""Session commands: review, history, show, stats, export, import-sessions.

Kept light to import: `mockint history --json` must start about as fast as `mockint --version`,
so everything beyond click is imported inside the command that needs it, and the text views
for people are in `mockint/cli/session_view.py` (a `--json` output needs none of them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

import click

from mockint.cli import OpenApp, open_app, theme_option

if TYPE_CHECKING:
    from mockint.core.history.db.store import Store
    from mockint.core.history.records import SessionRecord

_ALL = 2**62  # "no limit" for SQL LIMIT


def _open_store(*, check: bool = False) -> Store:
    from mockint.core.history.db.store import Store

    store = Store.open(check=check)
    if store.recovery_message:
        click.echo(f"{store.paths.database_file}: warning: {store.recovery_message}", err=True)
    return store


def _echo_json(data: Any) -> None:
    from mockint.cli.output import echo_json

    echo_json(data)


@click.command()
@theme_option
@click.pass_context
def review(ctx: click.Context, theme: str | None) -> OpenApp:
    """Open the app on the history of your practice sessions."""
    return open_app(ctx, "review", theme)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="At most this many sessions (0: all).")
@click.option("--pack", metavar="ID", default=None, help="Only sessions with questions from this pack.")
@click.option("--status", type=click.Choice(["complete", "incomplete"]), default=None,
              help="Only complete or only unfinished sessions.")
def history(as_json: bool, limit: int, pack: str | None, status: str | None) -> None:
    """List past practice sessions, newest first."""
    store = _open_store()
    try:
        rows = store.list_sessions(limit=limit or _ALL, pack=pack, status=status)
    finally:
        store.close()
    if as_json:
        _echo_json([r.to_json() for r in rows])
        return
    from mockint.cli.session_view import echo_history

    echo_history(rows)


@click.command()
@click.argument("session_id")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def show(session_id: str, as_json: bool) -> None:
    """Show one session with every answer (an id, or a unique prefix of at least 4 characters)."""
    store = _open_store()
    try:
        record = store.get_session(store.resolve_id(session_id))
    finally:
        store.close()
    if as_json:
        _echo_json(record.to_json())
        return
    from mockint.cli.session_view import echo_session

    echo_session(record)


def _utc_offset_seconds() -> int:
    offset = datetime.now().astimezone().utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.option("--weakest", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many questions to suggest for practice.")
def stats(as_json: bool, weakest: int) -> None:
    """Aggregates per category and per rubric dimension, over time (ISO weeks), and what to practise next."""
    store = _open_store()
    try:
        result = store.stats(utc_offset_seconds=_utc_offset_seconds())
        weak = store.weakest_questions(limit=weakest)
    finally:
        store.close()
    if as_json:
        _echo_json({**result.to_json(), "weakest": [w.to_json() for w in weak]})
        return
    from mockint.cli.session_view import echo_stats

    echo_stats(result, weak)


@click.command()
@click.argument("session_ids", nargs=-1, metavar="[SESSION_ID]...")
@click.option("--all", "all_", is_flag=True, help="Export every session.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "md"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE (atomically) instead of standard output.")
def export(session_ids: tuple[str, ...], all_: bool, fmt: str, output: str | None) -> None:
    """Export sessions for backup or sharing (JSON can be imported again with import-sessions)."""
    if all_ == bool(session_ids):
        raise click.UsageError("give either --all or one or more SESSION_IDs")
    from mockint.core.format import plural
    from mockint.core.history.io import export as session_io

    store = _open_store()
    try:
        if all_:
            records: Iterable[SessionRecord] = store.iter_sessions()
        else:
            ids = list(dict.fromkeys(store.resolve_id(s) for s in session_ids))
            by_id = {r.id: r for r in store.sessions(ids)}
            records = [by_id[i] for i in ids]
        if fmt == "json":
            count = _write_export(output, lambda out: session_io.write_json(records, out))
        else:
            listed = list(records)
            write = session_io.export_csv if fmt == "csv" else session_io.export_markdown
            count = _write_export(output, lambda out: (out.write(write(listed)), len(listed))[1])
    finally:
        store.close()
    if output is not None and output != "-":
        click.echo(f"Exported {plural(count, 'session')} to {output}", err=True)


def _write_export(output: str | None, write: Callable[[IO[str]], int]) -> int:
    """Run `write` on standard output, or on FILE replaced atomically when it succeeds."""
    import io
    import sys

    if output is None or output == "-":
        return write(sys.stdout)
    from pathlib import Path

    from mockint.core.atomic import atomic_writer
    from mockint.core.errors import failure

    try:
        with atomic_writer(Path(output)) as raw:
            out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            count = write(out)
            out.flush()
            out.detach()  # atomic_writer closes the file itself
        return count
    except OSError as exc:
        raise failure(f"cannot write: {exc.strerror or exc}", path=output) from None


@click.command("import-sessions")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
def import_sessions(file: str) -> None:
    """Restore or merge a JSON export. Idempotent (sessions already present are left alone);
    all or nothing (one bad field and nothing is imported). Files of any size are read a piece
    at a time. A stored session whose content differs from the file's is kept and reported as
    a conflict (exit 1)."""
    import io
    import sys

    from mockint.core.errors import MockintError, failure
    from mockint.core.format import plural
    from mockint.core.history.io.export import import_file

    try:
        raw = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise failure(f"cannot read: {exc.strerror or exc}", path=file) from None
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    store = _open_store(check=True)
    try:
        report = import_file(text, store, source=file)
    except UnicodeDecodeError as exc:
        raise MockintError(f"not UTF-8 text ({exc.reason}); not imported", path=file) from None
    except OSError as exc:
        raise failure(f"cannot read: {exc.strerror or exc}", path=file) from None
    finally:
        store.close()
        if file != "-":
            text.close()
    click.echo(
        f"Imported {plural(len(report.added), 'session')} with {plural(report.answers_added, 'answer')}; "
        f"{len(report.unchanged):,} already present, left unchanged."
    )
    if report.conflicts:
        from mockint.core.text import escape_for_listing

        for sid in report.conflicts:
            click.echo(f"{file}: conflict: session {escape_for_listing(sid)} is already stored with "
                       "different content; kept as it was", err=True)
        raise failure(f"{plural(len(report.conflicts), 'conflict')}: the stored sessions were kept", path=file)
