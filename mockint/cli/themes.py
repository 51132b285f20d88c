"""`mockint themes list`: Textual's built-in themes, the shipped ones and the user's theme files.

Textual is imported inside the command only (for its theme list and colour parser),
so loading this module stays cheap.
"""

from __future__ import annotations

from typing import Any

import click

from mockint.cli.output import echo_diagnostics, echo_json


@click.group()
def themes() -> None:
    """List the available colour themes.

    Shipped themes come with mockint; add your own as *.toml files in the themes
    folder that `mockint paths` names (format: see themes/README.md). Start the
    app with one using `mockint --theme NAME`; the last theme you choose in the
    app (ctrl+p, then "theme") is remembered.
    """


def theme_rows() -> tuple[list[dict[str, Any]], list[Any]]:
    """Every theme as a JSON row (built-in, then shipped, then user) and the warnings about bad files."""
    from textual.theme import BUILTIN_THEMES

    from mockint.theme_files import load_file_themes

    rows: list[dict[str, Any]] = [
        {"name": name, "source": "builtin", "dark": bool(theme.dark), "path": None}
        for name, theme in sorted(BUILTIN_THEMES.items())
    ]
    specs, warnings = load_file_themes()
    for spec in specs:
        row: dict[str, Any] = {"name": spec.name, "source": spec.source, "dark": spec.dark, "path": spec.path}
        if spec.shadowed:
            row["shadowed"] = True  # a user theme of the same name is used instead
        rows.append(row)
    return rows, warnings


@themes.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def list_themes(as_json: bool) -> None:
    """Built-in, shipped and user themes; bad user files are warnings on stderr."""
    rows, warnings = theme_rows()
    echo_diagnostics(warnings)
    if as_json:
        echo_json(rows)
        return
    header = ("NAME", "SOURCE", "MODE", "PATH")
    table = [
        (
            row["name"],
            row["source"] + (" (shadowed)" if row.get("shadowed") else ""),
            "dark" if row["dark"] else "light",
            row["path"] or "",
        )
        for row in rows
    ]
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(3)]
    for cells in [header, *table]:
        click.echo("  ".join([*(c.ljust(w) for c, w in zip(cells, widths, strict=False)), cells[3]]).rstrip())
