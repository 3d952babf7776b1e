"""Markdown articles with optional YAML front matter.

Front matter (a `---` block at the very top, parsed with `yaml.safe_load`) may give
`title`, `published_at` (or `date`), `source`, `url` and `author`; unknown keys are
ignored. Invalid front matter is a warning, not a failure: the block is dropped and the body
still loads.

The body stays markdown, with one change: the soft line breaks of a hard-wrapped paragraph
are joined with spaces. Markdown renders them as one paragraph, and the rest of the
pipeline treats each line as a paragraph and ends a sentence at every line break, so a
paragraph wrapped at 80 columns would otherwise be cut into sentence fragments. Lists,
headings, quotes, tables and code blocks keep their lines.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from qa.errors import LoadError
from qa.ingest.cleaning import clean_title, guess_title
from qa.ingest.loaders import LoadResult
from qa.types import Document, IngestWarning

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# A line that starts its own block element: it is never glued to the line before it.
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,3}[.)]\s|#{1,6}\s|>|\||```|~~~|(?:[-*_]\s*){3,}$)")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
# A line that is all bold/italic is a headline in news markdown, not the start of a paragraph.
_WHOLE_EMPHASIS = re.compile(r"^\s*(\*\*|__|\*|_)\S.*\S\1\s*$")


def parse(data: bytes, text: str | None, *, doc_id: str, path: Path, content_hash: str) -> LoadResult:
    """One `Document`: front matter fields, body text with wrapped paragraphs joined."""
    if text is None:
        raise LoadError("not a text file")
    meta, body, warnings = split_front_matter(text, path)
    body = unwrap_paragraphs(body)
    title = clean_title(_str(meta.get("title")) or "") or guess_title(body)
    published = meta.get("published_at", meta.get("date"))
    doc = Document(
        doc_id=doc_id,
        text=body,
        title=title,
        source=_str(meta.get("source")),
        published_at=_date(published),
        url=_str(meta.get("url")),
        author=_author(meta.get("author", meta.get("authors"))),
        path=str(path),
        content_hash=content_hash,
    )
    return LoadResult([doc], warnings)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, list[IngestWarning]]:
    """Return (front matter as a dict, body, warnings); no front matter gives an empty dict."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, []
    body = text[m.end():]
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, body, [IngestWarning(str(path), f"invalid YAML front matter ignored ({reason})")]
    if meta is None:
        return {}, body, []
    if not isinstance(meta, dict):
        return {}, body, [IngestWarning(str(path), "front matter is not a mapping, ignored")]
    return {str(k).lower(): v for k, v in meta.items()}, body, []


def unwrap_paragraphs(body: str) -> str:
    """Join the soft-wrapped lines of each paragraph; keep block structure and code verbatim."""
    out: list[str] = []
    in_code = False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            out.append(line)
            continue
        joinable = (
            not in_code
            and out
            and out[-1].strip()
            and line.strip()
            and not _BLOCK_START.match(line)
            and not _BLOCK_START.match(out[-1])
            and not _WHOLE_EMPHASIS.match(line)
            and not _WHOLE_EMPHASIS.match(out[-1])
            and not out[-1].endswith(("  ", "\\"))  # markdown hard line breaks
        )
        if joinable:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _date(value: Any) -> str | None:
    # YAML turns `2024-10-28` into a date and `2024-10-28T10:00:00Z` into a datetime
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return _str(value)


def _author(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        names = [s for s in (_str(v) for v in value) if s]
        return ", ".join(names) or None
    return _str(value)
