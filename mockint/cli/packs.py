"""`mockint packs ...`: list, show, validate, import, update, mix, export, remove and create packs.

Pack text is untrusted: it is printed with click.echo as plain text, never as markup, and
escaped for listings (line breaks and invisible format characters shown as escapes).
Report lines go to stdout, refusals and diagnostics (errors and warnings) to stderr, one per line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mockint.cli.output import echo_diagnostics, echo_json
from mockint.core.errors import EXIT_BAD_INPUT, EXIT_FAILED, Diagnostic, MockintError, failure
from mockint.core.format import plural
from mockint.core.text import escape_controls, escape_for_listing

if TYPE_CHECKING:
    from mockint.core.packs.library import PackLibrary
    from mockint.core.packs.model import InstalledPack, Pack
    from mockint.core.packs.outcome import ImportOutcome

FORMATS = click.Choice(["toml", "md", "csv", "tsv", "apkg"], case_sensitive=False)
# File names and server replies end up in report lines; their control characters are escaped.


def _line(text: str, *, err: bool = False) -> None:
    click.echo(escape_controls(text), err=err)


def _report(outcomes: list[ImportOutcome]) -> int:
    """Print one report line per outcome (refusals on stderr); the exit code they add up to."""
    code = 0
    for outcome in outcomes:
        echo_diagnostics(outcome.diagnostics)
        refused = outcome.status == "refused"
        _line(outcome.message, err=refused)
        if refused:
            code = max(code, outcome.exit_code or EXIT_FAILED)
    return code


def _library() -> PackLibrary:
    from mockint.core.packs.library import PackLibrary

    return PackLibrary()


class _InOrder(click.Group):
    """Lists the sub-commands in the order of docs/cli.md rather than alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_InOrder)
def packs() -> None:
    """List, show, validate, import, update, mix, export, remove or create question packs.

    Built-in packs ship with mockint; packs you import are stored in your data
    directory. A pack you import with the id of a built-in pack shadows it.
    """


@packs.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def list_packs(as_json: bool) -> None:
    """Installed packs, built-in and user."""
    library = _library()
    entries = library.list()
    echo_diagnostics(library.warnings)
    if as_json:
        echo_json([_list_json(p) for p in entries])
        return
    if not entries:
        click.echo("No packs installed. Import one with `mockint packs import FILE`.")
        return
    from rich.cells import cell_len

    rows = [
        (escape_for_listing(p.name), p.id, p.version, str(p.questions), _source_label(p), "yes" if p.in_mix and not p.reverse else "no")
        for p in entries
    ]
    header = ("NAME", "ID", "VERSION", "QUESTIONS", "SOURCE", "MIX")
    widths = [max(cell_len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [cell + " " * (w - cell_len(cell)) for cell, w in zip(row, widths, strict=True)]
        click.echo("  ".join(cells).rstrip())


def _source_label(p: InstalledPack) -> str:
    label = "user (shadows built-in)" if p.shadows_builtin else "user"
    if p.source != "user":
        label = "built-in (shadowed)" if p.shadowed else "built-in"
    return label + (", to ask" if p.reverse else "")


def _list_json(p: InstalledPack) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "version": p.version,
        "questions": p.questions,
        "categories": len(p.categories),
        "category_ids": list(p.categories),
        "plans": list(p.plans),
        "source": p.source,
        "shadows": p.shadows_builtin,
        "shadowed": p.shadowed,
        "description": p.description,
        "path": p.path,
        "origin": p.origin,
        "in_mix": p.in_mix,
        "reverse": p.reverse,
    }


@packs.command("show", short_help="One pack in full.")
@click.argument("pack_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def show(pack_id: str, as_json: bool) -> None:
    """One pack in full: categories, questions (with effective times) and plans."""
    library = _library()
    pack = library.get(pack_id)
    entry = library.find(pack_id)
    if as_json:
        data = _show_json(pack)
        data["source"] = entry.source if entry else None
        data["origin"] = entry.origin if entry else None
        data["in_mix"] = entry.in_mix if entry else True
        echo_json(data)
        return
    from mockint.cli.pack_view import pack_lines

    for line in pack_lines(pack, entry):
        click.echo(line)


def _show_json(pack: Pack) -> dict[str, Any]:
    info = pack.info
    return {
        "id": pack.id,
        "name": pack.name,
        "version": pack.version,
        "description": info.description,
        "author": info.author,
        "license": info.license,
        "homepage": info.homepage,
        "language": info.language,
        "tags": list(info.tags),
        "reverse": pack.reverse,
        "defaults": {"answer_seconds": pack.defaults.answer_seconds, "prep_seconds": pack.defaults.prep_seconds},
        "categories": [{"id": c.id, "name": c.name, "description": c.description} for c in pack.categories],
        "rubric": [{"id": r.id, "name": r.name, "anchors": list(r.anchors)} for r in pack.rubric],
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "category": q.category,
                "follow_ups": list(q.follow_ups),
                "answer_seconds": q.answer_seconds,
                "prep_seconds": q.prep_seconds,
                "tags": list(q.tags),
                "difficulty": q.difficulty,
                "guidance": q.guidance,
            }
            for q in pack.questions
        ],
        "plans": [
            {"id": p.id, "name": p.name, "description": p.description, "steps": [s.as_dict() for s in p.steps]}
            for p in pack.plans
        ],
    }


@packs.command("validate", short_help="Check pack files without installing them.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--strict", is_flag=True, help="Treat warnings (unknown keys, ignored lines) as errors.")
@click.option("--format", "fmt", type=FORMATS, default=None, help="Read every file as this format.")
@click.option("--id", "pack_id", metavar="ID", default=None, help="Pack id for Markdown/CSV files (as import).")
@click.option("--name", metavar="NAME", default=None, help="Pack name for Markdown/CSV files (as import).")
@click.option("--version", "version", metavar="V", default=None, help="Pack version for Markdown/CSV files (as import).")
@click.option("--keep-all", is_flag=True, help="Markdown: keep link-only items and sections without questions.")
def validate(
    paths: tuple[str, ...], strict: bool, fmt: str | None, pack_id: str | None, name: str | None, version: str | None,
    keep_all: bool,
) -> None:
    """Check pack files without installing them (a directory: every pack file in it)."""
    from mockint.core.packs.loader import load_pack_file
    from mockint.core.packs.outcome import SUPPORTED_SUFFIXES, pack_files

    failed = False
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files = pack_files(path, SUPPORTED_SUFFIXES)
            if not files:
                echo_diagnostics([Diagnostic("no pack files in this directory", arg)])
                failed = True
        elif path.exists():
            files = [path]
        else:
            echo_diagnostics([Diagnostic("no such file or directory", arg)])
            failed = True
            continue
        for file in files:
            try:
                result = load_pack_file(
                    file, fmt=fmt, strict=strict, pack_id=pack_id, name=name, version=version, keep_all=keep_all
                )
            except MockintError as exc:
                echo_diagnostics(exc.diagnostics)
                failed = True
                continue
            echo_diagnostics(result.warnings)
            p = result.pack
            _line(
                f"OK  {file}: {p.id} {p.version}, {plural(len(p.questions), 'question')}, "
                f"{plural(len(p.categories), 'category', 'categories')}, {plural(len(p.plans), 'plan')}"
            )
    if failed:
        raise SystemExit(EXIT_BAD_INPUT)


@packs.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--force", is_flag=True, help="Replace an installed pack even if the version is not higher.")
@click.option("--id", "pack_id", metavar="ID", default=None,
              help="Pack id (Markdown/CSV/Anki; default: slug of the file or deck name).")
@click.option("--name", metavar="NAME", default=None, help="Pack name (Markdown: instead of the title).")
@click.option("--version", "version", metavar="V", default=None,
              help="Pack version (Markdown/CSV/Anki; default 1.0.0, then the next patch version on each change).")
@click.option("--format", "fmt", type=FORMATS, default=None, help="Read every source as this format.")
@click.option("--keep-all", is_flag=True, help="Markdown: keep link-only items and sections without questions.")
@click.option("--strict", is_flag=True, help="Refuse packs that have warnings.")
def import_packs(
    sources: tuple[str, ...], force: bool, pack_id: str | None, name: str | None,
    version: str | None, fmt: str | None, keep_all: bool, strict: bool,
) -> None:
    """Install packs from files, directories or http(s) URLs.

    Prints one line per pack file: installed, updated, unchanged (on stdout), or refused and
    why (on stderr). Exit code 2 if a pack was refused as invalid, 1 if refused for a version
    conflict or a failed fetch, read or write, 0 otherwise.
    """
    if pack_id is not None and len(sources) > 1:
        raise click.UsageError("--id names one pack: give a single SOURCE with it")
    library = _library()
    code = 0
    for source in sources:
        outcomes = library.import_source(
            source, force=force, fmt=fmt, strict=strict, pack_id=pack_id, name=name, version=version,
            keep_all=keep_all,
        )
        code = max(code, _report(outcomes))
    if code:
        raise SystemExit(code)


@packs.command("update", short_help="Fetch packs again from where they came from.")
@click.argument("pack_ids", nargs=-1, metavar="[ID...]")
def update(pack_ids: tuple[str, ...]) -> None:
    """Read packs again from their URL or file and apply the update rules (default: every user
    pack that remembers where it came from). One report line per pack."""
    outcomes = _library().update(list(pack_ids))
    if not outcomes:
        click.echo("No packs to update: packs you import remember where they came from.")
        return
    code = _report(outcomes)
    if code:
        raise SystemExit(code)


@packs.command("mix", short_help="Whether packs join the quick mixed interview.")
@click.argument("pack_ids", nargs=-1, required=True, metavar="ID...")
@click.option("--on/--off", "on", required=True, help="Put the packs in the mix, or take them out.")
def mix(pack_ids: tuple[str, ...], on: bool) -> None:
    """Whether a pack's questions join the quick mixed interview (all packs join by default;
    packs of questions to ask the interviewer never do)."""
    library = _library()
    for pid in pack_ids:
        library.set_in_mix(pid, on)
        entry = library.find(pid)
        name = escape_for_listing(entry.name) if entry else pid
        if on and entry is not None and entry.reverse:
            click.echo(f"{name} ({pid}): questions to ask the interviewer never join the mixed interview")
        else:
            click.echo(f"{name} ({pid}): {'in' if on else 'out of'} the quick mixed interview")


@packs.command("export")
@click.argument("pack_id", metavar="ID")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def export(pack_id: str, output: Path | None) -> None:
    """Write an installed pack as native TOML."""
    from mockint.core.packs.export import pack_to_toml

    text = pack_to_toml(_library().get(pack_id))
    if output is None:
        click.echo(text, nl=False)
        return
    from mockint.core.atomic import atomic_write_text

    atomic_write_text(output, text)
    click.echo(f"exported {pack_id} to {output}")


@packs.command("remove")
@click.argument("pack_id", metavar="ID")
def remove(pack_id: str) -> None:
    """Uninstall a user pack. Your practice history with it is kept."""
    library = _library()
    library.remove(pack_id)
    click.echo(f"removed {pack_id} (practice history is kept)")
    back = library.find(pack_id)
    if back is not None and back.source == "builtin":
        click.echo(f"the built-in pack {pack_id} {back.version} is in use again")


@packs.command("new", short_help="Write a commented starter pack.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
def new(output: Path | None, force: bool) -> None:
    """Write a commented starter pack that shows every feature of the format."""
    from mockint.core.packs.starter import STARTER_PACK

    if output is None:
        click.echo(STARTER_PACK, nl=False)
        return
    if output.exists() and not force:
        raise failure("file exists; use --force to overwrite it", path=str(output))
    from mockint.core.atomic import atomic_write_text

    atomic_write_text(output, STARTER_PACK)
    click.echo(f"wrote a starter pack to {output}")
    click.echo(f"next: edit it, then `mockint packs validate {output} --strict` and `mockint packs import {output}`")
