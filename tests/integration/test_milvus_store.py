"""The Milvus backend against a real embedded milvus-lite (a file under tmp_path, no server)."""

from __future__ import annotations

import numpy as np
import pytest

from qa.index.milvus_store import LITE_FILE, MilvusStore, alias_name, filter_expression
from qa.index.vector_store import RowFields, VectorFilter, exact_search

pytestmark = pytest.mark.integration

RNG = np.random.default_rng(3)
VECTORS = RNG.normal(size=(200, 16)).astype(np.float32)
VECTORS /= np.linalg.norm(VECTORS, axis=1, keepdims=True)
SOURCES = ["Reuters", "AP", "BBC News"]


def _fields(i: int) -> RowFields:
    return RowFields(chunk_id=f"c{i}", doc_id=f"d{i // 4}", start=i, end=i + 10, source=SOURCES[i % 3],
                     published_at=f"2024-{1 + i % 12:02d}-15T08:00:00+00:00" if i % 10 else "",
                     text=f"chunk {i} about {'troops in Kursk' if i % 5 == 0 else 'markets and rates'}")


def _write(root, generation: str, n: int = 200, index_type: str = "flat") -> MilvusStore:
    store = MilvusStore.create(root, generation, 16, index_type, None, None)
    store.add(np.arange(n), VECTORS[:n], [_fields(i) for i in range(n)])
    store.commit()
    return store


def test_filter_expression_pushes_sources_and_date_prefixes():
    assert filter_expression(None) == ""
    expr = filter_expression(VectorFilter(sources=("Reuters", " ap"), date_from="2024-03", date_to="2024-05"))
    assert expr == 'source_key in ["ap", "reuters"] and published_at >= "2024-03" and published_at != "" and published_at < "2024-05~"'


def test_search_matches_exact_and_filters_run_in_milvus(tmp_path):
    root = tmp_path / "news"
    store = _write(root, "g000001")
    assert (root / LITE_FILE).exists()
    assert store.count() == 200
    for q in VECTORS[:5]:
        assert store.search(q, 10)[0].tolist() == exact_search(VECTORS, q, 10)[0].tolist()
    where = VectorFilter(sources=("reuters",), date_from="2024-03", date_to="2024-04")
    rows, scores = store.search(VECTORS[0], 50, where)
    expected = [i for i in range(200) if i % 3 == 0 and i % 10 and 3 <= 1 + i % 12 <= 4]
    assert sorted(rows.tolist()) == expected
    assert np.all(np.diff(scores) <= 1e-6)
    described = store.describe()
    assert described["backend"] == "milvus" and described["uri"] is None and described["lite_file"] == LITE_FILE


def test_full_text_search_when_supported(tmp_path):
    store = _write(tmp_path / "news", "g000001")
    if not store.full_text:
        pytest.skip("this Milvus has no full-text search")
    rows, scores = store.lexical_search("troops Kursk", 5)
    assert rows.size == 5 and all(r % 5 == 0 for r in rows.tolist()) and np.all(scores > 0)


def test_alias_switches_to_the_new_collection_and_drops_superseded_ones(tmp_path):
    root = tmp_path / "news"
    alias = alias_name(root)
    first = _write(root, "g000001", n=100)
    first.publish(["g000001"])
    client = first._client
    assert client.describe_alias(alias)["collection_name"] == f"{alias}_g000001"
    # an ingest killed before its switch: a collection nobody points at, the alias unchanged
    _write(root, "g000002", n=150)
    assert client.describe_alias(alias)["collection_name"] == f"{alias}_g000001"
    assert client.search(alias, data=[VECTORS[0].tolist()], anns_field="vector", limit=200)[0].__len__() == 100
    # the next ingest reuses nothing of it, switches the alias, and drops what no generation on disk names
    third = _write(root, "g000003", n=200)
    third.publish(["g000003"])
    assert client.describe_alias(alias)["collection_name"] == f"{alias}_g000003"
    names = {n for n in client.list_collections() if n.startswith(alias)}
    assert names == {f"{alias}_g000003"}
    reopened = MilvusStore.open(root, third.describe(), None)
    assert reopened.count() == 200


def test_missing_collection_is_a_damaged_index(tmp_path):
    from qa.errors import IndexCorruptError

    root = tmp_path / "news"
    store = _write(root, "g000001", n=10)
    described = dict(store.describe(), collection=f"{alias_name(root)}_g999999")
    with pytest.raises(IndexCorruptError):
        MilvusStore.open(root, described, None)


def test_delete_and_count(tmp_path):
    store = _write(tmp_path / "news", "g000001", n=20)
    store.delete(np.array([0, 1, 2]))
    store.commit()
    assert store.count() == 17
    assert not {0, 1, 2} & set(store.search(VECTORS[0], 20)[0].tolist())
