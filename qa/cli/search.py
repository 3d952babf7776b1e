"""`qa search`: ranked passages (hybrid retrieval + reranking), no answer."""

from __future__ import annotations

from typing import Optional

import typer

from qa.cli import options
from qa.cli.render import console, fail, print_json, settings_from_cli
from qa.errors import QAError


def build_filters(source: list[str] | None, since: str | None, until: str | None) -> object | None:
    if not (source or since or until):
        return None
    from qa.input_text import check_text
    from qa.retrieval.filters import SearchFilters

    return SearchFilters(sources=tuple(check_text(s, "--source") for s in source or ()),
                         date_from=check_text(since, "--since") if since else None,
                         date_to=check_text(until, "--until") if until else None)


def register(app: typer.Typer) -> None:
    @app.command()
    def search(
        query: str = typer.Argument(..., metavar="QUERY", show_default=False, help="What to look for."),
        index: Optional[str] = options.index_option(),
        k: Optional[int] = options.k_option(200, "Passages to return."),
        source: Optional[list[str]] = options.source_option(),
        since: Optional[str] = options.since_option(),
        until: Optional[str] = options.until_option(),
        as_json: bool = options.json_option(),
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
