"""Hybrid retrieval over the real sample index (5 articles) with the real query embedder."""

from __future__ import annotations

import numpy as np
import pytest

from qa.errors import InputError
from qa.index.reader import open_index
from qa.index.bm25_files import read_bm25
from qa.retrieval.bm25 import Bm25Index
from qa.retrieval.filters import SearchFilters
from qa.retrieval.hybrid import HybridRetriever
from qa.retrieval.protocols import Retriever
from qa.retrieval.rerank import FeatureReranker
from qa.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def reader(kursk_index_master):
    return open_index(kursk_index_master, Settings().embedder)


@pytest.fixture(scope="module")
def retriever(reader, fast_embedder):
    return HybridRetriever(reader, fast_embedder, Settings(), FeatureReranker())


def test_bm25_is_built_at_ingest_and_loads_without_pickle(reader):
    assert isinstance(reader.bm25, Bm25Index) and len(reader.bm25) == len(reader.chunks)
    reloaded = read_bm25(reader.generation_path)
    np.testing.assert_allclose(reloaded.scores("Pentagon troops"), reader.bm25.scores("Pentagon troops"))


@pytest.mark.parametrize(
    "question, needle",
    [
        ("How many North Korean soldiers did the Pentagon say were sent to train in eastern Russia?", "10,000"),
        ("How many fighters were in the first group that arrived in Kursk?", "1,000"),
        ("Who described the deployment as a dangerous expansion of the conflict?", "dangerous expansion"),
    ],
)
def test_the_passage_with_the_answer_is_near_the_top(retriever, question, needle):
    result = retriever.retrieve(question, 4)
    assert any(needle in h.chunk.text for h in result.hits)
    assert set(result.timings_ms) == {"embed", "dense", "bm25", "fuse", "rerank"}


def test_hits_are_exact_spans_with_stage_scores(retriever, reader):
    hits = retriever.retrieve("North Korean troops in Kursk", 8).hits
    assert isinstance(retriever, Retriever) and len(hits) == 8
    assert len({h.chunk_id for h in hits}) == 8
    for h in hits:
        assert reader.documents[h.doc_id].text[h.chunk.start : h.chunk.end] == h.chunk.text
        assert {"bm25", "dense", "rrf", "sentence", "rerank"} <= set(h.scores)


def test_reranker_none_and_filters(reader, fast_embedder):
    retriever = HybridRetriever(reader, fast_embedder, Settings(reranker="none"), None)
    assert retriever.retrieve("Pentagon estimate of troops", 3).hits
    dated_docs = [d for d in reader.documents.values() if d.published_at]
    if dated_docs:
        assert len(retriever.retrieve("Pentagon estimate of troops", 3, SearchFilters(date_from="1990-01-01")).hits) == 3
    else:  # a date filter over undated articles matches nothing, and says so (filters.py)
        with pytest.raises(InputError, match="published on or after 1990-01-01"):
            retriever.retrieve("Pentagon estimate of troops", 3, SearchFilters(date_from="1990-01-01"))


def test_service_search_uses_this_path(kursk_service):
    result = kursk_service.search("How many North Korean troops are in the Kursk region?", k=5)
    assert 0 < len(result.hits) <= 5
    assert "rerank" in result.timings_ms


@pytest.mark.parametrize(
    "question",
    [
        "How many North Korean troops were reported in Kursk?",
        "What did the Pentagon and NATO say about North Korean troops in Kursk?",
    ],
)
def test_a_deeper_ranking_starts_with_the_shallower_one(retriever, question):
    """An answer reads figures from the top 20 but shows the top 8: they must be the same 8."""
    shallow = [h.chunk_id for h in retriever.retrieve(question, 8).hits]
    deep = [h.chunk_id for h in retriever.retrieve(question, 20).hits]
    assert deep[:8] == shallow
