"""`mockint paths`."""

from __future__ import annotations

import click

from mockint.cli.output import echo_json
from mockint.core.paths import get_paths


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def paths(as_json: bool) -> None:
    """Print where mockint keeps each of its files.

    Set MOCKINT_HOME to put everything under one directory.
    """
    p = get_paths().as_dict()
    if as_json:
        echo_json(p)
        return
    width = max(len(k) for k in p)
    for key, value in p.items():
        click.echo(f"{key.ljust(width)}  {value}")
