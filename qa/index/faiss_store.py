"""The FAISS backend: one `vectors.faiss` file inside the generation folder.

The index type is chosen by size (`choose_index_type`): exact inner product (`IndexFlatIP`) below
`exact_below` chunks, HNSW above (recall@10 against exact search is measured in
eval/bench/scale.md). Vectors are staged by `add` and the index is built once at `commit`, which
is when HNSW/IVF can be trained on all of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from qa.errors import IndexCorruptError, InputError
from qa.index.layout import FAISS_INDEX
from qa.index.vector_store import RowFields, VectorFilter

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
# efSearch 512: recall@10 against exact search 0.947 at 100k chunks for 4.9 ms a query (128: 0.82, 2.5 ms;
# 1024: 0.977, 8 ms), measured on the scale benchmark's hash vectors, which are harder for HNSW than
# MiniLM's (eval/bench/scale.md).
HNSW_EF_SEARCH = 512
IVF_NPROBE = 16


class FaissStore:
    backend = "faiss"
    pushes_down_filters = False

    def __init__(self, index: Any, index_type: str, directory: Path | None = None, dimension: int = 0) -> None:
        self._index = index
        self.index_type = index_type
        self._directory = directory
        self._dimension = dimension
        self._staged_rows: list[np.ndarray] = []
        self._staged_vectors: list[np.ndarray] = []

    # --- writing
    @classmethod
    def create(cls, directory: Path, dimension: int, index_type: str) -> "FaissStore":
        if index_type not in ("flat", "hnsw", "ivf"):
            raise InputError(f"unknown FAISS index type {index_type!r}", hint="set QA_INDEX_TYPE to auto, flat, hnsw or ivf")
        return cls(None, index_type, directory, dimension)

    def add(self, rows: np.ndarray, vectors: np.ndarray, fields: Sequence[RowFields] | None = None) -> None:
        self._staged_rows.append(np.asarray(rows, dtype=np.int64))
        self._staged_vectors.append(np.asarray(vectors, dtype=np.float32).reshape(len(rows), -1))

    def delete(self, rows: np.ndarray) -> None:
        if self._index is not None:
            raise InputError("a committed FAISS generation is immutable",
                             hint="documents are removed by writing a new generation (`qa remove`, `qa ingest --prune`)")
        drop = np.asarray(rows, dtype=np.int64)
        keep = [~np.isin(r, drop) for r in self._staged_rows]
        self._staged_rows = [r[k] for r, k in zip(self._staged_rows, keep)]
        self._staged_vectors = [v[k] for v, k in zip(self._staged_vectors, keep)]

    def commit(self) -> None:
        """Build the index over the staged rows (which must be 0..n-1) and write it to the generation folder."""
        import faiss

        rows = np.concatenate(self._staged_rows) if self._staged_rows else np.zeros(0, np.int64)
        vectors = (np.concatenate(self._staged_vectors) if self._staged_vectors
                   else np.zeros((0, self._dimension), np.float32))
        order = np.argsort(rows, kind="stable")
        rows, vectors = rows[order], np.ascontiguousarray(vectors[order], dtype=np.float32)
        if not np.array_equal(rows, np.arange(rows.size)):
            raise InputError("FAISS rows must be 0..n-1, each once", hint="this is a bug in the writer: report it")
        self._index, self.index_type = _build(vectors, self._dimension, self.index_type)
        self._staged_rows, self._staged_vectors = [], []
        if self._directory is not None:
            faiss.write_index(self._index, str(self._directory / FAISS_INDEX))

    # --- reading
    @classmethod
    def open(cls, directory: Path, index_type: str) -> "FaissStore":
        import faiss

        path = directory / FAISS_INDEX
        # One query at a time gains nothing from OpenMP threads, and under concurrent requests they thrash.
        faiss.omp_set_num_threads(1)
        if not path.exists():
            raise FileNotFoundError(path)
        try:
            # Memory-mapped where the index type allows it (flat codes): opening costs no copy.
            index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
        except RuntimeError:
            try:
                index = faiss.read_index(str(path))
            except RuntimeError as exc:
                raise IndexCorruptError(f"cannot read {path}: {exc}", hint="run `qa ingest --rebuild`") from exc
        if index_type == "hnsw":
            faiss.downcast_index(index).hnsw.efSearch = HNSW_EF_SEARCH
        elif index_type == "ivf":
            faiss.extract_index_ivf(index).nprobe = IVF_NPROBE
        return cls(index, index_type, directory, int(index.d))

    def count(self) -> int:
        return 0 if self._index is None else int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int, where: VectorFilter | None = None) -> tuple[np.ndarray, np.ndarray]:
        if where is not None and where.rows is not None:
            raise InputError("FAISS searches row subsets through the reader", hint="call IndexReader.dense_search")
        k = min(k, self.count())
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores, rows = self._index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = rows[0] >= 0
        return rows[0][keep].astype(np.int64), scores[0][keep]

    def publish(self, live_generations: Sequence[str]) -> None:
        """Nothing to switch: the store lives inside the generation folder."""

    def describe(self) -> dict[str, Any]:
        return {"backend": self.backend, "index_type": self.index_type, "file": FAISS_INDEX}


def _build(vectors: np.ndarray, dimension: int, index_type: str) -> tuple[Any, str]:
    import faiss

    n = vectors.shape[0]
    dim = vectors.shape[1] if n else max(dimension, 1)
    if index_type == "flat" or n == 0:
        index, index_type = faiss.IndexFlatIP(dim), "flat"
    elif index_type == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    elif index_type == "ivf":
        nlist = max(1, min(4096, int(np.sqrt(n))))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.nprobe = min(nlist, IVF_NPROBE)
    else:
        raise InputError(f"unknown FAISS index type {index_type!r}", hint="set QA_INDEX_TYPE to auto, flat, hnsw or ivf")
    if n:
        index.add(vectors)
    return index, index_type
