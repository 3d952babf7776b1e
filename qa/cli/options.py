"""The options several commands share, declared once: same flags, metavars and help everywhere.

Options whose value comes from the settings default to None here (so that QA_* variables and
qa.toml still apply) and say in their help what that default is.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import typer

from qa.settings import Settings


def setting_default(name: str) -> str:
    """' [default: VALUE, or QA_NAME]' for a Settings field, '' when it has no plain default."""
    for f in dataclasses.fields(Settings):
        if f.name == name and f.default is not dataclasses.MISSING:
            return f"  [default: {f.default}, or QA_{name.upper()}]"
    return ""


def index_option() -> Any:
    return typer.Option(None, "--index", "-i", metavar="NAME|PATH", show_default=False,
                        help="Index name (a folder under indexes/) or path." + setting_default("index"))


def mode_option() -> Any:
    return typer.Option(None, "--mode", "-m", metavar="extractive|llm", show_default=False,
                        help="Answer mode: extractive (no LLM) or llm." + setting_default("mode"))


def k_option(maximum: int, what: str) -> Any:
    return typer.Option(None, "--k", "-k", min=1, max=maximum, metavar="N", show_default=False,
                        help=what + setting_default("k"))


def source_option() -> Any:
    return typer.Option(None, "--source", metavar="OUTLET", show_default=False,
                        help="Only articles from this outlet (repeatable; case, a leading 'The' and short forms "
                             "match).")


def since_option() -> Any:
    return typer.Option(None, "--since", metavar="DATE", show_default=False,
                        help="Only articles published on/after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")


def until_option() -> Any:
    return typer.Option(None, "--until", metavar="DATE", show_default=False,
                        help="Only articles published on/before DATE (YYYY, YYYY-MM or YYYY-MM-DD).")


def json_option(what: str = "Print JSON.") -> Any:
    return typer.Option(False, "--json", help=what, show_default=False)
