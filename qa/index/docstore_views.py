"""Read-only views of a generation's docstore that load rows on demand, for indexes too big to load whole.

A small index is read into Python objects at open (fastest per query). Past `reader.EAGER_BELOW`
chunks that costs seconds and gigabytes (1M chunks: ~1 GB of `Chunk` objects and the articles'
text), so the reader opens these views instead: `chunks[row]`, `documents[doc_id]` and
`chunk_row[chunk_id]` are SQLite point reads through the primary keys, cached per view (LRU), and
what every query needs for every row (outlet and date, for the source slots and the date boost) is
read once at open from the documents table and spread over rows with `row_doc.npy`.

The named entities (`EntityTable`) are always read this way, whatever the index's size: a question reads
the entities of the few chunks it retrieved.

SQLite connections are per thread (`qa serve` answers on worker threads).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from qa.index.docstore import FILE
from qa.ingest.entities import EntitySpan, normalise
from qa.types import Chunk, Document

_DOC_COLUMNS = "doc_id, title, source, published_at, url, author, path, content_hash, duplicate_of, text"
_CHUNK_COLUMNS = 'chunk_id, doc_id, start, "end", ordinal, text'
CACHE_ROWS = 8192


class _Connections:
    def __init__(self, directory: Path) -> None:
        self._uri = f"file:{directory / FILE}?mode=ro"
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
            self._local.con = con
        return con


def _document(row: tuple) -> Document:
    return Document(doc_id=row[0], title=row[1], source=row[2], published_at=row[3], url=row[4], author=row[5],
                    path=row[6], content_hash=row[7], duplicate_of=row[8], text=row[9])


def _chunk(row: tuple) -> Chunk:
    return Chunk(chunk_id=row[0], doc_id=row[1], start=row[2], end=row[3], ordinal=row[4], text=row[5])


class ChunkTable(Sequence[Chunk]):
    """chunks[row] read on demand."""

    def __init__(self, connections: _Connections, count: int) -> None:
        self._connections = connections
        self._count = count
        self._get = lru_cache(maxsize=CACHE_ROWS)(self._read)

    def _read(self, row: int) -> Chunk:
        found = self._connections.get().execute(f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE row = ?", (row,)).fetchone()
        if found is None:
            raise IndexError(row)
        return _chunk(found)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, row):  # type: ignore[override]
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(self._count))]
        row = int(row)
        if row < 0:
            row += self._count
        if not 0 <= row < self._count:
            raise IndexError(row)
        return self._get(row)

    def __iter__(self) -> Iterator[Chunk]:
        for found in self._connections.get().execute(f"SELECT {_CHUNK_COLUMNS} FROM chunks ORDER BY row"):
            yield _chunk(found)


class DocumentTable(Mapping[str, Document]):
    """documents[doc_id] read on demand; iteration scans the table (filters and `qa docs` only)."""

    def __init__(self, connections: _Connections, doc_ids: Sequence[str]) -> None:
        self._connections = connections
        self._ids = set(doc_ids)
        self._order = list(doc_ids)
        self._get = lru_cache(maxsize=CACHE_ROWS // 4)(self._read)

    def _read(self, doc_id: str) -> Document:
        found = self._connections.get().execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id = ?",
                                                (doc_id,)).fetchone()
        if found is None:
            raise KeyError(doc_id)
        return _document(found)

    def __getitem__(self, doc_id: str) -> Document:
        if doc_id not in self._ids:
            raise KeyError(doc_id)
        return self._get(doc_id)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._ids

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def values(self):  # type: ignore[override]
        return (_document(r) for r in self._connections.get().execute(
            f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY doc_id"))

    def items(self):  # type: ignore[override]
        return ((d.doc_id, d) for d in self.values())


class ChunkRowIndex(Mapping[str, int]):
    """chunk_id -> row through the UNIQUE index on chunk_id."""

    def __init__(self, connections: _Connections, count: int) -> None:
        self._connections = connections
        self._count = count
        self._get = lru_cache(maxsize=CACHE_ROWS)(self._read)

    def _read(self, chunk_id: str) -> int | None:
        found = self._connections.get().execute("SELECT row FROM chunks WHERE chunk_id = ?", (chunk_id,)).fetchone()
        return None if found is None else int(found[0])

    def __getitem__(self, chunk_id: str) -> int:
        row = self._get(chunk_id)
        if row is None:
            raise KeyError(chunk_id)
        return row

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self._connections.get().execute("SELECT chunk_id FROM chunks ORDER BY row"))


class DocRows(Mapping[str, np.ndarray]):
    """doc_id -> its chunk rows, from `row_doc` (the document ordinal of every row)."""

    def __init__(self, doc_ids: Sequence[str], row_doc: np.ndarray) -> None:
        self._position = {d: i for i, d in enumerate(doc_ids)}
        self._order = np.argsort(row_doc, kind="stable").astype(np.int64)
        self._bounds = np.searchsorted(row_doc[self._order], np.arange(len(doc_ids) + 1))

    def __getitem__(self, doc_id: str) -> np.ndarray:
        i = self._position[doc_id]
        rows = self._order[self._bounds[i]:self._bounds[i + 1]]
        if rows.size == 0:
            raise KeyError(doc_id)
        return rows

    def __len__(self) -> int:
        return len(self._position)

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)


# Read at every open; the docstore index `documents_meta` covers it (no document text is read).
DOC_META_QUERY = "SELECT doc_id, source, published_at FROM documents ORDER BY doc_id"


def open_views(directory: Path, n_chunks: int, row_doc: np.ndarray | None):
    """(chunks, documents, chunk_row, chunk_doc_rows, doc_meta) over the docstore in `directory`.

    `doc_meta` is (doc_ids, sources, dates) as arrays in doc_id order; `row_doc` (None for indexes
    written before it existed) maps each row to a position in them and is then read from SQLite."""
    connections = _Connections(directory)
    con = connections.get()
    meta = con.execute(DOC_META_QUERY).fetchall()
    doc_ids = [m[0] for m in meta]
    if row_doc is None:
        position = {d: i for i, d in enumerate(doc_ids)}
        row_doc = np.fromiter((position[r[0]] for r in con.execute("SELECT doc_id FROM chunks ORDER BY row")),
                              dtype=np.int32, count=n_chunks)
    sources = np.array([m[1] or "" for m in meta], dtype=object)
    dates = np.array([(m[2] or "")[:10] for m in meta], dtype=object)
    return (ChunkTable(connections, n_chunks), DocumentTable(connections, doc_ids), ChunkRowIndex(connections, n_chunks),
            DocRows(doc_ids, np.asarray(row_doc)), (doc_ids, sources, dates, np.asarray(row_doc)))


class EntityTable:
    """The named entities of a generation (docstore table `entities`), read by span on demand.

    `within(doc_id, start, end)` is one range read through the (doc_id, start) index: a question reads
    the entities of the 8-20 chunks it retrieved, not the table. `types_of(name)` looks a name up in
    the index's own entity table by its normalised text (question entities are typed by what the
    articles call them, with no model at query time)."""

    def __init__(self, connections: _Connections) -> None:
        self._connections = connections
        self._within = lru_cache(maxsize=CACHE_ROWS // 8)(self._read_within)
        self._types = lru_cache(maxsize=1024)(self._read_types)
        self._written = lru_cache(maxsize=1024)(self._read_written)

    def within(self, doc_id: str, start: int, end: int) -> list[EntitySpan]:
        """Entities lying wholly inside `start:end` of document `doc_id`, by start; offsets in the document."""
        return list(self._within(doc_id, int(start), int(end)))

    def _read_within(self, doc_id: str, start: int, end: int) -> tuple[EntitySpan, ...]:
        rows = self._connections.get().execute(
            'SELECT start, "end", label, text FROM entities WHERE doc_id = ? AND start >= ? AND start < ? '
            'AND "end" <= ? ORDER BY start', (doc_id, start, end, end)).fetchall()
        return tuple(EntitySpan(s, e, label, text) for s, e, label, text in rows)

    def types_of(self, name: str) -> dict[str, int]:
        """How often the index's articles name `name` (normalised) as each answer type, e.g. {'organisation': 12}."""
        return dict(self._types(normalise(name)))

    def written_as(self, name: str) -> str | None:
        """How the index's articles most often write the entity `name` (matched normalised, so in any case):
        "mark rutte" -> "Mark Rutte"; None when they name no such entity."""
        return self._written(normalise(name))

    def _read_written(self, norm: str) -> str | None:
        row = self._connections.get().execute(
            "SELECT text FROM entities WHERE norm = ? GROUP BY text ORDER BY COUNT(*) DESC, text LIMIT 1", (norm,)
        ).fetchone()
        return row[0] if row else None

    def _read_types(self, norm: str) -> tuple[tuple[str, int], ...]:
        rows = self._connections.get().execute(
            "SELECT type, COUNT(*) FROM entities WHERE norm = ? GROUP BY type ORDER BY COUNT(*) DESC", (norm,))
        return tuple((t, int(n)) for t, n in rows)


def open_entities(directory: Path) -> EntityTable:
    """The entity table of the docstore in `directory` (the caller knows from the manifest that it has one)."""
    return EntityTable(_Connections(directory))
