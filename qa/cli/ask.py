"""`qa ask`: one question, a cited answer."""

from __future__ import annotations

import sys
from datetime import date
from typing import Optional

import typer

from qa.cli.render import console, fail, print_json, settings_from_cli
from qa.errors import QAError


def register(app: typer.Typer) -> None:
    @app.command()
    def ask(
        question: str = typer.Argument(..., help="The question, in quotes."),
        index: Optional[str] = typer.Option(None, "--index", "-i", help="Index name or path."),
        mode: Optional[str] = typer.Option(None, "--mode", "-m", help="extractive (default, no LLM) or llm."),
        k: Optional[int] = typer.Option(None, "--k", "-k", min=1, max=50, help="Passages used for the answer."),
        source: Optional[list[str]] = typer.Option(None, "--source", help="Only these outlets (repeatable)."),
        since: Optional[str] = typer.Option(None, "--since", help="Only articles published on/after YYYY-MM-DD."),
        until: Optional[str] = typer.Option(None, "--until", help="Only articles published on/before YYYY-MM-DD."),
        as_json: bool = typer.Option(False, "--json", help="Print exactly one JSON object (the stable schema)."),
        passages: bool = typer.Option(False, "--passages", help="Also show the retrieved passages."),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="Count relative dates (\"last week\") from "
                                            "this day, YYYY-MM-DD (default today)."),
    ) -> None:
        """Answer a question from the indexed articles, citing the exact passages."""
        from qa.cli.search import build_filters
        from qa.service import QAService

        settings = settings_from_cli(mode=mode)
        streaming = settings.mode == "llm" and not as_json and sys.stdout.isatty()

        def on_token(token: str) -> None:
            sys.stdout.write(token)
            sys.stdout.flush()

        try:
            service = QAService(settings, index)
            answer = service.ask(question, k=k, filters=build_filters(source, since, until),
                                 on_token=on_token if streaming else None, as_of=parse_as_of(as_of))
        except QAError as exc:
            fail(exc)
        if as_json:
            print_json(answer.to_json())
            return
        from qa.cli.answer_view import render_answer

        if streaming:
            sys.stdout.write("\n\n")  # the streamed draft above; the checked, cited answer below
        render_answer(console(), answer, show_passages=passages)


def parse_as_of(text: str | None) -> date | None:
    """`--as-of 2023-01-05` as a date; a bad value is an InputError (exit 2) that says the format."""
    from qa.errors import InputError

    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--as-of {text!r} is not a date", hint="write it as YYYY-MM-DD, e.g. --as-of 2023-01-05") from None
