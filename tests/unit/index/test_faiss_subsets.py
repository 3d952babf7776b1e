"""One HNSW walk serves the whole-index search and the searches restricted to outlets' rows, with the rows
and scores that separate searches return."""

import numpy as np
import pytest

from qa.index import faiss_store
from qa.index.faiss_store import AnnParams, FaissStore
from qa.index.vector_store import VectorFilter

RNG = np.random.default_rng(23)
N, DIM = 4000, 16
VECTORS = RNG.normal(size=(N, DIM)).astype(np.float32)
VECTORS /= np.linalg.norm(VECTORS, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("subsets")
    built = FaissStore.create(directory, DIM, "hnsw", AnnParams(ef_construction=40, ef_search=200, candidates=40))
    built.add(np.arange(N), VECTORS)
    built.commit()
    return FaissStore.open(directory, built.describe(), VECTORS)


def _separately(store, q, k, subsets, k_subset):
    return store.search(q, k), [store.search(q, k_subset, VectorFilter(rows=s)) for s in subsets]


@pytest.mark.parametrize("pool_max", [8192, 64])  # 64: too small a pool for any subset, each walks on its own
def test_one_walk_returns_what_separate_searches_return(store, monkeypatch, pool_max):
    monkeypatch.setattr(faiss_store, "SUBSET_POOL_MAX", pool_max)
    subsets = [np.arange(0, N, 2), np.sort(RNG.choice(N, 400, replace=False)), np.arange(100, 130)]
    for q in RNG.normal(size=(15, DIM)).astype(np.float32):
        (whole, parts), (whole_sep, parts_sep) = store.search_with_subsets(q, 30, subsets, 10), _separately(
            store, q, 30, subsets, 10)
        assert whole[0].tolist() == whole_sep[0].tolist() and whole[1].tobytes() == whole_sep[1].tobytes()
        for (rows, scores), (rows_sep, scores_sep), subset in zip(parts, parts_sep, subsets):
            assert rows.tolist() == rows_sep.tolist() and scores.tobytes() == scores_sep.tobytes()
            assert np.isin(rows, subset).all() and rows.size == 10


def test_an_exact_index_searches_each_subset_through_the_reader(tmp_path):
    flat = FaissStore.create(tmp_path, DIM, "flat", AnnParams(ef_construction=40, ef_search=64, candidates=0))
    flat.add(np.arange(N), VECTORS)
    flat.commit()
    assert not flat.searches_row_subsets
    whole, parts = flat.search_with_subsets(VECTORS[5], 3, [], 3)
    assert whole[0][0] == 5 and parts == []


def test_the_reader_serves_large_subsets_from_the_walk_and_small_ones_exactly(tmp_path, settings, content,
                                                                              monkeypatch):
    from generation_content import EMBEDDER

    from qa.index import reader as reader_module
    from qa.index.reader import open_index
    from qa.index.writer import write_generation

    root = tmp_path / "idx"
    write_generation(root, settings.replace(exact_below=2, ann_candidates=3), content)  # 4 chunks count as large
    reader = open_index(root, EMBEDDER.name, EMBEDDER.dimension)
    monkeypatch.setattr(reader_module, "EXACT_SUBSET_BELOW", 2)
    walks = []
    original = FaissStore.search_with_subsets

    def counted(self, q, k, subsets, k_subset):
        walks.append(len(subsets))
        return original(self, q, k, subsets, k_subset)

    monkeypatch.setattr(FaissStore, "search_with_subsets", counted)
    subsets = {"a": np.array([1, 2]), "b": np.array([0, 3]), "one row": np.array([2])}
    query = EMBEDDER.embed(["soldiers arrived in Kursk"])[0]
    whole, found = reader.dense_searches(query, 3, None, None, subsets, 2)
    assert walks == [2]  # the two subsets of 2 rows; the 1-row subset is searched exactly
    assert whole.tolist() == reader.dense_search(query, 3)[0].tolist()
    assert list(found) == list(subsets)
    for name, rows in subsets.items():
        assert found[name].tolist() == reader.dense_search(query, 2, rows)[0].tolist()
    filtered, _ = reader.dense_searches(query, 3, np.array([0, 1]), None, subsets, 2)  # filtered: searched apart
    assert walks == [2] and sorted(filtered.tolist()) == [0, 1]
