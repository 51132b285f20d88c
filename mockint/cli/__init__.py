"""The command line: a thin click layer over mockint.core.

Sub-commands live in mockint/cli/<area>.py and are imported only when used,
so `mockint --version` and the JSON commands start fast.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from mockint import __version__

# name -> "module:attribute"; the order is the order of `mockint --help`.
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

_SHORT_HELP: dict[str, str] = {
    "practice": "Open the TUI straight into a practice interview.",
    "resume": "Continue the last unfinished interview.",
    "backgrounder": "Edit, check, import or export your backgrounder (press kit).",
    "review": "Open the TUI on your practice history.",
    "history": "List past sessions, newest first.",
    "show": "Show one session with every answer.",
    "stats": "Aggregates per category and rubric dimension, over time.",
    "export": "Export sessions as JSON, CSV or Markdown.",
    "import-sessions": "Restore or merge a JSON export (idempotent).",
    "packs": "List, show, validate, import, export, remove or create question packs.",
    "themes": "List the available colour themes.",
    "paths": "Print where mockint keeps each of its files.",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # an area not built yet
            if exc.name and exc.name.startswith("mockint."):
                return None
            raise
        command: click.Command = getattr(module, attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help without importing every command module.
        rows = [(name, _SHORT_HELP.get(name, "")) for name in _COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _check_theme(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from mockint.cli.themes import check_theme_option  # Textual's theme list is loaded only for --theme

    return check_theme_option(ctx, param, value)


THEME_OPTION_HELP = "Start the TUI with this theme (see `mockint themes list`)."


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=(
        "Run `mockint` alone to open the app on its home screen. Everything is stored on this "
        "machine: set MOCKINT_HOME to keep all data under one directory (see `mockint paths`). "
        "Exit codes: 0 success, 1 the operation failed, 2 bad usage or bad input."
    ),
)
@click.version_option(__version__, "--version", "-V", prog_name="mockint")
@click.option("--theme", metavar="NAME", default=None, help=THEME_OPTION_HELP, callback=_check_theme)
@click.pass_context
def cli(ctx: click.Context, theme: str | None) -> None:
    """mockint: practise product-management interviews in your terminal.

    A simulated interviewer asks questions from question packs, times your answers,
    and lets you rate yourself on a rubric. Your backgrounder (press kit) feeds
    questions about your own claims; the review screen shows how you progress.
    """
    ctx.ensure_object(dict)
    ctx.obj["theme"] = theme
    if ctx.invoked_subcommand is None:
        from mockint.tui.launch import launch

        launch(theme=theme)


def theme_option(func: Any) -> Any:
    """`--theme NAME` for a TUI command (the root option works too)."""
    return click.option(
        "--theme", "theme", metavar="NAME", default=None, help=THEME_OPTION_HELP, callback=_check_theme
    )(func)


def resolve_theme(ctx: click.Context, theme: str | None) -> str | None:
    if theme:
        return theme
    root = ctx.find_root()
    obj = root.obj or {}
    value = obj.get("theme")
    return value if isinstance(value, str) else None


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and turn core errors into compiler-style lines and exit codes."""
    from mockint.entry import run_guarded

    def run() -> None:
        try:
            cli.main(args=argv, prog_name="mockint", standalone_mode=False)
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)

    sys.exit(run_guarded(run))
