"""`qa chat`: an interactive prompt with history; follow-ups are rewritten into standalone questions."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from qa.cli import options
from qa.cli.render import console, fail, settings_from_cli
from qa.errors import GenerationError, QAError

HELP = ("commands: /sources (passages of the last answer), /mode extractive|llm, /history, /clear (forget the "
        "conversation), /help, /quit")


def register(app: typer.Typer) -> None:
    @app.command()
    def chat(
        index: Optional[str] = options.index_option(),
        mode: Optional[str] = options.mode_option(),
        k: Optional[int] = options.k_option(50, "Passages used per answer."),
        quiet: bool = typer.Option(False, "--quiet", "-q", show_default=False,
                                   help="Only the answers: no banner, no rewritten question, no Sources list."),
    ) -> None:
        """Chat with your articles. Follow-up questions use the conversation so far."""
        try:
            import readline  # noqa: F401  (line editing and up-arrow history for input())
        except ImportError:
            pass
        from rich.markup import escape

        from qa.answer.condense import reads_well
        from qa.cli.answer_view import llm_failure, render_answer, render_passages
        from qa.service import QAService

        settings = settings_from_cli(mode=mode)
        con = console()
        try:
            service = QAService(settings, index)
            info = service.info()
        except QAError as exc:
            fail(exc)
        if not quiet:
            con.print(f"qa chat over {info['documents']} articles ({info['path']}). {HELP}", highlight=False)
        current_mode = settings.mode
        history: list[tuple[str, str]] = []
        last = None
        streaming = sys.stdout.isatty()

        from qa.answer.instructions import StreamFilter

        shown = StreamFilter()  # the draft streams sentence by sentence; an obeyed planted instruction never shows

        def on_token(token: str) -> None:
            sys.stdout.write(shown.feed(token))
            sys.stdout.flush()

        while True:
            try:
                line = input("" if quiet else "qa> ").strip()
            except (EOFError, KeyboardInterrupt):
                if not quiet:
                    con.print()
                break
            except UnicodeDecodeError:
                con.print("[red]error:[/red] that line is not UTF-8 text; type it again", highlight=False)
                continue
            if not line:
                continue
            if line.startswith("/"):
                command, _, arg = line.partition(" ")
                if command in ("/quit", "/exit", "/q"):
                    break
                if command == "/help":
                    con.print(HELP, highlight=False)
                elif command == "/sources":
                    if last is None:
                        con.print("no answer yet", highlight=False)
                    else:
                        render_passages(con, last.passages)
                elif command == "/mode":
                    if arg.strip() in ("extractive", "llm"):
                        current_mode = arg.strip()
                        con.print(f"mode: {current_mode}", highlight=False)
                    else:
                        con.print(f"mode is {current_mode}; use /mode extractive or /mode llm", highlight=False)
                elif command == "/history":
                    for q, a in history:
                        con.print(f"> {q}\n  {a}", highlight=False)
                elif command == "/clear":
                    history, last = [], None
                    con.print("conversation cleared: the next question starts afresh", highlight=False)
                else:
                    con.print(f"unknown command {command}; {HELP}", highlight=False)
                continue
            stream = streaming and current_mode == "llm"
            try:
                last = service.ask(line, mode=current_mode, k=k, history=history,
                                   on_token=on_token if stream else None)
            except GenerationError as exc:
                if stream:
                    shown.flush()
                    sys.stdout.write("\n")
                con.print(f"[red]error:[/red] {escape(llm_failure(settings, exc.message))}", highlight=False)
                con.print("the extractive answer instead (/mode extractive to stay there):", highlight=False)
                try:
                    last = service.ask(line, mode="extractive", k=k, history=history)
                except QAError as inner:
                    con.print(f"[red]error:[/red] {escape(inner.message)}", highlight=False)
                    continue
            except QAError as exc:
                shown.flush()  # what a failed answer left unfinished is not the start of the next one
                con.print(f"[red]error:[/red] {escape(exc.message)}" + (f" ({escape(exc.hint)})" if exc.hint else ""),
                          highlight=False)
                continue
            else:
                if stream:
                    sys.stdout.write(shown.flush() + "\n\n")  # the streamed draft above; the checked answer below
            if last.standalone_question and not quiet and reads_well(last.standalone_question, line):
                con.print(f"[dim](searching for: {escape(last.standalone_question)})[/dim]", highlight=False)
            if quiet:
                con.print(escape(last.answer), highlight=False)
            else:
                render_answer(con, last)
            history.append((line, last.answer))
