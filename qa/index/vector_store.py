"""One protocol for every vector store backend, and the factory that picks one from the settings.

Backends, one file each: `faiss_store.FaissStore` (embedded, the default), `milvus_store.MilvusStore`
(milvus-lite from a local file, or any Milvus server by URI and token), `memory_store.MemoryStore`
(numpy, for tests). Readers and writers only ever see `VectorStore`.

Row i of a store is chunk row i of the docstore: every ingest writes a fresh, compacted generation,
so rows are dense 0..n-1 and a store is written once (add, delete, commit) and then only searched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, Sequence

import numpy as np

from qa.errors import InputError
from qa.settings import Settings

BACKENDS = ("faiss", "milvus", "memory")


@dataclass(frozen=True)
class RowFields:
    """The scalar fields stored next to one chunk vector (Milvus keeps them for filters and display)."""

    chunk_id: str
    doc_id: str
    start: int
    end: int
    source: str
    published_at: str
    text: str
    lexical_text: str = ""  # what BM25 indexes for this row (the chunk with its title prefix); '' = `text`


@dataclass(frozen=True)
class VectorFilter:
    """Which rows a search may return. A backend that evaluates expressions (Milvus) uses the source and
    date fields; one that cannot (FAISS, memory) uses `rows`, resolved by the reader from the docstore."""

    rows: np.ndarray | None = None
    sources: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    @property
    def has_fields(self) -> bool:
        return bool(self.sources) or self.date_from is not None or self.date_to is not None


class VectorStore(Protocol):
    """A store of chunk vectors addressed by row. `backend` is "faiss", "milvus" or "memory";
    `index_type` the search structure ("flat", "hnsw", ...); `pushes_down_filters` whether
    `search` evaluates the source/date fields of a `VectorFilter` itself."""

    backend: str
    index_type: str
    pushes_down_filters: bool

    def add(self, rows: np.ndarray, vectors: np.ndarray, fields: Sequence[RowFields] | None = None) -> None:
        """Stage vectors (and their scalar fields) for `rows`; visible after `commit`."""
        ...

    def delete(self, rows: np.ndarray) -> None:
        """Drop staged or committed rows."""
        ...

    def commit(self) -> None:
        """Make everything added durable and searchable (FAISS: build and write the file; Milvus: flush, load)."""
        ...

    def count(self) -> int:
        """Rows searchable now."""
        ...

    def search(self, query: np.ndarray, k: int, where: VectorFilter | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the k nearest rows by inner product, best first, among those `where` allows."""
        ...

    def publish(self, live_generations: Sequence[str]) -> None:
        """Called once the generation is live: make it what every reader sees (Milvus switches its alias
        and drops collections of generations no longer on disk); nothing to do for a file-backed store."""
        ...

    def describe(self) -> dict[str, Any]:
        """What `qa index show` prints about this store (and what the manifest records)."""
        ...


def choose_index_type(configured: str, n_vectors: int, exact_below: int) -> str:
    """Exact inner product while small; HNSW once exact search would be slow."""
    if configured != "auto":
        return configured
    return "flat" if n_vectors < exact_below else "hnsw"


def exact_search(vectors: np.ndarray, query: np.ndarray, k: int, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Exact inner-product top-k over `vectors` (all rows, or just `rows`), best first, ties by row."""
    rows = np.arange(vectors.shape[0], dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
    k = min(k, rows.size)
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    scores = np.asarray(vectors[rows] @ np.asarray(query, dtype=np.float32).reshape(-1), dtype=np.float32)
    top = np.argpartition(-scores, k - 1)[:k] if k < rows.size else np.arange(rows.size)
    top = top[np.lexsort((rows[top], -scores[top]))]
    return rows[top], scores[top]


def create_store(settings: Settings, root: Path, generation: str, generation_dir: Path, dimension: int, n_rows: int) -> VectorStore:
    """An empty store for a new generation, of the configured backend and an index type chosen by size."""
    backend = settings.vector_store
    if backend not in BACKENDS:
        raise InputError(f"unknown vector store {backend!r}", hint="set QA_VECTOR_STORE to faiss, milvus or memory")
    index_type = choose_index_type(settings.index_type, n_rows, settings.exact_below)
    if backend == "milvus":
        from qa.index.milvus_store import MilvusStore

        from qa.index.milvus_store import wants_server_bm25

        full_text = wants_server_bm25(settings.milvus_lexical, on_milvus_lite=not settings.milvus_uri)
        return MilvusStore.create(root, generation, dimension, index_type, settings.milvus_uri, settings.milvus_token,
                                  full_text=full_text)
    if backend == "memory":
        from qa.index.memory_store import MemoryStore

        return MemoryStore(dimension)
    from qa.index.faiss_store import AnnParams, FaissStore

    return FaissStore.create(generation_dir, dimension, index_type, AnnParams.from_settings(settings))


def open_store(root: Path, generation_dir: Path, manifest: dict[str, Any], vectors: np.ndarray,
               milvus_token: str | None = None) -> VectorStore:
    """The store a generation's manifest names (older manifests name only a FAISS index type)."""
    described = manifest.get("vector_store") or {"backend": "faiss", "index_type": manifest.get("index_type", "flat")}
    backend = described.get("backend", "faiss")
    if backend == "milvus":
        from qa.index.milvus_store import MilvusStore

        return MilvusStore.open(root, described, milvus_token)
    if backend == "memory":
        from qa.index.memory_store import MemoryStore

        store = MemoryStore(vectors.shape[1] if vectors.ndim == 2 else 0)
        store.add(np.arange(vectors.shape[0], dtype=np.int64), vectors)
        store.commit()
        return store
    from qa.index.faiss_store import FaissStore

    return FaissStore.open(generation_dir, described, vectors)
