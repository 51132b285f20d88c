"""The plain-text views of the session commands: the history table, one session, the statistics.

Imported only when a command prints text for people (the `--json` outputs need none of it).
What others wrote (titles, tags, question text, notes, pack ids) is escaped for listings, so
it cannot forge lines or reach the terminal as control sequences.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import click

from mockint.core.format import mmss, overtime, plural, when
from mockint.core.text import escape_for_listing as esc

if TYPE_CHECKING:
    from mockint.core.history.records import SessionRecord
    from mockint.core.history.stats import Stats, WeakQuestion
    from mockint.core.history.summary import SessionSummary


def _local(dt: datetime | None) -> str:
    return "-" if dt is None else when(dt)


def _avg(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def echo_history(rows: Sequence[SessionSummary]) -> None:
    """The history table of `mockint history`, newest first as given."""
    if not rows:
        click.echo("No practice sessions yet. Start one with `mockint practice`.")
        return
    click.echo(f"{'ID':<10}{'STARTED':<18}{'STATUS':<12}{'ANSWERED':<10}{'AVG':<6}{'PACK/PLAN':<22}TITLE")
    for r in rows:
        where = esc(r.plan or r.pack or "-")
        answered = f"{r.answered}/{r.question_count}"
        status = "ended early" if r.ended_early else r.status
        title = esc(r.title) + (f" [{esc(r.tag)}]" if r.tag else "")
        click.echo(
            f"{esc(r.id[:8]):<10}{_local(r.started_at):<18}{status:<12}{answered:<10}{_avg(r.avg_rating):<6}"
            f"{where[:21]:<22}{title}"
        )


def echo_session(s: SessionRecord) -> None:
    """One session as text; what others wrote (titles, question text, notes) cannot forge lines."""
    click.echo(esc(s.title or "Practice session"))
    click.echo(f"  id:       {esc(s.id)}")
    status = f"{s.status}, ended early" if s.ended_early else s.status
    click.echo(f"  started:  {_local(s.started_at)}   ended: {_local(s.ended_at)}   status: {status}")
    if s.tag:
        click.echo(f"  target:   {esc(s.tag)}")
    if s.pack or s.plan:
        click.echo(f"  pack:     {esc(s.pack or '-')}   plan: {esc(s.plan or '-')}")
    answered = sum(1 for a in s.answers if not a.skipped)
    click.echo(f"  answered: {answered} of {s.question_count}   average rating: {_avg(s.avg_rating)}")
    for a in s.answers:
        click.echo("")
        click.echo(f"{a.index + 1}. {esc(a.question_text)}")
        click.echo(f"   [{esc(a.pack_id)}/{esc(a.question_id)}{' · ' + esc(a.category) if a.category else ''}]")
        if a.skipped:
            click.echo("   skipped")
            continue
        over = f"  ({overtime(a.overtime_seconds)} overtime)" if a.overtime_seconds > 0 else ""
        click.echo(f"   time: {mmss(a.elapsed_seconds)} of {mmss(a.target_seconds)}{over}")
        if a.ratings:
            click.echo("   ratings: " + ", ".join(f"{esc(k)} {v}" for k, v in a.ratings.items()))
        if a.overall is not None:
            click.echo(f"   overall: {a.overall}/5")
        for label, text in (("points", a.typed_points), ("notes", a.notes), ("transcript", a.transcript or "")):
            if text.strip():
                click.echo(f"   {label}:")
                # Each line of the text on a line of its own, indented; nothing in it can start another.
                for line in text.split("\n"):
                    click.echo(f"     {esc(line)}")


def echo_stats(result: Stats, weak: Sequence[WeakQuestion]) -> None:
    """The statistics of `mockint stats`, and the questions to practise next."""
    if not result.sessions:
        click.echo("No practice sessions yet. Start one with `mockint practice`.")
        return
    click.echo(f"Sessions: {result.sessions} ({result.complete} complete)")
    click.echo(f"Answers: {result.count} (+{result.skipped} skipped)   average rating: {_avg(result.average)}")
    if result.overtime_rate is not None:
        click.echo(f"Overtime: {result.overtime_rate:.0%} of answers")
    click.echo(f"Streak: {plural(result.current_streak, 'day')} now, longest {result.longest_streak}")
    if result.categories:
        click.echo("\nBy category:")
        for c in result.categories:
            over = "-" if c.overtime_rate is None else f"{c.overtime_rate:.0%}"
            click.echo(f"  {esc(c.category or '(none)')[:30]:<32}{c.count:>5} answers  avg {_avg(c.average):<5}"
                       f"  overtime {over}")
    if result.dimensions:
        click.echo("\nBy rubric dimension:")
        for d in result.dimensions:
            trend = " ".join(_avg(w.average) for w in d.weeks[-6:])
            click.echo(f"  {esc(d.dimension)[:30]:<32}{d.count:>5} ratings  avg {_avg(d.average):<5}  weeks: {trend}")
    if result.weeks:
        click.echo("\nBy week:")
        for w in result.weeks[-8:]:
            click.echo(f"  {w.week}  {w.count:>4} answers  avg {_avg(w.average)}")
    if weak:
        click.echo("\nPractise next:")
        for q in weak:
            state = "due" if q.due else f"due {_local(q.due_at)}"
            click.echo(f"  {esc(q.pack_id)}/{esc(q.question_id)}  last {_avg(q.last_rating)}  ({state})")
