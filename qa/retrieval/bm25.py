"""BM25 with its postings precomputed at ingest, so a query is a few numpy gathers and one bincount.

At build time every (term, chunk) pair gets its final BM25 contribution

    idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg_len))

with the non-negative Lucene idf `log(1 + (N - df + 0.5) / (df + 0.5))`. The postings are stored
term-major as CSR arrays (`indptr`, `rows`, `weights`), so scoring a query is summing the slices of
its terms with `np.bincount`: well under a millisecond for 10k chunks, and no per-query Python
loop over documents. The files (three `.npy` arrays and a JSON vocabulary) are written and read
by `qa/index/bm25_files.py`. numpy only: the cold `qa ask` path must not import scipy or bm25s.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from qa.errors import InputError

# Bumped when tokenisation changes: an index built with another tokenizer must be rebuilt.
TOKENIZER_VERSION = "1"

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves also said says""".split()
)

# Rows scored per block by `Bm25Index.scores` (1 MB of float64 accumulators): measured at 1M rows,
# 8 blocks took 3.1 ms a question against 6.8 ms for one bincount over every row (eval/bench/scale.md).
SCORE_BLOCK_ROWS = 1 << 17
# Every this-many-th score is sampled by `top_k` to find a threshold only its best rows pass.
_SAMPLE_STEP = 64
# Postings whose weights are computed at once when building (float64 temporaries of this many entries).
_BUILD_BLOCK = 1 << 22
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)


def _stem(word: str) -> str:
    """A deliberately light suffix stripper: plural -s/-es/-ies, -ing, -ed.

    Measured on MultiHop-RAG (eval/bench/retrieval_ablation.md); heavier stemmers conflate names.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Lowercased unicode words, English stopwords and possessive 's dropped, lightly stemmed."""
    text = _POSSESSIVE.sub("", text.lower())
    out = []
    for word in _WORD.findall(text):
        if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        out.append(_stem(word))
    return out


@dataclass
class Bm25Index:
    """Term-major CSR postings with BM25 weights baked in. Row i is chunk row i of the index."""

    vocab: dict[str, int]
    indptr: np.ndarray  # int64 (V+1,)
    rows: np.ndarray  # int32 (nnz,)
    weights: np.ndarray  # float32 (nnz,)
    n_docs: int
    k1: float = 1.5
    b: float = 0.75

    def document_frequency(self, term: str) -> int | None:
        """How many rows hold `term` (a token as `tokenize` gives it); None for a term the index has never seen."""
        i = self.vocab.get(term)
        return None if i is None else int(self.indptr[i + 1] - self.indptr[i])

    @classmethod
    def build(cls, texts: Sequence[str], k1: float = 1.5, b: float = 0.75) -> "Bm25Index":
        """Index `texts` (row i = texts[i]); pass each chunk's text with its title prefix."""
        if k1 < 0 or not 0 <= b <= 1:
            raise InputError(f"bad BM25 parameters k1={k1}, b={b}", hint="use k1 >= 0 and 0 <= b <= 1")
        vocab: dict[str, int] = {}
        # One (term, row, tf) entry per distinct term of a text, in compact typed arrays: a 1M-chunk index has
        # ~50M of them, which as Python lists of ints would take several GB.
        term_ids, doc_ids, tfs = array("i"), array("i"), array("i")
        lengths = np.zeros(len(texts), dtype=np.float64)
        for row, text in enumerate(texts):
            tokens = tokenize(text)
            lengths[row] = len(tokens)
            for term, tf in Counter(tokens).items():
                term_ids.append(vocab.setdefault(term, len(vocab)))
                doc_ids.append(row)
                tfs.append(tf)
        n = len(texts)
        t = np.frombuffer(term_ids, dtype=np.int32) if term_ids else np.zeros(0, np.int32)
        d = np.frombuffer(doc_ids, dtype=np.int32) if doc_ids else np.zeros(0, np.int32)
        tf_all = np.frombuffer(tfs, dtype=np.int32) if tfs else np.zeros(0, np.int32)
        df = np.bincount(t, minlength=len(vocab)).astype(np.float64)
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        avg = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        w = np.empty(t.size, dtype=np.float32)
        for a in range(0, t.size, _BUILD_BLOCK):  # float64 arithmetic in blocks: bounded temporaries
            tb, db, tf = t[a:a + _BUILD_BLOCK], d[a:a + _BUILD_BLOCK], tf_all[a:a + _BUILD_BLOCK].astype(np.float64)
            norm = k1 * (1.0 - b + b * lengths[db] / avg)
            w[a:a + _BUILD_BLOCK] = idf[tb] * tf * (k1 + 1.0) / (tf + norm)
        order = np.argsort(t, kind="stable")  # term-major; rows stay ascending inside a term
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(df.astype(np.int64), out=indptr[1:])
        return cls(vocab=vocab, indptr=indptr, rows=d[order], weights=w[order], n_docs=n, k1=k1, b=b)

    def __len__(self) -> int:
        return self.n_docs

    # --- queries
    def term_ids(self, query: str) -> list[tuple[int, int]]:
        """(term id, count in query) for the query terms that occur in the index."""
        counts = Counter(tokenize(query))
        return [(self.vocab[t], c) for t, c in counts.items() if t in self.vocab]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row (float32, zeros where no query term occurs)."""
        return self._scores(self.term_ids(query), {})

    def scores_many(self, queries: Sequence[str]) -> list[np.ndarray]:
        """`scores` of each query (a question and its clauses): the postings of a term they share are read
        once, which matters when they are read from disk (`qa/index/row_file.py`) rather than mapped."""
        postings: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        return [self._scores(self.term_ids(q), postings) for q in queries]

    def _postings(self, term: int, read: dict[int, tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
        """(rows, weights) of one term, from `read` when an earlier query of the same batch read them."""
        found = read.get(term)
        if found is None:
            a, b = int(self.indptr[term]), int(self.indptr[term + 1])
            found = read[term] = (np.asarray(self.rows[a:b]), np.asarray(self.weights[a:b]))
        return found

    def _scores(self, terms: list[tuple[int, int]], read: dict[int, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        if not terms or self.n_docs == 0:
            return np.zeros(self.n_docs, dtype=np.float32)
        postings = [self._postings(t, read) for t, _ in terms]
        parts_rows = [r for r, _ in postings]
        parts_w = [w * c if c > 1 else w for (_, w), (_, c) in zip(postings, terms)]
        if self.n_docs <= SCORE_BLOCK_ROWS:
            return np.bincount(np.concatenate(parts_rows), weights=np.concatenate(parts_w),
                               minlength=self.n_docs).astype(np.float32)
        # Past one block, rows are summed block by block: each term's rows are ascending, so a block's
        # share of every posting list is one slice, and the block's accumulators stay in cache. Each row
        # still sums its terms in query order: the same floats as one bincount, 2x faster at 1M rows.
        edges = np.arange(0, self.n_docs + SCORE_BLOCK_ROWS, SCORE_BLOCK_ROWS).clip(max=self.n_docs)
        # Edges in the postings' own dtype: int64 edges made numpy copy every int32 posting list to search it.
        cuts = [np.searchsorted(r, edges.astype(r.dtype)) for r in parts_rows]
        out = np.empty(self.n_docs, dtype=np.float32)
        for b in range(edges.size - 1):
            lo, hi = int(edges[b]), int(edges[b + 1])
            block_rows = np.concatenate([r[c[b]:c[b + 1]] for r, c in zip(parts_rows, cuts)]) - lo
            block_w = np.concatenate([w[c[b]:c[b + 1]] for w, c in zip(parts_w, cuts)])
            out[lo:hi] = np.bincount(block_rows, weights=block_w, minlength=hi - lo)
        return out

    def search(self, query: str, k: int, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the best `k` rows with a positive score, best first; `rows` restricts the search."""
        if k <= 0:
            raise InputError("k must be greater than 0", hint="ask for at least one result")
        scores = self.scores(query)
        return top_k(scores, k, rows)


def top_k(scores: np.ndarray, k: int, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Best `k` positive entries of `scores` (optionally among `rows`), best first, ties by row."""
    if rows is not None:
        rows = np.asarray(rows, dtype=np.int64)
        sub = scores[rows]
        cand = rows[sub > 0]
    else:
        cand = _above_sampled_threshold(scores, k)
    if cand.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    vals = scores[cand]
    if cand.size > k:
        part = np.argpartition(-vals, k - 1)[:k]
        cand, vals = cand[part], vals[part]
    order = np.lexsort((cand, -vals))
    return cand[order].astype(np.int64), vals[order].astype(np.float32)


def _above_sampled_threshold(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows with a positive score, or, in a large array, only those above a threshold taken from every
    `_SAMPLE_STEP`-th score when at least k rows pass it (then the k best all pass it: exact). At 1M rows
    this reads ~300 candidates instead of every positive row (1.75 -> 0.33 ms)."""
    if scores.size >= _SAMPLE_STEP * k * 4:
        sample = scores[::_SAMPLE_STEP]
        rank = min(sample.size, 2 * k // _SAMPLE_STEP + 2)
        threshold = float(np.partition(sample, sample.size - rank)[sample.size - rank])
        if threshold > 0:
            cand = np.flatnonzero(scores > threshold)
            if cand.size >= k:
                return cand
    return np.flatnonzero(scores > 0)


def idf_of(index: Bm25Index, term: str) -> float:
    """The idf BM25 used for `term` (0 for unknown terms); for diagnostics and tests."""
    df = index.document_frequency(term)
    if df is None:
        return 0.0
    return math.log1p((index.n_docs - df + 0.5) / (df + 0.5))
