"""Is a cited sentence supported by the passage it cites? A calibrated overlap test.

Three signals, cheapest first:

* `numbers_ok`: every number written in the claim (10,000 == 10000) appears in the quote. A
  claim with a number the quote does not hold is never supported, whatever else matches;
* `overlap`: the share of the claim's content terms (BM25 tokens, light stemming, irregular
  verbs mapped) found in the quote (a synonym counts 0.8, a shared 5-letter stem 0.7);
* `similarity`: cosine of the claim and quote embeddings (only computed when overlap alone
  does not decide, so the extractive path, whose claims are built from the quotes, pays nothing).

Decision (calibrated on hand-made pairs in tests/unit/answer/test_verify.py and on the bundled
Qwen 0.5B's answers to the kursk question set):

    supported = numbers_ok and (overlap >= 0.6 or (overlap >= 0.3 and similarity >= 0.55))

Paraphrases of the quote pass ("the Pentagon said about 10,000 were sent to train" vs the
Pentagon sentence: overlap 0.8); a sentence about the right topic with another figure or an
unrelated claim fails (overlap < 0.3, or a number mismatch).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from qa.answer.quantities import numbers_in
from qa.answer.question import content_terms, term_match

OVERLAP_SURE = 0.6
OVERLAP_MIN = 0.3
SIMILARITY_MIN = 0.55


@dataclass(frozen=True)
class Support:
    overlap: float
    numbers_ok: bool
    similarity: float | None
    supported: bool

    @property
    def score(self) -> float:
        """One number in [0, 1] for ranking alternatives: overlap, averaged with similarity when known."""
        if not self.numbers_ok:
            return 0.0
        return self.overlap if self.similarity is None else 0.5 * (self.overlap + self.similarity)


def overlap(claim: str, quote: str) -> float:
    """Share of the claim's content terms found in the quote (1.0 for a claim with no content terms)."""
    terms = list(dict.fromkeys(content_terms(claim)))
    if not terms:
        return 1.0
    have = frozenset(content_terms(quote))
    return sum(term_match(t, have) for t in terms) / len(terms)


def numbers_match(claim: str, quote: str) -> bool:
    """Every number in the claim is in the quote (as a value: 10,000 == 10000; 1.3 million == 1300000)."""
    wanted = numbers_in(claim)
    if not wanted:
        return True
    have = numbers_in(quote)
    return all(any(abs(w - h) <= 1e-9 * max(1.0, abs(h)) for h in have) for w in wanted)


def check(claim: str, quote: str, similarity: float | None = None) -> Support:
    """Decide support from overlap and numbers, using `similarity` when overlap is in the grey zone."""
    ov = overlap(claim, quote)
    nums = numbers_match(claim, quote)
    if not nums:
        return Support(ov, False, similarity, False)
    if ov >= OVERLAP_SURE:
        return Support(ov, True, similarity, True)
    ok = ov >= OVERLAP_MIN and similarity is not None and similarity >= SIMILARITY_MIN
    return Support(ov, True, similarity, ok)


def needs_similarity(claim: str, quote: str) -> bool:
    """True when the cheap signals do not decide (so an embedding is worth computing)."""
    return numbers_match(claim, quote) and OVERLAP_MIN <= overlap(claim, quote) < OVERLAP_SURE


def check_all(
    pairs: Sequence[tuple[str, str]],
    embedder: Any | None = None,
    quote_vectors: Sequence[np.ndarray | None] | None = None,
) -> list[Support]:
    """Check many (claim, quote) pairs, embedding in one batch only the claims the cheap test leaves open.

    `quote_vectors[i]`, when given, is the stored vector of quote i (saves embedding it again).
    """
    grey = [i for i, (c, q) in enumerate(pairs) if needs_similarity(c, q)]
    sims: dict[int, float] = {}
    if grey and embedder is not None:
        claim_vecs = embedder.embed([pairs[i][0] for i in grey])
        missing = [i for i in grey if quote_vectors is None or quote_vectors[i] is None]
        fresh = dict(zip(missing, embedder.embed([pairs[i][1] for i in missing]))) if missing else {}
        for row, i in enumerate(grey):
            qv = fresh[i] if i in fresh else quote_vectors[i]  # type: ignore[index]
            sims[i] = float(np.dot(claim_vecs[row], qv))
    return [check(c, q, sims.get(i)) for i, (c, q) in enumerate(pairs)]
