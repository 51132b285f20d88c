"""Session commands: review, history, show, stats, export, import-sessions.

Kept light to import: `mockint history --json` must start about as fast as `mockint --version`,
so everything beyond click is imported inside the command that needs it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

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


def _local(dt: datetime | None) -> str:
    return "-" if dt is None else dt.astimezone().strftime("%Y-%m-%d %H:%M")


def _mmss(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _avg(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


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
    if not rows:
        click.echo("No practice sessions yet. Start one with `mockint practice`.")
        return
    click.echo(f"{'ID':<10}{'STARTED':<18}{'STATUS':<12}{'ANSWERED':<10}{'AVG':<6}{'PACK/PLAN':<22}TITLE")
    for r in rows:
        where = r.plan or r.pack or "-"
        answered = f"{r.answered}/{r.question_count}"
        click.echo(
            f"{r.id[:8]:<10}{_local(r.started_at):<18}{r.status:<12}{answered:<10}{_avg(r.avg_rating):<6}"
            f"{where[:21]:<22}{r.title}"
        )


def _show_text(s: SessionRecord) -> None:
    click.echo(f"{s.title or 'Practice session'}")
    click.echo(f"  id:       {s.id}")
    click.echo(f"  started:  {_local(s.started_at)}   ended: {_local(s.ended_at)}   status: {s.status}")
    if s.pack or s.plan:
        click.echo(f"  pack:     {s.pack or '-'}   plan: {s.plan or '-'}")
    answered = sum(1 for a in s.answers if not a.skipped)
    click.echo(f"  answered: {answered} of {s.question_count}   average rating: {_avg(s.avg_rating)}")
    for a in s.answers:
        click.echo("")
        click.echo(f"{a.index + 1}. {a.question_text}")
        click.echo(f"   [{a.pack_id}/{a.question_id}{' · ' + a.category if a.category else ''}]")
        if a.skipped:
            click.echo("   skipped")
            continue
        over = f"  (+{_mmss(a.overtime_seconds)} over)" if a.overtime_seconds > 0 else ""
        click.echo(f"   time: {_mmss(a.elapsed_seconds)} of {_mmss(a.target_seconds)}{over}")
        if a.ratings:
            click.echo("   ratings: " + ", ".join(f"{k} {v}" for k, v in a.ratings.items()))
        if a.overall is not None:
            click.echo(f"   overall: {a.overall}/5")
        for label, text in (("points", a.typed_points), ("notes", a.notes)):
            if text.strip():
                click.echo(f"   {label}:")
                for line in text.splitlines():
                    click.echo(f"     {line}")


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
    else:
        _show_text(record)


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
    if not result.sessions:
        click.echo("No practice sessions yet. Start one with `mockint practice`.")
        return
    click.echo(f"Sessions: {result.sessions} ({result.complete} complete)")
    click.echo(f"Answers: {result.count} (+{result.skipped} skipped)   average rating: {_avg(result.average)}")
    if result.overtime_rate is not None:
        click.echo(f"Over time: {result.overtime_rate:.0%} of answers")
    click.echo(f"Streak: {result.current_streak} day(s) now, longest {result.longest_streak}")
    if result.categories:
        click.echo("\nBy category:")
        for c in result.categories:
            over = "-" if c.overtime_rate is None else f"{c.overtime_rate:.0%}"
            click.echo(f"  {(c.category or '(none)')[:30]:<32}{c.count:>5} answers  avg {_avg(c.average):<5}"
                       f"  over time {over}")
    if result.dimensions:
        click.echo("\nBy rubric dimension:")
        for d in result.dimensions:
            trend = " ".join(_avg(w.average) for w in d.weeks[-6:])
            click.echo(f"  {d.dimension[:30]:<32}{d.count:>5} ratings  avg {_avg(d.average):<5}  weeks: {trend}")
    if result.weeks:
        click.echo("\nBy week:")
        for w in result.weeks[-8:]:
            click.echo(f"  {w.week}  {w.count:>4} answers  avg {_avg(w.average)}")
    if weak:
        click.echo("\nPractise next:")
        for q in weak:
            state = "due" if q.due else f"due {_local(q.due_at)}"
            click.echo(f"  {q.pack_id}/{q.question_id}  last {_avg(q.last_rating)}  ({state})")


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
    from mockint.core.history.io import export as session_io

    store = _open_store()
    try:
        if all_:
            records = store.sessions()
        else:
            ids = list(dict.fromkeys(store.resolve_id(s) for s in session_ids))
            by_id = {r.id: r for r in store.sessions(ids)}
            records = [by_id[i] for i in ids]
    finally:
        store.close()
    if fmt == "json":
        text = session_io.export_json(records)
    elif fmt == "csv":
        text = session_io.export_csv(records)
    else:
        text = session_io.export_markdown(records)
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from pathlib import Path

    from mockint.core.atomic import atomic_write_text
    from mockint.core.errors import failure

    try:
        atomic_write_text(Path(output), text)
    except OSError as exc:
        raise failure(f"cannot write: {exc.strerror or exc}", path=output) from None
    click.echo(f"Exported {len(records)} session(s) to {output}", err=True)


@click.command("import-sessions")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
def import_sessions(file: str) -> None:
    """Restore or merge a JSON export. Idempotent (sessions already present are left alone);
    all or nothing (one bad field and nothing is imported)."""
    from mockint.core.errors import MockintError, failure
    from mockint.core.history.io.export import MAX_EXPORT_BYTES, import_json

    try:
        if file == "-":
            import sys

            data = sys.stdin.buffer.read(MAX_EXPORT_BYTES + 1)
        else:
            with open(file, "rb") as fh:
                data = fh.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise failure(f"cannot read: {exc.strerror or exc}", path=file) from None
    if len(data) > MAX_EXPORT_BYTES:
        raise MockintError(f"larger than {MAX_EXPORT_BYTES // (1024 * 1024)} MiB; not imported", path=file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MockintError(f"not UTF-8 text (byte {exc.start}); not imported", path=file) from None
    store = _open_store(check=True)
    try:
        report = import_json(text, store, source=file)
    finally:
        store.close()
    click.echo(
        f"Imported {len(report.added)} session(s) with {report.answers_added} answer(s); "
        f"{len(report.unchanged)} already present, left unchanged."
    )
