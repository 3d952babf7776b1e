"""Hybrid retrieval: BM25 + dense candidates, fused, reranked, then ordered so every part of the question is covered.

A news question often names outlets and dates and asks for several facts at once ("...as
reported by both The Verge and TechCrunch, and is also accused of..."). Steps:

1. Understand the query (`qa.retrieval.query`): outlets named (matched against the index's
   sources), dates named, and the clauses of a multi-part question.
2. Candidates: BM25 top `bm25_k` and dense top `dense_k` over the whole index (or the rows
   that `SearchFilters` allow), BM25 top per clause, and, for each named outlet, BM25 and dense
   top `per_source_k` restricted to that outlet's rows (so a small outlet is not crowded out).
3. Fuse: weighted reciprocal rank fusion of the lists above (`qa.retrieval.fusion`); the
   named-outlet lists and a "published on a named date" list join the fusion as extra lists.
4. Rerank the fused candidates (default: `FeatureReranker`; `reranker=None` keeps the fusion).
5. Order: round-robin over aspects (`fusion.interleave`): the best passage overall, then each
   named outlet's best, each clause's best (among the named outlets), then the rest by score.
   That is what puts all the facts of a multi-part question into the top k.
6. Collapse near-identical passages (same normalised text, or one inside another).

Dates named in a query boost (softly) articles from those dates; only `SearchFilters` filters.
"""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any, Callable, Sequence

import numpy as np

from qa.errors import InputError
from qa.retrieval.filters import SearchFilters, filter_rows, resolve_sources
from qa.retrieval.fusion import interleave, reciprocal_rank_fusion, zscore
from qa.retrieval.lexical import lexical_leg
from qa.retrieval.protocols import RerankContext, Reranker, RetrievalResult
from qa.retrieval.query import QueryAnalysis, analyze_query, clause_spans
from qa.retrieval.rerank import sentence_similarities
from qa.types import Hit

_NORM = re.compile(r"[\W_]+", re.UNICODE)


class HybridRetriever:
    """Retriever over one `IndexReader` generation. Thread-safe for concurrent `retrieve` calls (read-only)."""

    def __init__(self, reader: Any, embedder: Any, settings: Any, reranker: Reranker | None = None,
                 today: Callable[[], date] | None = None) -> None:
        self.reader = reader
        self.embedder = embedder
        self.settings = settings
        self.reranker = reranker
        self._today = today or date.today
        for name in ("dense_k", "bm25_k", "rrf_k", "rerank_depth"):
            if int(getattr(settings, name)) <= 0:
                raise InputError(f"{name} must be greater than 0", hint=f"set QA_{name.upper()} to a positive number")
        # BM25 from the local files or, on a Milvus index with full-text search, from Milvus (qa/retrieval/lexical.py)
        self.lexical = lexical_leg(reader, settings.milvus_lexical)
        # Per-row outlet and date, computed once by the reader (no per-row loop here: 1M rows open in time).
        self._row_source, self._row_date = reader.row_source, reader.row_date
        self._rows_by_source: dict[str, np.ndarray] = dict(reader.rows_by_source)
        self._default_year = reader.latest_year
        self.default_year = self._default_year  # the year given to dates written without one (qa/query.py)

    # --- the public entry point
    def retrieve(self, query: str, k: int, filters: SearchFilters | None = None,
                 analysis: QueryAnalysis | None = None) -> RetrievalResult:
        """`analysis`: the caller's `Query.analysis` (qa/query.py), so the question is understood once."""
        if k <= 0:
            raise InputError("k must be greater than 0", hint="ask for at least one passage")
        s = self.settings
        timings: dict[str, float] = {}
        clock = time.perf_counter()

        if analysis is None:
            analysis = analyze_query(query, self.reader.sources, today=self._today(), default_year=self._default_year)
        if not s.source_aware:
            analysis = _without_sources(analysis)
        spans = clause_spans(analysis.cleaned_query) if s.decompose else []
        spans = spans if len(spans) > 1 else []
        clauses = [analysis.cleaned_query[a:b] for a, b in spans]
        vectors = self._embed(query, analysis.cleaned_query, spans)
        qvec = vectors[0]
        clock = _lap(timings, "embed", clock)

        filters = resolve_sources(filters, self.reader.sources)  # loose outlet names -> the index's own
        allowed = filter_rows(self.reader, filters)
        named = {src: self._restrict(rows, allowed) for src, rows in self._named_rows(analysis).items()}
        named = {src: rows for src, rows in named.items() if rows.size}

        searched = " ".join((query, *analysis.lexical_terms))
        lexical = self.lexical.query([searched, *clauses], filters, allowed)
        tops = lexical.top([int(s.bm25_k)] + [int(s.clause_k)] * len(clauses))
        lists: dict[str, tuple[np.ndarray, float]] = {}
        lists["bm25"] = (tops[0], float(s.rrf_bm25_weight))
        per_source_k = int(s.per_source_k)
        for src, rows in named.items():
            lists[f"bm25:{src}"] = (lexical.top_in_source(per_source_k, src, rows), 1.0)
        clause_lists = tops[1:]
        clock = _lap(timings, "bm25", clock)

        dense_rows, by_source = self.reader.dense_searches(qvec, int(s.dense_k), allowed, filters, named, per_source_k)
        lists["dense"] = (dense_rows, 1.0)
        for src in named:
            lists[f"dense:{src}"] = (by_source[src], 1.0)
        clock = _lap(timings, "dense", clock)

        candidates = np.unique(np.concatenate([r for r, _ in lists.values()] + clause_lists + [np.zeros(0, np.int64)]))
        candidates = candidates.astype(np.int64)
        bm25_scores = lexical.scores_of(candidates)  # row 0: the question's; then each clause's
        in_date = self._in_date(candidates, analysis) if s.date_boost else np.zeros(candidates.size, bool)
        if in_date.any():  # a dated list: in-date candidates, by BM25
            lists["date"] = (candidates[in_date][np.argsort(-bm25_scores[0][in_date], kind="stable")], 1.0)
        fused = dict(reciprocal_rank_fusion([r.tolist() for r, _ in lists.values()],
                                            [w for _, w in lists.values()], k=float(s.rrf_k)))
        rrf = np.array([fused.get(int(r), 0.0) for r in candidates])
        depth = max(int(s.rerank_depth), k)
        if candidates.size > depth * 4:  # keep the reranker's work bounded: best by fusion, plus every list's head
            keep = set(np.argsort(-rrf, kind="stable")[: depth * 4].tolist())
            pos = {int(r): i for i, r in enumerate(candidates)}
            for rows, _ in lists.values():
                keep.update(pos[int(r)] for r in rows[:depth])
            for rows in clause_lists:
                keep.update(pos[int(r)] for r in rows[:depth])
            sel = np.array(sorted(keep), dtype=np.int64)
            candidates, rrf, in_date, bm25_scores = candidates[sel], rrf[sel], in_date[sel], bm25_scores[:, sel]
        named_mask = np.isin(self._row_source[candidates], list(named)) if named else np.zeros(candidates.size, bool)
        clock = _lap(timings, "fuse", clock)

        stage = {
            "bm25": bm25_scores[0].astype(np.float64),
            "bm25_clauses": bm25_scores[1:].T if clauses else np.zeros((candidates.size, 0)),
            "dense_all": self.reader.vectors[candidates] @ qvec,
            "rrf": rrf,
            "named_source": named_mask,
            "in_date": in_date,
        }
        sims = sentence_similarities(self.reader, candidates, vectors)
        stage["sentence"] = sims[:, 0]
        stage["sentence_clauses"] = sims[:, 1:] if clauses else sims[:, :1]
        context = RerankContext(self.reader, analysis, tuple(clauses), vectors, stage)
        if self.reranker is not None:
            relevance = np.asarray(self.reranker.rerank(query, candidates, context), dtype=np.float64)
        else:
            relevance = rrf
        order = self._order(candidates, relevance, stage, named, clauses, k)
        hits = self._hits(order, candidates, relevance, stage, k)
        _lap(timings, "rerank", clock)
        return RetrievalResult(hits=hits, query_vector=qvec, timings_ms=timings, analysis=analysis)

    # --- steps
    def _embed(self, query: str, cleaned: str, spans: list[tuple[int, int]]) -> np.ndarray:
        """Row 0: the query vector; then one vector per clause.

        With an embedder that exposes contextual token vectors (`token_embeddings`), clause
        vectors are pooled from one pass over the cleaned question, as sentence vectors are at
        ingest: one model pass instead of one per clause, at no measured loss.
        """
        token_embeddings = getattr(self.embedder, "token_embeddings", None)
        if not spans or token_embeddings is None or self.settings.clause_vectors != "pooled":
            texts = [query, *(cleaned[a:b] for a, b in spans)]
            return np.asarray(self.embedder.embed(texts), dtype=np.float32)
        out = np.zeros((1 + len(spans), self.embedder.dimension), dtype=np.float32)
        out[0] = self.embedder.embed([query])[0]
        tokens = token_embeddings(cleaned)
        starts, ends = tokens.offsets[:, 0], tokens.offsets[:, 1]
        for i, (a, b) in enumerate(spans, start=1):
            inside = (starts >= a) & (ends <= b)
            vec = tokens.vectors[inside].mean(0) if inside.any() else self.embedder.embed([cleaned[a:b]])[0]
            out[i] = vec / max(float(np.linalg.norm(vec)), 1e-12)
        return out

    def _named_rows(self, analysis: QueryAnalysis) -> dict[str, np.ndarray]:
        return {src: self._rows_by_source[src] for src in analysis.sources_mentioned if src in self._rows_by_source}

    @staticmethod
    def _restrict(rows: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
        return rows if allowed is None else np.intersect1d(rows, allowed, assume_unique=True)

    def _in_date(self, rows: np.ndarray, analysis: QueryAnalysis) -> np.ndarray:
        if not analysis.date_ranges:
            return np.zeros(rows.size, dtype=bool)
        dates = self._row_date[rows]
        return np.array([bool(d) and any(r.contains(d, slack_days=1) for r in analysis.date_ranges) for d in dates])

    def _order(self, candidates: np.ndarray, relevance: np.ndarray, stage: dict[str, np.ndarray],
               named: dict[str, np.ndarray], clauses: list[str], k: int) -> list[int]:
        want = k * 3 if self.settings.collapse_duplicates else k
        return order_by_aspects(
            relevance, self._row_source[candidates], list(named), stage["bm25_clauses"] if clauses else None,
            stage["sentence_clauses"] if clauses else None, float(self.settings.clause_weight),
            min(want, candidates.size),
        )

    def _hits(self, order: list[int], candidates: np.ndarray, relevance: np.ndarray,
              stage: dict[str, np.ndarray], k: int) -> list[Hit]:
        collapse = self.settings.collapse_duplicates
        kept: list[str] = []
        hits: list[Hit] = []
        for i in order:
            row = int(candidates[i])
            if collapse:
                text = _NORM.sub(" ", self.reader.chunks[row].text.lower()).strip()
                if any(text in other or other in text for other in kept):
                    continue
                kept.append(text)
            scores = {
                "bm25": float(stage["bm25"][i]),
                "dense": float(stage["dense_all"][i]),
                "rrf": float(stage["rrf"][i]),
                "sentence": float(stage["sentence"][i]),
                "rerank": float(relevance[i]),
            }
            hits.append(self.reader.hit(row, float(relevance[i]), scores))
            if len(hits) >= k:
                break
        return hits


def order_by_aspects(
    relevance: np.ndarray, sources: np.ndarray, named: Sequence[str], clause_bm25: np.ndarray | None,
    clause_sentence: np.ndarray | None, clause_weight: float, limit: int,
) -> list[int]:
    """Candidate positions in final order: the best overall, then round-robin over aspects.

    Aspects: each named outlet (its candidates by relevance) and each clause (candidates from the
    named outlets by relevance plus `clause_weight` times the clause's own BM25 and sentence match,
    both z-scored), then everything by relevance. Pure: arrays in, positions out.
    """
    by_rel = np.argsort(-relevance, kind="stable")
    aspects: list[list[int]] = [by_rel[:1].tolist()]
    for src in named:
        aspects.append(by_rel[sources[by_rel] == src].tolist())
    if clause_bm25 is not None and clause_sentence is not None and clause_bm25.shape[1] > 1:
        in_named = np.isin(sources, list(named)) if named else np.ones(relevance.size, dtype=bool)
        base = zscore(relevance)
        for c in range(clause_bm25.shape[1]):
            score = base + clause_weight * (zscore(clause_bm25[:, c]) + zscore(clause_sentence[:, c]))
            score = np.where(in_named, score, score - 1e6)
            aspects.append(np.argsort(-score, kind="stable").tolist())
    aspects.append(by_rel.tolist())
    return interleave(aspects, limit)


def _without_sources(analysis: QueryAnalysis) -> QueryAnalysis:
    from dataclasses import replace

    return replace(analysis, sources_mentioned=(), source_spans=())


def _lap(timings: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    timings[name] = timings.get(name, 0.0) + (now - since) * 1000.0
    return now
