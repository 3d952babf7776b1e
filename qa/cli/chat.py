"""`qa chat`: an interactive prompt with history; follow-ups are rewritten into standalone questions."""

from __future__ import annotations

from typing import Optional

import typer

from qa.cli.render import console, fail, settings_from_cli
from qa.errors import QAError

HELP = "commands: /sources (passages of the last answer), /mode extractive|llm, /history, /help, /quit"


def register(app: typer.Typer) -> None:
    @app.command()
    def chat(
        index: Optional[str] = typer.Option(None, "--index", "-i", help="Index name or path."),
        mode: Optional[str] = typer.Option(None, "--mode", "-m", help="extractive (default) or llm."),
        k: Optional[int] = typer.Option(None, "--k", "-k", min=1, max=50, help="Passages used per answer."),
    ) -> None:
        """Chat with your articles. Follow-up questions use the conversation so far."""
        try:
            import readline  # noqa: F401  (line editing and up-arrow history for input())
        except ImportError:
            pass
        from qa.cli.answer_view import render_answer, render_passages
        from qa.service import QAService

        settings = settings_from_cli(mode=mode)
        con = console()
        try:
            service = QAService(settings, index)
            info = service.info()
        except QAError as exc:
            fail(exc)
        con.print(f"qa chat over {info['documents']} articles ({info['path']}). {HELP}", highlight=False)
        current_mode = settings.mode
        history: list[tuple[str, str]] = []
        last = None
        while True:
            try:
                line = input("qa> ").strip()
            except (EOFError, KeyboardInterrupt):
                con.print()
                break
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
                else:
                    con.print(f"unknown command {command}; {HELP}", highlight=False)
                continue
            try:
                last = service.ask(line, mode=current_mode, k=k, history=history)
            except QAError as exc:
                con.print(f"[red]error:[/red] {exc.message}" + (f" ({exc.hint})" if exc.hint else ""))
                continue
            if last.standalone_question:
                con.print(f"[dim](searching for: {last.standalone_question})[/dim]")
            render_answer(con, last)
            history.append((line, last.answer))
