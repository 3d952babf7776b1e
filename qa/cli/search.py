"""`qa search`: ranked passages (hybrid retrieval + reranking), no answer."""

from __future__ import annotations

from typing import Optional

import typer

from qa.cli.render import console, fail, print_json, settings_from_cli
from qa.errors import QAError


def build_filters(source: list[str] | None, since: str | None, until: str | None) -> object | None:
    if not (source or since or until):
        return None
    from qa.retrieval.filters import SearchFilters

    return SearchFilters(sources=tuple(source or ()), date_from=since, date_to=until)


def register(app: typer.Typer) -> None:
    @app.command()
    def search(
        query: str = typer.Argument(..., help="What to look for."),
        index: Optional[str] = typer.Option(None, "--index", "-i", help="Index name or path."),
        k: Optional[int] = typer.Option(None, "--k", "-k", min=1, max=200, help="Passages to return."),
        source: Optional[list[str]] = typer.Option(None, "--source", help="Only these outlets (repeatable)."),
        since: Optional[str] = typer.Option(None, "--since", help="Only articles published on/after YYYY-MM-DD."),
        until: Optional[str] = typer.Option(None, "--until", help="Only articles published on/before YYYY-MM-DD."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Search an index: ranked passages with their scores."""
        from qa.service import QAService

        settings = settings_from_cli()
        try:
            service = QAService(settings, index)
            result = service.search(query, k=k, filters=build_filters(source, since, until))
        except QAError as exc:
            fail(exc)
        if as_json:
            print_json({
                "query": result.query,
                "passages": [
                    {"rank": i + 1, "chunk_id": h.chunk_id, "doc_id": h.doc_id, "title": h.title, "source": h.source,
                     "published_at": h.published_at, "start": h.chunk.start, "end": h.chunk.end, "text": h.chunk.text,
                     "score": round(h.score, 6), "scores": {k2: round(v, 6) for k2, v in h.scores.items()}}
                    for i, h in enumerate(result.hits)
                ],
                "timings_ms": {k2: round(v, 3) for k2, v in result.timings_ms.items()},
            })
            return
        from qa.cli.answer_view import render_passages

        render_passages(console(), result.hits)
