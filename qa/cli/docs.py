"""`qa docs`: the documents of an index (id, title, source, date, path, chunks)."""

from __future__ import annotations

from typing import Any, Optional

import typer

from qa.cli import options
from qa.cli.render import console, fail, print_json, settings_from_cli
from qa.errors import QAError


def document_rows(reader: Any, sources: list[str] | None = None) -> list[dict[str, Any]]:
    """One row per document of `reader`, oldest first (undated last), optionally only some outlets."""
    from qa.retrieval.filters import SearchFilters, no_match_error

    wanted = SearchFilters(sources=tuple(sources)) if sources else None
    docs = [d for d in reader.documents.values() if wanted is None or wanted.matches_source(d.source)]
    if wanted is not None and not docs:
        raise no_match_error(wanted, reader.documents.values())
    docs.sort(key=lambda d: (d.published_at is None, d.published_at or "", d.title))
    return [{"doc_id": d.doc_id, "title": d.title, "source": d.source, "published_at": d.published_at,
             "url": d.url, "path": d.path, "chunks": int(len(reader.chunk_doc_rows.get(d.doc_id, ())))}
            for d in docs]


def register(app: typer.Typer) -> None:
    @app.command()
    def docs(
        index: Optional[str] = options.index_option(),
        source: Optional[list[str]] = options.source_option(),
        as_json: bool = options.json_option("Print a JSON list."),
    ) -> None:
        """List the documents of an index: id, title, source, date, path, chunks."""
        from qa.service import QAService

        settings = settings_from_cli()
        try:
            rows = document_rows(QAService(settings, index).reader, source)
        except QAError as exc:
            fail(exc)
        if as_json:
            print_json(rows)
            return
        from rich.markup import escape
        from rich.table import Table

        table = Table("id", "title", "source", "date", "path", "chunks", box=None, pad_edge=False)
        for r in rows:
            table.add_row(escape(r["doc_id"]), escape(r["title"]), escape(r["source"] or ""),
                          (r["published_at"] or "")[:10], escape(r["path"] or ""), str(r["chunks"]))
        con = console()
        con.print(table)
        con.print(f"{len(rows)} documents", highlight=False)
