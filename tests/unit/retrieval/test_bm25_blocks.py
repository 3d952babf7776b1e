"""BM25 scores summed block by block (large indexes) are the floats one bincount over every row gives."""

import numpy as np

from qa.retrieval import bm25 as bm25_module
from qa.retrieval.bm25 import Bm25Index, top_k

WORDS = "troops border drone strike river bridge minister talks sanctions oil gas grain port ship".split()


def test_block_scores_equal_whole_scores(monkeypatch):
    rng = np.random.default_rng(3)
    texts = [" ".join(rng.choice(WORDS, size=int(rng.integers(3, 12)))) for _ in range(200)]
    index = Bm25Index.build(texts)
    query = "drone strike on the river bridge, strike talks"  # a repeated term counts twice
    whole = index.scores(query)
    monkeypatch.setattr(bm25_module, "SCORE_BLOCK_ROWS", 16)  # 13 blocks, the last one short
    blocked = index.scores(query)
    assert blocked.dtype == np.float32 and np.array_equal(blocked, whole) and (whole > 0).sum() > 100
    assert top_k(blocked, 10)[0].tolist() == top_k(whole, 10)[0].tolist()
    assert not index.scores("unknown words only").any()


def test_top_k_of_a_large_array_is_exact_with_ties():
    rng = np.random.default_rng(5)
    scores = np.where(rng.random(200_000) < 0.6, rng.random(200_000).astype(np.float32), 0).astype(np.float32)
    scores[[7, 70_000, 150_000]] = 5.0  # ties at the top: broken by row
    rows, values = top_k(scores, 100)
    cand = np.flatnonzero(scores > 0)
    expected = cand[np.lexsort((cand, -scores[cand]))][:100]
    assert rows.tolist() == expected.tolist() and rows[:3].tolist() == [7, 70_000, 150_000]
    np.testing.assert_array_equal(values, scores[expected])
    few = np.zeros(200_000, np.float32)
    few[[3, 9]] = [1.0, 2.0]  # fewer positive rows than k: all of them
    assert top_k(few, 100)[0].tolist() == [9, 3]
