"""The docstore: documents, chunks and named entities of one generation in SQLite (no pickle anywhere).

Chunk `row` is the position of the chunk's vector in the vector store and in `vectors.npy`.
`entities` (written when the ingest recognised them, qa/ingest/entities.py) holds each entity's
character span in its document's cleaned text, the row of the chunk it starts in, the recogniser's
label, its answer type and its normalised text; indexes written before it, or with
`ingest_entities` off, have no such table and are read without entities.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from qa.index import integrity
from qa.ingest.entities import EntitySpan
from qa.types import Chunk, Document

FILE = "docstore.sqlite"

SCHEMA = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT, published_at TEXT, url TEXT,
    author TEXT, path TEXT, content_hash TEXT NOT NULL, duplicate_of TEXT, text TEXT NOT NULL
);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, chunk_id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, ordinal INTEGER NOT NULL, text TEXT NOT NULL,
    embed_hash TEXT NOT NULL
);
CREATE INDEX chunks_doc ON chunks(doc_id);
-- covers the per-document outlet and date every reader loads at open, so that read skips the
-- documents' text: at 1M chunks (125k documents) 0.11 s instead of 1.0 s from a cold page cache
CREATE INDEX documents_meta ON documents(doc_id, source, published_at);
"""

ENTITY_SCHEMA = """
CREATE TABLE entities (
    doc_id TEXT NOT NULL, row INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    label TEXT NOT NULL, type TEXT NOT NULL, norm TEXT NOT NULL, text TEXT NOT NULL
);
CREATE INDEX entities_span ON entities(doc_id, start);
CREATE INDEX entities_norm ON entities(norm);
"""

_DOC_COLUMNS = "doc_id, title, source, published_at, url, author, path, content_hash, duplicate_of, text"


def write_docstore(directory: Path, documents: Iterable[Document], chunks: Iterable[tuple[Chunk, str]],
                   entities: Iterable[tuple[str, int, EntitySpan]] | None = None) -> None:
    """Write a fresh docstore; `chunks` yields (chunk, embed_hash) in row order, `entities` (doc_id, row,
    span in the document's text); None writes no entities table (an index without entities)."""
    path = directory / FILE
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        con.executemany(
            f"INSERT INTO documents ({_DOC_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                (d.doc_id, d.title, d.source, d.published_at, d.url, d.author, d.path, d.content_hash, d.duplicate_of, d.text)
                for d in documents
            ),
        )
        con.executemany(
            'INSERT INTO chunks (row, chunk_id, doc_id, start, "end", ordinal, text, embed_hash) VALUES (?,?,?,?,?,?,?,?)',
            ((row, c.chunk_id, c.doc_id, c.start, c.end, c.ordinal, c.text, h) for row, (c, h) in enumerate(chunks)),
        )
        if entities is not None:
            con.executescript(ENTITY_SCHEMA)
            con.executemany(
                'INSERT INTO entities (doc_id, row, start, "end", label, type, norm, text) VALUES (?,?,?,?,?,?,?,?)',
                ((d, row, e.start, e.end, e.label, e.type, e.normalised, e.text) for d, row, e in entities),
            )
        con.commit()
    finally:
        con.close()


def _connect_readonly(directory: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{directory / FILE}?mode=ro", uri=True, check_same_thread=False)


@contextmanager
def _reading(directory: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection; a file SQLite cannot read is a damaged index (exit 5), not a traceback."""
    try:
        con = _connect_readonly(directory)
        try:
            yield con
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed", ...
        raise integrity.damaged(directory.parent.parent, directory.name, [f"{FILE}: {exc}"]) from exc


def read_documents(directory: Path) -> Iterator[Document]:
    with _reading(directory) as con:
        for row in con.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY doc_id"):
            yield Document(
                doc_id=row[0], title=row[1], source=row[2], published_at=row[3], url=row[4], author=row[5],
                path=row[6], content_hash=row[7], duplicate_of=row[8], text=row[9],
            )


def read_chunks(directory: Path) -> Iterator[tuple[Chunk, str]]:
    """(chunk, embed_hash) in row order."""
    with _reading(directory) as con:
        for row in con.execute('SELECT chunk_id, doc_id, start, "end", ordinal, text, embed_hash FROM chunks ORDER BY row'):
            yield Chunk(chunk_id=row[0], doc_id=row[1], start=row[2], end=row[3], ordinal=row[4], text=row[5]), row[6]


def count_entities(directory: Path) -> int | None:
    """Rows of the entities table; None when the docstore has none (written without entities)."""
    with _reading(directory) as con:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='entities'").fetchone():
            return None
        return int(con.execute("SELECT COUNT(*) FROM entities").fetchone()[0])


def entity_problems(directory: Path, expected: int | None) -> list[str]:
    """The entities table against the manifest's count (None: it should have none) and each entity's text
    against its document's text at its span (SQLite's substr counts characters, as Python offsets do)."""
    found = count_entities(directory)
    if found != expected:
        return [f"the docstore holds {found if found is not None else 'no'} entities, the manifest says {expected}"]
    if found is None:
        return []
    with _reading(directory) as con:
        bad = con.execute('SELECT COUNT(*) FROM entities e JOIN documents d USING (doc_id) '
                          'WHERE substr(d.text, e.start + 1, e."end" - e.start) != e.text').fetchone()[0]
        orphans = con.execute("SELECT COUNT(*) FROM entities WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
                              ).fetchone()[0]
    problems = [f"{bad} entities differ from their documents' text"] if bad else []
    return problems + ([f"{orphans} entities belong to no stored document"] if orphans else [])


def count_rows(directory: Path) -> tuple[int, int]:
    """(documents, chunks) as the docstore counts them, for cross-checking the manifest."""
    with _reading(directory) as con:
        documents = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        chunks = con.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
    return int(documents), int(chunks)
