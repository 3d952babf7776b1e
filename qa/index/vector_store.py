"""The vector store behind a small protocol. FAISS (embedded) is the default backend.

Everything FAISS-specific lives in this module, so another backend (Milvus, ...) is one new class.
Row i of the store is chunk row i of the docstore: ids are dense 0..n-1 because every ingest
writes a fresh, compacted generation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from qa.errors import IndexCorruptError


class VectorStore(Protocol):
    kind: str
    size: int

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the k nearest rows by inner product, best first."""
        ...

    def save(self, directory: Path) -> None: ...


def choose_index_type(configured: str, n_vectors: int, exact_below: int) -> str:
    """Exact inner product while small; HNSW once exact search would be slow."""
    if configured != "auto":
        return configured
    return "flat" if n_vectors < exact_below else "hnsw"


class FaissStore:
    """A FAISS index file `vectors.faiss` inside a generation folder."""

    FILE = "vectors.faiss"

    def __init__(self, index: object, kind: str) -> None:
        self._index = index
        self.kind = kind

    @property
    def size(self) -> int:
        return int(self._index.ntotal)  # type: ignore[attr-defined]

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str) -> "FaissStore":
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n, dim = vectors.shape if vectors.ndim == 2 else (0, 0)
        if kind == "flat" or n == 0:
            index = faiss.IndexFlatIP(max(dim, 1))
            kind = "flat"
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = 128
        elif kind == "ivf":
            nlist = max(1, min(4096, int(np.sqrt(n))))
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            index.train(vectors)
            index.nprobe = min(nlist, 16)
        else:
            raise ValueError(f"unknown index type {kind!r}")
        if n:
            index.add(vectors)
        return cls(index, kind)

    @classmethod
    def load(cls, directory: Path, kind: str) -> "FaissStore":
        import faiss

        path = directory / cls.FILE
        # One query at a time gains nothing from OpenMP threads, and under concurrent requests they thrash.
        faiss.omp_set_num_threads(1)
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            raise IndexCorruptError(f"cannot read {path}: {exc}", hint="run `qa ingest --rebuild`") from exc
        if kind == "hnsw":
            index.hnsw.efSearch = 128
        return cls(index, kind)

    def save(self, directory: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(directory / self.FILE))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores, rows = self._index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)  # type: ignore[attr-defined]
        keep = rows[0] >= 0
        return rows[0][keep].astype(np.int64), scores[0][keep]
