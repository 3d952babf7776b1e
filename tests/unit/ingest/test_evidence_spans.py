"""Sentence spans per chunk are bounded (one per 13 characters): a file of tiny sentences cannot cost hundreds of
megabytes of sentence vectors, and prose is never touched."""

from __future__ import annotations

import numpy as np
import pytest

from qa.ingest.sentences import MIN_CHARS_PER_EVIDENCE_SPAN, bounded_spans, split_sentences

PROSE = ("The council voted on Tuesday to close the old harbour bridge to lorries. Residents had asked for it. "
         "Shipping firms warned of an hour's detour. Ferries will run every twenty minutes. Work starts in May.")


def test_prose_keeps_every_sentence():
    spans = split_sentences(PROSE)
    assert len(spans) == 5 and bounded_spans(spans, len(PROSE)) == spans


def test_tiny_sentences_are_grouped_into_a_bounded_number_of_spans():
    text = '"Hi." A "b." C ' * 40
    spans = split_sentences(text)
    bounded = bounded_spans(spans, len(text))
    assert len(spans) > len(text) // MIN_CHARS_PER_EVIDENCE_SPAN
    assert len(bounded) == len(text) // MIN_CHARS_PER_EVIDENCE_SPAN
    # the groups cover the sentences in order, each from a sentence start to a sentence end
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    assert bounded[0][0] == spans[0][0] and bounded[-1][1] == spans[-1][1]
    assert all(s in starts and e in ends and s < e for s, e in bounded)
    assert all(a[1] < b[0] for a, b in zip(bounded, bounded[1:]))
    assert bounded_spans([(0, 2), (3, 5)], 5) == [(0, 5)]  # always at least one span


@pytest.mark.integration
def test_a_file_of_tiny_sentences_is_ingested_with_bounded_sentence_vectors(tmp_path, ingest_embedder):
    from qa.index.reader import open_index
    from qa.ingest.pipeline import ingest
    from qa.settings import Settings

    src = tmp_path / "in"
    src.mkdir()
    (src / "dense.txt").write_text("Mostly tiny sentences follow.\n" + "A. B. C. D. " * 300 + "\n" + PROSE + "\n",
                                   encoding="utf-8")
    settings = Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache", ingest_entities=False)
    root = tmp_path / "indexes" / "dense"
    ingest([src], root, settings, embedder=ingest_embedder)
    reader = open_index(root, settings.embedder)
    text = next(iter(reader.documents.values())).text
    total = 0
    for row, chunk in enumerate(reader.chunks):
        spans, vectors = reader.sentences_of(row)
        total += len(spans)
        assert len(spans) == len(vectors) <= max(1, len(chunk.text) // MIN_CHARS_PER_EVIDENCE_SPAN)
        assert all(chunk.start <= s < e <= chunk.end for s, e in spans)
        assert np.allclose(np.linalg.norm(vectors.astype(np.float32), axis=1), 1, atol=1e-2)
    assert total < len("A. B. C. D. " * 300) / 10  # 1,200 sentences without the bound
    prose_row = next(r for r, c in enumerate(reader.chunks) if "harbour bridge" in c.text)
    prose_spans = [text[s:e] for s, e in reader.sentences_of(prose_row)[0]]
    assert "Residents had asked for it." in prose_spans  # the prose sentences keep their own vectors


@pytest.mark.integration
def test_vectors_cached_over_other_spans_are_embedded_again(tmp_path, ingest_embedder, monkeypatch):
    import qa.ingest.pipeline as pipeline
    from qa.index.reader import open_index
    from qa.settings import Settings

    src = tmp_path / "in"
    src.mkdir()
    (src / "dense.txt").write_text("Go. " * 400 + "\n", encoding="utf-8")
    settings = Settings(indexes_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache", ingest_entities=False)
    with monkeypatch.context() as patch:  # an ingest of before the bound: one vector per sentence, cached
        patch.setattr(pipeline, "bounded_spans", lambda spans, length: spans)
        first = pipeline.ingest([src], tmp_path / "indexes" / "dense", settings, embedder=ingest_embedder)
    # the same index and its embedding cache, rebuilt: the cached vectors belong to other spans
    again = pipeline.ingest([src], tmp_path / "indexes" / "dense", settings, rebuild=True, embedder=ingest_embedder)
    assert first.chunks_embedded > 0 and again.chunks_embedded == first.chunks_embedded  # not taken from the cache
    unchanged = pipeline.ingest([src], tmp_path / "indexes" / "dense", settings, rebuild=True, embedder=ingest_embedder)
    assert unchanged.chunks_embedded == 0  # ... and the ones pooled over the bounded spans are
    reader = open_index(tmp_path / "indexes" / "dense", settings.embedder)
    for row, chunk in enumerate(reader.chunks):
        spans, vectors = reader.sentences_of(row)
        assert len(spans) == len(vectors) <= len(chunk.text) // MIN_CHARS_PER_EVIDENCE_SPAN
