"""The approximate FAISS index: HNSW over 8-bit codes, re-scored exactly, chosen by size, restricted to rows."""

import faiss
import numpy as np
import pytest

from qa.errors import InputError
from qa.index import reader as reader_module
from qa.index.faiss_store import LEGACY_EF_SEARCH, AnnParams, FaissStore
from qa.index.layout import FAISS_INDEX
from qa.index.reader import open_index
from qa.index.vector_store import VectorFilter, exact_search
from qa.index.writer import write_generation

from generation_content import EMBEDDER

RNG = np.random.default_rng(11)
VECTORS = RNG.normal(size=(3000, 32)).astype(np.float32)
VECTORS /= np.linalg.norm(VECTORS, axis=1, keepdims=True)
QUERIES = RNG.normal(size=(30, 32)).astype(np.float32)
PARAMS = AnnParams(ef_construction=80, ef_search=128, candidates=50)


def _recall(search, queries, rows=None) -> float:
    found = [len(set(search(q)[0].tolist()) & set(exact_search(VECTORS, q, 10, rows)[0].tolist())) / 10 for q in queries]
    return float(np.mean(found))


@pytest.fixture(scope="module")
def hnsw_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("hnsw")
    store = FaissStore.create(directory, 32, "hnsw", PARAMS)
    for start in range(0, 3000, 1000):  # the writer adds in batches; the index is built from them in row order
        store.add(np.arange(start, start + 1000), VECTORS[start:start + 1000])
    store.commit()
    return directory, store.describe()


def test_hnsw_is_built_over_8bit_codes_and_records_how_it_is_searched(hnsw_dir):
    directory, described = hnsw_dir
    assert described == {"backend": "faiss", "index_type": "hnsw", "file": FAISS_INDEX, "encoding": "sq8",
                         "ef_construction": 80, "ef_search": 128, "candidates": 50}
    index = faiss.read_index(str(directory / FAISS_INDEX))
    assert isinstance(faiss.downcast_index(index), faiss.IndexHNSWSQ)
    store = FaissStore.open(directory, described, VECTORS)
    assert faiss.downcast_index(store._index).hnsw.efSearch == 128


def test_refined_search_returns_exact_scores_with_high_recall(hnsw_dir):
    directory, described = hnsw_dir
    store = FaissStore.open(directory, described, VECTORS)
    assert _recall(lambda q: store.search(q, 10), QUERIES) >= 0.95
    rows, scores = store.search(QUERIES[0], 10)
    np.testing.assert_allclose(scores, VECTORS[rows] @ QUERIES[0], rtol=1e-5)  # exact, not 8-bit, scores
    assert np.all(np.diff(scores) <= 0) and rows.size == 10
    unrefined = FaissStore.open(directory, described)  # no vectors: the codes' approximate scores
    assert not np.allclose(unrefined.search(QUERIES[0], 10)[1], VECTORS[unrefined.search(QUERIES[0], 10)[0]] @ QUERIES[0],
                           rtol=1e-6)


def test_hnsw_searches_a_row_subset_and_flat_refuses_to(hnsw_dir, tmp_path):
    directory, described = hnsw_dir
    store = FaissStore.open(directory, described, VECTORS)
    subset = np.flatnonzero(RNG.random(3000) < 0.2)
    rows, _ = store.search(QUERIES[1], 10, VectorFilter(rows=subset))
    assert rows.size == 10 and set(rows.tolist()) <= set(subset.tolist())
    assert _recall(lambda q: store.search(q, 10, VectorFilter(rows=subset)), QUERIES, subset) >= 0.9
    flat = FaissStore.create(tmp_path, 32, "flat", PARAMS)
    flat.add(np.arange(3000), VECTORS)
    flat.commit()
    with pytest.raises(InputError):
        flat.search(QUERIES[0], 10, VectorFilter(rows=subset))


def test_a_generation_written_before_the_sq_encoding_opens_as_before(tmp_path):
    legacy = faiss.IndexHNSWFlat(32, 16, faiss.METRIC_INNER_PRODUCT)
    legacy.add(VECTORS)
    faiss.write_index(legacy, str(tmp_path / FAISS_INDEX))
    store = FaissStore.open(tmp_path, {"backend": "faiss", "index_type": "hnsw"}, VECTORS)
    assert faiss.downcast_index(store._index).hnsw.efSearch == LEGACY_EF_SEARCH
    rows, scores = store.search(QUERIES[0], 5)
    np.testing.assert_allclose(scores, legacy.search(QUERIES[:1], 5)[0][0], rtol=1e-6)  # no refine step


def test_auto_chooses_hnsw_above_the_threshold_and_the_reader_uses_it(tmp_path, settings, content, monkeypatch):
    """Forced thresholds: a 4-chunk index counts as large (exact_below=2), and so does a 2-row subset."""
    root = tmp_path / "idx"
    write_generation(root, settings.replace(exact_below=2, hnsw_ef_search=77, ann_candidates=3), content)
    reader = open_index(root, EMBEDDER.name, EMBEDDER.dimension)
    assert reader.store.index_type == "hnsw" and reader.manifest["vector_store"]["encoding"] == "sq8"
    assert reader.manifest["vector_store"]["ef_search"] == 77
    query = EMBEDDER.embed(["soldiers arrived in Kursk"])[0]
    assert reader.dense_search(query, 2)[0].tolist() == exact_search(reader.vectors, query, 2)[0].tolist()
    monkeypatch.setattr(reader_module, "EXACT_SUBSET_BELOW", 2)
    searched, original = [], FaissStore._search_subset
    monkeypatch.setattr(FaissStore, "_search_subset",
                        lambda self, q, k, allowed: searched.append(allowed) or original(self, q, k, allowed))
    rows, _ = reader.dense_search(query, 4, np.array([1, 2]))
    assert sorted(rows.tolist()) == [1, 2] and len(searched) == 1
    write_generation(root, settings.replace(exact_below=5), content)
    assert open_index(root, EMBEDDER.name, EMBEDDER.dimension).store.index_type == "flat"
