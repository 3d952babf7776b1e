"""The lexical (BM25) leg of hybrid retrieval: the local BM25 files, or Milvus full-text search.

Hybrid retrieval asks the lexical leg four things for one question: the best rows for the question and
for each of its clauses (among the rows the filters allow), the best rows of each outlet the question
names, and the BM25 score of every fused candidate (for the date list and the reranker's features).
`LexicalQuery` is that, for the texts of one question.

- `LocalLexical`: scores every row from the memory-mapped postings (`qa/retrieval/bm25.py`) and takes
  the top rows with numpy.
- `MilvusLexical`: the same questions as Milvus full-text searches over qa's own tokens (the
  collection's `terms` field, `qa/index/milvus_store.py`), with the filters as Milvus expressions:
  one request for the question and its clauses, one per named outlet, one for the candidates' scores.
  The scores are the local ones (same tokens, idf, k1, b), computed by the server.

Which one a reader gets: `lexical_leg` (the setting `milvus_lexical` and what the collection holds);
`describe_lexical` says it in words for `qa index show`.
"""

from __future__ import annotations

from typing import Any, Protocol, Sequence

import numpy as np

from qa.index.milvus_store import LEXICAL_FIELD, wants_server_bm25  # the rule lives with the store that builds it
from qa.retrieval.bm25 import top_k

LOCAL = "local BM25 files"
SERVER = "Milvus full-text search (BM25 over qa's tokens, filters in Milvus)"


class LexicalQuery(Protocol):
    """BM25 over the texts of one question: texts[0] is the question, the others its clauses."""

    def top(self, ks: Sequence[int]) -> list[np.ndarray]:
        """For each text i, the rows of its best `ks[i]` positive scores among the allowed rows, best first."""
        ...

    def top_in_source(self, k: int, source: str, rows: np.ndarray) -> np.ndarray:
        """The best `k` rows for texts[0] among `rows`, the allowed rows of outlet `source`."""
        ...

    def scores_of(self, rows: np.ndarray) -> np.ndarray:
        """BM25 scores of `rows` (float32, shape (len(texts), len(rows)); 0 where no term occurs)."""
        ...


class LexicalLeg(Protocol):
    name: str

    def query(self, texts: Sequence[str], filters: Any, allowed: np.ndarray | None) -> LexicalQuery:
        """The leg for one question's `texts`; `filters` (SearchFilters or None) and `allowed`, the rows
        they allow (None: all), describe the same restriction."""
        ...


class LocalLexical:
    """BM25 from the index folder's files: every row scored, top rows by numpy."""

    name = LOCAL

    def __init__(self, bm25: Any, n_rows: int) -> None:
        self._bm25 = bm25
        self._n = n_rows

    def query(self, texts: Sequence[str], filters: Any, allowed: np.ndarray | None) -> "_LocalQuery":
        if self._bm25 is None:
            return _LocalQuery([np.zeros(self._n, np.float32) for _ in texts], allowed)
        return _LocalQuery(self._bm25.scores_many(texts), allowed)


class _LocalQuery:
    def __init__(self, full: list[np.ndarray], allowed: np.ndarray | None) -> None:
        self._full = full
        self._allowed = allowed

    def top(self, ks: Sequence[int]) -> list[np.ndarray]:
        return [top_k(scores, int(k), self._allowed)[0] for scores, k in zip(self._full, ks)]

    def top_in_source(self, k: int, source: str, rows: np.ndarray) -> np.ndarray:
        return top_k(self._full[0], int(k), rows)[0]

    def scores_of(self, rows: np.ndarray) -> np.ndarray:
        if not self._full:
            return np.zeros((0, rows.size), dtype=np.float32)
        return np.stack([scores[rows] for scores in self._full]).astype(np.float32, copy=False)


class MilvusLexical:
    """BM25 computed by Milvus full-text search over the collection's `terms` field."""

    name = SERVER

    def __init__(self, store: Any) -> None:
        self._store = store

    def query(self, texts: Sequence[str], filters: Any, allowed: np.ndarray | None) -> "_MilvusQuery":
        return _MilvusQuery(self._store, list(texts), filters)


class _MilvusQuery:
    def __init__(self, store: Any, texts: list[str], filters: Any) -> None:
        from qa.index.vector_store import VectorFilter

        self._store = store
        self._texts = texts
        self._filters = filters
        self._where = None if filters is None or filters.empty else VectorFilter(
            sources=tuple(filters.sources), date_from=filters.date_from, date_to=filters.date_to)

    def top(self, ks: Sequence[int]) -> list[np.ndarray]:
        if not self._texts:
            return []
        found = self._store.lexical_search_many(self._texts, max(int(k) for k in ks), self._where)
        return [rows[: int(k)] for (rows, _), k in zip(found, ks)]

    def top_in_source(self, k: int, source: str, rows: np.ndarray) -> np.ndarray:
        from qa.index.vector_store import VectorFilter

        where = VectorFilter(sources=(source,), date_from=self._where.date_from if self._where else None,
                             date_to=self._where.date_to if self._where else None)
        return self._store.lexical_search_many(self._texts[:1], int(k), where)[0][0]

    def scores_of(self, rows: np.ndarray) -> np.ndarray:
        out = np.zeros((len(self._texts), rows.size), dtype=np.float32)
        if rows.size == 0 or not self._texts:
            return out
        position = {int(r): i for i, r in enumerate(rows.tolist())}
        expression = f"row in [{','.join(str(int(r)) for r in position)}]"
        found = self._store.lexical_search_many(self._texts, len(position), expression)
        for t, (hit_rows, scores) in enumerate(found):
            for r, s in zip(hit_rows.tolist(), scores.tolist()):
                out[t, position[int(r)]] = s
        return out


def server_bm25_available(described: dict[str, Any]) -> bool:
    """Whether a manifest's vector store can rank by Milvus full-text search over qa's tokens."""
    from qa.retrieval.bm25 import TOKENIZER_VERSION

    bm25 = described.get("bm25") or {}
    return (described.get("backend") == "milvus" and bool(described.get("full_text"))
            and bm25.get("field") == LEXICAL_FIELD and bm25.get("tokenizer_version") == TOKENIZER_VERSION)


def describe_lexical(described: dict[str, Any], milvus_lexical: str) -> str:
    """Which BM25 leg a reader of this store uses under the setting `milvus_lexical`, in words."""
    if described.get("backend") != "milvus":
        return LOCAL
    if not server_bm25_available(described):
        if not described.get("full_text"):
            reason = described.get("full_text_note") or "this Milvus has no full-text search"
        else:
            reason = "the collection predates qa's tokens in Milvus: re-ingest with --rebuild"
        return f"{LOCAL} ({reason})"
    if not wants_server_bm25(milvus_lexical, on_milvus_lite=not described.get("uri")):
        why = "milvus-lite" if milvus_lexical == "auto" else "milvus_lexical = local"
        return f"{LOCAL} ({why}; the Milvus full-text index is built too: QA_MILVUS_LEXICAL=server uses it)"
    return SERVER


def lexical_leg(reader: Any, milvus_lexical: str) -> LexicalLeg:
    """The BM25 leg for `reader`: Milvus full-text search when its store has it and the setting asks for it."""
    store = getattr(reader, "store", None)  # test readers built in memory have no store
    if getattr(store, "server_bm25", False) and wants_server_bm25(milvus_lexical, store.on_milvus_lite):
        return MilvusLexical(store)
    return LocalLexical(reader.bm25, len(reader.chunks))
