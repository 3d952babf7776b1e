"""The writer writes a generation the reader opens, memory-mapped, on every file-backed backend."""

import numpy as np
import pytest

from qa.errors import IndexCorruptError
from qa.index import generations
from qa.index.layout import SENTENCE_VECTORS, VECTORS
from qa.index.reader import open_index
from qa.index.writer import write_generation
from qa.retrieval.filters import SearchFilters

from conftest import EMBEDDER


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
