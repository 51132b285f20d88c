"""Shared output helpers for the commands: JSON, warnings, errors."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import click

from mockint.core.errors import Diagnostic


def json_text(data: Any) -> str:
    """The JSON every command prints: indented by two, non-ASCII text as it is."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def echo_json(data: Any) -> None:
    click.echo(json_text(data))


def echo_diagnostics(diags: Iterable[Diagnostic]) -> None:
    for d in diags:
        click.echo(d.format(), err=True)
