"""Integrity checks of a generation: the sealed manifest, fast digests on open, CURRENT, --verify,
the pruned-while-loading retry and the cleanup of a killed writer's leftovers.

Generations are written by the real writer from deterministic content (tests/unit/index/conftest.py).
"""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

from qa.errors import IndexCorruptError, IndexMismatchError
from qa.index import generations, integrity, reader as reader_module
from qa.index.docstore import FILE as DOCSTORE
from qa.index.layout import SENTENCE_VECTORS, VECTORS
from qa.index.reader import open_index
from qa.index.writer import write_generation

from generation_content import EMBEDDER, make_content


@pytest.fixture
def index(tmp_path, settings, content):
    root = tmp_path / "idx"
    name = write_generation(root, settings, content)
    return root, generations.generation_path(root, name)


def _open(root):
    return open_index(root, EMBEDDER.name, EMBEDDER.dimension)


def _flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _reseal(gen, edit):
    """Edit a manifest the way only a writer could: digests of the files as they are, checksum renewed."""
    manifest = json.loads((gen / "manifest.json").read_text())
    edit(manifest)
    manifest["files"] = integrity.file_digests(gen, skip="manifest.json")
    (gen / "manifest.json").write_text(json.dumps(integrity.seal(manifest)))


def test_writer_seals_the_manifest_and_records_fast_digests(index):
    root, gen = index
    manifest = generations.read_manifest(gen)
    assert manifest[integrity.MANIFEST_CHECKSUM] == integrity.manifest_checksum(manifest)
    assert all(integrity.FAST_DIGEST in entry and "sha256" in entry for entry in manifest["files"].values())
    assert {DOCSTORE, VECTORS, SENTENCE_VECTORS} <= set(manifest["files"])
    assert generations.verify_checksums(gen, manifest) == []
    assert generations.verify_checksums(gen, manifest, full=True) == []


@pytest.mark.parametrize("body", [
    b"[]", b"{}", b"null", b'"manifest"', b"", b"{\"format_version\": 1", b'{"a": "\xff\xfe"}',
    b'{"format_version": 1}', b'{"format_version": true, "counts": {}}', b"1" * 5000,
])
def test_unreadable_or_malformed_manifest_is_damage(index, body):
    root, gen = index
    (gen / "manifest.json").write_bytes(body)
    with pytest.raises(IndexCorruptError) as info:
        generations.read_manifest(gen)
    assert info.value.exit_code == 5 and "--rebuild" in info.value.hint and "\n" not in info.value.message


@pytest.mark.parametrize("edit", [
    lambda m: m["counts"].update(chunks=999),
    lambda m: m.pop("files"),
    lambda m: m["files"].pop(VECTORS),
    lambda m: m["embedder"].update(dimension=33),
])
def test_any_edit_of_a_sealed_manifest_is_damage(index, edit):
    root, gen = index
    manifest = json.loads((gen / "manifest.json").read_text())
    edit(manifest)
    (gen / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexCorruptError, match="checksum"):
        _open(root)


def test_another_format_version_is_a_mismatch_not_damage(index):
    root, gen = index
    _reseal(gen, lambda m: m.update(format_version=generations.FORMAT_VERSION + 1))
    with pytest.raises(IndexMismatchError):
        generations.read_manifest(gen)


@pytest.mark.parametrize("name", [VECTORS, SENTENCE_VECTORS, "vectors.faiss", "bm25_weights.npy", DOCSTORE])
def test_same_size_flip_is_caught_on_open(index, name):
    root, gen = index
    path = gen / name
    _flip(path, path.stat().st_size - 3)  # in the data, past any header
    with pytest.raises(IndexCorruptError) as info:
        _open(root)
    assert f"{name} checksum differs" in info.value.message and "--rebuild" in info.value.hint


def test_manifest_without_fast_digests_is_checked_with_sha256(index):
    """Generations written before fast digests existed still open, and a flip in them is still caught."""
    root, gen = index
    manifest = json.loads((gen / "manifest.json").read_text())
    for entry in manifest["files"].values():
        del entry[integrity.FAST_DIGEST]
    del manifest[integrity.MANIFEST_CHECKSUM]
    (gen / "manifest.json").write_text(json.dumps(manifest))
    assert len(_open(root)) == 4
    _flip(gen / VECTORS, (gen / VECTORS).stat().st_size - 5)
    with pytest.raises(IndexCorruptError, match="vectors.npy checksum differs"):
        _open(root)


def test_counts_are_cross_checked_on_open_and_by_verify(index):
    """Even a manifest resealed with wrong counts (a buggy writer) does not open, and --verify says why."""
    root, gen = index
    _reseal(gen, lambda m: m["counts"].update(documents=999))
    with pytest.raises(IndexCorruptError, match="4 documents, the manifest says 999"):
        _open(root)
    problems = integrity.verify_generation(root, gen, generations.read_manifest(gen))
    assert problems and "999" in problems[0]


def test_verify_reads_chunk_text_against_documents(index):
    root, gen = index
    manifest = generations.read_manifest(gen)
    assert integrity.verify_generation(root, gen, manifest) == []
    con = sqlite3.connect(gen / DOCSTORE)
    con.execute("UPDATE chunks SET text = 'something else entirely' WHERE row = 1")
    con.commit()
    con.close()
    assert integrity.verify_generation(root, gen, manifest) == [f"{DOCSTORE} checksum differs"]
    _reseal(gen, lambda m: None)
    assert integrity.verify_generation(root, gen, generations.read_manifest(gen)) == [
        "1 chunks differ from their documents' text"]


def test_loaded_problems_names_each_disagreement():
    manifest = {"counts": {"documents": 2, "chunks": 3, "sentences": 5}, "embedder": {"dimension": 4}}
    good = dict(documents=2, chunks=3, orphan_chunks=0, vectors=np.zeros((3, 4), np.float32),
                sentence_ptr=np.array([0, 2, 4, 5]), sentence_spans=np.zeros((5, 2), np.int32),
                sentence_vectors=np.zeros((5, 4), np.float16), store_size=3, bm25_rows=3)
    assert integrity.loaded_problems(manifest, **good) == []
    bad = {
        "documents": 1, "chunks": 2, "orphan_chunks": 1, "store_size": 2, "bm25_rows": 4,
        "vectors": np.zeros((3, 5), np.float32), "sentence_ptr": np.array([0, 3, 2, 5]),
        "sentence_spans": np.zeros((5, 2), np.float32), "sentence_vectors": np.zeros((4, 4), np.float16),
    }
    for key, value in bad.items():
        assert integrity.loaded_problems(manifest, **{**good, key: value}), key
    assert integrity.loaded_problems(manifest, **{**good, "vectors": np.zeros((3, 4), np.int32)}) == [
        "the chunk vectors: int32 (3, 4), expected float (3, 4)"]


@pytest.mark.parametrize("pointer", [b"\xff\xfe\x00", b"", b"../../etc\n", b"g1\n", b"g000001\ng000002\n"])
def test_current_must_name_a_generation(index, pointer):
    root, _ = index
    (root / "CURRENT").write_bytes(pointer)
    with pytest.raises(IndexCorruptError) as info:
        generations.current_generation(root)
    assert "CURRENT" in info.value.message and "\n" not in info.value.message


def test_current_naming_a_missing_generation_is_damage(index):
    root, _ = index
    (root / "CURRENT").write_text("g000042\n")
    with pytest.raises(IndexCorruptError, match="g000042, which is missing"):
        _open(root)


def test_no_current_is_not_found_not_damage(tmp_path):
    assert generations.current_generation(tmp_path / "nothing") is None


def test_docstore_that_sqlite_cannot_read_is_damage(index):
    root, gen = index
    from qa.index import docstore

    (gen / DOCSTORE).write_bytes(b"not a database" * 100)
    with pytest.raises(IndexCorruptError, match=DOCSTORE):
        list(docstore.read_documents(gen))
    assert integrity.sqlite_problems(gen / DOCSTORE)


def test_ingest_repairs_derived_files_and_refuses_a_damaged_docstore(index):
    root, gen = index
    manifest = generations.read_manifest(gen)
    assert integrity.repairable_damage(root, gen, manifest) == []
    _flip(gen / VECTORS, (gen / VECTORS).stat().st_size - 5)
    assert integrity.repairable_damage(root, gen, manifest) == [f"{VECTORS} checksum differs"]
    _flip(gen / DOCSTORE, 100)
    with pytest.raises(IndexCorruptError, match=DOCSTORE):
        integrity.repairable_damage(root, gen, manifest)


def test_next_writer_clears_leftovers_of_killed_writers(index, settings, content):
    root, _ = index
    (root / ".CURRENT.tmp-99999").write_text("g000009\n")
    (root / "generations" / ".tmp-g000009-99999").mkdir()
    write_generation(root, settings, content)
    assert not list(root.glob(".CURRENT.tmp-*"))
    assert not list((root / "generations").glob(".tmp-*"))


def test_reader_retries_once_when_its_generation_is_pruned_while_it_loads(index, settings, monkeypatch):
    root, first = index
    real_load = reader_module._load
    calls = []

    def load_while_a_writer_switches(root_, name, gen_dir, *args, **kwargs):
        calls.append(name)
        if len(calls) == 1:  # a writer commits a new generation and prunes ours before we read it
            write_generation(root, settings.replace(keep_generations=0), make_content())
            assert not gen_dir.exists()
        return real_load(root_, name, gen_dir, *args, **kwargs)

    monkeypatch.setattr(reader_module, "_load", load_while_a_writer_switches)
    reader = _open(root)
    assert calls == [first.name, reader.generation] and reader.generation != first.name
    assert len(reader) == 4


def test_a_missing_file_of_the_live_generation_is_damage_not_a_retry(index):
    root, gen = index
    (gen / SENTENCE_VECTORS).unlink()
    with pytest.raises(IndexCorruptError, match=f"{SENTENCE_VECTORS} is missing"):
        _open(root)


def test_damage_message_is_one_line_and_bounded(tmp_path):
    error = integrity.damaged(tmp_path, "g000001", [f"file{i} checksum differs" for i in range(10)])
    assert "and 7 more" in error.message and "\n" not in error.message
    assert error.exit_code == 5 and "--rebuild" in error.hint


def test_seal_survives_the_json_round_trip():
    """What the writer seals is what a reader parses: tuples become lists, int keys strings."""
    sealed = integrity.seal({"chunking": {"sizes": (1, 2)}, "by_year": {2: "a", 10: "b"}})
    manifest, problems = integrity.parse_manifest(json.dumps(sealed).encode())
    assert problems == [] and manifest == sealed
