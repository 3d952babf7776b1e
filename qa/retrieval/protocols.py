"""The seams of retrieval: anything with these methods is a retriever or a reranker (no inheritance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

from qa.retrieval.filters import SearchFilters
from qa.retrieval.query import QueryAnalysis
from qa.types import Hit


@dataclass(frozen=True)
class RetrievalResult:
    """Hits best first; `timings_ms` has the stages "embed", "dense", "bm25", "fuse", "rerank"."""

    hits: list[Hit]
    query_vector: np.ndarray
    timings_ms: dict[str, float] = field(default_factory=dict)
    analysis: QueryAnalysis | None = None


@runtime_checkable
class Retriever(Protocol):
    def retrieve(self, query: str, k: int, filters: SearchFilters | None = None) -> RetrievalResult: ...


@dataclass(frozen=True)
class RerankContext:
    """What a reranker may use besides the query: the index, the query's analysis and vectors, and
    each earlier stage's scores aligned with the candidate rows (e.g. "bm25", "dense", "rrf")."""

    reader: Any
    analysis: QueryAnalysis
    clauses: tuple[str, ...]
    query_vectors: np.ndarray  # row 0: the query; then one row per clause (when there are several)
    stage_scores: dict[str, np.ndarray] = field(default_factory=dict)


@runtime_checkable
class Reranker(Protocol):
    """Scores candidate chunk rows for a query; higher is better. One score per row, same order."""

    name: str

    def rerank(self, query: str, rows: np.ndarray, context: RerankContext) -> np.ndarray: ...
