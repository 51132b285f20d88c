"""The command line: a thin click layer over mockint.core.

Sub-commands live in mockint/cli/<area>.py and are imported only when used, so
`mockint --version` and the JSON commands start fast. Commands that open the app
(`review`, `practice`, ...) return an `OpenApp`; `mockint/entry.py` opens it, so the
command line never imports the TUI.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

from mockint import __version__

# name -> "module:attribute"; the group and the order are those of `mockint --help`.
_COMMANDS: dict[str, str] = {
    "practice": "mockint.cli.practice:practice",
    "resume": "mockint.cli.practice:resume",
    "backgrounder": "mockint.cli.backgrounder:backgrounder",
    "review": "mockint.cli.sessions:review",
    "history": "mockint.cli.sessions:history",
    "show": "mockint.cli.sessions:show",
    "stats": "mockint.cli.sessions:stats",
    "export": "mockint.cli.sessions:export",
    "import-sessions": "mockint.cli.sessions:import_sessions",
    "packs": "mockint.cli.packs:packs",
    "themes": "mockint.cli.themes:themes",
    "paths": "mockint.cli.paths:paths",
}

#: `mockint --help` lists the commands in these groups, with these one-liners (no command
#: module is imported to write the help).
_HELP_GROUPS: dict[str, dict[str, str]] = {
    "Practise": {
        "practice": "Open the app straight into a practice interview.",
        "resume": "Continue the last unfinished interview.",
        "backgrounder": "Edit, check, import or export your backgrounder (press kit).",
    },
    "Look back": {
        "review": "Open the app on your practice history.",
        "history": "List past sessions, newest first.",
        "show": "Show one session with every answer.",
        "stats": "Aggregates per category and rubric dimension, over time.",
        "export": "Export sessions as JSON, CSV or Markdown.",
        "import-sessions": "Restore or merge a JSON export (idempotent).",
    },
    "Set up": {
        "packs": "List, show, validate, import, export, remove or create question packs.",
        "themes": "List the available colour themes.",
        "paths": "Print where mockint keeps each of its files.",
    },
}


@dataclass(frozen=True)
class OpenApp:
    """What a command asks `mockint/entry.py` to open: a screen of the app, with its arguments."""

    screen: str = "home"
    theme: str | None = None
    screen_kwargs: Mapping[str, Any] = field(default_factory=dict)


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        # A missing module here is a broken build: let the ImportError show.
        module_name, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        grouped = {name for rows in _HELP_GROUPS.values() for name in rows}
        groups = {**_HELP_GROUPS, "Other": {name: "" for name in _COMMANDS if name not in grouped}}
        width = max(len(name) for name in _COMMANDS)  # one column across the groups
        for title, rows in groups.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl([(name.ljust(width), text) for name, text in rows.items()])


THEME_OPTION_HELP = "Start the app with this theme (see `mockint themes list`)."


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=(
        "Data: everything stays on this machine, in the folders `mockint paths` prints; set "
        "MOCKINT_HOME to keep it all under one directory.\n\n"
        "Exit codes: 0 success, 1 the operation failed, 2 bad usage or bad input, 130 interrupted."
    ),
)
@click.version_option(__version__, "--version", "-V", prog_name="mockint")
@click.option("--theme", metavar="NAME", default=None, help=THEME_OPTION_HELP)
@click.pass_context
def cli(ctx: click.Context, theme: str | None) -> OpenApp | None:
    """mockint: practise product-management interviews in your terminal.

    A simulated interviewer asks questions from question packs, times your answers and
    lets you rate each one on a rubric. Your backgrounder (press kit) adds questions about
    your own claims; review and trends show how you progress. Run `mockint` alone to open
    the app on its home screen; `mockint COMMAND --help` explains a command.
    """
    ctx.ensure_object(dict)
    ctx.obj["theme"] = theme
    if ctx.invoked_subcommand is None:
        return OpenApp(theme=theme)
    return None


F = TypeVar("F", bound=Callable[..., Any])


def theme_option(func: F) -> F:
    """`--theme NAME` for a command that opens the app (the root option works too)."""
    return click.option("--theme", "theme", metavar="NAME", default=None, help=THEME_OPTION_HELP)(func)


def resolve_theme(ctx: click.Context, theme: str | None) -> str | None:
    """The theme of a sub-command's `--theme`, else the root's."""
    if theme:
        return theme
    root = ctx.find_root()
    obj = root.obj or {}
    value = obj.get("theme")
    return value if isinstance(value, str) else None


def open_app(ctx: click.Context, screen: str, theme: str | None = None, **screen_kwargs: Any) -> OpenApp:
    """The answer of a command that opens the app on `screen` (entry.py opens it)."""
    return OpenApp(screen=screen, theme=resolve_theme(ctx, theme), screen_kwargs=screen_kwargs)


def run(argv: list[str]) -> int | OpenApp:
    """Run the command line on `argv`: an exit code, or the screen the app should open.

    click's own usage errors are printed by click; domain errors are left to the caller's
    guard (`mockint.guard.run_guarded`).
    """
    try:
        result = cli.main(args=argv, prog_name="mockint", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    if isinstance(result, OpenApp):
        return result
    # `--help` and `--version` end with click's exit code; commands return None.
    return result if isinstance(result, int) else 0

