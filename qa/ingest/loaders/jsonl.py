"""JSON Lines corpora: one article per line, in the shape of `benchmarks/*/corpus.jsonl`.

Each line is an object with `text` (required) and optionally `id`, `title`, `source`,
`published_at` (or `date`), `url`, `author`. The document id is the line's `id`, else
`<file doc id>:<line number>`. A bad line (not JSON, not an object, no text, a repeated id)
is skipped with a warning naming its line number; the file fails only when no line is good.
`content_hash` is the sha256 of the record's canonical JSON (sorted keys, compact), so
editing one article of a large file re-embeds only that article.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from qa.errors import LoadError
from qa.ingest.cleaning import clean_title, guess_title
from qa.ingest.loaders import LoadResult
from qa.types import Document, IngestWarning

# Warnings past this many are summarised in one, so a wrong file does not flood the output.
_MAX_LINE_WARNINGS = 20


def parse(data: bytes, text: str | None, *, doc_id: str, path: Path, content_hash: str) -> LoadResult:
    """One `Document` per good line, one warning per bad line."""
    if text is None:
        raise LoadError("not a text file")
    documents: list[Document] = []
    problems: list[str] = []
    first_line_of: dict[str, int] = {}
    # split on "\n" only: str.splitlines() would also cut at U+2028 and friends, which JSON
    # allows raw inside strings
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            doc = parse_record(line, number, file_doc_id=doc_id, path=path)
        except LoadError as exc:
            problems.append(f"line {number}: {exc.message}")
            continue
        if doc.doc_id in first_line_of:
            problems.append(f"line {number}: duplicate id {doc.doc_id!r} (first on line {first_line_of[doc.doc_id]}), skipped")
            continue
        first_line_of[doc.doc_id] = number
        documents.append(doc)
    if not documents:
        detail = f" ({problems[0]})" if problems else ""
        raise LoadError(f"no valid JSON lines with a 'text' field{detail}")
    warnings = [IngestWarning(str(path), p) for p in problems[:_MAX_LINE_WARNINGS]]
    if len(problems) > _MAX_LINE_WARNINGS:
        warnings.append(IngestWarning(str(path), f"{len(problems) - _MAX_LINE_WARNINGS} more bad lines skipped"))
    return LoadResult(documents, warnings)


def parse_record(line: str, number: int, *, file_doc_id: str, path: Path) -> Document:
    """One line to a `Document`; raises `LoadError` with the reason the line is unusable."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LoadError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise LoadError(f"expected a JSON object, got {type(obj).__name__}")
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise LoadError("no 'text' field (or it is empty)")
    record_id = _str(obj.get("id"))
    canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    title = clean_title(_str(obj.get("title")) or "") or guess_title(body)
    return Document(
        doc_id=record_id or f"{file_doc_id}:{number}",
        text=body,
        title=title,
        source=_str(obj.get("source")),
        published_at=_str(obj.get("published_at", obj.get("date"))),
        url=_str(obj.get("url")),
        author=_str(obj.get("author")),
        path=str(path),
        content_hash=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    )


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    s = str(value).strip()
    return s or None
