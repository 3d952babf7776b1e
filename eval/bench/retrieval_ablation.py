"""Retrieval ablation on MultiHop-RAG: what each retrieval step gains (run by hand).

    .venv/bin/python eval/bench/retrieval_ablation.py [--index indexes/multihop_rag] [--limit N] [--fit]

Build the index once first (about 10 minutes on 2 cores):

    .venv/bin/python -c "from pathlib import Path; from qa.settings import Settings; \
from qa.ingest.pipeline import ingest; ingest([Path('../shared/benchmarks/multihop_rag/corpus.jsonl')], \
Path('indexes/multihop_rag'), Settings())"

Metrics, as issue 7 defines them (null questions excluded): a retrieved chunk is a hit for an
evidence quote when the quote, all whitespace removed, is a substring of the chunk text, all
whitespace removed. Hits@k: share of questions with at least one quote found in the top k;
MRR@k: mean 1/rank of the first hit chunk; fact recall@k: mean share of a question's quotes
found; all-facts@k: share of questions with every quote found. Writes the table to
eval/bench/retrieval_ablation.md. `--fit` refits the default reranker's weights (logistic
regression, numpy only) and prints them.

Dataset: MultiHop-RAG (Tang & Yang, COLM 2024), ODC-BY 1.0.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
QUESTIONS = ROOT.parent / "shared" / "benchmarks" / "multihop_rag" / "questions.jsonl"
KS = (4, 10)
_WS = re.compile(r"\s+")


# --- metrics (the definitions in the module docstring)
def gold_rows(questions: Sequence[dict], chunk_texts: Sequence[str]) -> list[list[set[int]]]:
    """For each question, for each evidence quote, the chunk rows that contain it."""
    norm = [_WS.sub("", t) for t in chunk_texts]
    offsets, pos = [], 0
    for t in norm:
        offsets.append(pos)
        pos += len(t) + 1
    big = "\x00".join(norm)
    out = []
    for q in questions:
        facts = []
        for ev in q["evidence"]:
            quote, rows, i = _WS.sub("", ev["quote"]), set(), -1
            i = big.find(quote)
            while i >= 0:
                rows.add(bisect.bisect_right(offsets, i) - 1)
                i = big.find(quote, i + 1)
            facts.append(rows)
        out.append(facts)
    return out


def score(ranked: Sequence[Sequence[int]], gold: Sequence[Sequence[set[int]]], k: int) -> dict[str, float]:
    hits = mrr = recall = every = 0.0
    for rows, facts in zip(ranked, gold):
        top = list(rows[:k])
        found = [any(r in f for r in top) for f in facts]
        hits += any(found)
        for rank, r in enumerate(top, start=1):
            if any(r in f for f in facts):
                mrr += 1.0 / rank
                break
        recall += sum(found) / len(found)
        every += all(found)
    n = max(len(ranked), 1)
    return {"hits": hits / n, "mrr": mrr / n, "fact_recall": recall / n, "all_facts": every / n}


# --- plumbing
class SettingsOverlay:
    """Settings plus the optional retrieval fields (read with getattr by qa.retrieval.hybrid)."""

    def __init__(self, base: Any, **extra: Any) -> None:
        self._base, self._extra = base, extra

    def __getattr__(self, name: str) -> Any:
        if name in self._extra:
            return self._extra[name]
        return getattr(self._base, name)


class MemoEmbedder:
    """Caches query vectors across configurations (the same questions are embedded once)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.dimension = inner, inner.name, inner.dimension
        self.memo: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = [t for t in texts if t not in self.memo]
        for t in dict.fromkeys(todo):
            self.memo[t] = self.inner.embed([t])[0]
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)


@dataclass
class Step:
    name: str
    run: Callable[[str], tuple[list[int], dict[str, float]]]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, default=ROOT / "indexes" / "multihop_rag")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--fit", action="store_true", help="refit the default reranker weights and print them")
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "bench" / "retrieval_ablation.md")
    parser.add_argument("--only", default="", help="comma-separated step names to run")
    args = parser.parse_args()

    from datetime import date

    from qa.index.embedder import NumpyBertEmbedder
    from qa.index.reader import open_index
    from qa.retrieval.hybrid import HybridRetriever
    from qa.retrieval.rerank import FeatureReranker
    from qa.settings import Settings

    questions = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    questions = [q for q in questions if q.get("type") != "null" and q.get("evidence")]
    if args.limit:
        questions = questions[: args.limit]
    settings = Settings()
    reader = open_index(args.index, settings.embedder)
    embedder = MemoEmbedder(NumpyBertEmbedder(settings.embedder))
    started = time.perf_counter()
    gold = gold_rows(questions, [c.text for c in reader.chunks])
    print(f"{len(questions)} questions, {len(reader.chunks)} chunks, gold in {time.perf_counter() - started:.1f}s",
          file=sys.stderr)
    # The corpus is from late 2023: anchor "today" at the newest article so relative dates mean what they meant.
    newest = max((d.published_at or "")[:10] for d in reader.documents.values())
    today = (lambda: date.fromisoformat(newest)) if newest else None

    def hybrid(reranker: Any = None, **flags: Any) -> Callable[[str], tuple[list[int], dict[str, float]]]:
        retriever = HybridRetriever(reader, embedder, SettingsOverlay(settings, **flags), reranker, today=today)

        def run(question: str) -> tuple[list[int], dict[str, float]]:
            result = retriever.retrieve(question, 10)
            return [reader.chunk_row[h.chunk_id] for h in result.hits], result.timings_ms
        return run

    def bm25_only(question: str) -> tuple[list[int], dict[str, float]]:
        t = time.perf_counter()
        rows = reader.bm25.search(question, 10)[0].tolist()
        return rows, {"bm25": (time.perf_counter() - t) * 1000}

    def dense_only(question: str) -> tuple[list[int], dict[str, float]]:
        t = time.perf_counter()
        v = embedder.embed([question])[0]
        t2 = time.perf_counter()
        rows = reader.dense_search(v, 10)[0].tolist()
        return rows, {"embed": (t2 - t) * 1000, "dense": (time.perf_counter() - t2) * 1000}

    off = dict(source_aware=False, date_boost=False, decompose=False)
    steps = [
        Step("BM25 alone", bm25_only),
        Step("dense alone (MiniLM)", dense_only),
        Step("RRF (BM25 x2 + dense)", hybrid(None, **off)),
        Step("+ source-aware", hybrid(None, **{**off, "source_aware": True})),
        Step("+ date boost", hybrid(None, **{**off, "source_aware": True, "date_boost": True})),
        Step("+ rerank (features)", hybrid(FeatureReranker(), **{**off, "source_aware": True, "date_boost": True})),
        Step("+ decomposition (clauses) = default", hybrid(FeatureReranker())),
    ]
    if args.only:
        wanted = {s.strip() for s in args.only.split(",")}
        steps = [s for s in steps if s.name in wanted or str(steps.index(s)) in wanted]
    if args.fit:
        fit_weights(reader, embedder, settings, questions, gold, today)
        return
    rows_out = []
    for step in steps:
        ranked, stages = [], {}
        t = time.perf_counter()
        for q in questions:
            rows, timings = step.run(q["question"])
            ranked.append(rows)
            for key, value in timings.items():
                stages.setdefault(key, []).append(value)
        wall = time.perf_counter() - t
        totals = [sum(v) for v in zip(*stages.values())] if stages else []
        result = {k: score(ranked, gold, k) for k in KS}
        rows_out.append((step.name, result, {k: statistics.median(v) for k, v in stages.items()}, pct(totals, 0.5), wall))
        r4, r10 = result[4], result[10]
        print(f"{step.name:38s} @10 H {r10['hits']:.3f} MRR {r10['mrr']:.3f} FR {r10['fact_recall']:.3f} "
              f"AF {r10['all_facts']:.3f} | @4 H {r4['hits']:.3f} MRR {r4['mrr']:.3f} FR {r4['fact_recall']:.3f} "
              f"AF {r4['all_facts']:.3f} | p50 {pct(totals, 0.5):.1f} ms", file=sys.stderr)
    write_report(args.out, rows_out, len(questions), len(reader.chunks), args.index)


def write_report(path: Path, rows: list, n_questions: int, n_chunks: int, index: Path) -> None:
    lines = [
        "# Retrieval ablation on MultiHop-RAG",
        "",
        f"{n_questions} answerable questions, {n_chunks} chunks (`{index.name}`), top 10 unless stated.",
        "Produced by `eval/bench/retrieval_ablation.py`; metric definitions in its docstring (issue 7).",
        "Latency: warm, per query, median, on this 2-core machine shared with other jobs (query",
        "embeddings memoised across steps, so `embed` counts only first sightings).",
        "",
        "| step | Hits@10 | MRR@10 | fact recall@10 | all-facts@10 | Hits@4 | MRR@4 | fact recall@4 | all-facts@4 | p50 ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    prev = None
    for name, result, _, p50, _ in rows:
        r10, r4 = result[10], result[4]
        lines.append(
            f"| {name} | {r10['hits']:.3f} | {r10['mrr']:.3f} | {r10['fact_recall']:.3f} | {r10['all_facts']:.3f} "
            f"| {r4['hits']:.3f} | {r4['mrr']:.3f} | {r4['fact_recall']:.3f} | {r4['all_facts']:.3f} | {p50:.1f} |"
        )
        prev = r10
    lines += ["", "Per-stage medians (ms):", ""]
    for name, _, stages, _, wall in rows:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
        lines.append(f"- {name}: {parts} (whole run {wall:.0f} s)")
    lines += ["", "Targets (issue 7): Hits@10 >= 0.90, MRR@10 >= 0.70, fact recall@10 >= 0.70, all-facts@10 >= 0.45.", ""]
    del prev
    path.write_text("\n".join(lines))
    print(f"wrote {path}", file=sys.stderr)


def fit_weights(reader: Any, embedder: Any, settings: Any, questions: list[dict], gold: list, today: Any) -> None:
    """Fit the FeatureReranker weights and the clause weight on the question set, numpy only.

    Each question's candidates and signals are recorded once; then coordinate ascent on
    MRR@10 + fact recall@10 + all-facts@10, replaying the same ordering code
    (`order_by_aspects`) offline. Two-fold cross-validation is reported so the fitted numbers
    can be compared with held-out ones.
    """
    from qa.retrieval.hybrid import HybridRetriever, order_by_aspects
    from qa.retrieval.rerank import DEFAULT_WEIGHTS, FeatureReranker
    from qa.settings import Settings

    base = FeatureReranker()
    names = list(DEFAULT_WEIGHTS)
    records: list[dict[str, Any]] = []
    row_source = np.array([reader.documents[c.doc_id].source or "" for c in reader.chunks], dtype=object)

    class Recorder:
        name = "recorder"

        def rerank(self, query: str, rows: np.ndarray, context: Any) -> np.ndarray:
            feats = base.features(rows, context)
            srcs = row_source[rows]
            st = context.stage_scores
            records.append({
                "rows": rows.copy(), "x": np.stack([feats[n] for n in names], 1), "sources": srcs,
                "named": [s for s in context.analysis.sources_mentioned if (srcs == s).any()],
                "cb": st["bm25_clauses"] if context.clauses else None,
                "cs": st["sentence_clauses"] if context.clauses else None,
            })
            return base.rerank(query, rows, context)

    retriever = HybridRetriever(reader, embedder, SettingsOverlay(settings), Recorder(), today=today)
    for q in questions:
        retriever.retrieve(q["question"], 10)

    def evaluate(w: np.ndarray, cw: float, idx: Sequence[int]) -> dict[str, float]:
        ranked = []
        for i in idx:
            r = records[i]
            pos = order_by_aspects(r["x"] @ w, r["sources"], r["named"], r["cb"], r["cs"], cw, 10)
            ranked.append(r["rows"][pos].tolist())
        return score(ranked, [gold[i] for i in idx], 10)

    def objective(m: dict[str, float]) -> float:
        return m["mrr"] + m["fact_recall"] + m["all_facts"]

    def ascend(idx: Sequence[int]) -> tuple[np.ndarray, float]:
        w = np.array([DEFAULT_WEIGHTS[n] for n in names], dtype=np.float64)
        cw = float(Settings().clause_weight)
        best = objective(evaluate(w, cw, idx))
        for _ in range(3):
            improved = False
            for j in range(len(names) + 1):
                for factor in (-0.5, 0.0, 0.5, 2.0, 1.5, 0.75):
                    w2, cw2 = w.copy(), cw
                    if j < len(names):
                        w2[j] = w[j] * factor if w[j] != 0 and factor != -0.5 else (factor if w[j] == 0 else -w[j] * 0.5)
                    else:
                        cw2 = cw * factor if factor > 0 else cw
                    value = objective(evaluate(w2, cw2, idx))
                    if value > best + 1e-4:
                        best, w, cw, improved = value, w2, cw2, True
            if not improved:
                break
        return w, cw

    order = np.random.default_rng(0).permutation(len(records))
    halves = [order[: len(order) // 2], order[len(order) // 2 :]]
    for a, b in ((0, 1), (1, 0)):
        w, cw = ascend(halves[a])
        print(f"fold {a}->{b}: fitted {evaluate(w, cw, halves[a])} held-out {evaluate(w, cw, halves[b])}", file=sys.stderr)
    w, cw = ascend(order)
    print(json.dumps({"weights": {n: round(float(v), 3) for n, v in zip(names, w)}, "clause_weight": round(cw, 3),
                      "all": evaluate(w, cw, order), "start": evaluate(
                          np.array([DEFAULT_WEIGHTS[n] for n in names]), float(Settings().clause_weight),
                          order)}, indent=2))


if __name__ == "__main__":
    main()
