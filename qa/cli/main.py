"""The `qa` command line. Each command lives in its own module and registers itself here.

Exit codes: 0 success; 1 unexpected error; 2 bad input or usage; 3 index not found; 4 index built
with another embedder/format; 5 index damaged; 6 optional dependency missing; 7 LLM backend failed;
8 index locked by another writer; 9 `qa eval --check` found a regression; 130 interrupted.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="qa",
    help="Cited question answering over your news articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = ("ingest", "indexes", "search", "ask", "chat", "serve", "mcp", "eval", "config")

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
