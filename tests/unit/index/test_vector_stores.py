"""Every backend answers the same searches the same way (exact search is the reference)."""

import numpy as np
import pytest

from qa.errors import InputError
from qa.index.faiss_store import AnnParams, FaissStore
from qa.index.layout import FAISS_INDEX
from qa.index.memory_store import MemoryStore
from qa.index.vector_store import RowFields, VectorFilter, choose_index_type, exact_search

RNG = np.random.default_rng(7)
VECTORS = RNG.normal(size=(300, 16)).astype(np.float32)
VECTORS /= np.linalg.norm(VECTORS, axis=1, keepdims=True)
QUERIES = VECTORS[:20] + 0.1 * RNG.normal(size=(20, 16)).astype(np.float32)
PARAMS = AnnParams(ef_construction=40, ef_search=64, candidates=20)


def _fields(i: int) -> RowFields:
    return RowFields(chunk_id=f"c{i}", doc_id=f"d{i // 3}", start=0, end=1, source=["Reuters", "AP"][i % 2],
                     published_at=f"2024-{1 + i % 12:02d}-01", text=f"text {i}")


def test_exact_search_is_best_first_and_respects_rows():
    rows, scores = exact_search(VECTORS, QUERIES[0], 5)
    full = VECTORS @ QUERIES[0]
    assert rows.tolist() == np.argsort(-full)[:5].tolist()
    assert np.all(np.diff(scores) <= 0)
    subset = np.array([10, 20, 30])
    assert set(exact_search(VECTORS, QUERIES[0], 10, subset)[0].tolist()) == {10, 20, 30}
    assert exact_search(VECTORS, QUERIES[0], 3, np.zeros(0, np.int64))[0].size == 0


def test_choose_index_type_by_size():
    assert choose_index_type("auto", 199_999, 200_000) == "flat"
    assert choose_index_type("auto", 200_000, 200_000) == "hnsw"
    assert choose_index_type("ivf", 10, 200_000) == "ivf"


@pytest.mark.parametrize("index_type", ["flat", "hnsw", "ivf"])
def test_faiss_store_writes_reopens_and_matches_exact_search(tmp_path, index_type):
    store = FaissStore.create(tmp_path, 16, index_type, PARAMS)
    store.add(np.arange(150, 300), VECTORS[150:])  # any order of batches: rows are sorted at commit
    store.add(np.arange(0, 150), VECTORS[:150])
    store.commit()
    assert (tmp_path / FAISS_INDEX).exists()
    reopened = FaissStore.open(tmp_path, store.describe(), VECTORS)
    assert reopened.count() == 300 and reopened.index_type == index_type
    recall = np.mean([len(set(reopened.search(q, 10)[0]) & set(exact_search(VECTORS, q, 10)[0])) / 10 for q in QUERIES])
    assert recall >= (1.0 if index_type == "flat" else 0.9)
    assert reopened.describe()["backend"] == "faiss"


def test_faiss_store_rejects_gaps_and_late_deletes(tmp_path):
    store = FaissStore.create(tmp_path, 16, "flat", PARAMS)
    store.add(np.array([0, 2]), VECTORS[:2])
    with pytest.raises(InputError):
        store.commit()
    store = FaissStore.create(tmp_path, 16, "flat", PARAMS)
    store.add(np.arange(3), VECTORS[:3])
    store.delete(np.array([2]))  # staged rows can be dropped before the commit
    store.commit()
    assert store.count() == 2
    with pytest.raises(InputError):
        store.delete(np.array([0]))


def test_memory_store_add_delete_count_and_filters():
    store = MemoryStore(16)
    store.add(np.arange(300), VECTORS, [_fields(i) for i in range(300)])
    store.commit()
    assert store.count() == 300
    assert store.search(QUERIES[3], 5)[0].tolist() == exact_search(VECTORS, QUERIES[3], 5)[0].tolist()
    store.delete(np.array([3]))
    assert store.count() == 299 and 3 not in store.search(QUERIES[3], 5)[0].tolist()
    rows, _ = store.search(QUERIES[0], 50, VectorFilter(sources=("ap",), date_from="2024-03", date_to="2024-05"))
    assert rows.size and all(i % 2 == 1 and 3 <= 1 + i % 12 <= 5 for i in rows.tolist())
    rows, _ = store.search(QUERIES[0], 50, VectorFilter(rows=np.array([5, 7, 9])))
    assert sorted(rows.tolist()) == [5, 7, 9]
