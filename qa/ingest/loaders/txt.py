"""Plain text articles: the whole file is the body; the title is its first non-empty line.

Lines are kept as they are: in the news corpora we ingest every line of a `.txt` file is
a paragraph (or a headline), so nothing is re-wrapped here.
"""

from __future__ import annotations

from pathlib import Path

from qa.errors import LoadError
from qa.ingest.cleaning import guess_title
from qa.ingest.loaders import LoadResult
from qa.types import Document


def parse(data: bytes, text: str | None, *, doc_id: str, path: Path, content_hash: str) -> LoadResult:
    """One `Document` holding the raw text of the file."""
    if text is None:  # the dispatcher always decodes text formats; guard for direct callers
        raise LoadError("not a text file")
    doc = Document(doc_id=doc_id, text=text, title=guess_title(text), path=str(path), content_hash=content_hash)
    return LoadResult([doc])
