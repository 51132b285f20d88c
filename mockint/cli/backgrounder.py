"""`mockint backgrounder`: the editor (TUI), and export, import and check on the command line."""

from __future__ import annotations

from pathlib import Path

import click

from mockint.cli import OpenApp, open_app, theme_option
from mockint.cli.output import echo_diagnostics, echo_json


@click.group(invoke_without_command=True)
@theme_option
@click.pass_context
def backgrounder(ctx: click.Context, theme: str | None) -> OpenApp | None:
    """Your backgrounder: the press kit you draw on in every interview.

    Without a sub-command, opens the editor, which gives live advice on each entry.
    """
    if ctx.invoked_subcommand is None:
        return open_app(ctx, "backgrounder", theme)
    return None


@backgrounder.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "toml"]),
    default="md",
    show_default=True,
    help="md: a one-page press kit; toml: the file `import` reads back.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout."
)
def export(fmt: str, output: Path | None) -> None:
    """Print (or write) the backgrounder as a Markdown press kit or as TOML."""
    from mockint.core.atomic import atomic_write_text
    from mockint.core.backgrounder.storage import load_backgrounder_with_warnings
    from mockint.core.errors import failure

    bg, warnings = load_backgrounder_with_warnings()
    echo_diagnostics(warnings)
    if fmt == "toml":
        from mockint.core.backgrounder.io import to_toml

        text = to_toml(bg)
    else:
        from mockint.core.backgrounder.presskit import to_markdown

        text = to_markdown(bg)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        raise failure(f"cannot write: {exc.strerror or exc}", path=str(output)) from None
    click.echo(f"Wrote {output}", err=True)


@backgrounder.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_(file: Path) -> None:
    """Replace the backgrounder with FILE (TOML, format 1); the old one is kept as a backup.

    A file with any error changes nothing.
    """
    from mockint.core.backgrounder.storage import backups_dir, import_backgrounder
    from mockint.core.errors import failure

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise failure(f"cannot read: {exc.strerror or exc}", path=str(file)) from None
    warnings = import_backgrounder(data, source=str(file))
    echo_diagnostics(warnings)
    click.echo(f"Imported {file}; earlier versions are kept in {backups_dir()}")


@backgrounder.command()
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON list of {section, index, severity, message, quote}."
)
def check(as_json: bool) -> None:
    """Advice on each entry that breaks a guideline, and why, plus speaking time.

    Advice is not an error: the exit code is 0 either way.
    """
    from mockint.core.backgrounder.advice import advise, timing_summary
    from mockint.core.backgrounder.storage import load_backgrounder_with_warnings

    bg, warnings = load_backgrounder_with_warnings()
    echo_diagnostics(warnings)
    advice = advise(bg)
    if as_json:
        echo_json([a.as_dict() for a in advice])
        return
    for item in advice:
        click.echo(item.format())
    if not advice:
        click.echo("No advice: every entry follows the guidelines.")
    filled, total = bg.completeness()
    click.echo("")
    click.echo(f"Complete: {filled} of {total} recommended entries")
    for line in timing_summary(bg):
        click.echo(line)
