"""An in-memory vector store (numpy, exact search): for tests and tiny throwaway indexes."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from qa.errors import InputError
from qa.index.vector_store import RowFields, VectorFilter, exact_search


class MemoryStore:
    backend = "memory"
    index_type = "flat"
    # Filters are evaluated on the stored fields only when no rows were resolved for them.
    pushes_down_filters = False

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension
        self._staged: dict[int, tuple[np.ndarray, RowFields | None]] = {}
        self._rows = np.zeros(0, dtype=np.int64)
        self._vectors = np.zeros((0, dimension), dtype=np.float32)
        self._fields: list[RowFields | None] = []

    def add(self, rows: np.ndarray, vectors: np.ndarray, fields: Sequence[RowFields] | None = None) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(rows), -1)
        if vectors.size and vectors.shape[1] != self.dimension:
            raise InputError(f"vectors have {vectors.shape[1]} dimensions, the store {self.dimension}",
                             hint="embed with the model the index was built with")
        for i, row in enumerate(np.asarray(rows, dtype=np.int64).tolist()):
            self._staged[row] = (vectors[i], fields[i] if fields is not None else None)

    def delete(self, rows: np.ndarray) -> None:
        self.commit()
        for row in np.asarray(rows, dtype=np.int64).tolist():
            self._staged.pop(row, None)
        keep = ~np.isin(self._rows, np.asarray(rows, dtype=np.int64))
        self._rows, self._vectors = self._rows[keep], self._vectors[keep]
        self._fields = [f for f, k in zip(self._fields, keep) if k]

    def commit(self) -> None:
        if not self._staged:
            return
        merged = {int(r): (v, f) for r, v, f in zip(self._rows.tolist(), self._vectors, self._fields)}
        merged.update(self._staged)
        self._staged = {}
        order = sorted(merged)
        self._rows = np.asarray(order, dtype=np.int64)
        self._vectors = np.stack([merged[r][0] for r in order]).astype(np.float32)
        self._fields = [merged[r][1] for r in order]

    def count(self) -> int:
        return int(self._rows.size)

    def search(self, query: np.ndarray, k: int, where: VectorFilter | None = None) -> tuple[np.ndarray, np.ndarray]:
        positions = np.arange(self._rows.size)
        if where is not None and where.rows is not None:
            positions = positions[np.isin(self._rows, np.asarray(where.rows, dtype=np.int64))]
        elif where is not None and where.has_fields:
            positions = np.asarray([p for p in positions.tolist() if _matches(self._fields[p], where)], dtype=np.int64)
        found, scores = exact_search(self._vectors, query, k, positions)
        return self._rows[found], scores

    def publish(self, live_generations: Sequence[str]) -> None:
        """Nothing to switch: the store lives inside the generation folder."""

    def describe(self) -> dict[str, Any]:
        return {"backend": self.backend, "index_type": self.index_type}


def _matches(fields: RowFields | None, where: VectorFilter) -> bool:
    if fields is None:
        return False
    if where.sources and fields.source.strip().lower() not in {s.strip().lower() for s in where.sources}:
        return False
    date = fields.published_at
    if (where.date_from or where.date_to) and not date:
        return False
    if where.date_from is not None and date[: len(where.date_from)] < where.date_from:
        return False
    if where.date_to is not None and date[: len(where.date_to)] > where.date_to:
        return False
    return True
