import numpy as np
import pytest

from qa.errors import InputError
from qa.retrieval.bm25 import Bm25Index, idf_of, tokenize, top_k

TEXTS = [
    "Troops arrived in the Kursk region on Wednesday.",
    "The Pentagon said 10,000 soldiers were training in eastern Russia.",
    "Markets rallied as the central bank held rates.",
    "Kursk, Kursk and again Kursk: the region dominates the news.",
]


def test_tokenize_lowercases_drops_stopwords_possessives_and_stems():
    tokens = tokenize("The Pentagon's soldiers were training in the regions")
    assert tokens == ["pentagon", "soldier", "train", "region"]
    assert tokenize("Bankman-Fried’s trial") == ["bankman", "fri", "trial"]
    assert tokenize("It is 2023 and 10,000 troops") == ["2023", "10", "000", "troop"]
    assert tokenize("") == []


def test_stemming_is_light():
    assert tokenize("stories companies") == ["story", "company"]
    assert tokenize("glass bus analysis") == ["glass", "bus", "analysis"]
    assert tokenize("news") == ["new"]  # deliberately crude: documented, measured


def test_search_ranks_by_bm25_and_skips_zero_scores():
    index = Bm25Index.build(TEXTS)
    rows, scores = index.search("Kursk region", 10)
    assert rows.tolist()[:2] == [3, 0]
    assert 2 not in rows.tolist() and (scores > 0).all()
    assert np.all(np.diff(scores) <= 0)


def test_scores_match_the_bm25_formula():
    index = Bm25Index.build(TEXTS, k1=1.2, b=0.75)
    lengths = [len(tokenize(t)) for t in TEXTS]
    avg = sum(lengths) / len(lengths)
    tf, n, df = 1, len(TEXTS), 1
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    expected = idf * tf * 2.2 / (tf + 1.2 * (1 - 0.75 + 0.75 * lengths[1] / avg))
    assert index.scores("pentagon")[1] == pytest.approx(expected, rel=1e-5)
    assert idf_of(index, "pentagon") == pytest.approx(idf)
    assert idf_of(index, "unknown") == 0.0


def test_restricting_rows_and_unknown_terms():
    index = Bm25Index.build(TEXTS)
    rows, _ = index.search("Kursk", 5, rows=np.array([0, 1, 2]))
    assert rows.tolist() == [0]
    rows, scores = index.search("zzzz qqqq", 5)
    assert rows.size == 0 and scores.size == 0
    with pytest.raises(InputError):
        index.search("Kursk", 0)


def test_empty_index():
    index = Bm25Index.build([])
    assert index.search("anything", 3)[0].size == 0


def test_top_k_breaks_ties_by_row():
    rows, scores = top_k(np.array([1.0, 2.0, 2.0, 0.0, 1.0], dtype=np.float32), 3)
    assert rows.tolist() == [1, 2, 0]
