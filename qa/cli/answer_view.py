"""Rendering answers and passages for the terminal (rich)."""

from __future__ import annotations

from typing import Any, Sequence

from qa.types import Answer, Hit


def _date(value: str | None) -> str:
    return value[:10] if value else ""


def render_passages(con: Any, hits: Sequence[Hit], width: int = 320) -> None:
    from rich.markup import escape

    for rank, hit in enumerate(hits, 1):
        meta = " · ".join(x for x in (hit.source or "", _date(hit.published_at)) if x)
        con.print(f"[bold cyan]{rank}.[/bold cyan] [bold]{escape(hit.title)}[/bold]"
                  + (f" [dim]({escape(meta)})[/dim]" if meta else "") + f" [dim]score {hit.score:.3f}[/dim]")
        text = " ".join(hit.chunk.text.split())
        con.print("   " + escape(text if len(text) <= width else text[:width] + "…"), highlight=False)


def render_answer(con: Any, answer: Answer, show_passages: bool = False) -> None:
    from rich.markup import escape

    style = "yellow" if answer.abstained else "green"
    con.print(f"[{style}]{escape(answer.answer)}[/{style}]", highlight=False)
    if answer.citations:
        con.print()
        con.print("[bold]Sources[/bold]")
        for c in answer.citations:
            meta = " · ".join(x for x in (c.source or "", _date(c.published_at)) if x)
            flag = "" if c.verified else " [red](unverified)[/red]"
            con.print(f"[bold cyan][{c.n}][/bold cyan] [bold]{escape(c.title)}[/bold]"
                      + (f" [dim]({escape(meta)})[/dim]" if meta else "") + flag)
            con.print(f"    “{escape(c.quote)}”", highlight=False)
    if answer.abstained or show_passages:
        con.print()
        con.print("[bold]Closest passages[/bold]" if answer.abstained else "[bold]Passages[/bold]")
        render_passages(con, answer.passages[:5])


def llm_failure(settings: Any, message: str) -> str:
    """The LLM error message, naming the backend, model and URL tried when the message does not already."""
    from qa.answer.llm import describe_backend

    target = describe_backend(settings)
    if target in message:
        return message
    return f"the language model failed ({target}): {message}"
