"""Pure rank-fusion and score helpers: no index, no model, just arrays and lists of row ids."""

from __future__ import annotations

from typing import Hashable, Iterable, Sequence, TypeVar

import numpy as np

from qa.errors import InputError

T = TypeVar("T", bound=Hashable)


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[T]], weights: Sequence[float] | None = None, k: float = 60.0
) -> list[tuple[T, float]]:
    """Weighted reciprocal rank fusion: score(d) = sum_i w_i / (k + rank_i(d)), ranks from 1.

    The constant `k` damps the advantage of the very top ranks: with k = 60 (Cormack et al.,
    SIGIR 2009) rank 1 scores 1/61 and rank 10 scores 1/70, so an item ranked well by several
    lists beats one ranked first by a single list; a small k (say 10) trusts each list's top
    more. Weights scale a whole list (BM25 is the stronger list on news: it gets 2 by default).
    Items missing from a list get nothing from it. Returns (item, score) best first; ties keep
    the order in which items were first seen.
    """
    if k <= 0:
        raise InputError(f"the RRF constant must be greater than 0, got {k}", hint="set rrf_k to e.g. 60")
    weights = [1.0] * len(rankings) if weights is None else list(weights)
    if len(weights) != len(rankings):
        raise InputError(f"{len(weights)} weights for {len(rankings)} rankings", hint="give one weight per ranking")
    scores: dict[T, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def zscore(x: np.ndarray) -> np.ndarray:
    """(x - mean) / std as float64; all zeros when x is constant or empty."""
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        return x
    sd = float(x.std())
    return (x - x.mean()) / sd if sd > 1e-12 else np.zeros_like(x)


def minmax(x: np.ndarray) -> np.ndarray:
    """Scaled to [0, 1] as float64; all zeros when x is constant or empty."""
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        return x
    lo, hi = float(x.min()), float(x.max())
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)


def sigmoid(x: np.ndarray) -> np.ndarray:
    x = np.clip(np.asarray(x, dtype=np.float64), -30.0, 30.0)
    return 1.0 / (1.0 + np.exp(-x))


def interleave(lists: Iterable[Sequence[T]], k: int) -> list[T]:
    """Round-robin merge: each list in turn gives its best item not taken yet, until `k` items.

    Used so that every aspect of a query (each outlet it names, each clause) places its best
    passage near the top, instead of one aspect filling the whole list.
    """
    pools = [list(lst) for lst in lists]
    ptr = [0] * len(pools)
    out: list[T] = []
    seen: set[T] = set()
    while len(out) < k:
        progressed = False
        for i, pool in enumerate(pools):
            while ptr[i] < len(pool):
                item = pool[ptr[i]]
                ptr[i] += 1
                if item not in seen:
                    seen.add(item)
                    out.append(item)
                    progressed = True
                    break
            if len(out) >= k:
                break
        if not progressed:
            break
    return out
