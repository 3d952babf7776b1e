"""Find identical documents and near-duplicates (syndicated reprints) across a corpus.

Exact duplicates: the sha256 of the cleaned text, casefolded with whitespace collapsed, so
two copies that differ only in case or spacing are one document stored once.

Near-duplicates: the Jaccard similarity of the two documents' sets of word 5-gram
shingles, computed exactly (not estimated with MinHash). A reprint that changed a sentence
or its headline keeps almost all its shingles (a 500-word article with one sentence
rewritten stays above 0.9), while two articles on the same event written independently
share few 5-grams (well under 0.3).

Speed: an inverted index from shingle to documents gives the candidates, so only
documents that share text with the new one are compared: O(n x candidates), never O(n^2)
for a corpus of distinct articles. To keep that index small only a fixed 1/8 sample of
shingle hashes is indexed (the same sample in every document, so two near-duplicates share
most of their sampled shingles); the decision always uses the exact Jaccard of the full
sets, kept as sorted numpy arrays. 609 articles of ~10k characters take well under a second.

Shingle hashes are stable across runs (crc32 per word, combined as a polynomial), never
Python's per-process salted `hash`.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np

from qa.errors import InputError

SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")
_SAMPLE = 8  # index a shingle for candidate search when hash % _SAMPLE == 0
_MIN_SAMPLED = 80  # documents with fewer shingles index all of them, or short texts would never match
# A candidate must hold at least this share (times the threshold) of the new document's
# sampled shingles: far below what a true near-duplicate shows, so none is missed, while
# articles that merely share a stock phrase are never compared in full.
_CANDIDATE_SLACK = 0.5
_MULTIPLIERS = np.array([pow(1_000_003, k, 2**64) for k in range(SHINGLE_WORDS)][::-1], dtype=np.uint64)


def exact_key(text: str) -> str:
    """sha256 of the text casefolded with whitespace collapsed: equal keys are one document."""
    return _exact_key_folded(text.casefold())


def _exact_key_folded(folded: str) -> str:
    return hashlib.sha256(" ".join(folded.split()).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS, word_hashes: dict[str, int] | None = None) -> np.ndarray:
    """Sorted unique hashes of the word `size`-grams of `text` (casefolded words).

    A text shorter than `size` words is one shingle. `word_hashes` caches word -> crc32
    across calls: words repeat so much in a corpus that hashing each distinct word once is
    what keeps this fast.
    """
    return _shingles_folded(text.casefold(), size, {} if word_hashes is None else word_hashes)


def _shingles_folded(folded: str, size: int, cache: dict[str, int]) -> np.ndarray:
    words = _WORD.findall(folded)
    if not words:
        return np.zeros(0, dtype=np.uint64)
    for w in set(words).difference(cache):
        cache[w] = zlib.crc32(w.encode("utf-8"))
    ids = np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))
    size = min(size, len(ids))
    n = len(ids) - size + 1
    acc = np.zeros(n, dtype=np.uint64)  # uint64 arithmetic wraps mod 2**64, as a hash should
    for k, mult in enumerate(_MULTIPLIERS[-size:]):
        acc = acc + ids[k:k + n] * mult
    # fold the high bits down so `% _SAMPLE` does not see only the low bits of the last word
    return np.unique(acc ^ (acc >> np.uint64(29)))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """|a & b| / |a | b| of two sorted unique arrays; 0.0 when both are empty."""
    if not len(a) and not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True)
class _Entry:
    seq: int  # insertion order: of equally similar documents the earliest is the original
    exact: str
    shingles: np.ndarray
    sampled: tuple[int, ...]


class DuplicateDetector:
    """Remembers the documents added so far and says what each new one duplicates.

    `add` returns `(exact_duplicate_of, near_duplicate_of)`, at most one of them set. An
    exact duplicate is not remembered (it will not be stored); a near-duplicate is, so a
    reprint of a reprint is found too. Adding an id again replaces its earlier text.
    """

    def __init__(self, threshold: float = 0.8) -> None:
        if not 0.0 < threshold <= 1.0:
            raise InputError(f"near-duplicate threshold must be in (0, 1], got {threshold}",
                             hint="set near_duplicate_threshold to e.g. 0.8")
        self.threshold = threshold
        self._entries: dict[str, _Entry] = {}
        self._by_exact: dict[str, str] = {}
        self._postings: dict[int, set[str]] = {}
        self._seq = 0
        self._word_hashes: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._entries

    def add(self, doc_id: str, text: str) -> tuple[str | None, str | None]:
        """Record `doc_id` and return (exact duplicate of, near duplicate of)."""
        if doc_id in self._entries:
            self.remove(doc_id)
        folded = text.casefold()
        key = _exact_key_folded(folded)
        original = self._by_exact.get(key)
        if original is not None:
            return original, None
        sh = _shingles_folded(folded, SHINGLE_WORDS, self._word_hashes)
        in_sample = sh % np.uint64(_SAMPLE) == 0
        sampled_ids = tuple((sh if len(sh) < _MIN_SAMPLED else sh[in_sample]).tolist())
        # every stored document indexed at least its in-sample shingles, whatever its size,
        # so the in-sample count is what a candidate's shared count is measured against
        near = self._most_similar(sh, sampled_ids, int(in_sample.sum()))
        self._seq += 1
        self._entries[doc_id] = _Entry(self._seq, key, sh, sampled_ids)
        self._by_exact[key] = doc_id
        postings = self._postings
        for s in sampled_ids:
            ids = postings.get(s)
            if ids is None:
                postings[s] = {doc_id}
            else:
                ids.add(doc_id)
        return None, near

    def remove(self, doc_id: str) -> None:
        """Forget `doc_id` (no error when unknown, so pruning can call it unconditionally)."""
        entry = self._entries.pop(doc_id, None)
        if entry is None:
            return
        if self._by_exact.get(entry.exact) == doc_id:
            del self._by_exact[entry.exact]
        for s in entry.sampled:
            ids = self._postings.get(s)
            if ids is not None:
                ids.discard(doc_id)
                if not ids:
                    del self._postings[s]

    def _most_similar(self, sh: np.ndarray, sampled: tuple[int, ...], in_sample: int) -> str | None:
        if not len(sh):
            return None
        shared: Counter[str] = Counter()
        for s in sampled:
            ids = self._postings.get(s)
            if ids:
                shared.update(ids)
        min_shared = _CANDIDATE_SLACK * self.threshold * in_sample
        best: tuple[float, int, str] | None = None
        for other, count in shared.items():
            entry = self._entries[other]
            if count < min_shared or _size_bound(len(sh), len(entry.shingles)) < self.threshold:
                continue
            score = jaccard(sh, entry.shingles)
            if score >= self.threshold and (best is None or (score, -entry.seq) > best[:2]):
                best = (score, -entry.seq, other)
        return best[2] if best else None


def _size_bound(a: int, b: int) -> float:
    """The largest Jaccard two sets of these sizes can have."""
    return min(a, b) / max(a, b) if a and b else 0.0
