"""Reranking built from what ships offline, plus an optional local cross-encoder.

No cross-encoder weights ship on PyPI (../shared/MODELS.md), so the default reranker scores each
candidate chunk with a weighted sum of signals the index already holds:

- BM25 of the whole question, as log(1 + score) and as a z-score among the candidates;
- BM25 of each clause of a multi-part question (best clause, z-scored);
- cosine of the chunk vector with the question vector;
- the best cosine between a *sentence* of the chunk and the question, and between a sentence
  and any clause: one sentence usually carries the fact, and a chunk vector dilutes it
  (sentence vectors are pooled at ingest from the chunk's contextual token vectors, so they
  cost no model pass at query time);
- whether the chunk's outlet is named in the question, whether its article's date falls in a
  date the question names (+-1 day, time zones), and a small lead-paragraph prior.

The weights were fitted once on MultiHop-RAG questions (`eval/bench/retrieval_ablation.py --fit`:
coordinate ascent on MRR@10 + fact recall@10 + all-facts@10, two-fold cross-validated, held-out
within 0.01 of fitted); the signals themselves are generic. The score is the logistic of the
weighted sum: higher is better and it is comparable within one query only (features are z-scored
among that query's candidates), so do not use it as an absolute threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Mapping

import numpy as np

from qa.errors import DependencyMissingError, InputError
from qa.retrieval.fusion import sigmoid, zscore
from qa.retrieval.protocols import RerankContext, Reranker

# Fitted weights (see the module docstring); names are the keys of `FeatureReranker.features`.
DEFAULT_WEIGHTS: dict[str, float] = {
    "bm25_log": 1.785,
    "bm25_z": 0.09,
    "bm25_clause_z": 0.51,
    "dense_z": -0.32,  # negative only next to the sentence signals, which carry the dense evidence better
    "sentence_z": 0.74,
    "sentence_clause_z": 0.385,
    "named_source": 2.036,
    "in_date": 3.18,
    "lead": 0.0,
}
DEFAULT_BIAS = -4.0


def sentence_similarities(reader: Any, rows: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """(len(rows), len(vectors)): for each chunk row, the best cosine of one of its sentences with each vector."""
    rows = np.asarray(rows, dtype=np.int64)
    vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    if rows.size == 0:
        return np.zeros((0, vectors.shape[0]), dtype=np.float32)
    ptr = reader.sentence_ptr
    starts, lens = ptr[rows], ptr[rows + 1] - ptr[rows]
    fallback = lens == 0  # a chunk without sentences falls back to its chunk vector
    offsets = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    idx = np.repeat(starts - offsets, lens) + np.arange(int(lens.sum()))
    out = np.empty((rows.size, vectors.shape[0]), dtype=np.float32)
    if idx.size:
        sims = reader.sentence_vectors[idx] @ vectors.T
        has = ~fallback
        out[has] = np.maximum.reduceat(sims, offsets[has], axis=0)
    if fallback.any():
        out[fallback] = reader.vectors[rows[fallback]] @ vectors.T
    return out


@dataclass
class FeatureReranker:
    """The default reranker: a fitted weighted sum of lexical, dense, sentence and query-understanding signals."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    bias: float = DEFAULT_BIAS
    name: str = "features"

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise InputError(f"unknown reranker features: {', '.join(sorted(unknown))}",
                             hint=f"use some of {', '.join(DEFAULT_WEIGHTS)}")

    def features(self, rows: np.ndarray, context: RerankContext,
                 names: Collection[str] | None = None) -> dict[str, np.ndarray]:
        """Each signal of the module docstring (or only those in `names`), one value per candidate row."""
        reader, st = context.reader, context.stage_scores
        n = len(rows)
        zeros = np.zeros(n)
        bm25 = st.get("bm25", zeros)
        clauses_bm25 = st.get("bm25_clauses")
        if "sentence" not in st or "sentence_clauses" not in st:
            sims = sentence_similarities(reader, rows, context.query_vectors)
            st["sentence"] = sims[:, 0]
            st["sentence_clauses"] = sims[:, 1:] if sims.shape[1] > 1 else sims[:, :1]
        dense = st.get("dense_all")
        if dense is None:
            dense = reader.vectors[rows] @ context.query_vectors[0]
        sent_cl = st["sentence_clauses"]
        signals = {
            "bm25_log": np.log1p(np.maximum(bm25, 0)),
            "bm25_z": zscore(bm25),
            "bm25_clause_z": (np.max([zscore(c) for c in clauses_bm25.T], axis=0)
                              if clauses_bm25 is not None and clauses_bm25.shape[1] else zscore(bm25)),
            "dense_z": zscore(dense),
            "sentence_z": zscore(st["sentence"]),
            "sentence_clause_z": zscore(sent_cl.max(axis=1)) if sent_cl.size else zeros,
            "named_source": st.get("named_source", zeros).astype(np.float64),
            "in_date": st.get("in_date", zeros).astype(np.float64),
        }
        if names is None or "lead" in names:  # a docstore read per candidate on a large index: only when weighed
            ordinals = np.fromiter((reader.chunks[int(r)].ordinal for r in rows), dtype=np.float64, count=n)
            signals["lead"] = 1.0 / (1.0 + ordinals)
        return signals if names is None else {name: signals[name] for name in names}

    def rerank(self, query: str, rows: np.ndarray, context: RerankContext) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size == 0:
            return np.zeros(0)
        weighed = {name: w for name, w in self.weights.items() if w}  # a weight of 0 adds nothing
        feats = self.features(rows, context, list(weighed))
        total = np.full(rows.size, self.bias)
        for name, w in weighed.items():
            total += w * feats[name]
        return sigmoid(total)


class CrossEncoderReranker:
    """A sentence-transformers CrossEncoder loaded from a local folder (never from a hub)."""

    def __init__(self, path: str | Path, batch_size: int = 32, max_candidates: int = 50) -> None:
        self.path = Path(path).expanduser()
        if not (self.path / "config.json").exists():
            raise InputError(f"reranker {str(path)!r} is not a local model folder (no config.json)",
                             hint="set QA_RERANKER to 'default', 'none', or a CrossEncoder folder")
        self.name = f"cross-encoder:{self.path.name}"
        self.batch_size = batch_size
        self.max_candidates = max_candidates
        self._model: Any = None

    @property
    def model(self) -> Any:
        if self._model is None:
            try:
                from sentence_transformers import CrossEncoder
            except ImportError as exc:
                raise DependencyMissingError("sentence-transformers is needed for a CrossEncoder reranker",
                                             hint="pip install sentence-transformers") from exc
            self._model = CrossEncoder(str(self.path), device="cpu", local_files_only=True)  # a local folder
        return self._model

    def rerank(self, query: str, rows: np.ndarray, context: RerankContext) -> np.ndarray:
        """Cross-encoder scores for the best `max_candidates` rows by the earlier stages; the rest score lower."""
        rows = np.asarray(rows, dtype=np.int64)
        prior = context.stage_scores.get("rrf", np.zeros(rows.size))
        order = np.argsort(-prior, kind="stable")[: self.max_candidates]
        reader = context.reader
        pairs = []
        for i in order:
            chunk = reader.chunks[int(rows[i])]
            pairs.append((query, f"{reader.documents[chunk.doc_id].title}\n{chunk.text}"))
        scores = np.full(rows.size, -np.inf)
        if pairs:
            predicted = np.asarray(self.model.predict(pairs, batch_size=self.batch_size), dtype=np.float64)
            scores[order] = predicted
            floor = float(predicted.min()) - 1.0
            rest = np.isinf(scores)
            scores[rest] = floor - np.arange(int(rest.sum())) * 1e-6  # keep the earlier order below
        return scores


def build_reranker(settings: Any) -> Reranker | None:
    """The reranker that `settings.reranker` names: 'default', 'none', or a local CrossEncoder folder."""
    choice = str(settings.reranker or "default").strip()
    if choice.lower() == "none":
        return None
    if choice.lower() in ("default", "features"):
        return FeatureReranker()
    return CrossEncoderReranker(choice, max_candidates=int(settings.rerank_depth))
