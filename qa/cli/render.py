"""Rendering shared by the CLI commands: consoles, errors, JSON, settings from the environment."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, NoReturn

import typer

from qa.errors import QAError
from qa.settings import Settings

_console: Any = None
_err_console: Any = None


PIPED_WIDTH = 10_000
"""Line width when stdout is not a terminal: wide enough that nothing is wrapped (`qa ask ... > a.md`
keeps each paragraph on one line; tables keep one row per line)."""


def console() -> Any:
    """The stdout console: rich on a terminal; when piped, no colour and no hard line breaks."""
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console() if sys.stdout.isatty() else Console(soft_wrap=True, width=PIPED_WIDTH)
    return _console


def err_console() -> Any:
    global _err_console
    if _err_console is None:
        from rich.console import Console

        _err_console = Console(stderr=True)
    return _err_console


def fail(exc: QAError) -> NoReturn:
    """One line naming the problem and what to do, then the error's exit code."""
    message = f"error: {exc.message}"
    if exc.hint:
        message += f"\nhint: {exc.hint}"
    typer.echo(message, err=True)
    raise typer.Exit(exc.exit_code)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def settings_from_cli(**overrides: Any) -> Settings:
    """The process's one Settings object: config files, QA_* environment variables, then command-line options."""
    from qa.config import PROCESS_ENVIRONMENT, load_settings

    for name, value in PROCESS_ENVIRONMENT.items():  # the process starts here; an explicit value wins
        os.environ.setdefault(name, value)
    try:
        return load_settings(os.environ, **overrides)
    except QAError as exc:
        fail(exc)


def interactive(stream: Any = None) -> bool:
    return bool((stream or sys.stderr).isatty())
