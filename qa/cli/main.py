"""The `qa` command line. Each command lives in its own module and registers itself here.

Exit codes: 0 success; 1 unexpected error; 2 bad input or usage; 3 index not found; 4 index built
with another embedder/format; 5 index damaged; 6 optional dependency missing; 7 LLM backend failed;
8 index locked by another writer; 9 `qa eval --check` found a regression; 130 interrupted.
"""

from __future__ import annotations

import importlib
from typing import Optional

import typer
import typer.core

# Typer's plain help tags every parameter with its Python type ("QUESTION <str>", "--out <path>",
# "--limit <int range>"); the help text already says what to type, so arguments show no tag and an
# option without its own metavar shows its name in capitals, as click does ("--out OUT").
typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
typer.core.TyperArgument.display_name_raw = property(  # type: ignore[assignment,method-assign]
    lambda self: self.metavar if self.metavar is not None else (self.name or "").upper())


def _option_metavar(option: typer.core.TyperOption, ctx: object) -> str:
    if option.metavar is not None:
        return option.metavar
    name = (option.name or "value").upper()
    return name + "..." if option.nargs != 1 else name


typer.core.TyperOption.display_type_rich = _option_metavar  # type: ignore[method-assign,assignment]

app = typer.Typer(
    name="qa",
    help="Cited question answering over your news articles, offline.",
    no_args_is_help=True,
    add_completion=True,  # qa --install-completion bash|zsh|fish
    pretty_exceptions_enable=False,
    # Plain help (no rich boxes, no <bool> type tags) that is not cut to a box width when piped,
    # with every default shown; -h as well as --help, in every subcommand.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "show_default": True},
)


def version() -> str:
    """The installed qa version."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("qa")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"qa {version()}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Optional[bool] = typer.Option(
        None, "--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Cited question answering over your news articles, offline."""

COMMAND_MODULES = ("ingest", "indexes", "docs", "search", "ask", "chat", "serve", "mcp", "eval", "config")

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"qa.cli.{_name}")
    except ModuleNotFoundError as _exc:  # a command module not written yet must not break the others
        if _exc.name != f"qa.cli.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise SystemExit(130)


if __name__ == "__main__":
    main()
