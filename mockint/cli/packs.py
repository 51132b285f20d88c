"""`mockint packs ...`: list, show, validate, import, export, remove and create question packs.

Pack text is untrusted: it is printed with click.echo as plain text, never as markup.
Report lines go to stdout, diagnostics (errors and warnings) to stderr, one per line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mockint.cli.output import echo_diagnostics, echo_json
from mockint.core.errors import EXIT_BAD_INPUT, EXIT_FAILED, Diagnostic, MockintError, failure
from mockint.core.text import escape_controls

if TYPE_CHECKING:
    from mockint.core.packs.library import PackLibrary
    from mockint.core.packs.model import InstalledPack, Pack

FORMATS = click.Choice(["toml", "md", "csv", "tsv"], case_sensitive=False)
# File names and server replies end up in report lines; their control characters are escaped.


def _line(text: str) -> None:
    click.echo(escape_controls(text))


def _library() -> PackLibrary:
    from mockint.core.packs.library import PackLibrary

    return PackLibrary()


class _InOrder(click.Group):
    """Lists the sub-commands in the order of cli.md rather than alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_InOrder)
def packs() -> None:
    """List, show, validate, import, export, remove or create question packs.

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
    rows = [(p.id, p.version, str(p.questions), _source_label(p), p.name) for p in entries]
    header = ("ID", "VERSION", "QUESTIONS", "SOURCE", "NAME")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        click.echo("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[4]]).rstrip())


def _source_label(p: InstalledPack) -> str:
    if p.source == "user":
        return "user (shadows built-in)" if p.shadows_builtin else "user"
    return "built-in (shadowed)" if p.shadowed else "built-in"


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
def validate(
    paths: tuple[str, ...], strict: bool, fmt: str | None, pack_id: str | None, name: str | None, version: str | None
) -> None:
    """Check pack files without installing them (a directory: every pack file in it)."""
    from mockint.core.packs.library import SUPPORTED_SUFFIXES, pack_files
    from mockint.core.packs.loader import load_pack_file

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
                result = load_pack_file(file, fmt=fmt, strict=strict, pack_id=pack_id, name=name, version=version)
            except MockintError as exc:
                echo_diagnostics(exc.diagnostics)
                failed = True
                continue
            echo_diagnostics(result.warnings)
            p = result.pack
            _line(
                f"OK  {file}: {p.id} {p.version}, {_count(len(p.questions), 'question')}, "
                f"{_count(len(p.categories), 'category', 'categories')}, {_count(len(p.plans), 'plan')}"
            )
    if failed:
        raise SystemExit(EXIT_BAD_INPUT)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@packs.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--force", is_flag=True, help="Replace an installed pack even if the version is not higher.")
@click.option("--id", "pack_id", metavar="ID", default=None, help="Pack id (Markdown/CSV; default: slug of the file name).")
@click.option("--name", metavar="NAME", default=None, help="Pack name (Markdown: instead of the # heading).")
@click.option("--version", "version", metavar="V", default=None, help="Pack version (Markdown/CSV; default 1.0.0).")
@click.option("--format", "fmt", type=FORMATS, default=None, help="Read every source as this format.")
@click.option("--strict", is_flag=True, help="Refuse packs that have warnings.")
def import_packs(
    sources: tuple[str, ...], force: bool, pack_id: str | None, name: str | None,
    version: str | None, fmt: str | None, strict: bool,
) -> None:
    """Install packs from files, directories or http(s) URLs.

    Prints one line per pack file: installed, updated, unchanged, or refused and why.
    Exit code 2 if a pack was refused as invalid, 1 if refused for a version conflict
    or a failed read or write, 0 otherwise.
    """
    if pack_id is not None and len(sources) > 1:
        raise click.UsageError("--id names one pack: give a single SOURCE with it")
    library = _library()
    code = 0
    for source in sources:
        for outcome in library.import_source(
            source, force=force, fmt=fmt, strict=strict, pack_id=pack_id, name=name, version=version
        ):
            echo_diagnostics(outcome.diagnostics)
            _line(outcome.message)
            if outcome.status == "refused":
                code = max(code, outcome.exit_code or EXIT_FAILED)
    if code:
        raise SystemExit(code)


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
