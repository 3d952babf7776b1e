"""`qa ask`: one question, a cited answer."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, Callable, NoReturn, Optional

import typer

from qa.cli import options
from qa.cli.render import console, fail, print_json, settings_from_cli
from qa.errors import GenerationError, QAError


def register(app: typer.Typer) -> None:
    @app.command()
    def ask(
        question: str = typer.Argument(..., metavar="QUESTION", show_default=False,
                                       help="The question, in quotes; - reads it from stdin."),
        index: Optional[str] = options.index_option(),
        mode: Optional[str] = options.mode_option(),
        k: Optional[int] = options.k_option(50, "Passages used for the answer."),
        source: Optional[list[str]] = options.source_option(),
        since: Optional[str] = options.since_option(),
        until: Optional[str] = options.until_option(),
        as_json: bool = options.json_option("Print exactly one JSON object (the stable schema)."),
        passages: bool = typer.Option(False, "--passages", show_default=False,
                                      help="Also show the retrieved passages."),
        as_of: Optional[str] = typer.Option(None, "--as-of", metavar="DATE", show_default=False,
                                            help="Count relative dates (\"last week\") from this day, "
                                                 "YYYY-MM-DD.  [default: today]"),
    ) -> None:
        """Answer a question from the indexed articles, citing the exact passages."""
        from qa.cli.search import build_filters
        from qa.service import QAService

        settings = settings_from_cli(mode=mode)
        streaming = settings.mode == "llm" and not as_json and sys.stdout.isatty()

        from qa.answer.instructions import StreamFilter

        shown = StreamFilter()  # the draft streams sentence by sentence; an obeyed planted instruction never shows

        def on_token(token: str) -> None:
            sys.stdout.write(shown.feed(token))
            sys.stdout.flush()

        try:
            question = read_question(question)
            service = QAService(settings, index)
            filters = build_filters(source, since, until)
            answer = service.ask(question, k=k, filters=filters, on_token=on_token if streaming else None,
                                 as_of=parse_as_of(as_of))
        except GenerationError as exc:
            if streaming:
                sys.stdout.write("\n")
            fail_llm(exc, settings, None if as_json else lambda: service.ask(
                question, mode="extractive", k=k, filters=filters, as_of=parse_as_of(as_of)))
        except QAError as exc:
            fail(exc)
        if as_json:
            print_json(answer.to_json())
            return
        from qa.cli.answer_view import render_answer

        if streaming:
            sys.stdout.write(shown.flush() + "\n\n")  # the streamed draft above; the checked, cited answer below
        render_answer(console(), answer, show_passages=passages)


def read_question(argument: str) -> str:
    """The question argument, or stdin when it is `-` (`echo "How many ...?" | qa ask -`)."""
    if argument != "-":
        return argument
    from qa.errors import InputError

    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise InputError("the question on stdin is not valid text: it holds bytes that are not UTF-8",
                         hint="convert it to UTF-8 (iconv -t UTF-8)") from None


def fail_llm(exc: GenerationError, settings: Any, extractive: Callable[[], Any] | None) -> NoReturn:
    """The LLM failed: say which URL and model were tried, show the extractive answer instead, exit 7."""
    from qa.cli.answer_view import llm_failure, render_answer

    typer.echo(f"error: {llm_failure(settings, exc.message)}", err=True)
    if exc.hint:
        typer.echo(f"hint: {exc.hint}", err=True)
    if extractive is not None:
        try:
            answer = extractive()
        except QAError:
            pass
        else:
            typer.echo("The extractive answer (no LLM) instead; --mode extractive gives it directly:", err=True)
            render_answer(console(), answer)
    raise typer.Exit(exc.exit_code)


def parse_as_of(text: str | None) -> date | None:
    """`--as-of 2023-01-05` as a date; a bad value is an InputError (exit 2) that says the format."""
    from qa.errors import InputError

    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--as-of {text!r} is not a date", hint="write it as YYYY-MM-DD, e.g. --as-of 2023-01-05") from None
