"""Every command's help, walked from the app itself: no Python type tags, no lower-case parameter names."""

from __future__ import annotations

import re
from typing import Any

import typer.main
from typer.testing import CliRunner

from qa.cli.main import app

TYPE_TAG = re.compile(r"<(str|bool|int|float|path|Path|int range|float range|list\[[^\]]*\]|text)>")


def _command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    if hasattr(command, "commands"):  # a group (typer vendors its own click)
        for name, sub in command.commands.items():
            paths += _command_paths(sub, (*path, name))
    return paths


def test_every_command_help_is_plain_with_named_values():
    root = typer.main.get_command(app)
    paths = _command_paths(root)
    # The app really is walked: the commands the README lists are all here.
    names = {" ".join(p) for p in paths}
    assert {"ask", "search", "ingest", "remove", "chat", "serve", "mcp", "eval run", "eval compare",
            "index show", "docs", "indexes", "config show"} <= names, names
    runner = CliRunner()
    for path in paths:
        result = runner.invoke(app, [*path, "-h"])
        shown = result.output
        assert result.exit_code == 0, (path, shown)
        assert "Usage: qa" in shown, (path, shown)
        assert not TYPE_TAG.search(shown), (path, TYPE_TAG.search(shown), shown)
        for line in shown.splitlines():  # an option's value is named in capitals or by a pattern, never "<...>"
            if line.lstrip().startswith("-") and not line.lstrip().startswith("-h"):
                flags = line.strip().split("  ")[0]
                assert "<" not in flags, (path, line)


def test_an_option_without_a_metavar_shows_its_name_in_capitals():
    result = CliRunner().invoke(app, ["eval", "run", "-h"])
    assert "--out DIR" in result.output and "--limit N" in result.output
    assert "QUESTIONS" in result.output and "<path>" not in result.output
