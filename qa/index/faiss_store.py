"""The FAISS backend: one `vectors.faiss` file inside the generation folder.

The index type is chosen by size (`choose_index_type`): exact inner product (`IndexFlatIP`) below
`exact_below` chunks, HNSW above. Vectors are staged by `add` and the index is built once at
`commit`, which is when HNSW/IVF can be trained on all of them.

HNSW is built over 8-bit scalar-quantised codes (`IndexHNSWSQ`: 384 bytes a vector instead of 1,536,
read into private memory at open), and its `ann_candidates` best rows are re-scored exactly against
the memory-mapped float32 `vectors.npy` (the refine step): what limits recall is the graph walk, not
the quantisation, and the refine makes the returned scores exact. Measured on the scale benchmark's
hash vectors (eval/bench/scale.md), which are harder for HNSW than MiniLM's: see `Settings.hnsw_*`.
Generations written before the SQ encoding (plain `IndexHNSWFlat`, no refine) open as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from qa.errors import IndexCorruptError, InputError
from qa.index.layout import FAISS_INDEX
from qa.index.vector_store import RowFields, VectorFilter

HNSW_M = 32
IVF_NPROBE = 16
# Generations written before the knobs were recorded searched HNSW with this efSearch.
LEGACY_EF_SEARCH = 512
# The scalar quantiser's per-dimension range is trained on this many vectors (evenly spaced rows):
# the range of 200k rows is the range of all of them to within the refine step's tolerance, and
# training on every row of a 1M index would copy 1.5 GB.
SQ_TRAIN_ROWS = 200_000
# The most rows one HNSW search returns to serve searches restricted to row subsets from the same walk
# (`FaissStore.search_with_subsets`): at 1M rows a result heap of 4,096 costs 2.5 ms more than one of 100,
# 8,192 7 ms, a second walk 8-9 ms.
SUBSET_POOL_MAX = 8192


@dataclass(frozen=True)
class AnnParams:
    """How an approximate index is built and searched; recorded in the manifest at build."""

    ef_construction: int
    ef_search: int
    candidates: int  # rows re-scored exactly against vectors.npy (0: no refine)

    @classmethod
    def from_settings(cls, settings: Any) -> "AnnParams":
        return cls(int(settings.hnsw_ef_construction), int(settings.hnsw_ef_search), int(settings.ann_candidates))


class FaissStore:
    backend = "faiss"
    pushes_down_filters = False

    def __init__(self, index: Any, index_type: str, directory: Path | None = None, dimension: int = 0,
                 params: AnnParams | None = None, vectors: np.ndarray | None = None, encoding: str = "flat") -> None:
        self._index = index
        self.index_type = index_type
        self._directory = directory
        self._dimension = dimension
        self._params = params
        self._vectors = vectors  # float32 rows for the refine step (memory-mapped when opened)
        self._encoding = encoding
        self._staged_rows: list[np.ndarray] = []
        self._staged_vectors: list[np.ndarray] = []

    # --- writing
    @classmethod
    def create(cls, directory: Path, dimension: int, index_type: str, params: AnnParams) -> "FaissStore":
        if index_type not in ("flat", "hnsw", "ivf"):
            raise InputError(f"unknown FAISS index type {index_type!r}", hint="set QA_INDEX_TYPE to auto, flat, hnsw or ivf")
        for name in ("ef_construction", "ef_search"):
            if getattr(params, name) <= 0:
                raise InputError(f"hnsw_{name} must be greater than 0", hint=f"set QA_HNSW_{name.upper()} to a positive number")
        if params.candidates < 0:
            raise InputError("ann_candidates must be 0 or more", hint="set QA_ANN_CANDIDATES to 0 (no refine) or more")
        return cls(None, index_type, directory, dimension, params)

    def add(self, rows: np.ndarray, vectors: np.ndarray, fields: Sequence[RowFields] | None = None) -> None:
        # No copy when the caller's vectors are already float32 (a memory-mapped array stays mapped).
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

        batches = sorted(zip(self._staged_rows, self._staged_vectors), key=lambda b: int(b[0][0]) if b[0].size else -1)
        batches = [(r, v) for r, v in batches if r.size]
        rows = np.concatenate([r for r, _ in batches]) if batches else np.zeros(0, np.int64)
        if not np.array_equal(rows, np.arange(rows.size)):
            raise InputError("FAISS rows must be 0..n-1, each once", hint="this is a bug in the writer: report it")
        # Batches in row order are added one by one: the staged vectors are never concatenated (1.5 GB at 1M rows).
        self._index, self.index_type, self._encoding = _build([v for _, v in batches], self._dimension,
                                                              self.index_type, self._params)
        self._staged_rows, self._staged_vectors = [], []
        if self._directory is not None:
            faiss.write_index(self._index, str(self._directory / FAISS_INDEX))

    # --- reading
    @classmethod
    def open(cls, directory: Path, described: Mapping[str, Any], vectors: np.ndarray | None = None) -> "FaissStore":
        """The store a manifest's `vector_store` entry describes; `vectors` (memory-mapped float32 rows)
        feed the refine step of an approximate index."""
        import faiss

        index_type = str(described.get("index_type", "flat"))
        path = directory / FAISS_INDEX
        # One query at a time gains nothing from OpenMP threads, and under concurrent requests they thrash.
        faiss.omp_set_num_threads(1)
        if not path.exists():
            raise FileNotFoundError(path)
        index = None
        # Memory-mapped where the index type allows it: flat codes, and HNSW's graph and 8-bit codes
        # (IO_FLAG_MMAP_IFC; the same search results): opening a 1M-chunk HNSW file takes 0.06 s instead of
        # 0.7 s reading 656 MB into private memory, and every `qa serve` worker shares its pages.
        for flags in (faiss.IO_FLAG_MMAP_IFC, faiss.IO_FLAG_MMAP):
            try:
                index = faiss.read_index(str(path), flags | faiss.IO_FLAG_READ_ONLY)
                break
            except RuntimeError:
                continue
        if index is None:
            try:
                index = faiss.read_index(str(path))
            except RuntimeError as exc:
                raise IndexCorruptError(f"cannot read {path}: {exc}", hint="run `qa ingest --rebuild`") from exc
        params = AnnParams(int(described.get("ef_construction", 0)), int(described.get("ef_search", LEGACY_EF_SEARCH)),
                           int(described.get("candidates", 0)))
        if index_type == "hnsw":
            faiss.downcast_index(index).hnsw.efSearch = params.ef_search
        elif index_type == "ivf":
            faiss.extract_index_ivf(index).nprobe = IVF_NPROBE
        if vectors is not None and (vectors.ndim != 2 or vectors.shape[0] != index.ntotal):
            raise IndexCorruptError(f"{path} holds {index.ntotal} vectors but vectors.npy {vectors.shape[0]}",
                                    hint="run `qa ingest --rebuild`")
        return cls(index, index_type, directory, int(index.d), params, vectors, str(described.get("encoding", "flat")))

    def count(self) -> int:
        return 0 if self._index is None else int(self._index.ntotal)

    @property
    def searches_row_subsets(self) -> bool:
        """Whether `search` takes `VectorFilter(rows=...)`: approximate indexes do, through a FAISS ID
        selector, so a large subset (an outlet's rows) is not scanned exactly row by row."""
        return self.index_type == "hnsw" and self._index is not None

    def search(self, query: np.ndarray, k: int, where: VectorFilter | None = None) -> tuple[np.ndarray, np.ndarray]:
        rows_allowed = where.rows if where is not None else None
        if rows_allowed is not None and not self.searches_row_subsets:
            raise InputError("FAISS searches row subsets of an exact index through the reader",
                             hint="call IndexReader.dense_search")
        k = min(k, self.count() if rows_allowed is None else int(np.asarray(rows_allowed).size))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        refine = self._refines
        wanted = max(k, self._params.candidates) if refine else k
        if rows_allowed is None:
            scores, rows = self._index.search(q, wanted)
        else:
            scores, rows = self._search_subset(q, wanted, np.asarray(rows_allowed, dtype=np.int64))
        keep = rows[0] >= 0
        return self._finish(q, rows[0][keep], scores[0][keep], k)

    def search_with_subsets(self, query: np.ndarray, k: int, subsets: Sequence[np.ndarray],
                            k_subset: int) -> tuple[tuple[np.ndarray, np.ndarray], list[tuple[np.ndarray, np.ndarray]]]:
        """`search(query, k)` and `search(query, k_subset, VectorFilter(rows=subset))` for each of `subsets`
        (ascending rows), from one HNSW walk where it can.

        A search restricted by an ID selector walks exactly the graph nodes the unrestricted search walks
        (measured at 1M rows: the same 48k distance computations) and keeps the best allowed ones. So the
        unrestricted walk's best `pool` rows, when they hold enough rows of a subset, begin with exactly the
        rows the restricted walk would return: every visited row outside the pool is farther than all of
        them. `pool` is sized for each subset's share of the index (twice the rows wanted, at most
        `SUBSET_POOL_MAX`: a larger result heap costs more than a second walk); a subset the pool holds too
        few rows of gets its own restricted walk. A question naming an outlet of 16% of 1M rows saves one
        8-9 ms walk of 2048 candidates."""
        if not self.searches_row_subsets or not subsets:
            return self.search(query, k), [self.search(query, k_subset, VectorFilter(rows=s)) for s in subsets]
        n = self.count()
        k = min(k, n)
        refine = self._refines
        wanted = max(k, self._params.candidates) if refine else k
        subsets = [np.asarray(s, dtype=np.int64) for s in subsets]
        wanted_in = [max(min(k_subset, s.size), self._params.candidates) if refine else min(k_subset, s.size)
                     for s in subsets]
        pool = max([wanted] + [min(SUBSET_POOL_MAX, 2 * w * n // max(s.size, 1)) for s, w in zip(subsets, wanted_in)])
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        scores, rows = self._index.search(q, min(pool, n))
        keep = rows[0] >= 0
        rows, scores = rows[0][keep].astype(np.int64), scores[0][keep]
        whole = self._finish(q, rows[:wanted], scores[:wanted], k) if k > 0 else _nothing()
        found = []
        for subset, want in zip(subsets, wanted_in):
            if subset.size == 0 or k_subset <= 0:
                found.append(_nothing())
                continue
            at = np.searchsorted(subset, rows).clip(max=subset.size - 1)
            member = subset[at] == rows
            if int(member.sum()) >= want:
                found.append(self._finish(q, rows[member][:want], scores[member][:want], min(k_subset, subset.size)))
            else:
                found.append(self.search(query, k_subset, VectorFilter(rows=subset)))
        return whole, found

    @property
    def _refines(self) -> bool:
        return self._vectors is not None and self._params is not None and self._params.candidates > 0

    def _finish(self, q: np.ndarray, rows: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The best `k` of an index search's rows (best first): re-scored exactly against the float32
        vectors when the index refines, as the index scored them otherwise."""
        rows = rows.astype(np.int64)
        if not self._refines:
            return rows[:k], scores[:k]
        rows = np.sort(rows)  # ascending: the rows are read forward through the file
        exact = np.asarray(self._vectors[rows] @ q[0], dtype=np.float32)
        top = np.lexsort((rows, -exact))[:k]
        return rows[top], exact[top]

    def _search_subset(self, q: np.ndarray, wanted: int, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """HNSW search that only returns `allowed` rows: the walk is the same, results outside the subset
        are skipped (a bitmap of one bit per row, 125 KB at 1M rows)."""
        import faiss

        mask = np.zeros(self.count(), dtype=bool)
        mask[allowed] = True
        bitmap = np.packbits(mask, bitorder="little")
        selector = faiss.IDSelectorBitmap(mask.size, faiss.swig_ptr(bitmap))
        params = faiss.SearchParametersHNSW(sel=selector, efSearch=self._params.ef_search if self._params else
                                            LEGACY_EF_SEARCH)
        return self._index.search(q, wanted, params=params)

    def publish(self, live_generations: Sequence[str]) -> None:
        """Nothing to switch: the store lives inside the generation folder."""

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {"backend": self.backend, "index_type": self.index_type, "file": FAISS_INDEX}
        if self.index_type == "hnsw" and self._params is not None:
            described.update(encoding=self._encoding, ef_construction=self._params.ef_construction,
                             ef_search=self._params.ef_search, candidates=self._params.candidates)
        return described


def _build(batches: list[np.ndarray], dimension: int, index_type: str, params: AnnParams | None) -> tuple[Any, str, str]:
    """(index, index type, encoding) over `batches` of float32 vectors in row order."""
    import faiss

    n = sum(b.shape[0] for b in batches)
    dim = batches[0].shape[1] if n else max(dimension, 1)
    encoding = "flat"
    if index_type == "flat" or n == 0:
        index, index_type = faiss.IndexFlatIP(dim), "flat"
    elif index_type == "hnsw":
        if params is None:
            raise InputError("an HNSW index needs its build parameters", hint="this is a bug in the writer: report it")
        index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = params.ef_construction
        index.hnsw.efSearch = params.ef_search
        index.train(_sample_rows(batches, SQ_TRAIN_ROWS))
        encoding = "sq8"
    elif index_type == "ivf":
        sample = _sample_rows(batches, 256 * 4096)
        nlist = max(1, min(4096, int(np.sqrt(n))))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(sample)
        index.nprobe = min(nlist, IVF_NPROBE)
    else:
        raise InputError(f"unknown FAISS index type {index_type!r}", hint="set QA_INDEX_TYPE to auto, flat, hnsw or ivf")
    for batch in batches:
        index.add(np.ascontiguousarray(batch, dtype=np.float32))
    return index, index_type, encoding


def _sample_rows(batches: list[np.ndarray], limit: int) -> np.ndarray:
    """At most `limit` rows, evenly spaced over all batches (all of them when there are fewer)."""
    n = sum(b.shape[0] for b in batches)
    step = max(1, -(-n // limit))
    offsets = np.cumsum([0] + [b.shape[0] for b in batches])
    picked = [b[(-int(start)) % step::step] for b, start in zip(batches, offsets[:-1])]
    return np.ascontiguousarray(np.concatenate(picked), dtype=np.float32)


def _nothing() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
