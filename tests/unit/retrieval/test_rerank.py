import numpy as np
import pytest

from qa.errors import InputError
from qa.retrieval.protocols import RerankContext, Reranker
from qa.retrieval.query import analyze_query
from qa.retrieval.rerank import (
    DEFAULT_WEIGHTS,
    CrossEncoderReranker,
    FeatureReranker,
    build_reranker,
    sentence_similarities,
)
from qa.settings import Settings


def context(reader, query, rows, **stage):
    vectors = reader.embedder.embed([query])
    return RerankContext(reader, analyze_query(query, reader.sources), (), vectors, dict(stage))


def test_sentence_similarities_take_the_best_sentence(reader):
    q = reader.embedder.embed(["the jury was selected on tuesday"])
    rows = np.arange(len(reader.chunks))
    sims = sentence_similarities(reader, rows, q)
    assert sims.shape == (len(rows), 1)
    best = {reader.chunks[r].chunk_id for r in rows[sims[:, 0] >= sims[:, 0].max() - 1e-6]}
    assert best == {"v1-1", "g2-1"}  # the chunk holding that exact sentence (and its reprint)
    assert sentence_similarities(reader, np.zeros(0, np.int64), q).shape == (0, 1)


def test_feature_reranker_prefers_the_passage_that_answers(reader):
    query = "Did his former partner testify against him?"
    rows = np.arange(len(reader.chunks))
    ctx = context(reader, query, rows, bm25=reader.bm25.scores(query)[rows].astype(float))
    scores = FeatureReranker().rerank(query, rows, ctx)
    assert scores.shape == rows.shape and ((scores > 0) & (scores < 1)).all()
    assert reader.chunks[int(rows[np.argmax(scores)])].chunk_id == "t1-1"
    assert isinstance(FeatureReranker(), Reranker)


def test_feature_reranker_rejects_unknown_features():
    with pytest.raises(InputError):
        FeatureReranker(weights={"nonsense": 1.0})
    assert set(FeatureReranker().weights) == set(DEFAULT_WEIGHTS)


def test_build_reranker(tmp_path):
    assert build_reranker(Settings(reranker="none")) is None
    assert isinstance(build_reranker(Settings()), FeatureReranker)
    with pytest.raises(InputError) as err:
        build_reranker(Settings(reranker=str(tmp_path / "missing")))
    assert "QA_RERANKER" in err.value.hint


def test_cross_encoder_is_lazy(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    reranker = CrossEncoderReranker(tmp_path)
    assert reranker._model is None and reranker.name.startswith("cross-encoder:")
