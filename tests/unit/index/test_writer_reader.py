"""The writer writes a generation the reader opens, memory-mapped, on every file-backed backend."""

import numpy as np
import pytest

from qa.errors import IndexCorruptError
from qa.index import generations
from qa.index.layout import SENTENCE_VECTORS, VECTORS
from qa.index.reader import open_index
from qa.index.writer import write_generation
from qa.retrieval.filters import SearchFilters

from generation_content import EMBEDDER


@pytest.mark.parametrize("backend", ["faiss", "memory"])
def test_round_trip(tmp_path, settings, content, backend):
    root = tmp_path / "idx"
    name = write_generation(root, settings.replace(vector_store=backend), content)
    reader = open_index(root, EMBEDDER.name, EMBEDDER.dimension)
    assert reader.generation == name and len(reader) == 4 and reader.store.backend == backend
    assert reader.info()["vector_store"] == backend
    assert isinstance(reader.vectors, np.memmap) and isinstance(reader.sentence_vectors, np.memmap)
    assert reader.sentence_vectors.dtype == np.float16
    np.testing.assert_allclose(reader.sentence_vectors, content.sentence_vectors, atol=1e-3)
    query = EMBEDDER.embed(["soldiers arrived in Kursk"])[0]
    rows, scores = reader.dense_search(query, 2)
    assert rows[0] == 0 and scores[0] > scores[1]
    # filters resolve to rows for backends that do not evaluate expressions
    only = reader.dense_search(query, 4, np.array([1, 2]), filters=SearchFilters(sources=("AP",)))[0]
    assert sorted(only.tolist()) == [1, 2]
    assert reader.bm25.search("robotics startup", 1)[0].tolist() == [2]
    spans, vecs = reader.sentences_of(0)
    assert spans.shape == (2, 2) and vecs.shape == (2, EMBEDDER.dimension)


def test_new_generation_replaces_the_old(tmp_path, settings, content):
    root = tmp_path / "idx"
    first = write_generation(root, settings, content)
    second = write_generation(root, settings, content)
    assert generations.current_generation(root) == second != first
    assert open_index(root, EMBEDDER.name).manifest["counts"]["chunks"] == 4


def test_damaged_array_fails_with_rebuild_hint(tmp_path, settings, content):
    root = tmp_path / "idx"
    write_generation(root, settings, content)
    _, gen = generations.require_current(root)
    (gen / VECTORS).write_bytes(b"\x93NUMPY garbage")
    with pytest.raises(IndexCorruptError):
        open_index(root, EMBEDDER.name)
    assert (gen / SENTENCE_VECTORS).exists()


@pytest.mark.parametrize("backend", ["faiss", "memory", "milvus"])
def test_filters_give_the_same_rows_on_every_backend(tmp_path, settings, content, backend):
    """Milvus evaluates source/date filters as expressions; the others search the allowed rows exactly."""
    from qa.retrieval.filters import filter_rows

    root = tmp_path / "idx"
    write_generation(root, settings.replace(vector_store=backend), content)
    reader = open_index(root, EMBEDDER.name)
    assert reader.store.pushes_down_filters == (backend == "milvus")
    query = EMBEDDER.embed(["money and rates"])[0]
    for filters in (SearchFilters(sources=("REUTERS",)), SearchFilters(date_from="2024-10", date_to="2024-10-31"),
                    SearchFilters(sources=("AP", "BBC"), date_to="2024-12")):
        rows, scores = reader.dense_search(query, 10, filter_rows(reader, filters), filters=filters)
        expected = sorted(filter_rows(reader, filters).tolist())
        assert sorted(rows.tolist()) == expected, filters
        assert np.all(np.diff(scores) <= 1e-6)


def test_big_index_path_reads_the_docstore_on_demand(tmp_path, settings, content, monkeypatch):
    """Past EAGER_BELOW chunks the reader opens SQLite views; what queries see is the same."""
    from qa.index import reader as reader_module
    from qa.index.docstore_views import ChunkTable, DocumentTable

    root = tmp_path / "idx"
    write_generation(root, settings, content)
    eager = open_index(root, EMBEDDER.name)
    monkeypatch.setattr(reader_module, "EAGER_BELOW", 0)
    lazy = open_index(root, EMBEDDER.name)
    assert isinstance(lazy.chunks, ChunkTable) and isinstance(lazy.documents, DocumentTable)
    assert len(lazy) == len(eager) and list(lazy.chunks) == list(eager.chunks)
    assert [lazy.chunks[i] for i in range(4)] == [eager.chunks[i] for i in range(4)] and lazy.chunks[-1] == eager.chunks[-1]
    assert dict(lazy.documents.items()) == eager.documents and "a2" in lazy.documents and "zz" not in lazy.documents
    assert lazy.chunk_row["a3:0"] == eager.chunk_row["a3:0"] == 2 and lazy.chunk_row.get("nope") is None
    assert {k: v.tolist() for k, v in lazy.chunk_doc_rows.items()} == {k: v.tolist() for k, v in eager.chunk_doc_rows.items()}
    assert lazy.row_source.tolist() == eager.row_source.tolist() == ["Reuters", "AP", "reuters", "BBC"]
    assert lazy.row_date.tolist() == eager.row_date.tolist()
    assert {k: v.tolist() for k, v in lazy.rows_by_source.items()} == {"AP": [1], "BBC": [3], "Reuters": [0], "reuters": [2]}
    assert lazy.sources == eager.sources and lazy.latest_year == eager.latest_year == 2024
    assert lazy.orphan_chunks() == eager.orphan_chunks() == 0
    assert lazy.hit(2, 0.5).title == eager.hit(2, 0.5).title == "Robots"
